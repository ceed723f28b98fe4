/**
 * The playground in Debian's Chromium, served by `shoulda serve`: a user opens it, sets a small
 * eyeblink run, steps, plays, pauses and finishes it, and the CR in the plotted data peaks near
 * the ISI; a Node run of the exported config gives the same trials; a changed ISI moves the
 * peak; config export → import round-trips, and so does the share link; a screenshot and the
 * speed at 100k granule cells are saved to test-artifacts/.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getParadigm, listParadigms } from "../../src/paradigms/registry.js";
import { artifactsDir, buildPlayground, launchBrowser, type Served, serve } from "./browser.js";

/** Small, quick settings: 500 granule cells, 100 trials with 10 % CS-alone probes. */
const design = (isi: number) =>
  `acquisition: 90 T+(isi=${isi}, usdur=100, iti=1500, jitter=500) / 10 T-(isi=${isi}, usdur=100, iti=1500, jitter=500)`;

interface Block {
  first: number;
  last: number;
  n: number;
  eyelid: number[];
  peakLatencyMs: number | null;
}
interface Plot {
  trials: number;
  profile: { csOnsetMs: number; isiMs: number | null; dtMs: number; blocks: Block[] } | null;
  acquisition: { x: number[]; crPercent: number[] };
  stepsPerSecond: number | null;
}

/** The parts of a resolved eyeblink config the tests read. */
interface Resolved {
  model?: { granule?: { count?: number } };
  experiment?: { phases?: { trials?: number; trialTypes?: { us?: { onsetMs?: number }[] }[] }[] };
  [key: string]: unknown;
}

type Api = {
  state(): string;
  input(): { paradigm: string; set: Record<string, unknown>; experiment?: string };
  resolved(): Resolved | undefined;
  plot(): Plot | undefined;
  progress(): { done: number; total: number };
  results():
    | { summary: Record<string, unknown>; files: { name: string; data: string }[]; final: boolean }
    | undefined;
  curves():
    | {
        samples: number;
        panels: { title: string; series: Record<string, { x: number[]; y: number[] }> }[];
      }
    | undefined;
  bench(
    granules: number,
    seconds: number,
  ): Promise<{ stepsPerSecond: number; steps: number; seconds: number; buildSeconds: number }>;
};
declare const window: { __shoulda: Api };

/** Peak of the mean CR profile over the last `blocks` blocks, in ms from CS onset. */
function latePeak(plot: Plot, blocks = 3): { latencyMs: number; value: number; isiMs: number } {
  const p = plot.profile;
  if (!p || p.isiMs === null) throw new Error("no profile plotted");
  const late = p.blocks.slice(-blocks);
  const n = late.reduce((s, b) => s + b.n, 0);
  const mean = late[0].eyelid.map((_, i) => late.reduce((s, b) => s + b.eyelid[i] * b.n, 0) / n);
  const from = Math.round((p.csOnsetMs + 50) / p.dtMs);
  let at = from;
  for (let i = from; i < mean.length; i++) if (mean[i] > mean[at]) at = i;
  return { latencyMs: at * p.dtMs - p.csOnsetMs, value: mean[at], isiMs: p.isiMs };
}

let server: Served;
let browser: BrowserContext;
let browserError: Error | undefined;
const pageErrors: string[] = [];

async function open(url: string): Promise<Page> {
  if (browserError) throw browserError;
  const page = await browser.newPage();
  page.on("pageerror", (e) => pageErrors.push(e.message));
  page.on("console", (m) => {
    if (m.type() === "error") pageErrors.push(m.text());
  });
  await page.goto(url);
  await page.waitForSelector("body[data-ready=true]", { timeout: 20_000 });
  return page;
}

async function setExperiment(page: Page, text: string): Promise<void> {
  await page.fill("#experiment", text);
  await page.dispatchEvent("#experiment", "change");
}

async function runToEnd(page: Page): Promise<Plot> {
  await page.click("#start");
  await page.waitForFunction(() => window.__shoulda.state() === "finished", null, {
    timeout: 45_000,
  });
  return (await page.evaluate(() => window.__shoulda.plot())) as Plot;
}

let root = "";

beforeAll(async () => {
  // Its own build folder, as the other browser tests: vitest runs two files at once, and
  // web/dist is what test/package/pack.test.ts packs.
  root = mkdtempSync(join(tmpdir(), "shoulda-playground-"));
  buildPlayground(root);
  server = await serve(["--root", root]);
  // A missing Chromium fails every browser test (below), rather than skipping them.
  try {
    browser = await launchBrowser();
  } catch (e) {
    browserError = e instanceof Error ? e : new Error(String(e));
  }
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (root) rmSync(root, { recursive: true, force: true });
});

describe("playground in Chromium", () => {
  let configPath = "";
  let sharedUrl = "";
  let exported: Record<string, unknown> = {};
  let peak500 = 0;
  let browserTrials = "";

  it("is served by `shoulda serve` on loopback only", () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
  });

  it("runs eyeblink step by step and live, and the CR peaks near the ISI", async () => {
    const page = await open(server.url);
    expect(await page.evaluate(() => window.__shoulda.input().paradigm)).toBe("eyeblink");
    // Every registered paradigm is offered.
    const offered = await page.$$eval("#paradigm option", (os) =>
      os.map((o) => o.getAttribute("value")),
    );
    expect(offered).toEqual(listParadigms().map((p) => p.info.id));

    // Change a model parameter through the generated form (as a user: open the groups).
    await page.click('details[data-group="model"] > summary');
    await page.click('details[data-group="model.granule"] > summary');
    await page.fill("#f-model_granule_count", "500");
    await page.dispatchEvent("#f-model_granule_count", "change");
    await setExperiment(page, design(500));
    await page.waitForFunction(
      () => {
        const r = window.__shoulda.resolved();
        return r?.model?.granule?.count === 500 && r?.experiment?.phases?.[0]?.trials === 100;
      },
      null,
      { timeout: 10_000 },
    );
    expect(await page.getAttribute('.field[data-path="model.granule.count"]', "class")).toContain(
      "changed",
    );
    sharedUrl = page.url();
    expect(sharedUrl).toMatch(/#c=[zj]\./);

    // Single step: exactly one trial, then paused.
    await page.click("#step");
    await page.waitForFunction(
      () => window.__shoulda.plot()?.trials === 1 && window.__shoulda.state() === "paused",
    );
    // Play, pause (nothing moves while paused), resume to the end.
    await page.click("#start");
    await page.waitForFunction(() => (window.__shoulda.plot()?.trials ?? 0) >= 15, null, {
      timeout: 30_000,
    });
    // A glyph every font has (⏸ drew a missing-glyph box). Pause at once: a slow check here
    // (a screenshot on a loaded machine) could outlast the rest of the run.
    expect(await page.textContent("#start")).toBe("‖ Pause");
    await page.click("#start");
    await page.waitForFunction(() => window.__shoulda.state() === "paused");
    // A sidebar nothing overflows.
    expect(
      await page.locator("aside").evaluate((aside) => {
        const box = aside as unknown as { scrollWidth: number; clientWidth: number };
        return box.scrollWidth - box.clientWidth;
      }),
    ).toBeLessThanOrEqual(0);
    await page.locator("aside").screenshot({ path: join(artifactsDir(), "sidebar.png") });
    const held = await page.evaluate(() => window.__shoulda.plot()?.trials);
    await page.waitForTimeout(400);
    expect(await page.evaluate(() => window.__shoulda.plot()?.trials)).toBe(held);
    expect(held).toBeLessThan(100);
    const plot = await runToEnd(page);

    expect(plot.trials).toBe(100);
    expect(plot.stepsPerSecond).toBeGreaterThan(0);
    // Learning: CRs on most late trials, few early.
    expect(plot.acquisition.crPercent[0]).toBeLessThanOrEqual(20);
    expect(plot.acquisition.crPercent.at(-1)).toBeGreaterThanOrEqual(50);
    // Timing: the late CR profile peaks near the US (ISI = 500 ms after CS onset).
    const peak = latePeak(plot);
    peak500 = peak.latencyMs;
    expect(peak.isiMs).toBe(500);
    expect(Math.abs(peak.latencyMs - 500)).toBeLessThanOrEqual(100);
    expect(peak.value).toBeGreaterThan(0.05);
    // The plotted SVG carries the same numbers.
    expect(await page.getAttribute("#plot-profile svg", "data-isi-ms")).toBe("500");

    // Results: summary.json and the rest, as the CLI writes them.
    await page.waitForSelector('#files a[data-file="summary.json"]');
    const files = await page.$$eval("#files a[data-file]", (as) =>
      as.map((a) => a.getAttribute("data-file")),
    );
    expect(files).toEqual(
      expect.arrayContaining([
        "config.json",
        "summary.json",
        "trials.csv",
        "profiles.csv",
        "report.html",
      ]),
    );
    const [summaryDl] = await Promise.all([
      page.waitForEvent("download"),
      page.click('#files a[data-file="summary.json"]'),
    ]);
    const summary = JSON.parse(readFileSync((await summaryDl.path()) as string, "utf8"));
    expect(summary).toMatchObject({ paradigm: "eyeblink", seed: 1, trials: 100, complete: true });
    expect(await page.locator("#report-plots svg").count()).toBe(4);

    // Export the config (the resolved config.json a CLI run would write).
    const [configDl] = await Promise.all([
      page.waitForEvent("download"),
      page.click("#export-config"),
    ]);
    configPath = join(artifactsDir(), "playground-config.json");
    await configDl.saveAs(configPath);
    exported = JSON.parse(readFileSync(configPath, "utf8"));
    expect(exported).toMatchObject({ paradigm: "eyeblink", model: { granule: { count: 500 } } });

    await page.screenshot({ path: join(artifactsDir(), "playground.png"), fullPage: true });
    const [trialsDl] = await Promise.all([
      page.waitForEvent("download"),
      page.click('#files a[data-file="trials.csv"]'),
    ]);
    browserTrials = readFileSync((await trialsDl.path()) as string, "utf8");
    await page.close();
  });

  it("runs the same library as the CLI: the exported config gives identical results in Node", async () => {
    if (browserError) throw browserError;
    expect(browserTrials, "the browser run above did not complete").not.toBe("");
    const paradigm = getParadigm("eyeblink");
    const out = await paradigm.run(paradigm.resolve(exported));
    expect(out.files.find((f) => f.name === "trials.csv")?.data).toBe(browserTrials);
  });

  it("changing the ISI moves the learned CR", async () => {
    const page = await open(sharedUrl);
    // The share link restored the settings.
    expect(await page.evaluate(() => window.__shoulda.input().set)).toEqual({
      "model.granule.count": 500,
    });
    expect(await page.inputValue("#experiment")).toBe(design(500));
    await setExperiment(page, design(250));
    await page.waitForFunction(
      () =>
        window.__shoulda.resolved()?.experiment?.phases?.[0]?.trialTypes?.[0]?.us?.[0]?.onsetMs ===
        500,
    );
    const plot = await runToEnd(page);
    const peak = latePeak(plot);
    expect(peak.isiMs).toBe(250);
    expect(Math.abs(peak.latencyMs - 250)).toBeLessThanOrEqual(100);
    expect(peak500 - peak.latencyMs).toBeGreaterThanOrEqual(150);
    await page.close();
  });

  it("re-imports an exported config", async () => {
    const page = await open(server.url.replace(/#.*$/, ""));
    expect(await page.evaluate(() => window.__shoulda.resolved()?.model?.granule?.count)).not.toBe(
      500,
    );
    await page.setInputFiles("#import", configPath);
    await page.waitForFunction(
      () => window.__shoulda.resolved()?.model?.granule?.count === 500,
      null,
      { timeout: 10_000 },
    );
    expect(await page.evaluate(() => window.__shoulda.input().set)).toEqual({
      "model.granule.count": 500,
    });
    expect(await page.inputValue("#f-model_granule_count")).toBe("500");
    expect(await page.evaluate(() => window.__shoulda.resolved())).toEqual(exported);
    await page.close();
  });

  it("measures steps per second at 100k granule cells", async () => {
    const page = await open(server.url);
    const r = await page.evaluate(() => window.__shoulda.bench(100_000, 4));
    writeFileSync(
      join(artifactsDir(), "bench-100k.json"),
      `${JSON.stringify({ granules: 100_000, ...r, browser: browser.browser()?.version() ?? "chromium" }, null, 2)}\n`,
    );
    console.log(
      `playground eyeblink at 100k granule cells: ${Math.round(r.stepsPerSecond)} steps/s`,
    );
    expect(r.steps).toBeGreaterThan(0);
    expect(r.stepsPerSecond).toBeGreaterThan(20);
    await page.close();
  });

  it("draws live learning curves for a paradigm that runs as one unit (fear)", async () => {
    const page = await open(server.url.replace(/#.*$/, ""));
    await page.selectOption("#paradigm", "fear");
    await page.waitForFunction(() => window.__shoulda.resolved()?.paradigm === "fear", null, {
      timeout: 10_000,
    });
    // One step runs one trial: its point is drawn while the run waits, not at the end.
    await page.click("#step");
    await page.waitForFunction(
      () => window.__shoulda.curves()?.samples === 1 && window.__shoulda.state() === "paused",
      null,
      { timeout: 30_000 },
    );
    const panel = '#live figure[data-panel="Freezing per trial"]';
    await page.waitForSelector(`${panel} svg circle`, { state: "attached" });
    await page.click("#start");
    await page.waitForFunction(() => window.__shoulda.state() === "finished", null, {
      timeout: 60_000,
    });
    const curves = await page.evaluate(() => window.__shoulda.curves());
    const results = await page.evaluate(() => window.__shoulda.results());
    const csv = results?.files.find((f) => f.name === "trials.csv")?.data ?? "";
    const rows = csv.trim().split("\n").slice(1);
    expect(curves?.samples).toBe(rows.length);
    const pre = curves?.panels[0].series["pre-CS"];
    expect(pre?.x).toEqual(rows.map((_, i) => i + 1));
    // The drawn freezing is the freezing the run wrote (CSV: 10 significant digits).
    const col = csv.split("\n")[0].split(",").indexOf("preFreezing");
    expect(pre?.y.map((v) => Number(v.toPrecision(10)))).toEqual(
      rows.map((r) => {
        const cell = r.split(",")[col];
        return cell === "" ? Number.NaN : Number(cell);
      }),
    );
    await page.locator("#live").screenshot({ path: join(artifactsDir(), "curves-fear.png") });
    await page.close();
  });

  it("draws a filter paradigm's training curve live, block by block (dcn)", async () => {
    // A tiny dcn through a share link: 4 s of training (10 blocks), 300 granule cells.
    const set = {
      "protocol.trainS": 4,
      "protocol.testS": 2,
      "protocol.deafS": 0,
      "protocol.pairingPretrainS": 1,
      "protocol.pairingBlocks": 2,
      "protocol.pairingBlockS": 1,
      "protocol.probeS": 1,
      "model.granule.count": 300,
    };
    const code = Buffer.from(JSON.stringify({ paradigm: "dcn", set })).toString("base64url");
    const page = await open(`${server.url.replace(/#.*$/, "")}#c=j.${code}`);
    await page.waitForFunction(() => window.__shoulda.resolved()?.paradigm === "dcn", null, {
      timeout: 10_000,
    });
    // One step is the main experiment (one checkpoint unit): the granule filter's ten training
    // blocks and then NLMS's ten are drawn while the run waits.
    await page.click("#step");
    await page.waitForFunction(
      () => window.__shoulda.curves()?.samples === 20 && window.__shoulda.state() === "paused",
      null,
      { timeout: 30_000 },
    );
    const panel = '#live figure[data-panel="Self-generated sounds cancelled over training"]';
    await page.waitForSelector(`${panel} svg circle`, { state: "attached" });
    await page.click("#start");
    await page.waitForFunction(() => window.__shoulda.state() === "finished", null, {
      timeout: 60_000,
    });
    const curves = await page.evaluate(() => window.__shoulda.curves());
    const results = await page.evaluate(() => window.__shoulda.results());
    const csv = results?.files.find((f) => f.name === "cancellation-over-time.csv")?.data ?? "";
    const [head, ...rows] = csv.trim().split("\n");
    const column = (name: string) => {
      const k = head.split(",").indexOf(name);
      return rows.map((r) => {
        const cell = r.split(",")[k];
        return cell === "" ? Number.NaN : Number(cell);
      });
    };
    const series = curves?.panels[0].series ?? {};
    // As written to the CSV: 10 significant digits.
    const digits = (v: number[] | undefined) => v?.map((x) => Number(x.toPrecision(10)));
    const drawn = (name: string) => digits(series[name]?.y);
    expect(curves?.samples).toBe(2 * rows.length);
    expect(digits(series["granule filter: lick"]?.x)).toEqual(column("timeS"));
    expect(drawn("granule filter: lick")).toEqual(column("filterLickDb"));
    expect(drawn("NLMS: lick")).toEqual(column("nlmsLickDb"));
    await page.locator("#live").screenshot({ path: join(artifactsDir(), "curves-dcn.png") });
    await page.close();
  });

  it("raised no page errors", () => {
    if (browserError) throw browserError;
    expect(pageErrors).toEqual([]);
  });
});
