/** Eyeblink output files: trials.csv, profiles.csv and SVG plots (CR %, amplitude, profiles, heatmap). */
import { blockRates } from "../../analysis/criterion.js";
import { toCsv } from "../../io/csv.js";
import { heatmap, linePlot } from "../../io/plots.js";
import type { OutputFile } from "../types.js";
import type { Profile, TrialRow } from "./analyse.js";
import type { TrialRecord } from "./simulate.js";

export function trialsCsv(rows: readonly TrialRow[]): string {
  const col = <K extends keyof TrialRow>(k: K) => rows.map((r) => r[k]);
  return toCsv({
    trial: col("index"),
    phase: col("phase"),
    trialInPhase: col("indexInPhase"),
    trialType: col("trialType"),
    probe: col("probe"),
    isiMs: col("isiMs"),
    itiMs: col("itiMs"),
    cr: col("cr"),
    amplitude: col("amplitude"),
    peakAmplitude: col("peakAmplitude"),
    peakLatencyMs: col("peakLatencyMs"),
    onsetLatencyMs: col("onsetLatencyMs"),
    lateClosure: col("lateClosure"),
  });
}

export function profilesCsv(list: readonly Profile[]): string {
  const phase: string[] = [];
  const trialType: string[] = [];
  const trials: number[] = [];
  const timeMs: number[] = [];
  const eyelid: number[] = [];
  const purkinjePause: number[] = [];
  for (const p of list) {
    for (let b = 0; b < p.eyelid.length; b++) {
      phase.push(p.phase);
      trialType.push(p.trialType);
      trials.push(p.trials);
      timeMs.push(b * p.binMs);
      eyelid.push(p.eyelid[b]);
      purkinjePause.push(p.pause[b]);
    }
  }
  return toCsv({ phase, trialType, trials, timeMs, eyelid, purkinjePause });
}

/** Phase boundaries as plot markers (at the first trial of each phase after the first). */
function phaseMarkers(rows: readonly TrialRow[], scale = 1): { x: number; label: string }[] {
  return rows
    .filter((r, i) => i > 0 && r.indexInPhase === 0)
    .map((r) => ({ x: r.index / scale, label: r.phase }));
}

export async function eyeblinkPlots(
  rows: readonly TrialRow[],
  records: readonly TrialRecord[],
  list: readonly Profile[],
  dtMs: number,
  blockSize: number,
): Promise<OutputFile[]> {
  const blocks = blockRates(
    rows.map((r) => r.cr),
    blockSize,
  );
  const blockX = blocks.map((_, i) => i * blockSize + blockSize);
  const amplitude = blocks.map((_, i) => {
    const block = rows
      .slice(i * blockSize, (i + 1) * blockSize)
      .filter((r) => Number.isFinite(r.amplitude));
    return block.reduce((s, r) => s + r.amplitude, 0) / Math.max(1, block.length);
  });
  const markers = phaseMarkers(rows);
  const acquisition = await linePlot({
    title: "Acquisition: conditioned responses across training",
    xLabel: "trial",
    yLabel: `CR % (blocks of ${blockSize})`,
    series: [{ name: "CR %", x: blockX, y: blocks.map((b) => 100 * b) }],
    markers,
    yDomain: [0, 100],
  });
  // Amplitude in its own units, on its own axis: not rescaled onto the CR % axis.
  const amplitudePlot = await linePlot({
    title: "CR amplitude across training",
    xLabel: "trial",
    yLabel: `mean eyelid closure at US time (blocks of ${blockSize})`,
    series: [{ name: "amplitude", x: blockX, y: amplitude }],
    markers,
  });

  const first = records[0]?.trial.trialType;
  const firstCs = first?.cues[0];
  const firstUs = records.find((r) => r.trial.trialType.us.length)?.trial.trialType.us[0];
  const timeMarkers = [
    ...(firstCs ? [{ x: firstCs.onsetMs, label: "CS" }] : []),
    ...(firstUs ? [{ x: firstUs.onsetMs, label: "US" }] : []),
  ];
  const profilePlot = await linePlot({
    title: "Mean eyelid response by phase and trial type",
    xLabel: "time in trial (ms)",
    yLabel: "eyelid closure (1 = full)",
    series: list.map((p) => ({
      name: `${p.phase}: ${p.trialType} (n=${p.trials})`,
      x: Array.from(p.eyelid, (_, b) => b * p.binMs),
      y: p.eyelid,
    })),
    markers: timeMarkers,
  });

  // CR profiles across training: mean eyelid per block of trials (rows) against time (columns).
  const length = Math.min(...records.map((r) => r.eyelid.length));
  const rowsOut = Math.ceil(records.length / blockSize);
  const values = new Float64Array(rowsOut * length);
  for (let b = 0; b < rowsOut; b++) {
    const block = records.slice(b * blockSize, (b + 1) * blockSize);
    for (const r of block)
      for (let t = 0; t < length; t++) values[b * length + t] += r.eyelid[t] / block.length;
  }
  const trainingHeatmap = await heatmap({
    title: "CR profiles across training",
    xLabel: "time in trial (ms)",
    yLabel: `trial (blocks of ${blockSize})`,
    x: Array.from({ length }, (_, t) => t * dtMs),
    y: Array.from({ length: rowsOut }, (_, b) => b * blockSize + 1),
    values,
    colorLabel: "eyelid",
    markers: timeMarkers,
    rowMarkers: markers,
    yReverse: true,
  });
  return [
    { name: "acquisition.svg", data: acquisition },
    { name: "amplitude.svg", data: amplitudePlot },
    { name: "profiles.svg", data: profilePlot },
    { name: "training-heatmap.svg", data: trainingHeatmap },
  ];
}
