/** A comparison's files: trials.csv (every model's every trial), summary.csv, curves.svg. */
import { toCsv } from "../io/csv.js";
import { linePlot } from "../io/plots.js";
import type { FearRow } from "../paradigms/fear/experiments.js";
import type { OutputFile } from "../paradigms/types.js";
import type { SummaryRow } from "./summary.js";

export interface ModelRows {
  model: string;
  rows: readonly FearRow[];
}

export function comparisonTrialsCsv(runs: readonly ModelRows[]): string {
  const all = runs.flatMap((r) => r.rows.map((row) => ({ model: r.model, row })));
  const col = <T>(f: (x: (typeof all)[number]) => T) => all.map(f);
  return toCsv({
    model: col((x) => x.model),
    phase: col((x) => x.row.phase),
    trial: col((x) => x.row.index),
    trialInPhase: col((x) => x.row.indexInPhase),
    trialType: col((x) => x.row.trialType),
    cues: col((x) => x.row.cues.join("")),
    context: col((x) => x.row.context),
    reinforced: col((x) => x.row.reinforced),
    response: col((x) => x.row.csFreezing),
    strength: col((x) => x.row.strength),
  });
}

export function summaryCsv(rows: readonly SummaryRow[]): string {
  const col = <T>(f: (r: SummaryRow) => T) => rows.map(f);
  return toCsv({
    model: col((r) => r.model),
    phase: col((r) => r.phase),
    trialType: col((r) => r.trialType),
    trials: col((r) => r.trials),
    meanResponse: col((r) => r.meanResponse),
    meanStrength: col((r) => r.meanStrength),
  });
}

/** One line per model × trial type with a cue, over the trial index, phases marked. */
export async function comparisonPlot(runs: readonly ModelRows[]): Promise<OutputFile> {
  const series = runs.flatMap(({ model, rows }) => {
    const types = [...new Set(rows.filter((r) => r.cues.length).map((r) => r.trialType))];
    return types.map((t) => {
      const own = rows.filter((r) => r.trialType === t && r.cues.length > 0);
      return {
        name: types.length > 1 ? `${model}: ${t}` : model,
        x: own.map((r) => r.index),
        y: own.map((r) => r.csFreezing),
      };
    });
  });
  const first = runs[0]?.rows ?? [];
  const markers = first
    .filter((r, i) => i > 0 && r.indexInPhase === 0)
    .map((r) => ({ x: r.index, label: r.phase }));
  const svg = await linePlot({
    title: "Response to the CS, trial by trial, per model",
    xLabel: "trial",
    yLabel: "response (freezing %; RW, PH: 100·clamp(ΣV))",
    series,
    markers,
    yDomain: [0, 100],
    points: true,
  });
  return { name: "curves.svg", data: svg };
}
