/**
 * A fit's files: fit.json (best parameters, loss, each restart's optimum and the spread across
 * restarts), fit-curves.csv (data and model at every data point), fit.svg (the same as a plot)
 * and report.md. Each is written atomically.
 */
import { join } from "node:path";
import { writeFileAtomic } from "../io/atomic.js";
import { toCsv } from "../io/csv.js";
import { groupCurvePlot } from "../io/plots.js";
import type { FitResult } from "./run.js";

export interface ParamSummary {
  path: string;
  lo: number;
  hi: number;
  log: boolean;
  /** The value of the restart with the lowest loss. */
  best: number;
  /** Across the restarts' optima. */
  mean: number;
  sd: number | null;
  min: number;
  max: number;
}

const r6 = (v: number) => (Number.isFinite(v) ? Number(v.toPrecision(6)) : null);

export function paramSummaries(result: FitResult): ParamSummary[] {
  return result.plan.ranges.map((r, j) => {
    const xs = result.restarts.map((s) => s.best[j]);
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    const sd =
      xs.length > 1
        ? Math.sqrt(xs.reduce((s, x) => s + (x - mean) ** 2, 0) / (xs.length - 1))
        : null;
    return {
      path: r.path,
      lo: r.lo,
      hi: r.hi,
      log: r.log,
      best: result.best.values[j],
      mean,
      sd,
      min: Math.min(...xs),
      max: Math.max(...xs),
    };
  });
}

export function fitJson(
  result: FitResult,
  meta: { versions: Record<string, string>; command?: string },
) {
  const { plan } = result;
  const named = (values: number[]) =>
    Object.fromEntries(plan.ranges.map((r, j) => [r.path, values[j]]));
  return {
    paradigm: plan.spec.paradigm,
    data: {
      file: plan.data.file,
      column: plan.data.column,
      measure: plan.data.measure,
      unit: plan.data.unit,
      trialsPerPoint: plan.data.trialsPerPoint,
      conditions: plan.data.conditions.map((c) => ({ name: c.name, points: c.points.length })),
    },
    seeds: plan.spec.seeds,
    best: named(result.best.values),
    loss: result.best.loss,
    rmse: Math.sqrt(result.best.loss),
    params: paramSummaries(result),
    restarts: result.restarts.map((r) => ({
      restart: r.restart,
      start: named(r.start),
      best: named(r.best),
      loss: r.loss,
      evaluations: r.evaluations,
      iterations: r.iterations,
      converged: r.converged,
    })),
    candidates: result.candidates,
    runs: { now: result.runsNow, fromDatabase: result.runsStored },
    seconds: result.seconds,
    versions: meta.versions,
    ...(meta.command ? { command: meta.command } : {}),
  };
}

function reportMd(result: FitResult, json: ReturnType<typeof fitJson>): string {
  const { plan } = result;
  const lines = [
    `# Fit: ${plan.spec.paradigm} to ${plan.data.file}`,
    "",
    `${plan.data.column} per ${plan.data.unit} (model: mean of \`${plan.data.measure}\`${plan.data.scale !== 1 ? ` × ${plan.data.scale}` : ""} over ${plan.data.trialsPerPoint} trial${plan.data.trialsPerPoint === 1 ? "" : "s"}, across ${plan.spec.seeds.length} animals, the same seeds for every candidate), ${plan.conditions.length} condition${plan.conditions.length === 1 ? "" : "s"}.`,
    "",
    `Best loss (mean squared error) ${r6(json.loss)}, RMSE ${r6(json.rmse)}; ${result.restarts.length} Nelder–Mead restarts, ${result.candidates} candidates, ${result.runsNow} runs now and ${result.runsStored} from the database, ${result.seconds.toFixed(1)} s.`,
    "",
    "| parameter | range | best | mean ± SD across restarts | min–max |",
    "|---|---|---|---|---|",
    ...json.params.map(
      (p) =>
        `| \`${p.path}\` | ${p.lo}–${p.hi}${p.log ? " (log)" : ""} | ${r6(p.best)} | ${r6(p.mean)} ± ${p.sd === null ? "–" : r6(p.sd)} | ${r6(p.min)}–${r6(p.max)} |`,
    ),
    "",
    "| restart | start | optimum | loss | evaluations | converged |",
    "|---|---|---|---|---|---|",
    ...result.restarts.map(
      (r) =>
        `| ${r.restart} | ${r.start.map((v) => r6(v)).join(", ")} | ${r.best.map((v) => r6(v)).join(", ")} | ${r6(r.loss)} | ${r.evaluations} | ${r.converged ? "yes" : "no (budget)"} |`,
    ),
    "",
    "Files: fit.json, fit-curves.csv, fit.svg, study.duckdb (every candidate's runs; tables fit_candidates and fit_evaluations).",
    "",
  ];
  return lines.join("\n");
}

export async function writeFitOutputs(
  result: FitResult,
  dir: string,
  meta: { versions: Record<string, string>; command?: string },
): Promise<string[]> {
  const { plan, best } = result;
  const json = fitJson(result, meta);
  const files: string[] = [];
  const save = async (name: string, data: string) => {
    await writeFileAtomic(join(dir, name), data);
    files.push(name);
  };
  await save("fit.json", `${JSON.stringify(json, null, 2)}\n`);
  const c = best.curves;
  await save(
    "fit-curves.csv",
    toCsv({
      condition: c.map((p) => p.condition),
      [plan.data.unit]: c.map((p) => p.index),
      data: c.map((p) => p.data),
      model: c.map((p) => p.model),
      model_sem: c.map((p) => p.sem),
      n: c.map((p) => p.n),
    }),
  );
  const groups = plan.conditions.map((cond) => {
    const pts = c.filter((p) => p.condition === cond.name);
    return {
      name: cond.name,
      x: pts.map((p) => p.index),
      mean: pts.map((p) => p.model),
      sem: pts.map((p) => p.sem),
    };
  });
  const svg = await groupCurvePlot({
    title: `${plan.data.column}: data (dots) and the fitted model (line, ± SEM across ${plan.spec.seeds.length} animals)`,
    xLabel: plan.data.unit === "trial" ? "trial" : `block (${plan.data.trialsPerPoint} trials)`,
    yLabel: plan.data.column,
    groups,
    observed: plan.conditions.map((cond) => {
      const pts = c.filter((p) => p.condition === cond.name);
      return { group: cond.name, x: pts.map((p) => p.index), y: pts.map((p) => p.data) };
    }),
  });
  await save("fit.svg", svg);
  await save("report.md", reportMd(result, json));
  return files;
}
