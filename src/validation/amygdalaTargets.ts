/**
 * Amygdala targets (docs/literature.md §5): the classic conditioning phenomena and the
 * fear-conditioning freezing windows. Every phenomenon is measured the same way on two models:
 * the amygdala (paradigms/fear: the default parameters, no per-target tuning) and the textbook
 * Rescorla–Wagner model (brain/rescorlaWagner.ts) run on the same designs and schedules. Each
 * seed is one animal per group (its own wiring and schedule); claims are decided across animals
 * (statistics.ts). The target's verdict is the amygdala's; RW's checks ride along as the
 * measurement's `reference`, decided the same way, and `rescorlaWagnerComparison()` tabulates both.
 *
 * Recipes (literature.md "How to read"): ORD (order), WIN (window; [M] windows widened once, by
 * tolerances.ts), RATIO, TAU (exponential fit, in trials). Freezing is the percentage of the CS
 * (before the shock) spent freezing; RW's "freezing" is 100·clamp(ΣV, 0, 1). The protocol
 * variant gives every shock 60 % of the standard intensity (a weaker shock).
 */
import { fitExponential } from "../analysis/exponentialFit.js";
import { spearman } from "../analysis/stats.js";
import { type SteeringParams, steeringParamsSchema } from "../brain/steering.js";
import { type AmygdalaParams, amygdalaParamsSchema } from "../model/amygdala.js";
import {
  blockingDesign,
  contingencyDeltaP,
  contingencyDesign,
  extinctionDesign,
  inhibitionDesign,
  overexpectationDesign,
  overshadowingDesign,
  reinstatementDesign,
} from "../paradigms/fear/designs.js";
import {
  averageRows,
  FEAR_SEED,
  type FearDesign,
  type FearModel,
  type FearRow,
} from "../paradigms/fear/experiments.js";
import { simulateRescorlaWagner } from "../paradigms/fear/rescorlaWagnerRun.js";
import { recordRows, simulateFear } from "../paradigms/fear/simulate.js";
import { greater, holdsInAnimal, within } from "./statistics.js";
import { widenM as widen } from "./tolerances.js";
import type { MeasureContext, Measurement, Target, TargetInfo, TargetResult } from "./types.js";

const round = (x: number, digits = 2) => (Number.isFinite(x) ? Number(x.toFixed(digits)) : x);

/** Animals per group of the RW comparison table run outside the scorecard (seeds 1 … n). */
export const ANIMALS_PER_GROUP = 4;

const WEAK_SHOCK = "weak-shock";
const variants = [
  { name: WEAK_SHOCK, description: "every shock at 60 % of the standard intensity" },
];
/** The variant's shock intensity relative to the standard one. */
const WEAK_SHOCK_SCALE = 0.6;

/** A design under a protocol: the weak-shock variant scales every shock's magnitude. */
function designFor(design: FearDesign, variant: string | undefined): FearDesign {
  if (variant !== WEAK_SHOCK) return design;
  return {
    ...design,
    experiment: {
      ...design.experiment,
      phases: design.experiment.phases.map((phase) => ({
        ...phase,
        trialTypes: phase.trialTypes.map((type) => ({
          ...type,
          us: type.us.map((event) => ({ ...event, magnitude: event.magnitude * WEAK_SHOCK_SCALE })),
        })),
      })),
    },
  };
}

/**
 * The amygdala with the fear paradigm's defaults: each design is run for `animals` animals
 * (seeds seed … seed + animals − 1) and their rows averaged (a group mean); memoised per design
 * within a process.
 */
export function amygdalaModel(
  model: AmygdalaParams = amygdalaParamsSchema.parse({}),
  steering: SteeringParams = steeringParamsSchema.parse({}),
  seed = FEAR_SEED,
  animals = ANIMALS_PER_GROUP,
): FearModel {
  const cache = new Map<string, FearRow[]>();
  return (design: FearDesign) => {
    const key = JSON.stringify(design);
    let rows = cache.get(key);
    if (!rows) {
      rows = averageRows(
        Array.from({ length: animals }, (_, k) =>
          recordRows(simulateFear(design, { seed: seed + k, model, steering }).records),
        ),
      );
      cache.set(key, rows);
    }
    return rows;
  };
}

/** The RW reference on the same designs and the same schedules (seeds), averaged the same way. */
export function rescorlaWagnerModel(seed = FEAR_SEED, animals = ANIMALS_PER_GROUP): FearModel {
  return (design) =>
    averageRows(
      Array.from({ length: animals }, (_, k) => simulateRescorlaWagner(design, seed + k)),
    );
}

/** The group models (ANIMALS_PER_GROUP animals each) of the comparison table outside the scorecard. */
let groupAmygdala: FearModel | undefined;
const amygdala: FearModel = (design) => {
  groupAmygdala ??= amygdalaModel();
  return groupAmygdala(design);
};
const rescorlaWagner: FearModel = rescorlaWagnerModel();

const animalModels = new Map<string, { amygdala: FearModel; rescorlaWagner: FearModel }>();
/** One animal per group (seed), under a protocol: memoised so targets sharing designs run once. */
function animal(context: MeasureContext) {
  const key = `${context.seed}/${context.variant ?? ""}`;
  let models = animalModels.get(key);
  if (!models) {
    const amygdalaAnimal = amygdalaModel(undefined, undefined, context.seed, 1);
    const rwAnimal = rescorlaWagnerModel(context.seed, 1);
    models = {
      amygdala: (design) => amygdalaAnimal(designFor(design, context.variant)),
      rescorlaWagner: (design) => rwAnimal(designFor(design, context.variant)),
    };
    animalModels.set(key, models);
  }
  return models;
}

const inPhase = (rows: readonly FearRow[], phase: string) => rows.filter((r) => r.phase === phase);
const meanOf = (xs: readonly number[]) =>
  xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : Number.NaN;
/** Mean CS freezing of a phase's trials (all, or those of one trial type). */
const freezing = (rows: readonly FearRow[], phase: string, type?: string) =>
  meanOf(
    inPhase(rows, phase)
      .filter((r) => !type || r.trialType === type)
      .map((r) => r.csFreezing),
  );
const strength = (rows: readonly FearRow[], phase: string) =>
  meanOf(inPhase(rows, phase).map((r) => r.strength));
/**
 * Trials to 50 % freezing, interpolated: the (fractional) number of pairings before the CS
 * freezing of `phase` crosses 50 %, linear between trials (trials in the phase if never). With
 * fear learned in one or two trials, whole trials tie; the interpolation keeps the same
 * criterion without the rounding.
 */
function trialsTo50(rows: readonly FearRow[], phase: string): number {
  const y = inPhase(rows, phase).map((r) => r.csFreezing);
  if (y[0] >= 50) return 0;
  for (let i = 1; i < y.length; i++)
    if (y[i] >= 50) return i - 1 + (50 - y[i - 1]) / (y[i] - y[i - 1]);
  return y.length;
}
/** Pairings before the first trial of `phase` whose CS freezing reaches 50 % (trials + 1 if never). */
function pairingsTo50(rows: readonly FearRow[], phase: string): number {
  const list = inPhase(rows, phase);
  const i = list.findIndex((r) => r.csFreezing >= 50);
  return i < 0 ? list.length + 1 : i;
}

/** A phenomenon: literature info plus a measurement that works on either model. */
export interface Phenomenon extends TargetInfo {
  /** Row label of the comparison table. */
  phenomenon: string;
  evaluate(model: FearModel): Measurement;
}

const FC6_ACQ = widen(60, 80);
const FC6_TAU = widen(5, 15);
const FC6_EXT = widen(10, 30);
const FC6_RECALL = widen(20, 40);
const FC6_SOURCE =
  "Quirk/Maren/LeDoux protocols (literature.md FC6; PMC4323647: SAME vs DIFF test context)";

export const phenomena: Phenomenon[] = [
  {
    id: "FC6-acquisition",
    phenomenon: "acquisition within a few trials",
    paradigm: "fear",
    source: FC6_SOURCE,
    published: "freezing ≥ 50 % within ≤ 3–5 pairings; ≈ 60–80 % to the tone at the 24-h test",
    tolerance: `pairings to 50 % ≤ 5 and 24-h test freezing in [${FC6_ACQ.join(", ")}] % (WIN widened 25 %)`,
    evaluate(model) {
      const rows = model(extinctionDesign({}));
      const pairings = pairingsTo50(rows, "conditioning");
      const test24h = inPhase(rows, "extinction")[0].csFreezing;
      return {
        measured: `${pairings} pairings; ${round(test24h, 1)} %`,
        checks: [
          within("pairings to 50 % freezing ≤ 5", pairings, [0, 5]),
          within("24-h test freezing (%)", test24h, FC6_ACQ),
        ],
        detail: {
          pairingsTo50: pairings,
          conditioningFreezing: inPhase(rows, "conditioning").map((r) => round(r.csFreezing, 1)),
          test24hFreezing: round(test24h, 1),
        },
      };
    },
  },
  {
    id: "FC6-extinction",
    phenomenon: "extinction",
    paradigm: "fear",
    source: FC6_SOURCE,
    published:
      "freezing falls to ≈ 10–30 % by the end of 15–20 extinction tones; τ ≈ 5–15 CS-alone trials",
    tolerance: `τ of y∞ + (y₀ − y∞)e^(−n/τ) over 20 tones in [${FC6_TAU.join(", ")}] trials; mean of the last 3 in [${FC6_EXT.join(", ")}] %`,
    evaluate(model) {
      const ext = inPhase(model(extinctionDesign({})), "extinction").map((r) => r.csFreezing);
      const fit = fitExponential(
        ext.map((_, i) => i),
        ext,
      );
      const end = meanOf(ext.slice(-3));
      return {
        measured: `τ ${round(fit.tau, 1)}; end ${round(end, 1)} %`,
        checks: [
          within("extinction τ (trials)", fit.tau, FC6_TAU),
          within("freezing at the end of extinction (%)", end, FC6_EXT),
        ],
        detail: {
          tau: round(fit.tau, 2),
          r2: round(fit.r2, 3),
          endFreezing: round(end, 1),
          freezing: ext.map((x) => round(x, 1)),
        },
      };
    },
  },
  {
    id: "FC6-recall",
    phenomenon: "extinction recall next day (and higher outside the extinction context)",
    paradigm: "fear",
    source: FC6_SOURCE,
    published: "recall the next day ≈ 20–40 %, higher outside the extinction context",
    tolerance: `test in the extinction context in [${FC6_RECALL.join(", ")}] %; test in the conditioning context higher (ORD)`,
    evaluate(model) {
      const same = freezing(model(extinctionDesign({ testContext: "B" })), "test");
      const diff = freezing(model(extinctionDesign({ testContext: "A" })), "test");
      return {
        measured: `${round(same, 1)} % (B) vs ${round(diff, 1)} % (A)`,
        checks: [
          within("recall in the extinction context (%)", same, FC6_RECALL),
          greater("recall outside it is higher", diff, same),
        ],
        detail: { recallSame: round(same, 1), recallDiff: round(diff, 1) },
      };
    },
  },
  {
    id: "FC8-renewal",
    phenomenon: "renewal (ABA, ABC)",
    paradigm: "fear",
    source:
      "Bouton & Bolles 1979, Learn Motiv 10:445; Bouton & King 1983, J Exp Psychol Anim Behav Process 9:248",
    published:
      "after extinction in B, fear returns when the CS is tested outside B (in A, or in a new context C)",
    tolerance:
      "ORD: CR(test in A) > CR(test in B) and CR(test in C) > CR(test in B) (conditioning A, extinction B)",
    evaluate(model) {
      const b = freezing(model(extinctionDesign({ testContext: "B" })), "test");
      const a = freezing(model(extinctionDesign({ testContext: "A" })), "test");
      const c = freezing(model(extinctionDesign({ testContext: "C" })), "test");
      return {
        measured: `A ${round(a, 1)} / C ${round(c, 1)} / B ${round(b, 1)} %`,
        checks: [
          greater("CR(test in A) > CR(test in B)", a, b),
          greater("CR(test in C) > CR(test in B)", c, b),
        ],
        detail: { testA: round(a, 1), testC: round(c, 1), testB: round(b, 1) },
      };
    },
  },
  {
    id: "FC3",
    phenomenon: "spontaneous recovery",
    paradigm: "fear",
    source:
      "Pavlov 1927; Rescorla 2004, Learn Mem 11:501 [M]; Learn Mem 2008 PMC2414250 (literature.md FC3)",
    published:
      "extinguished fear returns with time, more after longer intervals, even after immediate extinction (FC3; FC2 disagrees)",
    tolerance:
      "ORD: test 7 d after extinction > end of extinction (last 3 trials); 7 d > 1 d; after immediate (15-min) extinction, 7-d test > end of extinction",
    evaluate(model) {
      const delayed7 = model(extinctionDesign({ extinctionContext: "A", testGapHours: 168 }));
      const delayed1 = model(extinctionDesign({ extinctionContext: "A", testGapHours: 24 }));
      const immediate = model(
        extinctionDesign({ extinctionContext: "A", extinctionGapHours: 0.25, testGapHours: 168 }),
      );
      const endOf = (rows: FearRow[]) =>
        meanOf(
          inPhase(rows, "extinction")
            .slice(-3)
            .map((r) => r.csFreezing),
        );
      const end = endOf(delayed7);
      const t7 = freezing(delayed7, "test");
      const t1 = freezing(delayed1, "test");
      const endI = endOf(immediate);
      const t7I = freezing(immediate, "test");
      return {
        measured: `end ${round(end, 1)} → 1 d ${round(t1, 1)} → 7 d ${round(t7, 1)} %`,
        checks: [
          greater("7 d > end of extinction", t7, end),
          greater("7 d > 1 d", t7, t1),
          greater("immediate extinction: 7 d > end of extinction", t7I, endI),
        ],
        detail: {
          endOfExtinction: round(end, 1),
          test1d: round(t1, 1),
          test7d: round(t7, 1),
          immediate: { endOfExtinction: round(endI, 1), test7d: round(t7I, 1) },
        },
      };
    },
  },
  {
    id: "FC8-reinstatement",
    phenomenon: "reinstatement",
    paradigm: "fear",
    source:
      "Rescorla & Heth 1975, J Exp Psychol Anim Behav Process 1:88; Bouton & Bolles 1979, J Exp Psychol Anim Behav Process 5:368",
    published:
      "unsignalled shocks after extinction bring fear of the CS back, only if given in the test context",
    tolerance:
      "ORD: CR(shocks in A) > CR(no shocks) and > CR(shocks in C); conditioning, extinction and test in A",
    evaluate(model) {
      const inA = freezing(model(reinstatementDesign("A")), "test");
      const inC = freezing(model(reinstatementDesign("C")), "test");
      const none = freezing(model(reinstatementDesign(null)), "test");
      return {
        measured: `A ${round(inA, 1)} / C ${round(inC, 1)} / none ${round(none, 1)} %`,
        checks: [
          greater("CR(shocks in A) > CR(no shocks)", inA, none),
          greater("CR(shocks in A) > CR(shocks in C)", inA, inC),
        ],
        detail: {
          shocksInTestContext: round(inA, 1),
          shocksElsewhere: round(inC, 1),
          noShocks: round(none, 1),
        },
      };
    },
  },
  {
    id: "A1",
    phenomenon: "blocking",
    paradigm: "fear",
    source: "Kamin 1968/1969 (textbook values) [M]",
    published: "suppression ratio to B ≈ 0.45 blocked vs ≈ 0.05 compound-only (16 A+, then 8 AB+)",
    tolerance:
      "RATIO: CR(B | blocked) / CR(B | compound-only) ≤ 0.2; ORD: blocked < compound-only < B-only",
    evaluate(model) {
      const blocked = freezing(model(blockingDesign("blocked")), "test");
      const compound = freezing(model(blockingDesign("overshadowed")), "test");
      const element = freezing(model(blockingDesign("element")), "test");
      const ratio = blocked / compound;
      return {
        measured: round(ratio, 3),
        checks: [
          within("CR(B | blocked) ÷ CR(B | compound-only) ≤ 0.2", ratio, [0, 0.2]),
          greater("blocked < compound-only", compound, blocked),
          greater("compound-only < B-only", element, compound),
        ],
        detail: {
          blocked: round(blocked, 1),
          compoundOnly: round(compound, 1),
          elementOnly: round(element, 1),
        },
      };
    },
  },
  {
    id: "A2",
    phenomenon: "unblocking",
    paradigm: "fear",
    source: "Kamin 1969; Holland 1988 [M]; literature.md A2",
    published:
      "a change of US when B is added lets B learn: excitation after an increase, inhibition after a decrease",
    tolerance:
      "ORD: CR(B | US doubled in AB) > CR(B | same US); net strength of B after a US decrease (0.4) < after the same US",
    evaluate(model) {
      const blocked = model(blockingDesign("blocked"));
      const up = model(blockingDesign("upshift"));
      const down = model(blockingDesign("downshift"));
      const frz = { blocked: freezing(blocked, "test"), upshift: freezing(up, "test") };
      const str = { blocked: strength(blocked, "test"), downshift: strength(down, "test") };
      return {
        measured: `up ${round(frz.upshift, 1)} vs ${round(frz.blocked, 1)} %; down ${round(str.downshift, 3)} vs ${round(str.blocked, 3)}`,
        checks: [
          greater("CR(B | upshift) > CR(B | same US)", frz.upshift, frz.blocked),
          greater("V(B | downshift) < V(B | same US)", str.blocked, str.downshift),
        ],
        detail: {
          freezingUpshift: round(frz.upshift, 1),
          freezingBlocked: round(frz.blocked, 1),
          strengthDownshift: round(str.downshift, 3),
          strengthBlocked: round(str.blocked, 3),
        },
      };
    },
  },
  {
    id: "A6",
    phenomenon: "overshadowing",
    paradigm: "fear",
    source: "Kamin 1969; Mackintosh 1976 [M]; Kehoe, Ludvig & Sutton 2013",
    published:
      "AB+ leaves each element weaker than A+ alone; mutual with equal saliences; the salient one dominates",
    tolerance:
      "ORD: CR(A | AB+) < CR(A | A+) and CR(B | AB+) < CR(A | A+); with A weaker (magnitude 0.5), CR(B) > CR(A) (one test trial per group)",
    evaluate(model) {
      const test = (group: "element" | "compound" | "weakA", cue: "A" | "B") =>
        freezing(model(overshadowingDesign(group, cue)), "test");
      const element = test("element", "A");
      const a = test("compound", "A");
      const b = test("compound", "B");
      const weakA = test("weakA", "A");
      const strongB = test("weakA", "B");
      return {
        measured: `A|AB ${round(a, 1)}, B|AB ${round(b, 1)} vs A|A ${round(element, 1)} %`,
        checks: [
          greater("CR(A | AB+) < CR(A | A+)", element, a),
          greater("CR(B | AB+) < CR(A | A+)", element, b),
          greater("A weaker: CR(B) > CR(A)", strongB, weakA),
        ],
        detail: {
          elementA: round(element, 1),
          compoundA: round(a, 1),
          compoundB: round(b, 1),
          weakA: { A: round(weakA, 1), B: round(strongB, 1) },
        },
      };
    },
  },
  {
    // Plain overexpectation only: the file's A5 (overexpectation ≠ extinction) is not scored yet.
    id: "A5-overexpectation",
    phenomenon: "overexpectation",
    paradigm: "fear",
    source: "Rescorla 1970; Kremer 1978 [M]; Witnauer & Miller 2009, Behav Processes 81:322",
    published: "after A+ and B+ to asymptote, AB+ trials reduce responding to A and to B",
    tolerance:
      "ORD: mean CR(A), CR(B) after AB+ < the same without the AB+ phase (equal time in the box; one test trial per group)",
    evaluate(model) {
      const test = (group: "overexpectation" | "control") =>
        meanOf(
          (["A", "B"] as const).map((cue) =>
            freezing(model(overexpectationDesign(group, cue)), "test"),
          ),
        );
      const over = test("overexpectation");
      const control = test("control");
      return {
        measured: `${round(over, 1)} vs ${round(control, 1)} %`,
        checks: [greater("CR after AB+ < control", control, over)],
        detail: { overexpectation: round(over, 1), control: round(control, 1) },
      };
    },
  },
  {
    id: "A7-summation",
    phenomenon: "conditioned inhibition: summation",
    paradigm: "fear",
    source: "Rescorla 1969, Psychol Bull 72:77",
    published: "after A+ / AX−, X reduces responding to a separately trained excitor B; V_X < 0",
    tolerance: "ORD: CR(BX) < CR(B) and CR(BX) < CR(BY) (Y novel); net strength of X alone < 0",
    evaluate(model) {
      const b = freezing(model(inhibitionDesign("B")), "test");
      const bx = freezing(model(inhibitionDesign("BX")), "test");
      const by = freezing(model(inhibitionDesign("BY")), "test");
      const vx = strength(model(inhibitionDesign("X")), "test");
      return {
        measured: `BX ${round(bx, 1)} vs B ${round(b, 1)}, BY ${round(by, 1)} %; V_X ${round(vx, 3)}`,
        checks: [
          greater("CR(BX) < CR(B)", b, bx),
          greater("CR(BX) < CR(BY)", by, bx),
          greater("V_X < 0", 0, vx),
        ],
        detail: { B: round(b, 1), BX: round(bx, 1), BY: round(by, 1), strengthX: round(vx, 3) },
      };
    },
  },
  {
    id: "A7-retardation",
    phenomenon: "conditioned inhibition: retardation",
    paradigm: "fear",
    source: "Rescorla 1969, Psychol Bull 72:77",
    published: "an inhibitor X acquires excitation more slowly than a control CS",
    tolerance:
      "ORD: trials to 50 % freezing (interpolated between trials) for X+ > for a novel Z+ (4 pairings each, separate groups)",
    evaluate(model) {
      const x = model(inhibitionDesign("X+"));
      const z = model(inhibitionDesign("Z+"));
      const tx = trialsTo50(x, "test");
      const tz = trialsTo50(z, "test");
      return {
        measured: `X ${round(tx)} vs Z ${round(tz)} trials`,
        checks: [greater("trials to 50 %: X+ > Z+", tx, tz)],
        detail: {
          trialsX: round(tx, 3),
          trialsZ: round(tz, 3),
          wholePairingsX: pairingsTo50(x, "test"),
          wholePairingsZ: pairingsTo50(z, "test"),
          freezingX: inPhase(x, "test").map((r) => round(r.csFreezing, 1)),
          freezingZ: inPhase(z, "test").map((r) => round(r.csFreezing, 1)),
        },
      };
    },
  },
  {
    id: "A8",
    phenomenon: "negative contingency",
    paradigm: "fear",
    source: "Witcher & Ayres 1980, Anim Learn Behav 8:1",
    published:
      "a CS with fewer shocks than its background becomes inhibitory; less so as pairings are added, even with shocks in the CS",
    tolerance:
      "summation ratio r = CR(BX)/CR(B) rises with ΔP over 0, 1, 2 of 8 X trials paired (each step, ORD across animals), and r < 1 at 1 pairing (ΔP < 0, P(US|X) > 0)",
    evaluate(model) {
      const paired = [0, 1, 2];
      const ratioOf = (measure: (rows: FearRow[]) => number) =>
        paired.map(
          (n) =>
            measure(model(contingencyDesign(n, "BX"))) / measure(model(contingencyDesign(n, "B"))),
        );
      const ratio = ratioOf((rows) => freezing(rows, "test"));
      // Freezing saturates near an excitor's asymptote (RW's clamp at ΣV ≥ 1 above all): the
      // ratio of net strengths is reported alongside, not scored.
      const strengthRatio = ratioOf((rows) => strength(rows, "test"));
      const dp = paired.map(contingencyDeltaP);
      const rho = spearman(dp, ratio);
      return {
        measured: ratio.map((r) => round(r, 3)).join(" / "),
        checks: [
          greater("summation ratio rises with ΔP: 0 → 1 pairing", ratio[1], ratio[0]),
          greater("summation ratio rises with ΔP: 1 → 2 pairings", ratio[2], ratio[1]),
          greater("r < 1 at 1 pairing", 1, ratio[1]),
        ],
        detail: {
          deltaP: dp.map((d) => round(d, 3)),
          summationRatio: ratio.map((r) => round(r, 3)),
          spearman: round(rho, 3),
          strengthRatio: strengthRatio.map((r) => round(r, 3)),
        },
      };
    },
  },
];

/** The scorecard targets: the amygdala's measurement, with RW's alongside. */
export const amygdalaTargets: Target[] = phenomena.map(({ evaluate, phenomenon, ...info }) => ({
  ...info,
  variants,
  measure(context): Measurement {
    const models = animal(context);
    const m = evaluate(models.amygdala);
    const rw = evaluate(models.rescorlaWagner);
    return {
      ...m,
      reference: { name: "Rescorla–Wagner", checks: rw.checks },
      detail: {
        ...m.detail,
        phenomenon,
        rescorlaWagner: { measured: rw.measured, detail: rw.detail },
      },
    };
  },
}));

export interface ComparisonRow {
  phenomenon: string;
  amygdala: boolean;
  rescorlaWagner: boolean;
}

/**
 * Which phenomena each model reproduces. With scorecard `results` (from `shoulda validate`),
 * the amygdala column is read from them (and the RW one from their detail when present);
 * otherwise every phenomenon is measured here (the amygdala part takes tens of seconds).
 */
export function rescorlaWagnerComparison(results?: readonly TargetResult[]): ComparisonRow[] {
  const byId = new Map((results ?? []).map((r) => [r.id, r]));
  return phenomena.map((p) => {
    const r = byId.get(p.id);
    return {
      phenomenon: `${p.phenomenon} (${p.id})`,
      amygdala: r ? r.pass : holdsInAnimal(p.evaluate(amygdala).checks),
      rescorlaWagner: r?.reference
        ? r.reference.pass
        : holdsInAnimal(p.evaluate(rescorlaWagner).checks),
    };
  });
}
