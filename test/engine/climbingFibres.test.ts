import { describe, expect, it } from "vitest";
import { Cerebellum } from "../../src/brain/cerebellum.js";
import { restoreCerebellum, saveCerebellum } from "../../src/brain/state.js";
import { ClimbingFibres } from "../../src/circuit/olive.js";
import { cerebellumParamsSchema } from "../../src/model/cerebellum.js";
import { runToneTrials } from "./toneTrials.js";

const params = (events = {}) =>
  cerebellumParamsSchema.parse({
    dtMs: 5,
    granule: { count: 1000 },
    mossy: { count: 64 },
    purkinje: { count: 2 },
    olive: { events: { enabled: true, ...events } },
  });

/** Mean event estimate ê and spike rate (Hz) for a constant error e over `steps` steps. */
function estimate(e: number, steps: number, events = {}) {
  const p = params(events);
  const cf = new ClimbingFibres(p, 7);
  const error = new Float64Array(2);
  let sum = 0;
  let spikes = 0;
  let allOrNone = true;
  for (let t = 0; t < steps; t++) {
    error.fill(e);
    cf.step(error);
    sum += error[0];
    spikes += cf.spikes[0];
    allOrNone &&= cf.spikes[0] === 0 || cf.spikes[0] === 1;
  }
  expect(allOrNone).toBe(true);
  return { mean: sum / steps, rateHz: spikes / ((steps * p.dtMs) / 1000) };
}

describe("climbing fibres as events", () => {
  it("fire at the background rate at zero error and faster with the error", () => {
    const steps = 400_000;
    const quiet = estimate(0, steps);
    const driven = estimate(1, steps);
    // 2000 s of simulated time: rates within a few percent of r₀ + k·e (1 and 11 Hz).
    expect(quiet.rateHz).toBeGreaterThan(0.9);
    expect(quiet.rateHz).toBeLessThan(1.1);
    expect(driven.rateHz).toBeGreaterThan(10.5);
    expect(driven.rateHz).toBeLessThan(11.5);
  });

  it("give an unbiased estimate of the graded error where the rate is not clipped", () => {
    for (const e of [-0.05, 0, 0.3, 1]) {
      const { mean } = estimate(e, 400_000);
      // SD of ê per step ≈ √(π)/(k·dt); over 4·10⁵ steps the mean's SD is below 0.02.
      expect(Math.abs(mean - e)).toBeLessThan(0.06);
    }
  });

  it("cannot signal an error below −r₀/k: a silent fibre is the most negative signal", () => {
    const { mean, rateHz } = estimate(-1, 10_000);
    expect(rateHz).toBe(0);
    expect(mean).toBeCloseTo(-1 / 10, 12);
    expect(estimate(-1, 10_000, { gainHz: 2 }).mean).toBeCloseTo(-0.5, 12);
  });

  it("a module with events is deterministic and continues bit-identically after save and restore", () => {
    const spec = { kind: "cerebellum" as const, params: params(), channels: ["tone"], seed: 4 };
    const run = runToneTrials;
    const a = new Cerebellum(spec);
    const b = new Cerebellum(spec);
    expect(run(b, 0, 3000)).toEqual(run(a, 0, 3000));
    const saved = JSON.parse(JSON.stringify(saveCerebellum(a)));
    expect(saved.climbingFibres).toBeDefined();
    const restored = restoreCerebellum(saved);
    expect(run(restored, 3000, 2000)).toEqual(run(a, 3000, 2000));
    expect(restored.purkinje.w).toEqual(a.purkinje.w);
    delete saved.climbingFibres;
    expect(() => restoreCerebellum(saved)).toThrow(/climbingFibres/);
  });
});
