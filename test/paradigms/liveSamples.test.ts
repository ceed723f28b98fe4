/**
 * Live learning-curve samples (RunHooks.onSample) are the numbers the run's tables will hold,
 * sent as soon as each trial or block is measured: one per fear trial, one per VOR gain test,
 * three per mouse window.
 */
import { describe, expect, it } from "vitest";
import { fromCsv } from "../../src/io/csv.js";
import { fearDesign, fearTrial } from "../../src/paradigms/fear/experiments.js";
import { fear } from "../../src/paradigms/fear/index.js";
import { mouse } from "../../src/paradigms/mouse/index.js";
import type { LiveSample, RunOutput } from "../../src/paradigms/types.js";
import { resolveVor, vor } from "../../src/paradigms/vor/index.js";
import { smallMouse } from "../mouse/helpers.js";

const table = (out: RunOutput, name: string) => {
  const file = out.files.find((f) => f.name === name);
  if (!file) throw new Error(`no ${name}`);
  return fromCsv(file.data);
};
const num = (xs: string[]) => xs.map((x) => (x === "" ? Number.NaN : Number(x)));
/** The CSV files hold 10 significant digits. */
const asWritten = (xs: number[]) =>
  xs.map((x) => (Number.isFinite(x) ? Number(x.toPrecision(10)) : x));

/** Runs and records every sample, and how many progress calls came before each. */
async function withSamples<C>(
  p: { run: (c: C, h: object) => Promise<RunOutput> },
  config: C,
): Promise<{ out: RunOutput; samples: LiveSample[]; progressBefore: number[] }> {
  const samples: LiveSample[] = [];
  const progressBefore: number[] = [];
  let progress = 0;
  const out = await p.run(config, {
    onProgress: () => progress++,
    onSample: (s: LiveSample) => {
      samples.push(s);
      progressBefore.push(progress);
    },
  });
  return { out, samples, progressBefore };
}

describe("live samples", () => {
  it("fear: one point per trial, equal to trials.csv, sent before the run ends", async () => {
    const config = fear.resolve({
      experiment: fearDesign([
        { name: "cond", trials: 4, types: [fearTrial({ cues: "T", us: 1 })] },
        { name: "test", trials: 2, types: [fearTrial({ cues: "T" })], context: "B" },
      ]).experiment,
    });
    const { out, samples, progressBefore } = await withSamples(fear, config);
    const rows = table(out, "trials.csv");
    expect(samples).toHaveLength(rows.trial.length);
    expect(samples.map((s) => s.x)).toEqual(num(rows.trial).map((t) => t + 1));
    expect(asWritten(samples.map((s) => s.values["pre-CS"]))).toEqual(num(rows.preFreezing));
    const cs = samples.map((s) => s.values[rows.trialType[samples.indexOf(s)]]);
    expect(asWritten(cs)).toEqual(num(rows.csFreezing));
    // Conditioning raises freezing: the curve a user watches has something to show.
    expect(cs[5]).toBeGreaterThan(cs[0]);
    // Each point arrives with its trial, not in a burst at the end.
    expect(progressBefore).toEqual([0, 1, 2, 3, 4, 5]);
    expect(new Set(samples.map((s) => s.panel)).size).toBe(1);
  });

  it("vor: one gain point per test, per condition, equal to gains.csv", async () => {
    const config = resolveVor({
      test: { everyMinutes: 5 },
      conditions: [
        { name: "x2", phases: [{ name: "training", optics: "x2", head: "moving", minutes: 10 }] },
        {
          name: "x0_5",
          phases: [{ name: "training", optics: "x0_5", head: "moving", minutes: 10 }],
        },
      ],
    });
    const { out, samples } = await withSamples(vor, config);
    const g = table(out, "gains.csv");
    const gains = num(g.gain);
    expect(samples).toHaveLength(gains.length);
    expect(asWritten(samples.map((s) => Object.values(s.values)[0]))).toEqual(gains);
    expect(samples.map((s) => Object.keys(s.values)[0])).toEqual(g.condition);
    expect(samples.map((s) => s.x)).toEqual(num(g.minute));
  });

  it("mouse: each window's cancellation, CR rate and freezing, equal to windows.csv", async () => {
    const config = smallMouse({ durationMin: 1.5 });
    const { out, samples } = await withSamples(mouse, config);
    const w = table(out, "windows.csv");
    const panel = (title: string) => samples.filter((s) => s.panel === title);
    const cancel = panel("Self-generated sound cancelled");
    expect(cancel.map((s) => s.x)).toEqual(num(w.endMin));
    expect(asWritten(cancel.map((s) => s.values.licks))).toEqual(num(w.lickCancellationDb));
    expect(asWritten(panel("Blink CRs to the tone").map((s) => s.values.tone / 100))).toEqual(
      num(w.crRate),
    );
    expect(asWritten(panel("Freezing by situation").map((s) => s.values.corner))).toEqual(
      num(w.freezingCorner),
    );
    expect(cancel.length).toBe(3);
  });
});
