/**
 * Shoulda vs reward (`shoulda run shoulda-vs-reward`): the seed's claim that supervised learning
 * of outputs is far faster than learning from a scalar "you messed up" (DESIGN.md §1), measured
 * as trials to criterion on one motor task with the same granule-layer features (simulate.ts).
 */
import { toCsv } from "../../io/csv.js";
import { barPlot, linePlot } from "../../io/plots.js";
import { livePanel } from "../live.js";
import { defineParadigm, type RunHooks } from "../types.js";
import { defineUnitRun, runUnits } from "../units.js";
import {
  evaluationSeeds,
  type LearnerKind,
  type LearnerRun,
  type OnTrialError,
  resolveShouldaVsReward,
  runLearner,
  type ShouldaVsRewardConfig,
  shouldaVsRewardSchema,
  tune,
  tuningSeeds,
} from "./simulate.js";

export interface ShouldaVsRewardComparison {
  seeds: number[];
  shoulda: LearnerRun[];
  reward: LearnerRun[];
  tuning: { shoulda: LearnerRun[]; reward: LearnerRun[] };
  bestSupervisedRate: number;
  bestRewardStepSize: number;
}

/** Which run a trial's error belongs to: a tuning run, or the run on evaluation seed `evaluation` (0-based). */
export interface RunId {
  learner: LearnerKind;
  seed: number;
  stepSize: number;
  evaluation: number | null;
}

/**
 * Tunes both learners on the held-out seeds, then runs both on every evaluation seed;
 * `onError(run)` may give a listener for each run's per-trial errors (live curves).
 */
export function compare(
  config: ShouldaVsRewardConfig,
  onProgress?: (done: number, total: number) => void,
  onError?: (run: RunId) => OnTrialError | undefined,
): ShouldaVsRewardComparison {
  const seeds = evaluationSeeds(config);
  const total = 2 + 2 * seeds.length;
  let done = 0;
  const tick = () => onProgress?.(++done, total);
  const tuning = (learner: LearnerKind) => (seed: number, stepSize: number) =>
    onError?.({ learner, seed, stepSize, evaluation: null });
  const ts = tune(config, "shoulda", tuning("shoulda"));
  tick();
  const tr = tune(config, "reward", tuning("reward"));
  tick();
  const shoulda: LearnerRun[] = [];
  const reward: LearnerRun[] = [];
  const evaluate = (learner: LearnerKind, seed: number, stepSize: number, i: number) =>
    runLearner(
      config,
      learner,
      seed,
      stepSize,
      onError?.({ learner, seed, stepSize, evaluation: i }),
    );
  for (const [i, seed] of seeds.entries()) {
    shoulda.push(evaluate("shoulda", seed, ts.best, i));
    tick();
    reward.push(evaluate("reward", seed, tr.best, i));
    tick();
  }
  return {
    seeds,
    shoulda,
    reward,
    tuning: { shoulda: ts.runs, reward: tr.runs },
    bestSupervisedRate: ts.best,
    bestRewardStepSize: tr.best,
  };
}

const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const finalError = (r: LearnerRun) => mean(r.errors.slice(-5));

/** The numbers for summary.json, all computed from the runs. */
export function summarize(c: ShouldaVsRewardComparison) {
  const s = c.shoulda.map((r) => r.trials);
  const w = c.reward.map((r) => r.trials);
  const perSeed = c.reward.map((r, i) => r.trials / c.shoulda[i].trials);
  const censored = [...c.shoulda, ...c.reward].some((r) => !r.reached);
  return {
    trialsToCriterion: {
      shoulda: {
        perSeed: s,
        mean: mean(s),
        median: median(s),
        reached: c.shoulda.map((r) => r.reached),
      },
      reward: {
        perSeed: w,
        mean: mean(w),
        median: median(w),
        reached: c.reward.map((r) => r.reached),
      },
    },
    /** mean(reward trials) / mean(shoulda trials). */
    ratio: mean(w) / mean(s),
    ratioPerSeed: perSeed,
    ratioGeometricMean: Math.exp(mean(perSeed.map(Math.log))),
    /** True if a learner missed the criterion within maxTrials: its count (and the ratio) is then a bound. */
    censored,
  };
}

export const shouldaVsReward = defineParadigm<ShouldaVsRewardConfig>()({
  info: {
    id: "shoulda-vs-reward",
    title: "Shoulda vs reward",
    summary:
      "One VOR task, same granule features: supervised (slip vector error) vs scalar-reward (node perturbation) learner; trials to criterion.",
    citation:
      "Seed discussion (Numenta forum 2020, 'Supervised learning of outputs in the brain'): supervised learning from a " +
      "shoulda signal is far faster than learning from a scalar reward. Reward learner: REINFORCE node perturbation " +
      "(Williams 1992; Fiete & Seung 2006).",
  },
  schema: shouldaVsRewardSchema,
  resolve: resolveShouldaVsReward,

  checkpoints: true,
  checkpointUnit: "learner run",
  run: (config, hooks) => runUnits(comparisonRun, config, hooks),
});

/** The comparison so far: each learner's tuning, then one run per learner per seed. */
interface ComparisonState {
  tuning: {
    shoulda?: { runs: LearnerRun[]; best: number };
    reward?: { runs: LearnerRun[]; best: number };
  };
  shoulda: LearnerRun[];
  reward: LearnerRun[];
}

/**
 * The live per-trial error curves: a listener for each run, or none without an onSample hook.
 * Lines named as in curves.svg: learner and evaluation seed number; tuning runs by step size too.
 */
function liveErrors(
  config: ShouldaVsRewardConfig,
  hooks: RunHooks,
): (run: RunId) => OnTrialError | undefined {
  if (!hooks.onSample) return () => undefined;
  const yLabel = "RMS slip / RMS head velocity";
  const evaluation = livePanel(
    hooks,
    "Tracking error per trial (evaluation seeds)",
    "trial",
    yLabel,
  );
  const tuning = livePanel(
    hooks,
    "Tuning: tracking error per trial (held-out seeds)",
    "trial",
    yLabel,
  );
  const held = tuningSeeds(config);
  return (r) => {
    if (r.evaluation === null) {
      const line = `${r.learner} ${r.stepSize}, seed ${held.indexOf(r.seed) + 1}`;
      return (trial, error) => tuning(trial, { [line]: error });
    }
    const line = `${r.learner} ${r.evaluation + 1}`;
    return (trial, error) => evaluation(trial, { [line]: error });
  };
}

/**
 * The comparison as units (what compare() does in one go): tune the shoulda learner, tune the
 * reward learner, then for each evaluation seed a shoulda run and a reward run.
 */
const comparisonRun = defineUnitRun<ShouldaVsRewardConfig, ComparisonState>()({
  start: () => ({ tuning: { shoulda: undefined, reward: undefined }, shoulda: [], reward: [] }),
  count: (_, config) => 2 + 2 * evaluationSeeds(config).length,
  step(state, index, config, hooks) {
    const { tuning } = state;
    const onError = liveErrors(config, hooks);
    const tuned = (learner: LearnerKind) => (seed: number, stepSize: number) =>
      onError({ learner, seed, stepSize, evaluation: null });
    if (index === 0) tuning.shoulda = tune(config, "shoulda", tuned("shoulda"));
    else if (index === 1) tuning.reward = tune(config, "reward", tuned("reward"));
    else {
      const evaluation = (index - 2) >> 1;
      const seed = evaluationSeeds(config)[evaluation];
      const learner = index % 2 === 0 ? "shoulda" : "reward";
      const best = tuning[learner]?.best;
      if (best === undefined) throw new Error(`shoulda-vs-reward: ${learner} was not tuned`);
      const listener = onError({ learner, seed, stepSize: best, evaluation });
      state[learner].push(runLearner(config, learner, seed, best, listener));
    }
  },
  async finish(state, config, started) {
    const { shoulda: ts, reward: tr } = state.tuning;
    if (!ts || !tr) throw new Error("shoulda-vs-reward: the learners were not tuned");
    const c: ShouldaVsRewardComparison = {
      seeds: evaluationSeeds(config),
      shoulda: state.shoulda,
      reward: state.reward,
      tuning: { shoulda: ts.runs, reward: tr.runs },
      bestSupervisedRate: ts.best,
      bestRewardStepSize: tr.best,
    };
    const stats = summarize(c);
    const all = [...c.shoulda, ...c.reward];
    const tuningRuns = [...c.tuning.shoulda, ...c.tuning.reward];
    const curves = [...all, ...tuningRuns.map((r) => ({ ...r, tuning: true }))];
    const files = [
      {
        name: "trials.csv",
        data: toCsv({
          seed: all.map((r) => r.seed),
          learner: all.map((r) => r.learner),
          step_size: all.map((r) => r.stepSize),
          trials_to_criterion: all.map((r) => r.trials),
          reached: all.map((r) => r.reached),
          final_error: all.map(finalError),
        }),
      },
      {
        name: "tuning.csv",
        data: toCsv({
          seed: tuningRuns.map((r) => r.seed),
          learner: tuningRuns.map((r) => r.learner),
          step_size: tuningRuns.map((r) => r.stepSize),
          trials_to_criterion: tuningRuns.map((r) => r.trials),
          reached: tuningRuns.map((r) => r.reached),
          final_error: tuningRuns.map(finalError),
        }),
      },
      {
        name: "curves.csv",
        data: toCsv({
          learner: curves.flatMap((r) => r.errors.map(() => r.learner)),
          seed: curves.flatMap((r) => r.errors.map(() => r.seed)),
          tuning: curves.flatMap((r) => r.errors.map(() => "tuning" in r)),
          step_size: curves.flatMap((r) => r.errors.map(() => r.stepSize)),
          trial: curves.flatMap((r) => r.errors.map((_, i) => i + 1)),
          error: curves.flatMap((r) => r.errors),
        }),
      },
      {
        name: "trials.svg",
        data: await barPlot({
          title: `Trials to criterion (reward / shoulda = ${stats.ratio.toFixed(1)}×)`,
          xLabel: "learner, seed",
          yLabel: "trials to criterion",
          categories: c.seeds.flatMap((_, i) => [`shoulda ${i + 1}`, `reward ${i + 1}`]),
          values: c.seeds.flatMap((_, i) => [c.shoulda[i].trials, c.reward[i].trials]),
        }),
      },
      {
        name: "curves.svg",
        data: await linePlot({
          title: "Tracking error per trial (evaluation seeds)",
          xLabel: "trial",
          yLabel: "RMS slip / RMS head velocity",
          series: all.map((r) => ({
            name: `${r.learner} ${c.seeds.indexOf(r.seed) + 1}`,
            x: r.errors.map((_, i) => i + 1),
            y: r.errors,
          })),
        }),
      },
    ];
    return {
      summary: {
        paradigm: "shoulda-vs-reward" as const,
        seed: config.seed,
        wallSeconds: (Date.now() - started) / 1000,
        task: config.task,
        criterion: config.criterion,
        tuningSeeds: tuningSeeds(config),
        evaluationSeeds: c.seeds,
        bestSupervisedRate: c.bestSupervisedRate,
        bestRewardStepSize: c.bestRewardStepSize,
        rewardNoise: config.reward.noise,
        ...stats,
        tuning: tuningRuns.map((r) => ({
          learner: r.learner,
          stepSize: r.stepSize,
          trials: r.trials,
          reached: r.reached,
        })),
      },
      files,
    };
  },
});
