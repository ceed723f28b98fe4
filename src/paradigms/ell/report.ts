/** ELL output files: negative-image traces, time courses, granule latency histogram. */
import { toCsv } from "../../io/csv.js";
import { barPlot, linePlot } from "../../io/plots.js";
import type { OutputFile } from "../types.js";
import {
  courseTimeS,
  type NegativeImageResult,
  type TilingResult,
  type TimeCourseResult,
} from "./experiments.js";

export async function ellFiles(
  img: NegativeImageResult,
  tc: TimeCourseResult,
  basis: TilingResult,
): Promise<OutputFile[]> {
  const t = img.traces;
  const negative = await linePlot({
    title: "Negative image: command-alone output vs the paired stimulus (channel 0)",
    xLabel: "time after EOD command (ms)",
    yLabel: "deviation",
    series: [
      { name: "stimulus (paired)", x: t.timeMs, y: t.stimulus },
      { name: "command alone after pairing", x: t.timeMs, y: t.image },
      { name: "changed stimulus", x: t.timeMs, y: t.changedStimulus },
      { name: "command alone after re-pairing", x: t.timeMs, y: t.changedImage },
    ],
  });
  const x1 = tc.formation.map((_, i) => courseTimeS(tc.blockS, i));
  const x2 = tc.decay.map((_, i) => courseTimeS(tc.blockS, i, tc.formation.length));
  const course = await linePlot({
    title: "Negative image: formation during pairing, decay with the command alone",
    xLabel: "time (s)",
    yLabel: "cancellation / image amplitude (1 = full)",
    series: [
      { name: "formation (cancellation)", x: x1, y: tc.formation },
      { name: "decay (image amplitude)", x: x2, y: tc.decay },
    ],
  });
  const latency = await barPlot({
    title: "Granule cells: peak latency after a command (temporal basis)",
    xLabel: "latency bin (ms)",
    yLabel: "responsive cells",
    categories: basis.latencyHistogram.map((_, i) => `${i * basis.binMs}`),
    values: basis.latencyHistogram,
  });
  return [
    { name: "negative-image.csv", data: toCsv(t) },
    { name: "negative-image.svg", data: negative },
    {
      name: "time-course.csv",
      data: toCsv({
        phase: [...tc.formation.map(() => "formation"), ...tc.decay.map(() => "decay")],
        timeS: [...x1, ...x2],
        value: [...tc.formation, ...tc.decay],
      }),
    },
    { name: "time-course.svg", data: course },
    { name: "granule-latency.svg", data: latency },
  ];
}
