/**
 * Live learning-curve samples (RunHooks.onSample) are the numbers the run's tables will hold,
 * sent as soon as each trial or block is measured: one per fear trial, one per VOR gain test,
 * three per mouse window, one per training block of the filter paradigms, one per lookahead,
 * per learner trial, per late-error curve point and per reach trial. "As soon as" is checked
 * against the run's progress calls: each point comes before the progress of the unit after it.
 * Paradigms run as checkpoint units (paradigms/units.ts) send a unit's points from its `step`,
 * so they come before that unit's own progress call.
 */
import { describe, expect, it } from "vitest";
import { fromCsv } from "../../src/io/csv.js";
import { cortexLoopParadigm } from "../../src/paradigms/cortexLoop/index.js";
import { dcn } from "../../src/paradigms/dcn/index.js";
import { ell } from "../../src/paradigms/ell/index.js";
import { fearDesign, fearTrial } from "../../src/paradigms/fear/experiments.js";
import { fear } from "../../src/paradigms/fear/index.js";
import { filterVsNlms } from "../../src/paradigms/filterVsNlms/index.js";
import { lateError } from "../../src/paradigms/lateError/index.js";
import { mouse } from "../../src/paradigms/mouse/index.js";
import { reach } from "../../src/paradigms/reach/index.js";
import { shortcut } from "../../src/paradigms/shortcut/index.js";
import { shouldaVsReward } from "../../src/paradigms/shouldaVsReward/index.js";
import { thoughtAssessor } from "../../src/paradigms/thoughtAssessor/index.js";
import { tinnitus } from "../../src/paradigms/tinnitus/index.js";
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

/** One line of the live curves: its points (x, value) and the progress count before each. */
function lineOf(got: Awaited<ReturnType<typeof withSamples>>, name: string, panel?: string) {
  const idx = got.samples.flatMap((s, i) =>
    name in s.values && (panel === undefined || s.panel === panel) ? [i] : [],
  );
  return {
    x: asWritten(idx.map((i) => got.samples[i].x)),
    y: asWritten(idx.map((i) => got.samples[i].values[name])),
    progress: idx.map((i) => got.progressBefore[i]),
  };
}
const repeat = (v: number, n: number) => Array.from({ length: n }, () => v);

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

  it("dcn: each training block's cancellation, filter and NLMS, equal to cancellation-over-time.csv", async () => {
    const config = dcn.resolve({
      protocol: {
        trainS: 4,
        testS: 2,
        deafS: 0,
        pairingPretrainS: 1,
        pairingBlocks: 2,
        pairingBlockS: 1,
        probeS: 1,
      },
      model: { granule: { count: 300 } },
      world: { chewing: { boutProbability: 1 } },
    });
    const got = await withSamples(dcn, config);
    const rows = table(got.out, "cancellation-over-time.csv");
    const pairs = [
      ["granule filter: lick", "filterLickDb"],
      ["NLMS: lick", "nlmsLickDb"],
      ["granule filter: chew", "filterChewDb"],
      ["NLMS: chew", "nlmsChewDb"],
    ];
    for (const [line, column] of pairs) {
      const l = lineOf(got, line);
      expect(l.y).toEqual(num(rows[column]));
      expect(l.x).toEqual(num(rows.timeS));
    }
    expect(rows.timeS).toHaveLength(10);
    // Both cancellers' blocks arrive during the main experiment (the first unit, before its
    // progress), the filter's while it trains, before NLMS trains.
    expect(lineOf(got, "granule filter: lick").progress).toEqual(repeat(0, 10));
    expect(lineOf(got, "NLMS: lick").progress).toEqual(repeat(0, 10));
    const at = (line: string) => got.samples.flatMap((s, i) => (line in s.values ? [i] : []));
    expect(Math.max(...at("granule filter: lick"))).toBeLessThan(Math.min(...at("NLMS: lick")));
  });

  it("ell: the negative image's formation and decay per block, equal to time-course.csv", async () => {
    const config = ell.resolve({
      protocol: { pairingS: 3, decayS: 2, blockS: 1, testS: 1, delaysMs: [50] },
      model: { granule: { count: 300 } },
    });
    const got = await withSamples(ell, config);
    const rows = table(got.out, "time-course.csv");
    const phase = { formation: "formation (cancellation)", decay: "decay (image amplitude)" };
    for (const [p, line] of Object.entries(phase)) {
      const at = rows.phase.flatMap((v, i) => (v === p ? [i] : []));
      const l = lineOf(got, line);
      expect(l.y).toEqual(at.map((i) => Number(rows.value[i])));
      expect(l.x).toEqual(at.map((i) => Number(rows.timeS[i])));
    }
    expect(got.samples).toHaveLength(5);
    // Sent during the time-course experiment (the second of five), not with the files.
    expect(got.progressBefore).toEqual(repeat(1, 5));
  });

  it("tinnitus: phantom and spontaneous SD per block and condition, equal to phantom-over-time.csv", async () => {
    const config = tinnitus.resolve({
      protocol: { trainS: 6, afterS: 4, blocks: 2, homeostasis: true },
      model: { granule: { count: 300 } },
    });
    const got = await withSamples(tinnitus, config);
    const rows = table(got.out, "phantom-over-time.csv");
    for (const [k, condition] of ["learning on", "learning on + homeostatic gain"].entries()) {
      const at = rows.condition.flatMap((v, i) => (v === condition ? [i] : []));
      const pick = (c: string) => at.map((i) => Number(rows[c][i]));
      const phantom = lineOf(got, condition, "Phantom after hearing loss (model prediction)");
      expect(phantom.y).toEqual(pick("phantomIndex"));
      expect(phantom.x).toEqual(pick("timeS"));
      const sd = lineOf(got, condition, "Spontaneous activity in the lost channels");
      expect(sd.y).toEqual(pick("spontaneousSd"));
      // Each condition's blocks arrive while it runs.
      expect(phantom.progress).toEqual(repeat(k, 2));
    }
  });

  it("cortex-loop: cancellation, power and cortex error per block, equal to convergence.csv", async () => {
    const config = cortexLoopParadigm.resolve({
      protocol: { durationS: 8, blocks: 4 },
      world: { song: { switchAtS: 4 } },
    });
    const got = await withSamples(cortexLoopParadigm, config);
    const rows = table(got.out, "convergence.csv");
    const lines: [string, string, string, number][] = [
      ["Lick sounds cancelled", "learning cortex", "cancellationDbLearning", 0],
      ["Lick sounds cancelled", "frozen cortex", "cancellationDbFrozen", 1],
      ["Lick sounds cancelled", "content-free pulse", "cancellationDbPulse", 2],
      ["Lick sounds cancelled", "filter alone", "cancellationDbNone", 3],
      ["Power reaching the cortex", "learning cortex", "powerLearning", 0],
      ["Power reaching the cortex", "frozen cortex", "powerFrozen", 1],
      ["Power reaching the cortex", "filter alone", "powerNone", 3],
      ["Cortex prediction error", "learning cortex", "cortexErrorLearning", 0],
      ["Cortex prediction error", "frozen cortex", "cortexErrorFrozen", 1],
    ];
    for (const [panel, line, column, condition] of lines) {
      const l = lineOf(got, line, panel);
      expect(l.y).toEqual(num(rows[column]));
      expect(l.x).toEqual(num(rows.timeS));
      // During the condition's own unit: after one progress call per finished condition.
      expect(l.progress).toEqual(repeat(condition, 4));
    }
    expect(got.samples).toHaveLength(4 * 4 + 3 * 4 + 2 * 4);
    // The learning cortex predicts something: its error is finite in every block.
    expect(num(rows.cortexErrorLearning).every(Number.isFinite)).toBe(true);
  });

  it("shortcut: lead, accuracy and closed-loop growth per lookahead, equal to its CSVs", async () => {
    const config = shortcut.resolve({
      trainSeconds: 10,
      testSeconds: 4,
      lookaheadsMs: [5, 150],
      loop: { gains: [0.5, 1] },
    });
    const got = await withSamples(shortcut, config);
    const open = table(got.out, "lookahead.csv");
    const closed = table(got.out, "closed-loop.csv");
    expect(lineOf(got, "lead").y).toEqual(num(open.lead_ms));
    expect(lineOf(got, "accuracy").y).toEqual(num(open.accuracy));
    expect(lineOf(got, "lead").x).toEqual(num(open.lookahead_ms));
    for (const k of [0.5, 1]) {
      const at = closed.loop_gain_k.flatMap((v, i) => (Number(v) === k ? [i] : []));
      const l = lineOf(got, `k${k}`);
      expect(l.y).toEqual(at.map((i) => Number(closed.loop_growth[i])));
      expect(l.x).toEqual(at.map((i) => Number(closed.lookahead_ms[i])));
    }
    // One lookahead's points after another: each before the next lookahead's progress.
    expect(lineOf(got, "lead").progress).toEqual([0, 1]);
  });

  it("shoulda-vs-reward: every learner's error per trial, equal to curves.csv", async () => {
    const config = shouldaVsReward.resolve({
      seeds: 1,
      criterion: { maxTrials: 40 },
      tuning: { seeds: 1, supervisedRates: [0.003], rewardStepSizes: [2] },
    });
    const got = await withSamples(shouldaVsReward, config);
    const rows = table(got.out, "curves.csv");
    const runs: [string, string, string, number][] = [
      ["shoulda 0.003, seed 1", "shoulda", "true", 0],
      ["reward 2, seed 1", "reward", "true", 1],
      ["shoulda 1", "shoulda", "false", 2],
      ["reward 1", "reward", "false", 3],
    ];
    for (const [line, learner, tuning, progress] of runs) {
      const at = rows.learner.flatMap((v, i) =>
        v === learner && rows.tuning[i] === tuning ? [i] : [],
      );
      const l = lineOf(got, line);
      expect(l.y).toEqual(at.map((i) => Number(rows.error[i])));
      expect(l.x).toEqual(at.map((i) => Number(rows.trial[i])));
      expect(l.progress).toEqual(repeat(progress, at.length));
    }
    expect(got.samples).toHaveLength(rows.error.length);
  });

  it("late-error: each curve point's mean over animals, equal to curves.csv, once its animals ran", async () => {
    const config = lateError.resolve({
      animals: 2,
      trainingTrials: 4,
      gapsMs: [0, 200],
      visibleMsList: [50],
    });
    const got = await withSamples(lateError, config);
    const rows = table(got.out, "curves.csv");
    expect(got.samples).toHaveLength(rows.mean.length);
    const panel: Record<string, string> = {
      delay: "Adaptation vs gap before the error",
      visibility: "Adaptation vs time the error is visible",
    };
    got.samples.forEach((s, i) => {
      expect(s.panel).toBe(panel[rows.curve[i]]);
      expect(Object.keys(s.values)).toEqual([rows.condition[i]]);
      expect(asWritten([s.values[rows.condition[i]]])).toEqual([Number(rows.mean[i])]);
      expect(s.x).toBe(Number(rows.x_ms[i]));
    });
    // A point is sent right after its second animal ran, in that animal's unit (before its
    // progress): after progress 1, 3, 5, … (after 0, 2, 4, … would be with its first animal).
    expect(got.progressBefore).toEqual(rows.mean.map((_, i) => 2 * i + 1));
  });

  it("reach: α per trial, per protocol and subject, equal to trials.csv", async () => {
    const config = reach.resolve({ adaptTrials: 20, clampTrials: 5, relearnTrials: 5, animals: 2 });
    const got = await withSamples(reach, config);
    const rows = table(got.out, "trials.csv");
    expect(got.samples).toHaveLength(rows.alpha.length);
    got.samples.forEach((s, i) => {
      expect(s.panel.startsWith(rows.protocol[i] === "recovery" ? "Spontaneous" : "Savings")).toBe(
        true,
      );
      expect(s.x).toBe(Number(rows.trial[i]));
      expect(asWritten([s.values[`seed ${rows.seed[i]}`]])).toEqual([Number(rows.alpha[i])]);
    });
    // Subject k's trials arrive while it runs.
    expect(got.progressBefore).toEqual(rows.seed.map((seed) => Number(seed) - config.seed));
    // Same seed, same stream.
    expect((await withSamples(reach, config)).samples).toEqual(got.samples);
  });

  it("filter-vs-nlms: each animal's margin, per law, equal to animals.csv", async () => {
    const config = filterVsNlms.resolve({
      model: { granule: { count: 300 } },
      protocol: {
        trainS: 3,
        testS: 2,
        animals: 2,
        laws: [{ kind: "gated" }, { kind: "threshold" }],
      },
    });
    const got = await withSamples(filterVsNlms, config);
    const rows = table(got.out, "animals.csv");
    expect(got.samples).toHaveLength(rows.marginDb.length);
    got.samples.forEach((s, i) => {
      expect(s.x).toBe(Number(rows.seed[i]));
      expect(s.values).toEqual({ [rows.law[i]]: Number(rows.marginDb[i]) });
    });
    // Animal k (laws outer) is sent from its own unit, before that unit's progress call.
    expect(got.progressBefore).toEqual([0, 1, 2, 3]);
  });

  it("thought-assessor: fear per trial, per condition and trial type, equal to trials.csv", async () => {
    const config = thoughtAssessor.resolve({
      protocol: { trialsPerType: 2, itiMinS: 6, itiMaxS: 7 },
      cerebellum: {
        mossy: { count: 128, fibresPerChannel: 4 },
        basis: { bumps: 4 },
        granule: { count: 200 },
      },
      amygdala: { la: { count: 100 }, itc: { count: 100 } },
    });
    const got = await withSamples(thoughtAssessor, config);
    const rows = table(got.out, "trials.csv");
    expect(got.samples).toHaveLength(rows.fear.length);
    const conditions = ["context", "frozen", "raw"];
    got.samples.forEach((s, i) => {
      expect(s.panel).toContain(
        { context: "learning cortex", frozen: "frozen cortex", raw: "raw cues" }[
          rows.condition[i] as "context"
        ],
      );
      expect(s.x).toBe(Number(rows.trial[i]));
      expect(Object.keys(s.values)).toEqual([rows.type[i]]);
      expect(asWritten([s.values[rows.type[i]]])).toEqual([Number(rows.fear[i])]);
    });
    // A condition's trials arrive while it runs (one checkpoint unit per condition).
    expect(got.progressBefore).toEqual(rows.condition.map((c) => conditions.indexOf(c)));
  });
});
