/** Pearce–Hall (1980): one step by hand; associability falls as V nears λ and rises after a surprise. */
import { describe, expect, it } from "vitest";
import { PearceHall, pearceHallParamsSchema } from "../../src/brain/pearceHall.js";

const params = pearceHallParamsSchema.parse({});
const tone = [{ name: "T", salience: 0.5 }];

describe("PearceHall", () => {
  it("has the documented defaults", () => {
    expect(params).toEqual({
      salienceCue: 0.5,
      salienceContext: 0.1,
      initialAssociability: 0.5,
      gamma: 0.3,
      itiAsTrial: true,
    });
  });

  it("one reinforced trial by hand: ΔV = S·α·λ, α ← γ|λ − ΣV| + (1 − γ)α", () => {
    const ph = new PearceHall(params);
    expect(ph.trial(tone, 1)).toBe(0);
    expect(ph.net("T")).toBeCloseTo(0.5 * 0.5 * 1, 12);
    expect(ph.alpha("T")).toBeCloseTo(0.3 * 1 + 0.7 * 0.5, 12);
    // Second trial: ΣV = 0.25, α = 0.65.
    expect(ph.trial(tone, 1)).toBeCloseTo(0.25, 12);
    expect(ph.net("T")).toBeCloseTo(0.25 + 0.5 * 0.65, 12);
    expect(ph.alpha("T")).toBeCloseTo(0.3 * 0.75 + 0.7 * 0.65, 12);
  });

  it("an omitted US builds inhibition V̄ = S·α·(ΣV − λ)", () => {
    const ph = new PearceHall(params);
    ph.trial(tone, 1); // V = 0.25, α = 0.65
    ph.trial(tone, 0);
    expect(ph.inhibition.get("T")).toBeCloseTo(0.5 * 0.65 * 0.25, 12);
    expect(ph.net("T")).toBeCloseTo(0.25 - 0.5 * 0.65 * 0.25, 12);
  });

  it("associability falls as V approaches λ, and rises again after a surprise", () => {
    const ph = new PearceHall(params);
    const alphas: number[] = [];
    for (let n = 0; n < 40; n++) {
      ph.trial(tone, 1);
      alphas.push(ph.alpha("T"));
    }
    const peak = alphas.indexOf(Math.max(...alphas));
    expect(peak).toBeLessThan(3);
    for (let n = peak + 1; n < alphas.length; n++) expect(alphas[n]).toBeLessThan(alphas[n - 1]);
    expect(Math.abs(ph.net("T") - 1)).toBeLessThan(0.05);
    const settled = ph.alpha("T");
    expect(settled).toBeLessThan(0.05);
    ph.trial(tone, 0); // the US is omitted: |λ − ΣV| ≈ 1
    expect(ph.alpha("T")).toBeGreaterThan(settled + 0.25);
  });
});
