import { describe, expect, it } from "vitest";
import { measureCr } from "../../src/analysis/conditionedResponse.js";
import { blockRates, trialsToCriterion } from "../../src/analysis/criterion.js";
import { findPeaks } from "../../src/analysis/peaks.js";
import { meanProfile } from "../../src/analysis/profile.js";
import { mean, ranks, slope, spearman } from "../../src/analysis/stats.js";

describe("statistics", () => {
  it("handles empty input and ties the same way everywhere", () => {
    expect(mean([])).toBeNaN();
    expect(ranks([10, 20, 20, 5])).toEqual([2, 3.5, 3.5, 1]);
    expect(spearman([1, 2, 3, 4], [10, 20, 30, 40])).toBeCloseTo(1);
    expect(spearman([1, 2, 3, 4], [4, 3, 2, 1])).toBeCloseTo(-1);
    expect(spearman([1, 2, 3], [1, 1, 1])).toBeNaN();
    expect(spearman([1, 2], [1, Number.NaN])).toBeNaN();
    expect(slope([1, 2, 3, 4], [3, 5, 7, 9])).toBeCloseTo(2, 12);
    expect(slope([0, 1, 2], [1, 0, 2])).toBeCloseTo(0.5, 12);
    expect(slope([2, 2], [1, 3])).toBeNaN();
    expect(slope([1], [1])).toBeNaN();
  });
});

describe("trials to criterion", () => {
  it("finds the trial completing the first block with enough hits", () => {
    const hits = [false, true, true, false, true, true, true];
    expect(trialsToCriterion(hits, 3, 3)).toBe(7);
    expect(trialsToCriterion(hits, 3, 2)).toBe(3);
    expect(trialsToCriterion([false, false], 3, 1)).toBeNaN();
    expect(blockRates([true, false, true, true, false], 2)).toEqual([0.5, 1, 0]);
  });
});

describe("profiles and peaks", () => {
  it("averages traces into bins", () => {
    expect(
      Array.from(meanProfile([Float32Array.of(1, 2, 3, 4), Float32Array.of(3, 4, 5, 6)], 2)),
    ).toEqual([2.5, 4.5]);
  });

  it("finds prominent peaks only", () => {
    const y = [0, 1, 0.5, 0.55, 0.5, 2, 0];
    expect(findPeaks(y, 0.3)).toEqual([1, 5]);
    expect(findPeaks(y, 0.01)).toEqual([1, 3, 5]);
  });
});

describe("conditioned response measures", () => {
  const criteria = { crThreshold: 0.2, crWindowStartMs: 50, onsetThreshold: 0.1 };
  // 1 ms steps: CS at 100, US at 400; the lid closes from 250 ms, 0.3 at the US.
  const trace = Float32Array.from({ length: 800 }, (_, t) =>
    t >= 250 && t < 600 ? Math.min(0.3, (t - 250) / 1000) : 0,
  );

  it("reads amplitude at US onset, onset and peak latency from CS onset", () => {
    const m = measureCr(trace, 1, 100, 400, false, criteria);
    expect(m.amplitude).toBeCloseTo(0.145, 2);
    expect(m.cr).toBe(false);
    expect(m.onsetLatencyMs).toBe(250);
    expect(m.peakLatencyMs).toBe(299);
  });

  it("measures the full peak on probe trials", () => {
    const m = measureCr(trace, 1, 100, 400, true, criteria);
    expect(m.peakAmplitude).toBeCloseTo(0.3);
    expect(m.peakLatencyMs).toBe(450);
  });
});
