// The playground's WebGPU speed test and GPU-vs-CPU check in Debian's Chromium: builds the
// playground into a temp folder, serves it with `shoulda serve`, opens it in headless Chromium
// with --enable-unsafe-webgpu (on a machine without a GPU: Chromium's SwiftShader adapter, Vulkan
// on the CPU) and runs, in the playground's worker through navigator.gpu, the check at 2,000
// cells and then `__shoulda.bench(N, seconds, "webgpu")` for each size: the GPU engine on the
// workload of bench/workload.js. Prints one JSON line per result. Needs dist/ (npm run build).
//
//   node bench/webgpu_browser.js [--sizes 10000,100000] [--seconds 8] [--flags "…"]
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { chromium } from "playwright-core";

const repo = resolve(fileURLToPath(new URL("..", import.meta.url)));
const { values: opts } = parseArgs({
  options: {
    sizes: { type: "string", default: "10000,100000" },
    seconds: { type: "string", default: "8" },
    flags: { type: "string", default: "--enable-unsafe-webgpu" },
  },
});
const sizes = opts.sizes.split(",").map(Number);
const seconds = Number(opts.seconds);

const root = mkdtempSync(join(tmpdir(), "shoulda-playground-"));
const vite = join(repo, "node_modules", "vite", "bin", "vite.js");
const built = spawnSync(
  process.execPath,
  [vite, "build", "--config", "web/vite.config.ts", "--logLevel", "warn", "--outDir", root],
  { cwd: repo, encoding: "utf8" },
);
if (built.status !== 0) throw new Error(`playground build failed:\n${built.stderr}`);

const server = spawn(
  process.execPath,
  [join(repo, "bin", "shoulda.js"), "serve", "--port", "0", "--quiet", "--root", root],
  { cwd: repo, stdio: ["ignore", "pipe", "pipe"] },
);
const url = await new Promise((ok, fail) => {
  let output = "";
  const read = (chunk) => {
    output += String(chunk);
    const m = /at (http:\/\/\S+\/)/.exec(output);
    if (m) ok(m[1]);
  };
  server.stdout.on("data", read);
  server.stderr.on("data", read);
  server.on("exit", (code) => fail(new Error(`shoulda serve exited (${code}):\n${output}`)));
});

const profile = mkdtempSync(join(tmpdir(), "chromium-"));
const browser = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.SHOULDA_CHROMIUM ?? "/usr/bin/chromium",
  headless: true,
  args: ["--headless", "--no-sandbox", "--disable-gpu", ...opts.flags.split(/\s+/).filter(Boolean)],
});
try {
  const page = await browser.newPage();
  await page.goto(url);
  await page.waitForSelector("body[data-ready=true]", { timeout: 20_000 });
  const version = browser.browser()?.version() ?? "chromium";
  const check = await page.evaluate(() => window.__shoulda.gpuCheck(2000, 200));
  console.log(JSON.stringify({ browser: version, ...check, type: undefined }));
  if (check.unavailable) process.exitCode = 3;
  else if (check.result.check !== "pass") process.exitCode = 1;
  else {
    for (const n of sizes) {
      const r = await page.evaluate(
        ([n, s]) => window.__shoulda.bench(n, s, "webgpu"),
        [n, seconds],
      );
      console.log(JSON.stringify({ browser: version, ...r, type: undefined }));
    }
  }
} finally {
  await browser.close();
  server.kill();
  for (const dir of [root, profile]) rmSync(dir, { recursive: true, force: true });
}
