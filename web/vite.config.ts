/**
 * The playground's build: `npm run playground` (dev server) and `npm run playground:build`
 * (static files in web/dist, relative paths, so any static server or `shoulda serve` works).
 * The library is imported from ../src directly; the simulation runs in a module worker.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

const root = fileURLToPath(new URL(".", import.meta.url));
const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as {
  version: string;
};

/** Cross-origin isolation lets the page pause a blocked worker through shared memory. */
const headers = {
  "Cross-Origin-Opener-Policy": "same-origin",
  "Cross-Origin-Embedder-Policy": "require-corp",
};

export default defineConfig({
  root,
  base: "./",
  publicDir: false,
  define: { __SHOULDA_VERSION__: JSON.stringify(pkg.version) },
  // src/gpu/device.ts loads the Node package `webgpu` (Dawn) only outside a browser; keep it out
  // of the bundle (rolldown folds its variable specifier and would bundle the native loader).
  worker: { format: "es", rolldownOptions: { external: ["webgpu"] } },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2022",
    chunkSizeWarningLimit: 4096,
    reportCompressedSize: false,
  },
  server: { headers, fs: { allow: [fileURLToPath(new URL("..", import.meta.url))] } },
  preview: { headers },
});
