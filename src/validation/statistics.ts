/**
 * Decisions across animals (issue #12). Every claim is decided on the per-animal values of
 * `n` animals (seeds 1 … n):
 * - ORD, n ≥ MIN_ANIMALS_FOR_TEST: one-sided test of "no effect" at α = 0.05. Wilcoxon
 *   signed-rank (exact for small n; zero effects dropped, as Wilcoxon's own method) for graded
 *   effects; the sign test for coarse ones (counts of trials, ratios that tie), where an animal
 *   with no effect counts against the claim.
 * - WIN: the across-animal mean lies in the window (its 95 % t interval then overlaps it).
 * - n < MIN_ANIMALS_FOR_TEST (the quick runs of `npm test`): the screen rule — an ORD effect
 *   positive in every animal; a WIN mean in the window. No test is claimed there: with four
 *   animals the smallest one-sided p of either test is 1/16 > α.
 * An animal whose value is undefined (NaN: e.g. no CR to time) counts as "no effect" in a test
 * and fails the screen; means and intervals are over the animals with a value, and a WIN claim
 * fails if any animal has none.
 */
import tQuantile from "@stdlib/stats-base-dists-t-quantile";
import binomialTest from "@stdlib/stats-binomial-test";
import wilcoxon from "@stdlib/stats-wilcoxon";
import { mean as meanOf } from "../analysis/stats.js";
import type { Check, ClaimResult, OrdTest } from "./types.js";

export const ALPHA = 0.05;
/** The fewest animals with which a one-sided test can reach α = 0.05 (1/2⁵ = 0.031). */
export const MIN_ANIMALS_FOR_TEST = 5;

export function meanWithCi(all: readonly number[]): { mean: number; ci: [number, number] } {
  const values = all.filter(Number.isFinite);
  const n = values.length;
  if (n === 0) return { mean: Number.NaN, ci: [Number.NaN, Number.NaN] };
  const mean = meanOf(values);
  if (n < 2) return { mean, ci: [mean, mean] };
  const variance = values.reduce((s, x) => s + (x - mean) ** 2, 0) / (n - 1);
  const half = tQuantile(0.975, n - 1) * Math.sqrt(variance / n);
  return { mean, ci: [mean - half, mean + half] };
}

/** One-sided p of "the effect is not positive" (H1: effects > 0). */
export function oneSidedP(values: readonly number[], test: OrdTest): number {
  const effects = values.map((e) => (Number.isFinite(e) ? e : 0));
  if (test === "sign") {
    const positive = effects.filter((e) => e > 0).length;
    return binomialTest(positive, effects.length, { alternative: "greater" }).pValue;
  }
  if (effects.every((e) => e === 0)) return 1;
  return wilcoxon([...effects], { alternative: "greater" }).pValue;
}

/** Decide each claim (matched by name across animals, in the first animal's order). */
export function decideClaims(perAnimal: readonly (readonly Check[])[]): ClaimResult[] {
  if (!perAnimal.length) return [];
  return perAnimal[0].map((first) => {
    const checks = perAnimal.map((checks) => {
      const c = checks.find((x) => x.claim === first.claim);
      if (!c) throw new Error(`claim "${first.claim}" is missing in some animal`);
      return c;
    });
    const values = checks.map((c) => (c.kind === "ord" ? c.effect : c.value));
    const { mean, ci } = meanWithCi(values);
    const n = values.length;
    if (first.kind === "win") {
      const window: [number, number] = [first.window[0], first.window[1]];
      return {
        claim: first.claim,
        kind: "win",
        test: "window",
        values,
        mean,
        ci,
        window,
        pass: values.every(Number.isFinite) && inWindow(mean, window),
      };
    }
    if (n < MIN_ANIMALS_FOR_TEST) {
      return {
        claim: first.claim,
        kind: "ord",
        test: "screen",
        values,
        mean,
        ci,
        pass: values.every((v) => v > 0), // NaN > 0 is false
      };
    }
    const test = first.test ?? "wilcoxon";
    const p = oneSidedP(values, test);
    return { claim: first.claim, kind: "ord", test, values, mean, ci, p, pass: p < ALPHA };
  });
}

const inWindow = (x: number, [lo, hi]: readonly [number, number]) => x >= lo && x <= hi;

/** Checks for an order `a > b` (effect a − b). */
export const greater = (claim: string, a: number, b: number, test?: OrdTest): Check => ({
  claim,
  kind: "ord",
  effect: a - b,
  ...(test ? { test } : {}),
});

/** Checks that a number lies in a window. */
export const within = (claim: string, value: number, window: readonly [number, number]): Check => ({
  claim,
  kind: "win",
  value,
  window,
});

/** One animal's screen verdict: every ORD effect positive and every WIN value in its window. */
export const holdsInAnimal = (checks: readonly Check[]) =>
  checks.every((c) => (c.kind === "ord" ? c.effect > 0 : inWindow(c.value, c.window)));
