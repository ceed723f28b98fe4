/**
 * How the scorecard decides claims across animals (src/validation/statistics.ts) and targets
 * across protocols (decideTarget): tests against known values, the screen rule for small n,
 * undefined values, and the pass / miss / fragile verdicts.
 */
import { describe, expect, it } from "vitest";
import {
  decideTarget,
  STANDARD,
  type Unit,
  type UnitResult,
} from "../../src/validation/scorecard.js";
import {
  decideClaims,
  greater,
  meanWithCi,
  oneSidedP,
  within,
} from "../../src/validation/statistics.js";
import { M_WIDENING, widenM } from "../../src/validation/tolerances.js";
import type { Check, Target } from "../../src/validation/types.js";

const ord = (effect: number, test?: "sign" | "wilcoxon"): Check[] => [
  greater("a > b", effect, 0, test),
];

describe("claims across animals", () => {
  it("Wilcoxon signed-rank, one-sided: 8 positive effects give the exact p = 1/256", () => {
    expect(oneSidedP([1, 2, 3, 4, 5, 6, 7, 8], "wilcoxon")).toBeCloseTo(1 / 256, 10);
    // one negative effect with the smallest rank: W+ = 35, P(W+ ≥ 35) = 2/256
    expect(oneSidedP([-1, 2, 3, 4, 5, 6, 7, 8], "wilcoxon")).toBeCloseTo(2 / 256, 10);
  });

  it("sign test: ties count against the claim; 7 of 8 positive gives p = 9/256", () => {
    expect(oneSidedP([1, 1, 1, 1, 1, 1, 1, 0], "sign")).toBeCloseTo(9 / 256, 10);
    expect(oneSidedP([1, 1, 1, 1, 1, 1, 1, 1], "sign")).toBeCloseTo(1 / 256, 10);
  });

  it("no effect in any animal gives p = 1", () => {
    expect(oneSidedP([0, 0, 0, 0, 0], "wilcoxon")).toBe(1);
  });

  it("an ORD claim passes at n = 8 only when the test rejects at α = 0.05", () => {
    const strong = decideClaims([1, 2, 3, 4, 5, 6, 7, 8].map((e) => ord(e)));
    expect(strong[0]).toMatchObject({ test: "wilcoxon", pass: true });
    const mixed = decideClaims([3, -2, 1, -1, 2, -3, 1, 0.5].map((e) => ord(e)));
    expect(mixed[0].pass).toBe(false);
    expect(mixed[0].p).toBeGreaterThan(0.05);
  });

  it("a coin-flip margin is not a result: 5 of 8 positive fails the sign test", () => {
    const r = decideClaims([1, 1, 1, 1, 1, 0, 0, 0].map((e) => ord(e, "sign")));
    expect(r[0].pass).toBe(false);
    expect(r[0].p).toBeCloseTo(93 / 256, 10);
  });

  it("with fewer than 5 animals the screen rule decides: positive in every animal", () => {
    expect(decideClaims([ord(1), ord(2)])[0]).toMatchObject({ test: "screen", pass: true });
    expect(decideClaims([ord(1), ord(-2)])[0]).toMatchObject({ test: "screen", pass: false });
  });

  it("a WIN claim passes on the across-animal mean, with a 95 % t interval", () => {
    const values = [0.1, 0.2, 0.3, 0.4];
    const r = decideClaims(values.map((v) => [within("x in window", v, [0.2, 0.3])]));
    expect(r[0]).toMatchObject({ kind: "win", test: "window", pass: true, mean: 0.25 });
    // sd = 0.1291, t(0.975, 3) = 3.1824: half-width 0.2054
    expect(r[0].ci[0]).toBeCloseTo(0.25 - 0.20543, 4);
    const off = decideClaims(values.map((v) => [within("x", v + 1, [0.2, 0.3])]));
    expect(off[0].pass).toBe(false);
  });

  it("an undefined value fails a window and counts as no effect in a test", () => {
    const win = decideClaims([0.25, Number.NaN].map((v) => [within("x", v, [0.2, 0.3])]));
    expect(win[0].pass).toBe(false);
    expect(win[0].mean).toBe(0.25);
    const withNan = [1, 2, 3, 4, 5, 6, 7, Number.NaN];
    expect(oneSidedP(withNan, "sign")).toBeCloseTo(9 / 256, 10);
    expect(meanWithCi(withNan).mean).toBe(4);
  });

  it("refuses animals that measured different claims", () => {
    expect(() => decideClaims([ord(1), [greater("other", 1, 0)]])).toThrow(/missing/);
  });
});

describe("target verdicts across protocols", () => {
  const target: Target = {
    id: "Z1",
    paradigm: "test",
    source: "synthetic",
    published: "a > b",
    tolerance: "ORD",
    variants: [{ name: "v", description: "a variant" }],
    measure: () => ({ measured: 0, checks: [], detail: {} }),
  };
  const units = (protocol: string, effects: number[]) =>
    effects.map((e, k): { unit: Unit; result: UnitResult } => ({
      unit: { id: "Z1", protocol, seed: k + 1 },
      result: { measurement: { measured: e, checks: ord(e), detail: { e } }, seconds: 1 },
    }));
  const good = [1, 2, 3, 4, 5, 6, 7, 8];
  const bad = [1, -2, 3, -4, 5, -6, 7, -8];

  it("pass: the standard protocol and every variant hold", () => {
    const r = decideTarget(target, [...units(STANDARD, good), ...units("v", good)]);
    expect(r).toMatchObject({
      verdict: "pass",
      pass: true,
      animals: 8,
      measured: 4.5,
      test: "wilcoxon",
    });
    expect(r.effect.claim).toBe("a > b");
    expect(r.p).toBeCloseTo(1 / 256, 10);
    expect(r.detail).toEqual({ e: 1 });
  });

  it("fragile: holds on the standard protocol, fails on a variant", () => {
    const r = decideTarget(target, [...units("v", bad), ...units(STANDARD, good)]);
    expect(r.verdict).toBe("fragile");
    expect(r.pass).toBe(true);
    expect(r.variants[0]).toMatchObject({ protocol: "v", description: "a variant", pass: false });
  });

  it("miss: fails on the standard protocol, whatever the variants do", () => {
    expect(decideTarget(target, [...units(STANDARD, bad), ...units("v", good)]).verdict).toBe(
      "miss",
    );
  });

  it("decides the same whatever order the units came back in", () => {
    const all = [...units(STANDARD, good), ...units("v", bad)];
    const a = decideTarget(target, all);
    const b = decideTarget(target, [...all].reverse());
    expect({ ...b, seconds: 0 }).toEqual({ ...a, seconds: 0 });
  });
});

describe("the one [M] widening", () => {
  it("widens each bound away from zero by 25 % of its magnitude, for positive and negative windows", () => {
    expect(M_WIDENING).toBe(0.25);
    expect(widenM(10, 25)).toEqual([7.5, 31.25]);
    expect(widenM(-35, -20)).toEqual([-43.75, -15]);
    expect(widenM(0, 5)).toEqual([0, 6.25]);
  });
});
