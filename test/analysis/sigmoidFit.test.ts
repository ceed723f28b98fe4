import { describe, expect, it } from "vitest";
import { fitSigmoid, RISE_10_90 } from "../../src/analysis/sigmoidFit.js";

const logistic = (u: number) => 1 / (1 + Math.exp(-u));

describe("fitSigmoid", () => {
  it("recovers a graded logistic rise", () => {
    const x = Array.from({ length: 60 }, (_, i) => i);
    const y = x.map((v) => 0.05 + 0.8 * logistic((v - 25) / 6));
    const fit = fitSigmoid(x, y);
    expect(fit.r2).toBeGreaterThan(0.999);
    expect(fit.mid).toBeCloseTo(25, 0);
    expect(fit.width).toBeGreaterThan(5);
    expect(fit.width).toBeLessThan(7);
    expect(fit.height).toBeCloseTo(0.8, 1);
    expect(fit.base).toBeCloseTo(0.05, 1);
  });

  it("fits a step with a rise shorter than one x spacing", () => {
    const x = Array.from({ length: 40 }, (_, i) => i);
    const y = x.map((v) => (v < 12 ? 0 : 1));
    const fit = fitSigmoid(x, y);
    expect(fit.r2).toBeGreaterThan(0.99);
    expect(RISE_10_90 * fit.width).toBeLessThan(1);
  });

  it("explains little of a curve with no rise", () => {
    const x = Array.from({ length: 40 }, (_, i) => i);
    const y = x.map((v) => Math.sin(v * 1.7));
    expect(fitSigmoid(x, y).r2).toBeLessThan(0.3);
    expect(
      fitSigmoid(
        x,
        x.map(() => 2),
      ).r2,
    ).toBe(0);
  });
});
