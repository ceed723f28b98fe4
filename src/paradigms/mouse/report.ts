/** The mouse's output files: windows.csv, tones.csv, traces.csv, final-state tables and plots. */
import { toCsv } from "../../io/csv.js";
import { barPlot, linePlot } from "../../io/plots.js";
import type { OutputFile } from "../types.js";
import type { LifeResult } from "./life.js";
import type { WindowRow } from "./metrics.js";

export function windowsCsv(rows: readonly WindowRow[]): string {
  const keys = Object.keys(rows[0] ?? {}) as (keyof WindowRow)[];
  return toCsv(Object.fromEntries(keys.map((k) => [k, rows.map((r) => r[k])])));
}

export function tonesCsv(life: LifeResult): string {
  const t = life.tones;
  return toCsv({
    onsetS: t.map((r) => r.onsetMs / 1000),
    puffed: t.map((r) => r.paired),
    eyelidAtPuffTime: t.map((r) => r.amplitude),
    cr: t.map((r) => r.cr),
    peakLatencyMs: t.map((r) => r.peakLatencyMs),
    onsetLatencyMs: t.map((r) => r.onsetLatencyMs),
  });
}

export function tracesCsv(life: LifeResult): string {
  const b = life.traces;
  const col = <K extends keyof (typeof b)[number]>(k: K) => b.map((r) => r[k]);
  return toCsv({
    timeS: col("timeS"),
    place: col("place"),
    lickOnsets: col("lickOnsets"),
    chewOnsets: col("chewOnsets"),
    tone: col("tone"),
    puff: col("puff"),
    light: col("light"),
    shock: col("shock"),
    residualPower: col("residualPower"),
    cortexError: col("cortexError"),
    eyelidMax: col("eyelid"),
    blinkMax: col("blink"),
    fear: col("fear"),
    freezing: col("freezing"),
    arousal: col("arousal"),
  });
}

/** Scale a curve to its largest absolute value (for the one-timeline overview). */
function scaled(y: readonly number[]): number[] {
  const max = Math.max(1e-12, ...y.filter(Number.isFinite).map(Math.abs));
  return y.map((v) => v / max);
}

export async function mousePlots(
  life: LifeResult,
  rows: readonly WindowRow[],
): Promise<OutputFile[]> {
  const x = rows.map((r) => r.endMin);
  const col = (k: keyof WindowRow) => rows.map((r) => r[k] as number);
  const xLabel = "time of life (simulated min)";
  const overview = await linePlot({
    title: "Four kinds of learning in one life (each curve scaled to its own maximum)",
    xLabel,
    yLabel: "learning (scaled)",
    series: [
      { name: "DCN lick cancellation (dB)", x, y: scaled(col("lickCancellationDb")) },
      { name: "DCN chew cancellation (dB)", x, y: scaled(col("chewCancellationDb")) },
      { name: "cerebellum CR rate", x, y: col("crRate") },
      { name: "amygdala: light freezing (%)", x, y: scaled(col("freezingCue")) },
      { name: "cortex: 1 − error ratio", x, y: col("cortexErrorRatio").map((v) => 1 - v) },
    ],
  });
  const dcn = await linePlot({
    title:
      "DCN filter: own lick and chew sounds cancelled (dB), external sounds and tones passed (gain, 1 = all)",
    xLabel,
    yLabel: "dB / gain",
    series: [
      { name: "lick cancellation (dB)", x, y: col("lickCancellationDb") },
      { name: "chew cancellation (dB)", x, y: col("chewCancellationDb") },
      { name: "external gain", x, y: col("externalGain") },
    ],
  });
  const eyeblink = await linePlot({
    title: "Cerebellum: conditioned blinks to the tone",
    xLabel,
    yLabel: "CR rate / eyelid",
    series: [
      { name: "CR rate", x, y: col("crRate") },
      { name: "mean eyelid at puff time", x, y: col("crAmplitude") },
    ],
  });
  const timing = await linePlot({
    title: "Cerebellum: CR peak latency (tones with a CR)",
    xLabel,
    yLabel: "ms from tone onset",
    series: [
      { name: "CR peak latency", x, y: col("crPeakLatencyMs") },
      { name: "puff onset (ISI)", x, y: x.map(() => life.brain.config.life.isiMs) },
    ],
  });
  const fear = await linePlot({
    title: "Amygdala: freezing to the light, in the corner and elsewhere",
    xLabel,
    yLabel: "freezing (%)",
    series: [
      { name: "light, before its shock", x, y: col("freezingCue") },
      { name: "corner, no light", x, y: col("freezingCorner") },
      { name: "elsewhere, no light", x, y: col("freezingElsewhere") },
    ],
  });
  const cortex = await linePlot({
    title: "Cortex: next-input prediction error (residual power = predicting 0)",
    xLabel,
    yLabel: "mean squared error per channel",
    series: [
      { name: "prediction error", x, y: col("cortexError") },
      { name: "residual power", x, y: col("residualPower") },
    ],
  });
  const probe = life.final.blinkProbe;
  const blink = await linePlot({
    title: "Final state: conditioned eyelid to a tone alone (learning off)",
    xLabel: "time from tone onset (ms)",
    yLabel: "eyelid closure (CR)",
    series: [{ name: "eyelid", x: probe.timeMs, y: probe.eyelid }],
    markers: [{ x: life.brain.config.life.isiMs, label: "puff time" }],
  });
  const fearBars = await barPlot({
    title: "Final state: freezing to the light and without it, by place (learning off)",
    xLabel: "probe",
    yLabel: "freezing (%)",
    categories: life.final.fearProbe.map((p) => p.condition),
    values: life.final.fearProbe.map((p) => p.freezing),
  });
  return [
    { name: "life.svg", data: overview },
    { name: "dcn.svg", data: dcn },
    { name: "eyeblink.svg", data: eyeblink },
    { name: "eyeblink-timing.svg", data: timing },
    { name: "fear.svg", data: fear },
    { name: "cortex.svg", data: cortex },
    { name: "final-blink.svg", data: blink },
    { name: "final-fear.svg", data: fearBars },
  ];
}

export function finalCsv(life: LifeResult): OutputFile[] {
  const p = life.final.blinkProbe;
  const f = life.final.fearProbe;
  return [
    { name: "final-blink.csv", data: toCsv({ timeMs: p.timeMs, eyelid: p.eyelid }) },
    {
      name: "final-fear.csv",
      data: toCsv({
        condition: f.map((r) => r.condition),
        fear: f.map((r) => r.fear),
        freezing: f.map((r) => r.freezing),
      }),
    },
  ];
}
