import { describe, expect, it } from "vitest";
import { shapeBasis, TemporalBasis } from "../../src/circuit/basis.js";
import { learningWindow } from "../../src/circuit/eligibility.js";
import { cerebellumParamsSchema } from "../../src/model/cerebellum.js";
import { Rng } from "../../src/model/rng.js";

describe("temporal basis", () => {
  it("turns one onset into bumps that peak at their delays with the documented heights", () => {
    const p = cerebellumParamsSchema.parse({ mossy: { count: 1 }, basis: { bumps: 6, jitter: 0 } });
    const shape = shapeBasis(p, new Rng(1));
    const basis = new TemporalBasis(p, shape, Int32Array.of(0));
    const steps = 4000;
    const traces = Array.from({ length: 6 }, () => new Float64Array(steps));
    for (let t = 0; t < steps; t++) {
      basis.step(Float32Array.of(1), Float32Array.of(t === 0 ? 1 : 0));
      for (let j = 0; j < 6; j++) traces[j][t] = basis.units[1 + j];
    }
    for (let j = 0; j < 6; j++) {
      const d = shape.delayMs[j];
      const peakAt = traces[j].indexOf(Math.max(...traces[j]));
      // The discrete cascade's mode sits at the delay (a tie with the step before it when the
      // mode is a whole step).
      expect(Math.abs(peakAt - d)).toBeLessThanOrEqual(1);
      const expectedHeight = p.basis.bumpGain * (p.basis.minDelayMs / d) ** p.basis.decay;
      expect(Math.max(...traces[j]) / expectedHeight).toBeGreaterThan(0.9);
      expect(Math.max(...traces[j]) / expectedHeight).toBeLessThan(1.1);
    }
    // Later bumps are wider (Weber-like): compare half-widths of the first and last bump.
    const halfWidth = (x: Float64Array) => {
      const half = Math.max(...x) / 2;
      return x.filter((v) => v >= half).length;
    };
    expect(halfWidth(traces[5])).toBeGreaterThan(5 * halfWidth(traces[0]));
  });

  it("copies the fibre rates into the tonic units", () => {
    const p = cerebellumParamsSchema.parse({ mossy: { count: 2 }, basis: { bumps: 2 } });
    const basis = new TemporalBasis(p, shapeBasis(p, new Rng(1)), Int32Array.of(0));
    basis.step(Float32Array.of(0.7, 0.3), new Float32Array(2));
    expect(basis.units[0]).toBeCloseTo(0.7);
    expect(basis.units[3]).toBeCloseTo(0.3);
  });
});

describe("learning window κ", () => {
  it("sums to one and peaks at Δ (eligibility), or is a single tap at Δ (shift)", () => {
    const p = cerebellumParamsSchema.parse({});
    const kappa = learningWindow(p);
    expect(kappa.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 12);
    expect(kappa.indexOf(Math.max(...kappa))).toBe(100);
    expect(kappa[0]).toBe(0);
    const shift = learningWindow(
      cerebellumParamsSchema.parse({
        plasticity: { pfPurkinje: { rule: "shift", windowPeakMs: 60 } },
      }),
    );
    expect(shift.length).toBe(61);
    expect(shift[60]).toBe(1);
  });
});
