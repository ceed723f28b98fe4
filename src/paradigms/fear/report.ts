/** Fear output files: trials.csv, traces.csv and SVG plots. */
import { toCsv } from "../../io/csv.js";
import { heatmap, linePlot } from "../../io/plots.js";
import type { LiveSample, OutputFile } from "../types.js";
import type { FearRow } from "./experiments.js";
import type { FearTrialRecord } from "./simulate.js";

export function trialsCsv(records: readonly FearTrialRecord[], rw: readonly FearRow[]): string {
  const col = <T>(f: (r: FearTrialRecord) => T) => records.map(f);
  return toCsv({
    trial: col((r) => r.trial.index),
    phase: col((r) => r.trial.phase),
    trialInPhase: col((r) => r.trial.indexInPhase),
    trialType: col((r) => r.trial.trialType.name),
    context: col((r) => r.context),
    cues: col((r) => r.cues.join("")),
    reinforced: col((r) => r.reinforced),
    itiMs: col((r) => r.trial.itiMs),
    csFreezing: col((r) => r.csFreezing),
    preFreezing: col((r) => r.preFreezing),
    fear: col((r) => r.csFear),
    laExcitation: col((r) => r.csExcitation),
    itcInhibition: col((r) => r.csInhibition),
    arousal: col((r) => r.csArousal),
    preFear: col((r) => r.preFear),
    rwFreezing: rw.map((r) => r.csFreezing),
    rwStrength: rw.map((r) => r.strength),
  });
}

/** Freezing (%) and the fear output, per second of every trial window. */
export function tracesCsv(records: readonly FearTrialRecord[]): string {
  const trial: number[] = [];
  const second: number[] = [];
  const freezing: number[] = [];
  const fear: number[] = [];
  for (const r of records) {
    for (let s = 0; s < r.freezingTrace.length; s++) {
      trial.push(r.trial.index);
      second.push(s);
      freezing.push(r.freezingTrace[s]);
      fear.push(r.fearTrace[s]);
    }
  }
  return toCsv({ trial, second, freezing, fear });
}

function phaseMarkers(records: readonly FearTrialRecord[]) {
  return records
    .filter((r, i) => i > 0 && r.trial.indexInPhase === 0)
    .map((r) => ({ x: r.trial.index, label: `${r.trial.phase} (${r.context})` }));
}

export async function fearPlots(
  records: readonly FearTrialRecord[],
  rw: readonly FearRow[],
): Promise<OutputFile[]> {
  const withCue = records.filter((r) => r.cues.length > 0);
  const x = withCue.map((r) => r.trial.index);
  const markers = phaseMarkers(records);
  const freezing = await linePlot({
    title: "Freezing to the CS, trial by trial",
    xLabel: "trial",
    yLabel: "freezing (% of the CS)",
    series: [
      { name: "amygdala: CS", x, y: withCue.map((r) => r.csFreezing) },
      { name: "amygdala: before the CS", x, y: withCue.map((r) => r.preFreezing) },
      {
        name: "Rescorla–Wagner: 100·clamp(ΣV)",
        x,
        y: rw.filter((r) => r.cues.length > 0).map((r) => r.csFreezing),
      },
    ],
    markers,
    yDomain: [0, 100],
  });
  const drives = await linePlot({
    title: "What the central amygdala sums during the CS",
    xLabel: "trial",
    yLabel: "drive (shoulda units)",
    series: [
      { name: "LA excitation a", x, y: withCue.map((r) => r.csExcitation) },
      { name: "ITC inhibition b", x, y: withCue.map((r) => r.csInhibition) },
      { name: "fear z = a − b", x, y: withCue.map((r) => r.csFear) },
    ],
    markers,
  });
  const seconds = Math.min(...records.map((r) => r.freezingTrace.length));
  const values = new Float64Array(records.length * seconds);
  records.forEach((r, i) => {
    for (let s = 0; s < seconds; s++) values[i * seconds + s] = r.freezingTrace[s];
  });
  const first = records[0]?.trial.trialType;
  const cueOnset = first?.cues.length ? first.cues[0].onsetMs / 1000 : undefined;
  const raster = await heatmap({
    title: "Freezing within each trial window",
    xLabel: "time in trial (s)",
    yLabel: "trial",
    x: Array.from({ length: seconds }, (_, s) => s + 0.5),
    y: records.map((r) => r.trial.index),
    values,
    colorLabel: "freezing %",
    colorDomain: [0, 100],
    yReverse: true,
    markers: cueOnset === undefined ? [] : [{ x: cueOnset, label: "CS" }],
  });
  return [
    { name: "freezing.svg", data: freezing },
    { name: "drives.svg", data: drives },
    { name: "freezing-raster.svg", data: raster },
  ];
}

/** A trial's point of the live freezing curve: CS freezing by trial type, and the pre-CS baseline. */
export function freezingSample(r: FearTrialRecord): LiveSample {
  const values: Record<string, number> = { "pre-CS": r.preFreezing };
  if (r.cues.length > 0) values[r.trial.trialType.name] = r.csFreezing;
  return {
    panel: "Freezing per trial",
    xLabel: "trial",
    yLabel: "freezing (%)",
    x: r.trial.index + 1,
    values,
  };
}
