/**
 * Reach adaptation (`shoulda run reach`): a minimum-jerk reach in a viscous force field, taught
 * by a late end-point error, in Smith, Ghazizadeh & Shadmehr 2006's protocols: spontaneous
 * recovery in error-clamp trials after a brief counter-adaptation, and savings on relearning. The
 * two rates are the model's two plasticity sites (config.ts), not a fitted two-state equation.
 */
import { toCsv } from "../../io/csv.js";
import { groupCurvePlot } from "../../io/plots.js";
import { livePanel } from "../live.js";
import { defineParadigm, type RunHooks } from "../types.js";
import { defineUnitRun, runUnits } from "../units.js";
import { type ReachConfig, reachSchema, resolveReach } from "./config.js";
import { runSubject, type SubjectResult } from "./protocol.js";

const round = (x: number, d = 3) => Number(x.toFixed(d));

/** Mean, SD, min and max of one measure over subjects. */
function spread(rs: SubjectResult[], pick: (r: SubjectResult) => number) {
  const xs = rs.map(pick);
  const mean = xs.reduce((s, v) => s + v, 0) / xs.length;
  const sd =
    xs.length > 1 ? Math.sqrt(xs.reduce((s, v) => s + (v - mean) ** 2, 0) / (xs.length - 1)) : 0;
  return {
    mean: round(mean),
    sd: round(sd),
    min: round(Math.min(...xs)),
    max: round(Math.max(...xs)),
  };
}

function traceRows(rs: SubjectResult[]) {
  const rows: { protocol: string; seed: number; trial: number; kind: string; alpha: number }[] = [];
  for (const r of rs)
    for (const protocol of ["recovery", "savings"] as const) {
      const t = r[protocol].trace;
      for (let i = 0; i < t.alpha.length; i++)
        rows.push({ protocol, seed: r.seed, trial: i + 1, kind: t.kind[i], alpha: t.alpha[i] });
    }
  return rows;
}

/** Naive and relearning curves from each phase's start: mean ± SEM over subjects. */
function savingsCurves(config: ReachConfig, rs: SubjectResult[]) {
  const n = config.relearnTrials;
  const x = Array.from({ length: n }, (_, i) => i + 1);
  const curve = (name: string, pick: (r: SubjectResult) => number[]) => {
    const cols = rs.map(pick);
    const mean = x.map((_, i) => cols.reduce((s, c) => s + c[i], 0) / cols.length);
    const sem = x.map((_, i) => {
      if (cols.length < 2) return Number.NaN;
      const v = cols.reduce((s, c) => s + (c[i] - mean[i]) ** 2, 0) / (cols.length - 1);
      return Math.sqrt(v / cols.length);
    });
    return { name, x, mean, sem };
  };
  return [
    curve("naive (first field-A trials)", (r) => r.savings.trace.alpha.slice(0, n)),
    curve("relearning (after counter-adaptation)", (r) =>
      r.savings.trace.alpha.slice(config.adaptTrials + r.savings.counterTrials),
    ),
  ];
}

/** Mean ± SEM by trial number over curves of possibly different lengths (to the shortest). */
function meanByTrial(name: string, curves: { y: number[] }[]) {
  const n = Math.min(...curves.map((c) => c.y.length));
  const x = Array.from({ length: n }, (_, i) => i + 1);
  const mean = x.map((_, i) => curves.reduce((s, c) => s + c.y[i], 0) / curves.length);
  const sem = x.map((_, i) =>
    curves.length < 2
      ? Number.NaN
      : Math.sqrt(
          curves.reduce((s, c) => s + (c.y[i] - mean[i]) ** 2, 0) /
            (curves.length - 1) /
            curves.length,
        ),
  );
  return { name, x, mean, sem };
}

export const reach = defineParadigm<ReachConfig>()({
  info: {
    id: "reach",
    title: "Reach adaptation (two rates)",
    summary:
      "Minimum-jerk reaches in a force field with a late end-point error: spontaneous recovery in error-clamp trials and savings on relearning, from a fast cortical and a slow nuclear site.",
    citation:
      "Smith, Ghazizadeh & Shadmehr 2006, PLoS Biol 4:e179 (two-rate adaptation, spontaneous recovery, savings); " +
      "Shadmehr & Mussa-Ivaldi 1994 (force fields); Medina & Mauk 2000 and Porrill & Dean 2007 (cortex-to-nucleus transfer) [M].",
  },
  schema: reachSchema,
  resolve: resolveReach,

  checkpoints: true,
  checkpointUnit: "subject",
  run: (config, hooks) => runUnits(reachRun, config, hooks),
});

/** The live charts of α by trial, one line per subject (panels hold no state: rebuilt per unit). */
function reachPanels(hooks: RunHooks) {
  const yLabel = "adaptation index α";
  return {
    recovery: livePanel(hooks, "Spontaneous recovery: A, B, then error clamps", "trial", yLabel),
    savings: livePanel(hooks, "Savings: A, B, then A again", "trial", yLabel),
  };
}

/** A reach run as units of one subject (its whole protocol); the state is the subjects done. */
const reachRun = defineUnitRun<ReachConfig, { subjects: SubjectResult[] }>()({
  start: () => ({ subjects: [] }),
  count: (_, config) => config.animals,
  step({ subjects }, index, config, hooks) {
    const seed = config.seed + index;
    const live = reachPanels(hooks);
    subjects.push(
      runSubject(
        config,
        seed,
        (protocol) => (trial, _kind, alpha) => live[protocol](trial, { [`seed ${seed}`]: alpha }),
      ),
    );
  },
  async finish({ subjects: rs }, config, started) {
    const seeds = rs.map((r) => r.seed);
    const rows = traceRows(rs);
    const recovery = rs.map((r) => ({
      group: "mean over subjects (by trial number)",
      id: String(r.seed),
      x: r.recovery.trace.alpha.map((_, i) => i + 1),
      y: r.recovery.trace.alpha,
    }));
    const files = [
      {
        name: "trials.csv",
        data: toCsv({
          protocol: rows.map((r) => r.protocol),
          seed: rows.map((r) => r.seed),
          trial: rows.map((r) => r.trial),
          kind: rows.map((r) => r.kind),
          alpha: rows.map((r) => r.alpha),
        }),
      },
      {
        name: "recovery.svg",
        data: await groupCurvePlot({
          title: `Field A × ${config.adaptTrials}, field B until α ≤ 0, then error clamps (${config.animals} subjects)`,
          xLabel: "trial",
          yLabel: "adaptation index α (1 = field A compensated)",
          groups: [meanByTrial("mean over subjects (by trial number)", recovery)],
          animals: recovery,
        }),
      },
      {
        name: "savings.svg",
        data: await groupCurvePlot({
          title: `Naive learning vs relearning of field A (mean ± SEM, ${config.animals} subjects)`,
          xLabel: "trial from the phase's start",
          yLabel: "adaptation index α",
          groups: savingsCurves(config, rs),
        }),
      },
    ];
    return {
      summary: {
        paradigm: "reach" as const,
        seed: config.seed,
        animals: seeds,
        wallSeconds: (Date.now() - started) / 1000,
        recovery: {
          adapted: spread(rs, (r) => r.recovery.adapted),
          counterTrials: spread(rs, (r) => r.recovery.counterTrials),
          afterCounter: spread(rs, (r) => r.recovery.afterCounter),
          clampPeak: spread(rs, (r) => r.recovery.clampPeak),
          clampPeakTrial: spread(rs, (r) => r.recovery.clampPeakTrial),
          recoveryFraction: spread(rs, (r) => r.recovery.recoveryFraction),
        },
        savings: {
          naiveHalfTrials: spread(rs, (r) => r.savings.naiveHalfTrials),
          relearnHalfTrials: spread(rs, (r) => r.savings.relearnHalfTrials),
          savingsRatio: spread(rs, (r) => r.savings.savingsRatio),
        },
        subjects: rs.map((r) => ({
          seed: r.seed,
          adapted: round(r.recovery.adapted),
          counterTrials: r.recovery.counterTrials,
          afterCounter: round(r.recovery.afterCounter),
          clampPeak: round(r.recovery.clampPeak),
          recoveryFraction: round(r.recovery.recoveryFraction),
          naiveHalfTrials: r.savings.naiveHalfTrials,
          relearnHalfTrials: r.savings.relearnHalfTrials,
          savingsRatio: round(r.savings.savingsRatio),
        })),
      },
      files,
    };
  },
});
