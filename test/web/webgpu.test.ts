/**
 * The playground's WebGPU path in Debian's Chromium, served by `shoulda serve`. With
 * --enable-unsafe-webgpu, Chromium gives the worker's `navigator.gpu` its SwiftShader adapter
 * (Vulkan on the CPU) on a machine without a GPU: the in-browser check then runs the GPU engine
 * and the CPU reference engine on the same seed at 2,000 cells and must agree within the
 * tolerance of bench/gpu_check.js (src/gpu/check.ts; docs/gpu.md); the WebGPU speed test must
 * take steps. Where no adapter can be had, those tests skip with the reason (SHOULDA_WEBGPU=off
 * forces that). Without the flag,
 * the page must say WebGPU is unavailable instead of breaking.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Cerebellum } from "../../src/brain/cerebellum.js";
import {
  CHECK_Z_TOLERANCE,
  checkSpec,
  checkStream,
  type GpuCheckResult,
} from "../../src/gpu/check.js";
import { buildPlayground, launchBrowser, type Served, serve, WEBGPU_ARGS } from "./browser.js";

const N = 2000;
const STEPS = 200;

interface CheckReply {
  steps: number;
  unavailable?: string;
  result?: GpuCheckResult;
}
interface BenchReply {
  steps: number;
  stepsPerSecond: number;
  workload: string;
  adapter?: string;
  deviceMode?: string;
  unavailable?: string;
}
type Api = {
  gpuCheck(granules: number, steps: number): Promise<CheckReply>;
  bench(granules: number, seconds: number, backend?: string): Promise<BenchReply>;
};
declare const window: { __shoulda: Api };

let server: Served;
let root = "";
const browsers: BrowserContext[] = [];
const pageErrors: string[] = [];

async function open(extraArgs: string[]): Promise<Page> {
  const browser = await launchBrowser(extraArgs);
  browsers.push(browser);
  const page = await browser.newPage();
  page.on("pageerror", (e) => pageErrors.push(e.message));
  await page.goto(server.url);
  await page.waitForSelector("body[data-ready=true]", { timeout: 20_000 });
  return page;
}

beforeAll(async () => {
  // Its own build folder: vitest runs two files at once (test/web/playground.test.ts builds too).
  root = mkdtempSync(join(tmpdir(), "shoulda-playground-"));
  buildPlayground(root);
  server = await serve(["--root", root]);
});

afterAll(async () => {
  for (const b of browsers) await b.close();
  await server?.stop();
  if (root) rmSync(root, { recursive: true, force: true });
});

describe("WebGPU in the playground", () => {
  let page: Page;
  let check: CheckReply;

  beforeAll(async () => {
    // SHOULDA_WEBGPU=off (as for test/gpu) leaves the flag out, to check the skip path.
    page = await open(process.env.SHOULDA_WEBGPU === "off" ? [] : WEBGPU_ARGS);
    check = await page.evaluate(([n, s]) => window.__shoulda.gpuCheck(n, s), [N, STEPS]);
    if (check.unavailable) console.warn(`WebGPU browser tests skipped: ${check.unavailable}`);
  });

  it("runs the GPU engine in the worker and agrees with the CPU reference", (ctx) => {
    if (check.unavailable) ctx.skip(`no WebGPU adapter in Chromium: ${check.unavailable}`);
    const r = check.result;
    if (!r) throw new Error(`no result: ${JSON.stringify(check)}`);
    expect(r.adapter).not.toBe("");
    expect(["hardware", "software"]).toContain(r.deviceMode);
    // The browser's reference run is Node's: same circuit, seed and stream.
    const spec = checkSpec(N);
    const P = spec.params.purkinje.count;
    const C = spec.channels.length;
    const { context, teacher } = checkStream(STEPS);
    const cpu = new Cerebellum(spec);
    let zMax = 0;
    for (let t = 0; t < STEPS; t++) {
      const z = cpu.step(
        context.subarray(t * C, (t + 1) * C),
        teacher.subarray(t * P, (t + 1) * P),
      );
      for (const v of z) zMax = Math.max(zMax, Math.abs(v));
    }
    expect(r.zMax).toBe(zMax);
    expect(zMax).toBeGreaterThan(0);
    // bench/gpu_check.js's tolerance: the same active counts on every step, |Δz| ≤ 10⁻³ · max|z|.
    expect(r.countsEqual).toBe(STEPS);
    expect(r.zTolerance).toBeCloseTo(CHECK_Z_TOLERANCE * zMax, 15);
    expect(r.zErr).toBeLessThanOrEqual(CHECK_Z_TOLERANCE * zMax);
    expect(r.check).toBe("pass");
  });

  it("times the GPU engine on the bench workload", async (ctx) => {
    if (check.unavailable) ctx.skip(`no WebGPU adapter in Chromium: ${check.unavailable}`);
    const r = await page.evaluate(([n]) => window.__shoulda.bench(n, 0.5, "webgpu"), [N]);
    expect(r.unavailable).toBeUndefined();
    expect(r.workload).toBe("bench/workload.js");
    expect(r.adapter).toBe(check.result?.adapter);
    expect(r.steps).toBeGreaterThan(0);
    expect(r.stepsPerSecond).toBeGreaterThan(0);
  });
});

describe("WebGPU missing", () => {
  it("says so in the result and the page, without breaking it", async () => {
    const page = await open([]); // the usual flags: no adapter
    const r = await page.evaluate(([n, s]) => window.__shoulda.gpuCheck(n, s), [N, STEPS]);
    expect(r.result).toBeUndefined();
    expect(r.unavailable).toMatch(/navigator\.gpu/);
    const b = await page.evaluate(([n]) => window.__shoulda.bench(n, 0.5, "webgpu"), [N]);
    expect(b.steps).toBe(0);
    expect(b.unavailable).toMatch(/navigator\.gpu/);
    await page.click("#speed-test > summary");
    await page.selectOption("#bench-backend", "webgpu");
    await page.click("#bench");
    await expect
      .poll(() => page.textContent("#bench-result"), { timeout: 10_000 })
      .toMatch(/^WebGPU unavailable: navigator\.gpu/);
    // The check button says so too (the line is cleared first, so the poll sees its answer).
    await page
      .locator("#bench-result")
      .evaluate((el: { textContent: string | null }) => (el.textContent = ""));
    await page.click("#gpu-check");
    await expect
      .poll(() => page.textContent("#bench-result"), { timeout: 10_000 })
      .toMatch(/^WebGPU unavailable: navigator\.gpu/);
  });
});

it("raised no page errors", () => {
  expect(pageErrors).toEqual([]);
});
