import { describe, expect, it } from "vitest";
import { classifyLoopStability, isStable, spectralPeak } from "../../src/analysis/loopStability.js";
import { Rng } from "../../src/model/rng.js";

/** 24 blocks of a settled loop: noisy but flat power, error and cancellation (seeded noise). */
function settled(seed = 1) {
  const rng = new Rng(seed);
  const blocks = Array.from({ length: 24 }, (_, b) => b);
  return {
    power: blocks.map(() => 0.004 * (1 + 0.2 * rng.normal())),
    cancellationDb: blocks.map((b) => Math.min(3.5, 0.5 + 0.3 * b) + 0.3 * rng.normal()),
    predictionError: blocks.map(() => 0.001 * (1 + 0.3 * rng.normal())),
  };
}

describe("loop stability classification", () => {
  it("calls a noisy but flat loop settled, for several noise draws", () => {
    for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
      const r = classifyLoopStability(settled(seed));
      expect(r.verdict, r.reason).toBe("settled");
      expect(isStable(r)).toBe(true);
      expect(r.powerGrowth).toBeGreaterThan(0.5);
      expect(r.powerGrowth).toBeLessThan(1.5);
    }
  });

  it("calls growing residual power diverged", () => {
    const s = settled();
    const r = classifyLoopStability({ ...s, power: s.power.map((p, b) => p * 1.15 ** b) });
    expect(r.verdict).toBe("diverged");
    expect(r.reason).toMatch(/power grew/);
    expect(isStable(r)).toBe(false);
  });

  it("calls a residual louder than the uncancelled sound diverged", () => {
    const s = settled();
    const r = classifyLoopStability({ ...s, cancellationDb: s.cancellationDb.map((d) => d - 6) });
    expect(r.verdict).toBe("diverged");
    expect(r.lastCancellationDb).toBeLessThan(0);
  });

  it("calls a non-finite value (a NaN, or a JSON null) diverged", () => {
    const s = settled();
    const err = [...s.predictionError];
    err[20] = Number.POSITIVE_INFINITY;
    expect(classifyLoopStability({ ...s, predictionError: err }).verdict).toBe("diverged");
    const power: (number | null)[] = [...s.power];
    power[3] = null;
    expect(classifyLoopStability({ ...s, power }).verdict).toBe("diverged");
  });

  it("calls a growing cortex error diverged, and ignores a missing cortex", () => {
    const s = settled();
    const grown = s.predictionError.map((e, b) => e * 10 ** (b / 4));
    expect(classifyLoopStability({ ...s, predictionError: grown }).reason).toMatch(/prediction/);
    const none = s.predictionError.map(() => Number.NaN);
    expect(classifyLoopStability({ ...s, predictionError: none }).verdict).toBe("settled");
  });

  it("calls an error that stays 0 (a cortex that hears nothing) settled, growth 1", () => {
    const s = settled();
    const r = classifyLoopStability({ ...s, predictionError: s.predictionError.map(() => 0) });
    expect(r.verdict).toBe("settled");
    expect(r.errorGrowth).toBe(1);
  });

  it("does not call one outlier block (an external sound) growth", () => {
    const s = settled();
    const err = [...s.predictionError];
    err[23] = 6 * err[23];
    expect(classifyLoopStability({ ...s, predictionError: err }).verdict).toBe("settled");
  });

  it("calls a block-scale oscillation of cancellation oscillating", () => {
    const s = settled();
    // A period of 3 blocks, ±2 dB: a loop that overshoots and corrects.
    const db = s.cancellationDb.map((d, b) => d + 2 * Math.sin((2 * Math.PI * b) / 3));
    const r = classifyLoopStability({ ...s, cancellationDb: db });
    expect(r.verdict).toBe("oscillating");
    expect(r.cancellationPeakShare).toBeGreaterThan(0.75);
  });

  it("calls a wandering last third unsettled", () => {
    const s = settled();
    const db = s.cancellationDb.map((d, b) =>
      b >= 16 ? d + (b % 2 === 0 ? 2.5 : -1) * (b % 3) : d,
    );
    const r = classifyLoopStability({ ...s, cancellationDb: db });
    expect(["unsettled", "oscillating"]).toContain(r.verdict);
    expect(isStable(r)).toBe(false);
  });

  it("finds a sinusoid's share and amplitude, and none in a constant", () => {
    const sine = Array.from(
      { length: 12 },
      (_, t) => 5 + 1.5 * Math.cos((2 * Math.PI * 2 * t) / 12),
    );
    const p = spectralPeak(sine);
    // Removing the linear trend takes a little of the sine with it.
    expect(p.share).toBeGreaterThan(0.95);
    expect(Math.abs(p.amplitude - 1.5)).toBeLessThan(0.1);
    expect(spectralPeak(Array(12).fill(3)).share).toBe(0);
  });
});
