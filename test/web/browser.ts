/**
 * Helpers for the browser tests: Debian's Chromium driven by playwright-core (no browser
 * download), the playground built with Vite, and `shoulda serve` started as a real process.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { type BrowserContext, chromium } from "playwright-core";

export const REPO = resolve(fileURLToPath(new URL("../..", import.meta.url)));
export const ARTIFACTS = join(REPO, "test-artifacts");
export const CHROMIUM = process.env.SHOULDA_CHROMIUM ?? "/usr/bin/chromium";
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** Fails (never skips) when Chromium is missing: CI installs it in .ci/run. */
export function requireChromium(): string {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM}: the browser tests need it ` +
        "(apt-get install -y chromium; .ci/run installs it), or set SHOULDA_CHROMIUM.",
    );
  }
  return CHROMIUM;
}

/** A fresh browser profile in a temp folder, downloads allowed. */
export async function launchBrowser(): Promise<BrowserContext> {
  const profile = mkdtempSync(join(tmpdir(), "shoulda-chromium-"));
  return chromium.launchPersistentContext(profile, {
    executablePath: requireChromium(),
    headless: true,
    args: CHROMIUM_ARGS,
    acceptDownloads: true,
    viewport: { width: 1280, height: 900 },
  });
}

/**
 * `npm run playground:build` without the type check (that is `npm run typecheck`'s job), into
 * web/dist or `outDir` (test files run in parallel: each that builds needs its own folder).
 */
export function buildPlayground(outDir?: string): void {
  const vite = join(REPO, "node_modules", "vite", "bin", "vite.js");
  const out = outDir ? ["--outDir", outDir, "--emptyOutDir"] : [];
  const r = spawnSync(
    process.execPath,
    [vite, "build", "--config", "web/vite.config.ts", "--logLevel", "warn", ...out],
    {
      cwd: REPO,
      encoding: "utf8",
    },
  );
  if (r.status !== 0) throw new Error(`playground build failed:\n${r.stdout}\n${r.stderr}`);
}

export interface Served {
  url: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/** Starts `shoulda serve --port 0` (the compiled CLI) and waits for its URL. */
export async function serve(extra: string[] = []): Promise<Served> {
  if (!existsSync(join(REPO, "dist", "cli", "serve.js"))) {
    throw new Error("dist/cli/serve.js is missing: run `npm run build` first (npm test does)");
  }
  const child = spawn(
    process.execPath,
    [join(REPO, "bin", "shoulda.js"), "serve", "--port", "0", "--quiet", ...extra],
    {
      cwd: REPO,
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let output = "";
  const url = await new Promise<string>((ok, fail) => {
    const timer = setTimeout(
      () => fail(new Error(`shoulda serve did not start:\n${output}`)),
      15_000,
    );
    const read = (chunk: Buffer) => {
      output += String(chunk);
      const m = /at (http:\/\/\S+\/)/.exec(output);
      if (m) {
        clearTimeout(timer);
        ok(m[1]);
      }
    };
    child.stdout?.on("data", read);
    child.stderr?.on("data", read);
    child.on("exit", (code) => fail(new Error(`shoulda serve exited (${code}):\n${output}`)));
  });
  return {
    url,
    process: child,
    stop: () =>
      new Promise<void>((ok) => {
        if (child.exitCode !== null) return ok();
        child.once("exit", () => ok());
        child.kill("SIGTERM");
      }),
  };
}

export function artifactsDir(): string {
  mkdirSync(ARTIFACTS, { recursive: true });
  return ARTIFACTS;
}
