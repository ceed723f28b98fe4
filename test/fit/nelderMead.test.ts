import { describe, expect, it } from "vitest";
import { nelderMead } from "../../src/fit/nelderMead.js";

const batch = (f: (x: number[]) => number) => async (xs: number[][]) => xs.map(f);

describe("Nelder–Mead on the unit cube", () => {
  it("finds the minimum of a shifted quadratic bowl in 2-D", async () => {
    const f = (x: number[]) => (x[0] - 0.3) ** 2 + 3 * (x[1] - 0.7) ** 2;
    const r = await nelderMead(batch(f), [0.9, 0.1], { maxEvaluations: 300, xTol: 1e-6 });
    expect(r.converged).toBe(true);
    expect(r.x[0]).toBeCloseTo(0.3, 4);
    expect(r.x[1]).toBeCloseTo(0.7, 4);
    expect(r.evaluations).toBeLessThanOrEqual(300);
  });

  it("stays in the cube and stops at a bound when the minimum lies outside it", async () => {
    const seen: number[][] = [];
    const f = (x: number[]) => {
      seen.push(x);
      return (x[0] - 1.5) ** 2 + (x[1] - 0.5) ** 2;
    };
    const r = await nelderMead(batch(f), [0.2, 0.2], { maxEvaluations: 200, xTol: 1e-5 });
    expect(seen.every((x) => x.every((v) => v >= 0 && v <= 1))).toBe(true);
    expect(r.x[0]).toBeCloseTo(1, 4);
    expect(r.x[1]).toBeCloseTo(0.5, 3);
  });

  it("respects the evaluation budget, treats NaN as worst, and is deterministic", async () => {
    const f = (x: number[]) => (x[0] > 0.8 ? Number.NaN : Math.abs(x[0] - 0.6));
    const a = await nelderMead(batch(f), [0.1], { maxEvaluations: 12 });
    const b = await nelderMead(batch(f), [0.1], { maxEvaluations: 12 });
    expect(a).toEqual(b);
    expect(a.evaluations).toBeLessThanOrEqual(13);
    expect(Number.isFinite(a.f)).toBe(true);
    expect(a.x[0]).toBeLessThanOrEqual(0.8);
  });
});
