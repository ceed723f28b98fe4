/**
 * The literature's fear-conditioning and Rescorla–Wagner designs (docs/literature.md
 * §5), one function per group. Every group is one animal; groups of a comparison share the seed,
 * so they differ only in the manipulation. Trial timing: FEAR_TIMING (10-s CS, 1-s shock).
 * Phases are a day apart (24 h in the home cage) unless stated.
 */
import { type FearDesign, fearDesign, fearTrial, usAlone } from "./experiments.js";

const plus = (cues: string, us = 1) => fearTrial({ cues, us });
const minus = (cues: string) => fearTrial({ cues });

/** Fear conditioning, extinction and a recall test (FC6; PMC4323647's SAME vs DIFF design). */
export function extinctionDesign(opts: {
  conditioning?: number;
  extinction?: number;
  /** Context of extinction (conditioning is in A). */
  extinctionContext?: string;
  /** Context of the test. */
  testContext?: string;
  /** Hours between conditioning and extinction (24: delayed; 0.25: immediate). */
  extinctionGapHours?: number;
  /** Hours between extinction and the test. */
  testGapHours?: number;
  testTrials?: number;
}): FearDesign {
  return fearDesign([
    { name: "conditioning", trials: opts.conditioning ?? 5, types: [plus("T")], context: "A" },
    {
      name: "extinction",
      trials: opts.extinction ?? 20,
      types: [minus("T")],
      context: opts.extinctionContext ?? "B",
      gapHours: opts.extinctionGapHours ?? 24,
    },
    {
      name: "test",
      trials: opts.testTrials ?? 2,
      types: [minus("T")],
      context: opts.testContext ?? opts.extinctionContext ?? "B",
      gapHours: opts.testGapHours ?? 24,
    },
  ]);
}

/**
 * Reinstatement (Rescorla & Heth 1975; Bouton & Bolles 1979): conditioning and extinction in A,
 * then four unsignalled shocks in `shockContext` (null: the same time in A with no shocks), then
 * a test of T in A a day later.
 */
export function reinstatementDesign(shockContext: string | null): FearDesign {
  return fearDesign([
    { name: "conditioning", trials: 5, types: [plus("T")], context: "A" },
    { name: "extinction", trials: 20, types: [minus("T")], context: "A" },
    {
      name: "reinstatement",
      trials: 4,
      types: [usAlone({ us: shockContext ? 1 : 0 })],
      context: shockContext ?? "A",
    },
    { name: "test", trials: 2, types: [minus("T")], context: "A" },
  ]);
}

/**
 * Blocking (Kamin 1968): `pretraining` A+ trials, then 8 AB+ trials, then a test of B. With no
 * pretraining it is the overshadowing control; `element` trains B alone (8 B+).
 */
export function blockingDesign(
  group: "blocked" | "overshadowed" | "element" | "upshift" | "downshift",
): FearDesign {
  const phases = [];
  if (group === "blocked" || group === "upshift" || group === "downshift") {
    phases.push({ name: "pretraining", trials: 16, types: [plus("A")], context: "A" });
  }
  const compound =
    group === "element"
      ? plus("B")
      : plus("AB", group === "upshift" ? 2 : group === "downshift" ? 0.4 : 1);
  phases.push({ name: "compound", trials: 8, types: [compound], context: "A" });
  phases.push({ name: "test", trials: 2, types: [minus("B")], context: "A" });
  return fearDesign(phases);
}

/**
 * Overshadowing (Kamin 1969; Mackintosh 1976): 8 A+ trials (element), or 8 AB+ trials (equal
 * saliences, or A weaker: magnitude 0.5), then one test trial of `test` (separate groups, so no
 * test order effects).
 */
export function overshadowingDesign(
  group: "element" | "compound" | "weakA",
  test: "A" | "B",
): FearDesign {
  const training =
    group === "element"
      ? fearTrial({ cues: "A", us: 1 })
      : fearTrial({ cues: "AB", us: 1, magnitude: group === "weakA" ? { A: 0.5, B: 1 } : 1 });
  const probe = fearTrial({ cues: test, magnitude: group === "weakA" && test === "A" ? 0.5 : 1 });
  return fearDesign([
    { name: "training", trials: 8, types: [training], context: "A" },
    { name: "test", trials: 1, types: [probe], context: "A" },
  ]);
}

/**
 * Overexpectation (Rescorla 1970; Kremer 1978; Witnauer & Miller 2009): A+ and B+ to
 * asymptote, then 8 AB+ (or, for the control, the same days in the box with no trials), then
 * one test trial of `test`.
 */
export function overexpectationDesign(
  group: "overexpectation" | "control",
  test: "A" | "B",
): FearDesign {
  return fearDesign([
    { name: "elements", trials: 16, types: [plus("A"), plus("B")], context: "A" },
    group === "overexpectation"
      ? { name: "compound", trials: 8, types: [plus("AB")], context: "A" }
      : { name: "compound", trials: 8, types: [usAlone({ us: 0 })], context: "A" },
    { name: "test", trials: 1, types: [minus(test)], context: "A" },
  ]);
}

/**
 * Conditioned inhibition (Pavlov; Rescorla 1969): B+ (a separate excitor), then A+ / AX−
 * intermixed, then one test per group: summation (B, BX, or BY with Y novel), retardation
 * (X+ or a novel Z+), or X alone (its net strength).
 */
export function inhibitionDesign(test: "B" | "BX" | "BY" | "X+" | "Z+" | "X"): FearDesign {
  const testType = test.endsWith("+") ? plus(test.slice(0, -1)) : minus(test);
  return fearDesign([
    { name: "excitor", trials: 6, types: [plus("B")], context: "A" },
    { name: "inhibition", trials: 20, types: [plus("A"), minus("AX")], context: "A" },
    { name: "test", trials: test.endsWith("+") ? 4 : 1, types: [testType], context: "A" },
  ]);
}

/**
 * Negative contingency (Witcher & Ayres 1980): B+ (an excitor), then 8 X trials of which
 * `paired` end with a shock, among 24 unsignalled shocks (short ITIs, so the shock rate outside
 * X is high); then one summation test trial, B or BX (separate groups).
 */
export function contingencyDesign(paired: number, test: "B" | "BX"): FearDesign {
  const short = { preS: 10, postS: 10 };
  const types = [
    ...(paired > 0
      ? [fearTrial({ cues: "X", us: 1, proportion: paired, ...short, name: "X+" })]
      : []),
    ...(paired < CONTINGENCY.xTrials
      ? [fearTrial({ cues: "X", proportion: CONTINGENCY.xTrials - paired, ...short, name: "X-" })]
      : []),
    usAlone({ proportion: CONTINGENCY.usAlone, ...short }),
  ];
  return fearDesign([
    { name: "excitor", trials: 6, types: [plus("B")], context: "A" },
    {
      name: "contingency",
      trials: CONTINGENCY.xTrials + CONTINGENCY.usAlone,
      types,
      context: "A",
      itiS: CONTINGENCY.itiS,
      jitterS: 5,
    },
    { name: "test", trials: 1, types: [minus(test)], context: "A" },
  ]);
}

const CONTINGENCY = { xTrials: 8, usAlone: 24, itiS: 20 };

/** ΔP of contingencyDesign(paired), per 10-s period, from its nominal timing. */
export function contingencyDeltaP(paired: number): number {
  const { xTrials, usAlone: shocks, itiS } = CONTINGENCY;
  // Time without X: every trial window but the 10-s CSs (X windows 30 s, US windows 21 s), and ITIs.
  const noX = xTrials * 20 + shocks * 21 + (xTrials + shocks) * itiS;
  return paired / xTrials - (shocks / noX) * 10;
}
