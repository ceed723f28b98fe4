/**
 * The wasm-threads backend in Chromium: in the playground (cross-origin isolated, served by
 * `shoulda serve`) its helper Web Workers really run, an eyeblink run on them gives the same
 * trials, bit for bit, as `wasm`, and the speed test reports the threads it used; on a page that
 * is not cross-origin isolated it falls back to one thread and says why.
 */
import { mkdtempSync, readFileSync, realpathSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lookup, mimeType } from "../../src/cli/serve.js";
import { buildPlayground, launchBrowser, type Served, serve } from "./browser.js";

/** 30,000 cells: above minCells (20,000), so the granule drive is split between threads. */
const GRANULES = 30_000;
const DESIGN =
  "acquisition: 36 T+(isi=300, usdur=50, iti=400, jitter=100) / 4 T-(isi=300, usdur=50, iti=400, jitter=100)";

interface Usage {
  threads: number;
  readyHelpers: number;
  splitCalls: number;
  mostThreads: number;
  fallbackReason: string | null;
}
interface BenchResult {
  steps: number;
  stepsPerSecond: number;
  backend: string;
  kernel: Usage;
}
interface Api {
  state(): string;
  resolved(): { backend?: string; model?: { granule?: { count?: number } } } | undefined;
  results(): { files: { name: string; data: string }[]; final: boolean } | undefined;
  kernel(): { backend: string; usage: Usage } | undefined;
  bench(granules: number, seconds: number, backend?: string): Promise<BenchResult>;
}
/** Each trial's per-step outputs as the run worker posted them (see the init script). */
interface Trial {
  index: number;
  eyelid: number[];
  pause: number[];
  error: number[];
}
declare const window: { __shoulda: Api; __trials: Trial[]; crossOriginIsolated: boolean };
declare const navigator: { hardwareConcurrency: number };

/** A test hook, page-side: keeps a copy of every trial message a worker posts to the page. */
const RECORD_TRIALS = `
  window.__trials = [];
  const Native = window.Worker;
  window.Worker = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener("message", (e) => {
        const m = e.data;
        if (m && m.type === "trial")
          window.__trials.push({
            index: m.index,
            eyelid: Array.from(m.eyelid),
            pause: Array.from(m.pause),
            error: Array.from(m.error),
          });
      });
    }
  };
`;

/** The share-link form of a playground input (`#c=j.` + base64url JSON, see web/src/share.ts). */
function link(base: string, backend: string): string {
  const input = {
    paradigm: "eyeblink",
    set: { "model.granule.count": GRANULES, backend },
    experiment: DESIGN,
  };
  return `${base}#c=j.${Buffer.from(JSON.stringify(input)).toString("base64url")}`;
}

let dist: string;
let isolated: Served;
let plain: Server;
let plainUrl: string;
let browser: BrowserContext;
const pageErrors: string[] = [];

async function open(url: string): Promise<Page> {
  const page = await browser.newPage();
  page.on("pageerror", (e) => pageErrors.push(e.message));
  page.on("console", (m) => {
    if (m.type() === "error") pageErrors.push(m.text());
  });
  await page.addInitScript(RECORD_TRIALS);
  await page.goto(url);
  await page.waitForSelector("body[data-ready=true]", { timeout: 20_000 });
  return page;
}

/** Runs the linked eyeblink config to the end; returns its trials, files and kernel usage. */
async function runWith(backend: string) {
  const page = await open(link(isolated.url, backend));
  await page.waitForFunction(
    ([n, b]) => {
      const r = window.__shoulda.resolved();
      return r?.model?.granule?.count === n && r?.backend === b;
    },
    [GRANULES, backend] as const,
    { timeout: 10_000 },
  );
  await page.click("#start");
  await page.waitForFunction(() => window.__shoulda.results()?.final === true, null, {
    timeout: 60_000,
  });
  const trials = await page.evaluate(() => window.__trials);
  const files = (await page.evaluate(() => window.__shoulda.results()))?.files ?? [];
  const kernel = await page.evaluate(() => window.__shoulda.kernel());
  const status = await page.textContent("#status");
  const cores = await page.evaluate(() => navigator.hardwareConcurrency);
  await page.close();
  const file = (name: string) => files.find((f) => f.name === name)?.data;
  return {
    trials,
    trialsCsv: file("trials.csv"),
    profilesCsv: file("profiles.csv"),
    kernel,
    status,
    cores,
  };
}

beforeAll(async () => {
  // Its own build folder: vitest runs two files at once (test/web/playground.test.ts builds too).
  dist = realpathSync(mkdtempSync(join(tmpdir(), "shoulda-threads-dist-")));
  buildPlayground(dist);
  isolated = await serve(["--root", dist]);
  // The same files without COOP/COEP headers: a page that is not cross-origin isolated.
  plain = createServer(async (req, res) => {
    const found = await lookup(dist, req.url ?? "/");
    if (found.status !== 200) {
      res.writeHead(found.status).end();
      return;
    }
    res.writeHead(200, { "Content-Type": mimeType(found.file) }).end(readFileSync(found.file));
  });
  await new Promise<void>((ok) => plain.listen(0, "127.0.0.1", ok));
  plainUrl = `http://127.0.0.1:${(plain.address() as AddressInfo).port}/`;
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await isolated?.stop();
  await new Promise((ok) => plain?.close(ok));
});

describe("wasm-threads in Chromium", () => {
  it("runs eyeblink on Web Worker helpers with the same trials, bit for bit, as wasm", async () => {
    const one = await runWith("wasm");
    const many = await runWith("wasm-threads");
    expect(many.cores, "this test needs a browser with at least 2 cores").toBeGreaterThanOrEqual(2);

    // The threads really ran: helpers started and drive calls were split between them.
    expect(one.kernel?.usage.threads).toBe(1);
    expect(many.kernel?.backend).toBe("wasm-threads");
    const usage = many.kernel?.usage;
    expect(usage?.fallbackReason).toBeNull();
    expect(usage?.threads).toBe(Math.min(8, many.cores));
    expect(usage?.readyHelpers).toBe(Math.min(8, many.cores) - 1);
    expect(usage?.splitCalls).toBeGreaterThan(0);
    expect(usage?.mostThreads).toBeGreaterThanOrEqual(2);
    expect(many.status).toMatch(/wasm-threads, \d+ of \d+ threads used/);

    // Same trials: every step's eyelid, Purkinje pause and error, and the written files.
    expect(one.trials.length).toBe(40);
    expect(many.trials.map((t) => t.index)).toEqual(one.trials.map((t) => t.index));
    for (let i = 0; i < one.trials.length; i++) {
      expect(many.trials[i], `trial ${i}`).toEqual(one.trials[i]);
    }
    expect(one.trialsCsv).toBeTruthy();
    expect(many.trialsCsv).toBe(one.trialsCsv);
    expect(many.profilesCsv).toBe(one.profilesCsv);
    // The run learned something, so the comparison covers changing weights.
    expect(one.trialsCsv).toMatch(/,true,/);
  });

  it("the speed test reports the backend and the threads it ran on", async () => {
    const page = await open(isolated.url);
    expect(await page.evaluate(() => window.crossOriginIsolated)).toBe(true);
    const r = await page.evaluate((n) => window.__shoulda.bench(n, 1, "wasm-threads"), GRANULES);
    expect(r.backend).toBe("wasm-threads");
    expect(r.steps).toBeGreaterThan(0);
    expect(r.kernel.fallbackReason).toBeNull();
    expect(r.kernel.mostThreads).toBeGreaterThanOrEqual(2);
    expect(r.kernel.splitCalls).toBeGreaterThan(0);
    const w = await page.evaluate((n) => window.__shoulda.bench(n, 0.5, "wasm"), GRANULES);
    expect(w.backend).toBe("wasm");
    expect(w.kernel.threads).toBe(1);
    await page.close();
  });

  it("falls back to one thread, saying why, on a page that is not cross-origin isolated", async () => {
    const page = await open(plainUrl);
    expect(await page.evaluate(() => window.crossOriginIsolated)).toBe(false);
    const r = await page.evaluate((n) => window.__shoulda.bench(n, 0.5, "wasm-threads"), GRANULES);
    expect(r.steps).toBeGreaterThan(0);
    expect(r.kernel.threads).toBe(1);
    expect(r.kernel.mostThreads).toBe(1);
    expect(r.kernel.splitCalls).toBe(0);
    expect(r.kernel.fallbackReason).toMatch(/not cross-origin isolated/);
    await page.close();
  });

  it("raised no page errors", () => {
    expect(pageErrors).toEqual([]);
  });
});
