/**
 * A reward-only learner on the cerebellum's granule-layer features: the control for the seed's
 * claim that supervised learning of outputs ("you should have moved this much faster") is far
 * faster than learning from a scalar "you messed up" (DESIGN.md §1).
 *
 * It reads the granule activity g(t) of a Cerebellum instance (`brain.granule.active/count` after
 * each `brain.step`) — the same features the supervised module uses — through its own readout
 * weights v (v_i plays the role of w₀ − w_i, so z has the same scale as the module's output):
 *
 *   y(t)  = G · (1/A) Σ_i v_i g_i(t)                 (A = f·N, G = purkinje.outputGain)
 *   ỹ(t)  = y(t) + σ ξ(t),  ξ ~ N(0, 1) per step     (node perturbation)
 *   u(t)  = motorGain · ỹ(t)                         (its share of the motor command)
 *   e_i  += ξ(t) g_i(t) / A                          (eligibility, over the trial)
 *
 * At the end of a trial it gets one number, the reward R (e.g. −mean squared error), and
 *
 *   Δv_i = η (R − R̄) e_i / σ,    R̄ ← R̄ + α (R − R̄),    v_i clipped to [vMin, vMax]
 *
 * (REINFORCE with a running-average baseline; node perturbation, Fiete & Seung 2006, which beats
 * weight perturbation when outputs are fewer than weights). The reward is credited to the whole
 * trial's eligibility, so the feedback delay within a trial does not matter to it.
 *
 * Per-step feedback (`stepReward(r)`, a scalar every step, as often as the supervised module's
 * vector error): the eligibility is then a trace that forgets, filtered by two leaky stages of
 * time constant τ_e (a kernel τ·e^(−τ/τ_e), peaked at τ_e: set it to the reward's delay, as the
 * supervised window is set to the error's), and every step
 *
 *   Δv_i = η (r(t) − r̄(t)) ε_i(t) / σ,    r̄ ← r̄ + (1 − e^(−dt/τ_b)) (r − r̄).
 */
import { z } from "zod";
import { Rng } from "../model/rng.js";
import { parseWith } from "../model/validate.js";
import type { Cerebellum } from "./cerebellum.js";

export const rewardLearnerParamsSchema = z
  .object({
    stepSize: z.number().min(0).default(0.01).describe("η: step size of the REINFORCE update"),
    noise: z
      .number()
      .positive()
      .default(0.05)
      .describe("σ: standard deviation of the output perturbation (units of z)"),
    baselineRate: z
      .number()
      .gt(0)
      .max(1)
      .default(0.2)
      .describe("α: rate of the running-average reward baseline R̄"),
    motorGain: z.number().default(1).describe("Command units per unit of output z"),
    minWeight: z
      .number()
      .default(Number.NEGATIVE_INFINITY)
      .describe("Lower bound of each readout weight v_i"),
    maxWeight: z
      .number()
      .default(Number.POSITIVE_INFINITY)
      .describe("Upper bound of each readout weight v_i"),
    traceTauMs: z
      .number()
      .positive()
      .default(120)
      .describe(
        "τ_e: per-step feedback only; the eligibility kernel's peak (the reward's delay, ms)",
      ),
    baselineTauMs: z
      .number()
      .positive()
      .default(500)
      .describe("τ_b: per-step feedback only; time constant of the running reward baseline (ms)"),
  })
  .strict();

export type RewardLearnerParams = z.output<typeof rewardLearnerParamsSchema>;
export type RewardLearnerParamsInput = z.input<typeof rewardLearnerParamsSchema>;

export class RewardLearner {
  readonly params: RewardLearnerParams;
  /** Readout weights v, one per granule cell (single output). */
  readonly v: Float64Array;
  /** Eligibility Σ_t ξ(t) g_i(t)/A of the current trial. */
  readonly eligibility: Float64Array;
  /** The command of the last step (live view). */
  readonly command = new Float64Array(1);
  /** The noise-free output y(t) of the last step. */
  output = 0;
  /** Running-average reward R̄ (NaN before the first trial ends). */
  baseline = Number.NaN;
  /** Learning can be paused (a frozen test); the perturbation is then off too. */
  learning = true;
  /** True: feedback comes every step (`stepReward`); false: once per trial (`endTrial`). */
  perStep = false;
  private readonly rng: Rng;
  private readonly norm: number;
  private readonly gain: number;
  /** First stage of the per-step trace (the second is `eligibility`). */
  private readonly stage: Float64Array;
  private readonly traceDecay: number;
  private readonly baselineStep: number;

  constructor(
    readonly brain: Cerebellum,
    params: RewardLearnerParamsInput = {},
    seed = 0,
  ) {
    this.params = parseWith(rewardLearnerParamsSchema, params, "reward");
    const p = brain.params;
    this.v = new Float64Array(p.granule.count);
    this.eligibility = new Float64Array(p.granule.count);
    this.norm = Math.max(1, Math.round(p.granule.codingLevel * p.granule.count));
    this.gain = p.purkinje.outputGain;
    this.rng = new Rng(seed);
    this.stage = new Float64Array(p.granule.count);
    this.traceDecay = Math.exp(-p.dtMs / this.params.traceTauMs);
    this.baselineStep = 1 - Math.exp(-p.dtMs / this.params.baselineTauMs);
  }

  /**
   * Per-step feedback: the scalar reward r reaching the learner now. Updates v from the
   * forgetting trace, then the baseline, then ages the trace by one step with this step's
   * perturbation (call after `step`). Do not mix with `endTrial` in one run.
   */
  stepReward(reward: number): void {
    const { v, eligibility, stage, traceDecay: a } = this;
    if (this.learning && Number.isFinite(this.baseline)) {
      const { stepSize, noise, minWeight, maxWeight } = this.params;
      const c = (stepSize * (reward - this.baseline)) / noise;
      if (c !== 0)
        for (let i = 0; i < v.length; i++) {
          const e = eligibility[i];
          if (e !== 0) v[i] = Math.min(maxWeight, Math.max(minWeight, v[i] + c * e));
        }
    }
    this.baseline = Number.isFinite(this.baseline)
      ? this.baseline + this.baselineStep * (reward - this.baseline)
      : reward;
    // Two leaky stages: ε ← a·ε + (1 − a)·s, s ← a·s + (this step's ξ·g/A, added by step()).
    for (let i = 0; i < v.length; i++) {
      eligibility[i] = a * eligibility[i] + (1 - a) * stage[i];
      stage[i] *= a;
    }
  }

  /** Advance one step on the module's context; returns the (perturbed) command (live view). */
  step(context: ArrayLike<number>): Float64Array {
    const brain = this.brain;
    brain.step(context, ZERO);
    const { active, count } = brain.granule;
    const { v, eligibility, norm } = this;
    let sum = 0;
    for (let k = 0; k < count; k++) sum += v[active[k]];
    this.output = (this.gain * sum) / norm;
    let y = this.output;
    if (this.learning) {
      const xi = this.rng.normal();
      y += this.params.noise * xi;
      const c = xi / norm;
      // Per trial: summed into the eligibility; per step: into the trace's first stage.
      const into = this.perStep ? this.stage : eligibility;
      for (let k = 0; k < count; k++) into[active[k]] += c;
    }
    this.command[0] = this.params.motorGain * y;
    return this.command;
  }

  /** The trial is over and its reward is R: update v, the baseline, and clear the eligibility. */
  endTrial(reward: number): void {
    const { v, eligibility } = this;
    if (this.learning && Number.isFinite(this.baseline)) {
      const { stepSize, noise, minWeight, maxWeight } = this.params;
      const c = (stepSize * (reward - this.baseline)) / noise;
      for (let i = 0; i < v.length; i++) {
        const e = eligibility[i];
        if (e !== 0) v[i] = Math.min(maxWeight, Math.max(minWeight, v[i] + c * e));
      }
    }
    this.baseline = Number.isFinite(this.baseline)
      ? this.baseline + this.params.baselineRate * (reward - this.baseline)
      : reward;
    eligibility.fill(0);
  }
}

const ZERO = [0];
