/**
 * Late errors (`shoulda run late-error`): a discrete movement (a saccade) whose end-point error
 * is shown only after the movement, and the mechanism that still lets it teach the movement's
 * own command (world/motor/discrete.ts; docs/motor.md "Discrete movements").
 */
import { toCsv } from "../../io/csv.js";
import { type GroupCurve, groupCurvePlot } from "../../io/plots.js";
import { livePanel } from "../live.js";
import { defineParadigm, type RunHooks } from "../types.js";
import { defineUnitRun, runUnits } from "../units.js";
import { type LateErrorConfig, lateErrorSchema, resolveLateError } from "./config.js";
import {
  CONDITIONS,
  type CurvePoint,
  type CurveSummary,
  curvePoint,
  groupStartIfLast,
  lateErrorJobs,
  seedsOf,
  summarizeCurves,
} from "./simulate.js";

const round = (x: number, d = 3) => Number(x.toFixed(d));

function curvePlot(
  title: string,
  xLabel: string,
  curve: "delay" | "visibility",
  points: CurvePoint[],
  summary: CurveSummary[],
) {
  const rows = summary.filter((s) => s.curve === curve);
  const names = [...new Set(rows.map((r) => r.condition))];
  const groups: GroupCurve[] = names.map((c) => {
    const rs = rows.filter((r) => r.condition === c).sort((a, b) => a.x - b.x);
    const n = points.filter((p) => p.curve === curve && p.condition === c).length / rs.length;
    return {
      name: c,
      x: rs.map((r) => r.x),
      mean: rs.map((r) => r.mean),
      sem: rs.map((r) => (n > 1 ? r.sd / Math.sqrt(n) : Number.NaN)),
    };
  });
  return groupCurvePlot({
    title,
    xLabel,
    yLabel: "adaptation (fraction of deficit removed)",
    groups,
  });
}

export const lateError = defineParadigm<LateErrorConfig>()({
  info: {
    id: "late-error",
    title: "Late end-point errors",
    summary:
      "Saccade adaptation to a weakened muscle from a post-saccadic error shown after a gap: adaptation vs gap and vs visibility, with and without a held efference copy of the plan.",
    citation:
      "Optican & Robinson 1980 (cerebellar saccade adaptation to muscle weakness); Kitazawa, Kohno & Uka 1995 (delayed " +
      "terminal feedback slows adaptation); Suvrathan, Payne & Raymond 2016 (timing rules matched to the feedback delay).",
  },
  schema: lateErrorSchema,
  resolve: resolveLateError,

  checkpoints: true,
  checkpointUnit: "animal",
  run: (config, hooks) => runUnits(lateErrorRun, config, hooks),
});

/** The live adaptation curves (panels hold no state: rebuilt per unit). */
function lateErrorPanels(hooks: RunHooks) {
  const yLabel = "adaptation (fraction)";
  return {
    delay: livePanel(hooks, "Adaptation vs gap before the error", "gap (ms)", yLabel),
    visibility: livePanel(
      hooks,
      "Adaptation vs time the error is visible",
      "visible for (ms)",
      yLabel,
    ),
  };
}

/** A late-error run as units of one animal (one curve point); the state is the points so far. */
const lateErrorRun = defineUnitRun<LateErrorConfig, { points: CurvePoint[] }>()({
  start: () => ({ points: [] }),
  count: (_, config) => lateErrorJobs(config).length,
  step({ points }, index, config, hooks) {
    const jobs = lateErrorJobs(config);
    points.push(curvePoint(config, jobs[index]));
    // A curve point's mean over animals, from the state, once its group's last animal is done.
    const from = groupStartIfLast(jobs, index);
    if (from === null || !hooks.onSample) return;
    const live = lateErrorPanels(hooks);
    for (const s of summarizeCurves(points.slice(from)))
      live[s.curve](s.x, { [s.condition]: s.mean });
  },
  async finish({ points }, config, started) {
    const summary = summarizeCurves(points);
    const files = [
      {
        name: "adaptation.csv",
        data: toCsv({
          curve: points.map((p) => p.curve),
          condition: points.map((p) => p.condition),
          seed: points.map((p) => p.seed),
          gap_ms: points.map((p) => p.gapMs),
          visible_ms: points.map((p) => p.visibleMs),
          gain_before: points.map((p) => p.gainBefore),
          gain_after: points.map((p) => p.gainAfter),
          adaptation: points.map((p) => p.adaptation),
          drift_deg: points.map((p) => p.driftAfter),
        }),
      },
      {
        name: "curves.csv",
        data: toCsv({
          curve: summary.map((s) => s.curve),
          condition: summary.map((s) => s.condition),
          x_ms: summary.map((s) => s.x),
          mean: summary.map((s) => s.mean),
          sd: summary.map((s) => s.sd),
          min: summary.map((s) => s.min),
          max: summary.map((s) => s.max),
          mean_drift_deg: summary.map((s) => s.meanDriftDeg),
        }),
      },
      {
        name: "delay.svg",
        data: await curvePlot(
          `Adaptation after ${config.trainingTrials} trials vs gap before the error (mean ± SEM, ${config.animals} animals)`,
          "gap from the movement's end to the error (ms; + 100 ms visual latency)",
          "delay",
          points,
          summary,
        ),
      },
      {
        name: "visibility.svg",
        data: await curvePlot(
          `Adaptation vs how long the error is visible (gap ${config.visibilityGapMs} ms)`,
          "error visible for (ms)",
          "visibility",
          points,
          summary,
        ),
      },
    ];
    return {
      summary: {
        paradigm: "late-error" as const,
        seed: config.seed,
        animals: seedsOf(config),
        wallSeconds: (Date.now() - started) / 1000,
        trainingTrials: config.trainingTrials,
        conditions: CONDITIONS,
        curves: summary.map((s) => ({
          ...s,
          mean: round(s.mean),
          sd: round(s.sd),
          min: round(s.min),
          max: round(s.max),
          meanDriftDeg: round(s.meanDriftDeg),
        })),
      },
      files,
    };
  },
});
