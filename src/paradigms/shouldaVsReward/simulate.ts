/**
 * Shoulda vs reward: one motor task, two learners on the same granule-layer features.
 *
 * Task (the VOR world, src/world/motor): the head rotates sinusoidally; spectacles of
 * magnification m ask for VOR gain m while the brainstem path has gain g_b = 1, so the eye slips.
 * A trial is `trialSeconds` of continuous rotation; its tracking error is
 *
 *   err = RMS(slip) / RMS(head velocity)        (≈ |m − g_b| before learning, 0 when perfect)
 *
 * and the criterion is err < `criterion.threshold` on `criterion.consecutive` trials in a row;
 * trials to criterion = the index (1-based) of the last of those trials.
 *
 * (a) shoulda: the existing AdaptiveMotorLoop, its Cerebellum taught by the vector error (the
 *     retinal slip, 100 ms late) through PF→PC plasticity.
 * (b) reward: a RewardLearner (src/brain/rewardLearner.ts) reading the granule activity of a
 *     Cerebellum built from the same parameters, channels and seed (so the features are
 *     identical), with its own readout; after each trial it gets only R = −mean(slip²)/errorScale².
 *
 * Each learner's step size is tuned over a small grid on held-out seeds (`tuning`); the best
 * (fewest trials to criterion on the worst held-out seed) is then used on every evaluation seed.
 */
import { z } from "zod";
import { Cerebellum } from "../../brain/cerebellum.js";
import { AdaptiveMotorLoop, motorLoopParamsSchema } from "../../brain/motorLoop.js";
import { RewardLearner } from "../../brain/rewardLearner.js";
import { backendField, getKernel } from "../../kernels/index.js";
import { cerebellumParamsSchema } from "../../model/cerebellum.js";
import { deepMerge, isPlainObject } from "../../model/merge.js";
import { deriveSeed, Rng } from "../../model/rng.js";
import { parseWith } from "../../model/validate.js";
import { sinusoid } from "../../world/motor/stimulus.js";
import { VorBody, vorChannels } from "../../world/motor/vor.js";
import type { RunConfig } from "../types.js";

/** The module: small and fast (one stimulus frequency), window at the loop delay (100 + 20 ms). */
export const SVR_MODEL_DEFAULTS = {
  dtMs: 5,
  mossy: { count: 40, fibresPerChannel: 8 },
  basis: { bumps: 6, minDelayMs: 10, maxDelayMs: 300 },
  granule: { count: 1000 },
  plasticity: {
    pfPurkinje: { windowPeakMs: 120, ltd: 0.0003, ltp: 0.0003, minWeight: 0, maxWeight: 2 },
    mfNucleus: { enabled: false },
  },
  olive: { feedbackDelayMs: 120 },
};

/** The loop: slip 100 ms late, 30 deg/s = 1 unit of z; linear olive, no leak (λ = 0). */
export const SVR_LOOP_DEFAULTS = {
  errorDelayMs: 100,
  errorScale: 30,
  motorGain: 30,
  errorSaturation: 0,
  olivaryFeedback: 0,
};

const rates = (d: string) => z.array(z.number().min(0).max(10)).min(1).max(12).describe(d);

export const shouldaVsRewardSchema = z
  .object({
    paradigm: z.literal("shoulda-vs-reward"),
    seed: z.number().int().min(0).max(4294967295).default(1).describe("Root seed"),
    backend: backendField("wasm"),
    seeds: z
      .number()
      .int()
      .min(1)
      .max(50)
      .default(5)
      .describe("Evaluation seeds (each: its own wiring, mossy noise and perturbations)"),
    model: cerebellumParamsSchema.prefault({}),
    loop: motorLoopParamsSchema.prefault({}),
    task: z
      .object({
        headAmplitudeDegS: z
          .number()
          .positive()
          .max(500)
          .default(30)
          .describe("Peak head velocity of the sinusoidal rotation (deg/s)"),
        frequencyHz: z.number().positive().max(20).default(1).describe("Rotation frequency (Hz)"),
        magnification: z
          .number()
          .min(-10)
          .max(10)
          .default(1.5)
          .describe("Spectacle magnification m: the VOR gain the optics ask for"),
        brainstemGain: z
          .number()
          .min(-10)
          .max(10)
          .default(1)
          .describe("g_b: the fixed brainstem VOR gain before learning"),
        plantTauMs: z.number().min(0).max(1000).default(20).describe("Eye plant lag τ (ms)"),
        trialSeconds: z
          .number()
          .positive()
          .max(60)
          .default(1)
          .describe("Length of one trial (s of continuous rotation)"),
      })
      .strict()
      .prefault({}),
    criterion: z
      .object({
        threshold: z
          .number()
          .positive()
          .max(10)
          .default(0.15)
          .describe("Tracking error RMS(slip)/RMS(head) a trial must stay below"),
        consecutive: z
          .number()
          .int()
          .min(1)
          .max(100)
          .default(3)
          .describe("K: trials in a row below threshold"),
        maxTrials: z
          .number()
          .int()
          .min(1)
          .max(100_000)
          .default(600)
          .describe("Give up after this many trials (the result is then censored: ≥ maxTrials)"),
      })
      .strict()
      .prefault({}),
    reward: z
      .object({
        noise: z
          .number()
          .positive()
          .max(10)
          .default(0.15)
          .describe("σ: output perturbation (units of z; ×motorGain = deg/s)"),
        baselineRate: z
          .number()
          .gt(0)
          .max(1)
          .default(0.2)
          .describe("α: rate of the running-average reward baseline (per-trial feedback)"),
        feedback: z
          .enum(["trial", "step"])
          .default("trial")
          .describe(
            "trial: one scalar R per trial; step: a scalar r = −slip²/errorScale² every step, as late as the " +
              "supervised error (errorDelayMs), with a forgetting eligibility trace",
          ),
        traceTauMs: z
          .number()
          .positive()
          .max(2000)
          .default(120)
          .describe(
            "Per-step feedback: the eligibility trace's peak (ms; the error delay + plant lag)",
          ),
        baselineTauMs: z
          .number()
          .positive()
          .max(60_000)
          .default(500)
          .describe("Per-step feedback: time constant of the running reward baseline (ms)"),
      })
      .strict()
      .prefault({}),
    supervisedFeedback: z
      .enum(["step", "trial"])
      .default("step")
      .describe(
        "step: the supervised module sees the slip every step; trial: on one step per trial only (a random, " +
          "seeded time), as sparse as the reward learner's per-trial R",
      ),
    scoring: z
      .enum(["training", "probe"])
      .default("training")
      .describe(
        "training: the criterion reads each training trial (the reward learner's exploration on); probe: each " +
          "training trial is followed by a probe trial, learning and exploration off, which the criterion reads",
      ),
    tuning: z
      .object({
        seeds: z
          .number()
          .int()
          .min(1)
          .max(10)
          .default(2)
          .describe("Held-out seeds on which each learner's step size is tuned"),
        supervisedRates: rates(
          "Grid of PF→PC rates (ltd = ltp) tried for the supervised module on the held-out seed",
        ).default([0.0003, 0.001, 0.003, 0.006]),
        rewardStepSizes: rates(
          "Grid of step sizes η tried for the reward learner on the held-out seed",
        ).default([1, 2, 3, 4, 6]),
      })
      .strict()
      .prefault({}),
  })
  .strict();

export type ShouldaVsRewardConfig = z.output<typeof shouldaVsRewardSchema> & RunConfig;

export function resolveShouldaVsReward(input: Record<string, unknown>): ShouldaVsRewardConfig {
  const model = deepMerge(SVR_MODEL_DEFAULTS, isPlainObject(input) ? input.model : undefined);
  const loop = deepMerge(SVR_LOOP_DEFAULTS, isPlainObject(input) ? input.loop : undefined);
  return parseWith(
    shouldaVsRewardSchema,
    { paradigm: "shoulda-vs-reward", ...input, model, loop },
    "",
  ) as ShouldaVsRewardConfig;
}

export type LearnerKind = "shoulda" | "reward";

export interface LearnerRun {
  learner: LearnerKind;
  seed: number;
  /** ltd = ltp for shoulda, η for reward. */
  stepSize: number;
  /** Trials to criterion, or maxTrials when not reached (censored). */
  trials: number;
  reached: boolean;
  /** Tracking error per trial, up to the stop. */
  errors: number[];
}

function bodyFor(config: ShouldaVsRewardConfig): VorBody {
  const t = config.task;
  return new VorBody(
    {
      dtMs: config.model.dtMs,
      brainstemGain: t.brainstemGain,
      plantTauMs: t.plantTauMs,
      velocityScaleDegS: t.headAmplitudeDegS,
      accelerationRefHz: t.frequencyHz,
      restRate: 0,
      efferenceCopy: false,
    },
    sinusoid(t.headAmplitudeDegS, t.frequencyHz),
    { vision: true, magnification: t.magnification, sceneGain: 0 },
  );
}

function brainFor(config: ShouldaVsRewardConfig, seed: number, plastic: boolean): Cerebellum {
  const m = config.model;
  const params = cerebellumParamsSchema.parse({
    ...m,
    plasticity: { ...m.plasticity, pfPurkinje: { ...m.plasticity.pfPurkinje, enabled: plastic } },
  });
  return new Cerebellum(
    {
      kind: "cerebellum",
      params,
      channels: vorChannels({ efferenceCopy: false }),
      seed: deriveSeed(seed, "features"),
    },
    getKernel(config.backend),
  );
}

/** Gets each trial's error (1-based trial) as soon as the trial has run. */
export type OnTrialError = (trial: number, error: number) => void;

/** Runs trials until the criterion holds or maxTrials; `trial()` returns one trial's error. */
function untilCriterion(
  config: ShouldaVsRewardConfig,
  trial: () => number,
  onError?: OnTrialError,
) {
  const { threshold, consecutive, maxTrials } = config.criterion;
  const errors: number[] = [];
  let run = 0;
  while (errors.length < maxTrials) {
    const e = trial();
    errors.push(e);
    onError?.(errors.length, e);
    run = e < threshold ? run + 1 : 0;
    if (run >= consecutive) return { trials: errors.length, reached: true, errors };
  }
  return { trials: maxTrials, reached: false, errors };
}

function trialSteps(config: ShouldaVsRewardConfig): number {
  return Math.max(1, Math.round((config.task.trialSeconds * 1000) / config.model.dtMs));
}

/** (a) The supervised module, taught by the slip vector error through the motor loop. */
export function runShoulda(
  config: ShouldaVsRewardConfig,
  seed: number,
  rate: number,
  onError?: OnTrialError,
): LearnerRun {
  const c = {
    ...config,
    model: {
      ...config.model,
      plasticity: {
        ...config.model.plasticity,
        pfPurkinje: { ...config.model.plasticity.pfPurkinje, ltd: rate, ltp: rate },
      },
    },
  };
  const loop = new AdaptiveMotorLoop(brainFor(c, seed, true), config.loop);
  const body = bodyFor(config);
  const steps = trialSteps(config);
  const slip = [0];
  let error: number[] | null = null;
  // Per-trial feedback: the slip of one step per trial reaches the loop (the rest: no feedback).
  const glimpse = new Rng(deriveSeed(seed, "glimpse"));
  const none = [Number.NaN];
  const oneTrial = () => {
    let ss = 0;
    let hh = 0;
    const seen = config.supervisedFeedback === "trial" ? glimpse.int(steps) : -1;
    for (let s = 0; s < steps; s++) {
      const u = loop.step(body.sense(), error);
      const sample = body.act(u[0]);
      slip[0] = sample.slip ?? Number.NaN;
      error = seen < 0 || s === seen ? slip : none;
      ss += (sample.slip ?? 0) ** 2;
      hh += sample.head ** 2;
    }
    return Math.sqrt(ss / hh);
  };
  const r = untilCriterion(
    config,
    () => {
      const e = oneTrial();
      if (config.scoring === "training") return e;
      loop.brain.learning = false;
      const probe = oneTrial();
      loop.brain.learning = true;
      return probe;
    },
    onError,
  );
  return { learner: "shoulda", seed, stepSize: rate, ...r };
}

/** (b) The reward learner on the same features, told only −mean(slip²)/errorScale² per trial. */
export function runReward(
  config: ShouldaVsRewardConfig,
  seed: number,
  eta: number,
  onError?: OnTrialError,
): LearnerRun {
  const pf = config.model.plasticity.pfPurkinje;
  const w0 = config.model.purkinje.initialWeight;
  const learner = new RewardLearner(
    brainFor(config, seed, false),
    {
      stepSize: eta,
      noise: config.reward.noise,
      baselineRate: config.reward.baselineRate,
      motorGain: config.loop.motorGain,
      // v = w₀ − w: the same range of output as the supervised module's bounded weights.
      minWeight: w0 - pf.maxWeight,
      maxWeight: w0 - pf.minWeight,
      traceTauMs: config.reward.traceTauMs,
      baselineTauMs: config.reward.baselineTauMs,
    },
    deriveSeed(seed, "perturbation"),
  );
  const perStep = config.reward.feedback === "step";
  learner.perStep = perStep;
  const body = bodyFor(config);
  const steps = trialSteps(config);
  const scale2 = config.loop.errorScale ** 2;
  // Per-step rewards travel the supervised error's delay d (a ring of d steps).
  const d = Math.round(config.loop.errorDelayMs / config.model.dtMs);
  const inFlight = new Float64Array(Math.max(1, d));
  let head = 0;
  // A probe trial (learn = false) neither learns nor feeds the baseline: exploration is off.
  const oneTrial = (learn: boolean) => {
    let ss = 0;
    let hh = 0;
    for (let s = 0; s < steps; s++) {
      const sample = body.act(learner.step(body.sense())[0]);
      const slip = sample.slip ?? 0;
      if (perStep && learn) {
        const now = -(slip * slip) / scale2;
        const heard = d === 0 ? now : inFlight[head];
        if (d > 0) {
          inFlight[head] = now;
          head = (head + 1) % d;
        }
        learner.stepReward(heard);
      }
      ss += slip ** 2;
      hh += sample.head ** 2;
    }
    if (!perStep && learn) learner.endTrial(-ss / steps / scale2);
    return Math.sqrt(ss / hh);
  };
  const r = untilCriterion(
    config,
    () => {
      const e = oneTrial(true);
      if (config.scoring === "training") return e;
      learner.learning = false;
      const probe = oneTrial(false);
      learner.learning = true;
      return probe;
    },
    onError,
  );
  return { learner: "reward", seed, stepSize: eta, ...r };
}

export function runLearner(
  config: ShouldaVsRewardConfig,
  learner: LearnerKind,
  seed: number,
  stepSize: number,
  onError?: OnTrialError,
): LearnerRun {
  return learner === "shoulda"
    ? runShoulda(config, seed, stepSize, onError)
    : runReward(config, seed, stepSize, onError);
}

/** The mean tracking error of a run's last 10 trials. */
function tail(r: LearnerRun): number {
  const t = r.errors.slice(-10);
  return t.reduce((s, x) => s + x, 0) / t.length;
}

/** The held-out tuning seeds (never evaluation seeds). */
export function tuningSeeds(config: ShouldaVsRewardConfig): number[] {
  return Array.from({ length: config.tuning.seeds }, (_, i) =>
    deriveSeed(config.seed, `tuning${i}`),
  );
}

export function evaluationSeeds(config: ShouldaVsRewardConfig): number[] {
  return Array.from({ length: config.seeds }, (_, i) => deriveSeed(config.seed, `seed${i}`));
}

/**
 * Tries every step size of the grid on the held-out seeds; the best has the fewest trials to
 * criterion on its worst held-out seed (robust to a step size at the edge of instability), ties →
 * fewer trials on average, then the lower final error.
 */
export function tune(
  config: ShouldaVsRewardConfig,
  learner: LearnerKind,
  onError?: (seed: number, stepSize: number) => OnTrialError | undefined,
): { runs: LearnerRun[]; best: number } {
  const grid =
    learner === "shoulda" ? config.tuning.supervisedRates : config.tuning.rewardStepSizes;
  const seeds = tuningSeeds(config);
  const runs: LearnerRun[] = [];
  let best = grid[0];
  let bestKey = [Number.POSITIVE_INFINITY, 0, 0];
  for (const x of grid) {
    const rs = seeds.map((seed) => runLearner(config, learner, seed, x, onError?.(seed, x)));
    runs.push(...rs);
    const key = [
      Math.max(...rs.map((r) => r.trials)),
      rs.reduce((s, r) => s + r.trials, 0),
      rs.reduce((s, r) => s + tail(r), 0),
    ];
    const i = key.findIndex((k, j) => k !== bestKey[j]);
    if (i >= 0 && key[i] < bestKey[i]) {
      best = x;
      bestKey = key;
    }
  }
  return { runs, best };
}
