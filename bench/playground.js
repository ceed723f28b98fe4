// Playground benchmark: the browser playground's own `window.__shoulda.bench(granules, seconds,
// backend)` (eyeblink in the simulation Web Worker) in Debian's Chromium (headless, driven by
// playwright-core), served cross-origin isolated by `shoulda serve`. Builds the playground and
// the CLI first unless --no-build. Prints one JSON object: the machine, the load average before
// and after, and per (granules, backend) the best run's steps/s (progress on stderr) and the threads the kernel used.
//
//   node bench/playground.js [--sizes 100000,1000000] [--backends wasm,wasm-threads,ts]
//                            [--seconds 4] [--repeat 1] [--no-build] [--json FILE]
//
// A pair "N:backend" in --runs overrides sizes × backends (e.g. --runs 100000:ts,1000000:wasm).
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import os from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { chromium } from "playwright-core";
import { writeAtomic } from "./report.js";

const repo = join(dirname(fileURLToPath(import.meta.url)), "..");
const CHROMIUM = process.env.SHOULDA_CHROMIUM ?? "/usr/bin/chromium";

const { values: opts } = parseArgs({
  options: {
    sizes: { type: "string", default: "100000,1000000" },
    backends: { type: "string", default: "wasm,wasm-threads" },
    runs: { type: "string" },
    seconds: { type: "string", default: "4" },
    repeat: { type: "string", default: "1" },
    "no-build": { type: "boolean", default: false },
    json: { type: "string" },
  },
});

function runs() {
  if (opts.runs) {
    return opts.runs.split(",").map((r) => {
      const [n, backend] = r.split(":");
      if (!backend || !Number(n)) throw new Error(`--runs: "${r}" is not N:backend`);
      return { granules: Number(n), backend };
    });
  }
  const sizes = opts.sizes.split(",").map(Number);
  const backends = opts.backends.split(",");
  return sizes.flatMap((granules) => backends.map((backend) => ({ granules, backend })));
}

function run(cmd, args) {
  const r = spawnSync(cmd, args, { cwd: repo, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`${args.join(" ")} failed:\n${r.stdout}\n${r.stderr}`);
}

/** `shoulda serve --port 0` on the built playground; resolves with its URL and a stop(). */
function serve() {
  const child = spawn(process.execPath, ["bin/shoulda.js", "serve", "--port", "0", "--quiet"], {
    cwd: repo,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start:\n${output}`)), 15_000);
    const read = (chunk) => {
      output += String(chunk);
      const m = /at (http:\/\/\S+\/)/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve({ url: m[1], stop: () => child.kill("SIGTERM") });
      }
    };
    child.stdout.on("data", read);
    child.stderr.on("data", read);
    child.on("exit", (code) => reject(new Error(`serve exited (${code}):\n${output}`)));
  });
}

if (!existsSync(CHROMIUM))
  throw new Error(`Chromium not found at ${CHROMIUM} (set SHOULDA_CHROMIUM)`);
if (!opts["no-build"]) {
  run("npm", ["run", "build", "--silent"]);
  run(process.execPath, [
    "node_modules/vite/bin/vite.js",
    "build",
    "--config",
    "web/vite.config.ts",
    "--logLevel",
    "warn",
  ]);
}
const loadBefore = os.loadavg();
const server = await serve();
const browser = await chromium.launchPersistentContext(
  mkdtempSync(join(os.tmpdir(), "shoulda-bench-")),
  {
    executablePath: CHROMIUM,
    headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"],
  },
);
const results = [];
let userAgent = "";
try {
  const page = await browser.newPage();
  await page.goto(server.url);
  await page.waitForSelector("body[data-ready=true]", { timeout: 30_000 });
  userAgent = await page.evaluate(() => navigator.userAgent);
  const seconds = Number(opts.seconds);
  // Repeats interleaved (every run once, then again), so a busy moment hits all backends alike.
  const plan = runs();
  const best = new Map();
  for (let i = 0; i < Number(opts.repeat); i++) {
    for (const { granules, backend } of plan) {
      const r = await page.evaluate(
        ([n, s, b]) => window.__shoulda.bench(n, s, b),
        [granules, seconds, backend],
      );
      process.stderr.write(
        `${granules} ${backend}: ${Math.round(r.stepsPerSecond)} steps/s, ${r.kernel.mostThreads} thread(s)\n`,
      );
      const key = `${granules}:${backend}`;
      if (!best.has(key) || r.stepsPerSecond > best.get(key).stepsPerSecond) best.set(key, r);
    }
  }
  for (const { granules, backend } of plan) {
    const r = best.get(`${granules}:${backend}`);
    results.push({
      granules,
      backend: r.backend,
      stepsPerSecond: Math.round(r.stepsPerSecond),
      realTime: Math.round(r.stepsPerSecond * 5) / 1000, // eyeblink dt = 5 ms
      steps: r.steps,
      seconds: Math.round(r.seconds * 100) / 100,
      buildSeconds: Math.round(r.buildSeconds * 100) / 100,
      threads: r.kernel.threads,
      mostThreads: r.kernel.mostThreads,
      splitCalls: r.kernel.splitCalls,
      fallbackReason: r.kernel.fallbackReason,
    });
  }
} finally {
  await browser.close();
  server.stop();
}
const out = {
  browser: /Chrome\/[\d.]+/.exec(userAgent)?.[0] ?? userAgent,
  cpus: os.cpus().length,
  cpuModel: os.cpus()[0]?.model,
  loadBefore: loadBefore.map((x) => Math.round(x * 100) / 100),
  loadAfter: os.loadavg().map((x) => Math.round(x * 100) / 100),
  seconds: Number(opts.seconds),
  repeat: Number(opts.repeat),
  results,
};
const text = `${JSON.stringify(out, null, 2)}\n`;
if (opts.json) writeAtomic(opts.json, text);
process.stdout.write(text);
