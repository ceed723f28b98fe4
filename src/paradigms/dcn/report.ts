/** DCN output files: lick-locked traces, learning curves, pairing, comparison; CSV and SVG. */
import { toCsv } from "../../io/csv.js";
import { barPlot, heatmap, linePlot } from "../../io/plots.js";
import type { OutputFile } from "../types.js";
import type { MainResult, PairingResult } from "./experiments.js";

/** Spectrogram-like heatmap of what reaches cortex (u per channel) over a stretch of the test. */
async function spectrogram(
  main: MainResult,
  path: "input" | "dcn",
  dtMs: number,
  seconds = 4,
): Promise<string> {
  const { scene, dcn } = main.test;
  const n = scene.sensoryNames.length;
  const steps = Math.min(scene.steps, Math.round((seconds * 1000) / dtMs));
  const values = new Float64Array(n * steps);
  const source = path === "input" ? dcn.input : dcn.unexpected;
  for (let j = 0; j < n; j++)
    for (let t = 0; t < steps; t++) values[j * steps + t] = source[t * n + j];
  // Every event line labelled: "L" a lick command, "C" a chew command (named in the title).
  const licks = scene.events
    .filter((e) => (e.kind === "lick" || e.kind === "chew") && e.step < steps)
    .map((e) =>
      e.kind === "chew"
        ? { x: Number(e.command) * dtMs, label: "C" }
        : { x: e.step * dtMs, label: "L" },
    );
  return heatmap({
    title:
      path === "input"
        ? "Cochlear input (deviation from rest); L lick, C chew command"
        : "DCN output u: what reaches cortex; L lick, C chew command",
    xLabel: "time (ms)",
    yLabel: "cochlear channel (low → high)",
    x: Array.from({ length: steps }, (_, t) => t * dtMs),
    y: Array.from({ length: n }, (_, j) => j),
    values,
    colorLabel: "deviation",
    markers: licks.slice(0, 60),
  });
}

export async function dcnFiles(
  main: MainResult,
  paired: PairingResult,
  unpaired: PairingResult,
  dtMs: number,
): Promise<OutputFile[]> {
  const tr = main.traces;
  const traces = await linePlot({
    title: "Lick-locked average (channel mean): input vs what reaches cortex",
    xLabel: "time after lick command (ms)",
    yLabel: "deviation",
    series: [
      { name: "lick sound (input)", x: tr.timeMs, y: tr.input },
      { name: "DCN filter output", x: tr.timeMs, y: tr.dcn },
      { name: "NLMS output", x: tr.timeMs, y: tr.nlms },
      ...(tr.deaf.length ? [{ name: "deafened: negative image", x: tr.timeMs, y: tr.deaf }] : []),
    ],
  });
  const lc = main.learningCurve;
  const blocks = lc.filter.map((_, i) => (i + 1) * lc.blockS);
  const learning = await linePlot({
    title: "Cancellation of self-generated sounds over training",
    xLabel: "time (s)",
    yLabel: "cancellation (dB)",
    series: [
      { name: "granule filter: lick", x: blocks, y: lc.filter },
      { name: "NLMS: lick", x: blocks, y: lc.nlms },
      ...(lc.chewFilter && lc.chewNlms
        ? [
            { name: "granule filter: chew", x: blocks, y: lc.chewFilter },
            { name: "NLMS: chew", x: blocks, y: lc.chewNlms },
          ]
        : []),
    ],
  });
  const nan = blocks.map(() => Number.NaN);
  const learningCsv = toCsv({
    timeS: blocks,
    filterLickDb: lc.filter,
    nlmsLickDb: lc.nlms,
    filterChewDb: lc.chewFilter ?? nan,
    nlmsChewDb: lc.chewNlms ?? nan,
  });
  const pb = paired.gains.map((_, i) => (i + 1) * paired.blockS);
  const pairing = await linePlot({
    title: "Tone response during tone–lick pairing (DCN3)",
    xLabel: "pairing time (s)",
    yLabel: "tone response (template gain)",
    series: [
      { name: "paired (fixed lag)", x: pb, y: paired.gains },
      { name: "unpaired (random times)", x: pb, y: unpaired.gains },
    ],
    yDomain: [0, 1.2],
  });
  const bars: [string, number | null][] = [
    ["lick, filter", main.dcn.cancellationDb],
    ["lick, NLMS", main.nlms.cancellationDb],
    ["chew, filter", main.dcn.chewCancellationDb],
    ["chew, NLMS", main.nlms.chewCancellationDb],
    ["head, filter", main.dcn.headCancellationDb],
    ["head, NLMS", main.nlms.headCancellationDb],
    ["ext., filter", main.dcn.passThroughDb],
    ["ext., NLMS", main.nlms.passThroughDb],
  ];
  const shown = bars.filter((b): b is [string, number] => b[1] !== null);
  const comparison = await barPlot({
    title:
      "Filter vs NLMS: cancellation of self-generated sounds, pass-through of external sounds (dB)",
    xLabel: "sound (ext. = external sounds), canceller",
    width: 120 * shown.length,
    yLabel: "dB",
    categories: shown.map((b) => b[0]),
    values: shown.map((b) => b[1]),
  });
  const ct = main.chewTraces;
  const chewFiles: OutputFile[] = ct
    ? [
        {
          name: "chew-locked.svg",
          data: await linePlot({
            title: "Chew-locked average (channel mean): chewing sound vs what reaches cortex",
            xLabel: "time after the jaw-closing command (ms)",
            yLabel: "deviation",
            series: [
              { name: "chewing sound (input)", x: ct.timeMs, y: ct.input },
              { name: "DCN filter output", x: ct.timeMs, y: ct.dcn },
              { name: "NLMS output", x: ct.timeMs, y: ct.nlms },
            ],
          }),
        },
        {
          name: "chew-locked.csv",
          data: toCsv({
            timeMs: ct.timeMs,
            chewSound: ct.input,
            dcnOutput: ct.dcn,
            nlmsOutput: ct.nlms,
          }),
        },
      ]
    : [];
  const csv = toCsv({
    timeMs: tr.timeMs,
    lickSound: tr.input,
    dcnOutput: tr.dcn,
    nlmsOutput: tr.nlms,
    deafened: tr.deaf.length ? tr.deaf : tr.timeMs.map(() => Number.NaN),
  });
  return [
    { name: "lick-locked.csv", data: csv },
    { name: "lick-locked.svg", data: traces },
    { name: "cancellation-over-time.csv", data: learningCsv },
    { name: "cancellation-over-time.svg", data: learning },
    ...chewFiles,
    { name: "pairing.svg", data: pairing },
    { name: "filter-vs-nlms.svg", data: comparison },
    { name: "spectrogram-input.svg", data: await spectrogram(main, "input", dtMs) },
    { name: "spectrogram-output.svg", data: await spectrogram(main, "dcn", dtMs) },
  ];
}
