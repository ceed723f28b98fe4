/** A comparison's files: trials.csv (every model's every trial), summary.csv, curves.svg. */
import { toCsv } from "../io/csv.js";
import { panelLinePlot } from "../io/panelPlot.js";
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
    preResponse: col((x) => x.row.preFreezing),
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
    meanPreResponse: col((r) => r.meanPreResponse),
    meanStrength: col((r) => r.meanStrength),
  });
}

/** One panel per model, side by side; one line per trial type with a cue; phase starts marked. */
export async function comparisonPlot(runs: readonly ModelRows[]): Promise<OutputFile> {
  const lines = runs.flatMap(({ model, rows }) => {
    const withCue = rows.filter((r) => r.cues.length > 0);
    const types = [...new Set(withCue.map((r) => r.trialType))];
    return types.map((t) => {
      const own = withCue.filter((r) => r.trialType === t);
      return {
        panel: model,
        series: t.replace(/\(.*\)$/, ""),
        x: own.map((r) => r.index),
        y: own.map((r) => r.csFreezing),
      };
    });
  });
  const first = runs[0]?.rows ?? [];
  const rules = first.filter((r, i) => i > 0 && r.indexInPhase === 0).map((r) => r.index - 0.5);
  const svg = await panelLinePlot({
    title: "Response to the CS, trial by trial, per model (dashed: a new phase)",
    xLabel: "trial",
    yLabel: "response (freezing %; RW, PH: 100·clamp(ΣV))",
    lines,
    rules,
    yDomain: [0, 100],
  });
  return { name: "curves.svg", data: svg };
}
