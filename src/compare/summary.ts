/**
 * The per-phase table of a comparison: for each model, phase and trial type, the mean response
 * (freezing %, RW/PH: 100 · clamp(ΣV)) and mean strength over the trials with a cue. This is
 * where the graded numbers live: on blocking, each model's response to the blocked cue against
 * the control cue in the test phase.
 */
import type { FearRow } from "../paradigms/fear/experiments.js";

export interface SummaryRow {
  model: string;
  phase: string;
  trialType: string;
  trials: number;
  meanResponse: number;
  /** Mean response just before the CS: the context's share of meanResponse. */
  meanPreResponse: number;
  meanStrength: number;
}

const mean = (xs: readonly number[]) =>
  xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : Number.NaN;

/** Rows grouped by phase then trial type, in the order they first occur. */
export function summarize(model: string, rows: readonly FearRow[]): SummaryRow[] {
  const groups = new Map<string, FearRow[]>();
  for (const r of rows) {
    if (r.cues.length === 0) continue; // US-alone / context trials have no CS response
    const key = `${r.phase}\u0000${r.trialType}`;
    const list = groups.get(key) ?? [];
    list.push(r);
    groups.set(key, list);
  }
  return [...groups.values()].map((g) => ({
    model,
    phase: g[0].phase,
    trialType: g[0].trialType,
    trials: g.length,
    meanResponse: mean(g.map((r) => r.csFreezing)),
    meanPreResponse: mean(g.map((r) => r.preFreezing)),
    meanStrength: mean(g.map((r) => r.strength)),
  }));
}

/** A plain-text table: one row per phase × trial type, one response column per model. */
export function summaryTable(rows: readonly SummaryRow[]): string {
  const models = [...new Set(rows.map((r) => r.model))];
  const keys = [...new Set(rows.map((r) => `${r.phase}\u0000${r.trialType}`))];
  const cell = (key: string, model: string) => {
    const r = rows.find((x) => x.model === model && `${x.phase}\u0000${x.trialType}` === key);
    return r && Number.isFinite(r.meanResponse) ? r.meanResponse.toFixed(1) : "–";
  };
  const label = shortLabels(rows.map((r) => r.trialType));
  const table = [
    ["phase", "trial type", ...models.map((m) => `${m} %`)],
    ...keys.map((k) => {
      const [phase, type] = k.split("\u0000");
      return [phase, label(type), ...models.map((m) => cell(k, m))];
    }),
  ];
  const widths = table[0].map((_, c) => Math.max(...table.map((row) => row[c].length)));
  return table
    .map((row) =>
      row.map((v, c) => (c < 2 ? v.padEnd(widths[c]) : v.padStart(widths[c]))).join("  "),
    )
    .join("\n");
}

/** "X-(isi=9000,…)" → "X-" for the printed table, unless two trial types would then read the same. */
function shortLabels(types: readonly string[]): (type: string) => string {
  const full = [...new Set(types)];
  const short = full.map((t) => t.replace(/\(.*\)$/, ""));
  const unique = new Set(short).size === full.length;
  return (type) => (unique ? type.replace(/\(.*\)$/, "") : type);
}
