/**
 * Discrete movements in trials, taught by a *late end-point error* (issue #14): each trial a fixed
 * path sends one movement (a saccade's pulse, a reach), the effector comes to rest, and only then
 * — `gapMs` after the movement's end — is the end-point error shown, for `visibleMs`; an
 * inter-trial interval follows. The AdaptiveMotorLoop adds its error delay (the visual latency)
 * on top, so the olive hears of a movement gap + latency after it ended.
 *
 * Context the module sees (two push–pull pairs, {@link DISCRETE_CHANNELS}):
 *   plan±  the movement's goal (its amplitude / scale) from movement onset. With
 *          `planContext: "persistent"` it stays on until the error has been seen (end of
 *          the visible period): an efference copy of the motor plan held through the hold period,
 *          as the target and the intended movement are held by the saccade and reach systems
 *          until the outcome is known. With "movement" it is on only while the command runs.
 *   burst± an efference copy of the fixed path's command (its velocity / burstScale).
 *
 * Why the persistent plan carries credit across the delay: PF→PC learning credits granule cells
 * active a window-peak before the climbing-fibre error (eligibility.ts). With only a transient
 * copy, the cells active then are the ones that fire *after* the movement, so a late error
 * changes the output after the movement, not the movement (adaptation falls with the gap). The
 * plan's tonic granule cells fire both during the movement and when the error arrives, so the
 * same synapses that the error depresses drive the next movement.
 *
 * Output gating (`gateOutput`, default on): the module's command reaches the plant only while
 * the movement's command runs, as the cerebellar contribution to a saccade acts through the
 * burst generator, which omnipause neurons silence between saccades. Without it, output learned
 * on cells active after the movement keeps driving the effector past its end point.
 */
import { z } from "zod";
import type { AdaptiveMotorLoop } from "../../brain/motorLoop.js";
import { parseWith } from "../../model/validate.js";
import type { Movement } from "./movement.js";
import type { FirstOrderPlant } from "./plant.js";
import { pushPull } from "./sensors.js";

export const DISCRETE_CHANNELS = ["plan+", "plan-", "burst+", "burst-"] as const;

export const discreteTrialsSchema = z
  .object({
    gapMs: z
      .number()
      .min(0)
      .max(5000)
      .default(0)
      .describe("Time from the movement command's end until the end-point error is shown (ms)"),
    visibleMs: z
      .number()
      .positive()
      .max(5000)
      .default(100)
      .describe("How long the end-point error stays visible (ms)"),
    itiMs: z
      .number()
      .min(0)
      .max(60_000)
      .default(500)
      .describe("Inter-trial interval after the error (ms): no context, no error"),
    fixedGain: z
      .number()
      .min(-10)
      .max(10)
      .default(1)
      .describe("Gain of the fixed path on the movement command (e.g. 0.7: a weakened muscle)"),
    planContext: z
      .enum(["persistent", "movement"])
      .default("persistent")
      .describe(
        "persistent: the plan's efference copy stays on until the error has been seen; movement: only while the command runs",
      ),
    gateOutput: z
      .boolean()
      .default(true)
      .describe("The module's command reaches the plant only while the movement command runs"),
    planScale: z
      .number()
      .positive()
      .default(10)
      .describe("Amplitude that maps to plan channel rate 1 (deg or cm)"),
    burstScale: z
      .number()
      .positive()
      .default(200)
      .describe("Command velocity that maps to burst channel rate 1 (units/s)"),
  })
  .strict();

export type DiscreteTrialsParams = z.output<typeof discreteTrialsSchema>;
export type DiscreteTrialsInput = z.input<typeof discreteTrialsSchema>;

export interface TrialResult {
  /** Effector position once at rest: 5 plant time constants after the command's end. */
  endPoint: number;
  /** Movement amplitude − end point: positive = undershoot ("should have moved further"). */
  error: number;
  /** End point ÷ amplitude. */
  gain: number;
  /** Position at the trial's end − end point: how far the effector drifted on after the movement. */
  drift: number;
  /**
   * ∫ (the module's share of the command reaching the plant) dt (units): the displacement the
   * module adds, whatever the fixed path and field do — what an error-clamp channel measures.
   */
  learnedDisplacement: number;
}

export interface TrialOptions {
  /** false freezes plasticity (a probe trial). */
  learn?: boolean;
  /** Records every step. */
  trace?: TrialTrace;
  /** Gain of the fixed path for this trial only (a perturbation switched on or off). */
  fixedGain?: number;
  /** Error-clamp trial: the error shown is 0 whatever the end point (Scheidt et al. 2000 [M]). */
  clampError?: boolean;
}

export interface TrialTrace {
  tMs: number[];
  position: number[];
  command: number[];
}

/** Runs trials of one movement through a loop and a plant; each trial starts from rest at 0. */
export class DiscreteTrials {
  readonly params: DiscreteTrialsParams;
  private readonly context = [0, 0, 0, 0];

  constructor(
    readonly loop: AdaptiveMotorLoop,
    readonly plant: FirstOrderPlant,
    params: DiscreteTrialsInput = {},
  ) {
    this.params = parseWith(discreteTrialsSchema, params ?? {}, "trials");
  }

  /** Steps in one trial of `movement` (movement + gap + visible + ITI). */
  trialSteps(movement: Movement): number {
    const { gapMs, visibleMs, itiMs } = this.params;
    return Math.round((movement.durationMs + gapMs + visibleMs + itiMs) / this.plant.dtMs);
  }

  /** One trial (see {@link TrialOptions}). */
  trial(movement: Movement, options: TrialOptions = {}): TrialResult {
    const { gapMs, visibleMs, planContext, gateOutput, planScale, burstScale } = this.params;
    const fixedGain = options.fixedGain ?? this.params.fixedGain;
    const { loop, plant, context } = this;
    const dt = plant.dtMs;
    const brain = loop.brain;
    const savedLearning = brain.learning;
    if (options.learn === false) brain.learning = false;
    plant.reset();
    const moveEnd = movement.durationMs;
    const shownAt = moveEnd + gapMs;
    const hiddenAt = shownAt + visibleMs;
    // The end point is read once the plant has settled (5 τ), whenever the error is shown.
    const restAt = moveEnd + 5 * plant.tauMs;
    let endPoint = Number.NaN;
    let learned = 0;
    const steps = this.trialSteps(movement);
    for (let i = 0; i < steps; i++) {
      const t = i * dt;
      const moving = t < moveEnd;
      const shown = t >= shownAt && t < hiddenAt;
      const planOn = planContext === "persistent" ? t < hiddenAt : moving;
      pushPull(planOn ? movement.amplitude : 0, planScale, 0, context, 0);
      const drive = movement.velocity(t);
      pushPull(drive, burstScale, 0, context, 2);
      if (t >= restAt && Number.isNaN(endPoint)) endPoint = plant.position;
      const error = !shown ? null : options.clampError ? 0 : movement.amplitude - plant.position;
      const u = loop.step(context, error === null ? null : [error])[0];
      const share = gateOutput && !moving ? 0 : u;
      learned += (share * dt) / 1000;
      const command = fixedGain * drive + share;
      plant.step(command);
      if (options.trace) {
        options.trace.tMs.push(t);
        options.trace.position.push(plant.position);
        options.trace.command.push(command);
      }
    }
    brain.learning = savedLearning;
    if (Number.isNaN(endPoint)) endPoint = plant.position;
    const error = movement.amplitude - endPoint;
    return {
      endPoint,
      error,
      gain: endPoint / movement.amplitude,
      drift: plant.position - endPoint,
      learnedDisplacement: learned,
    };
  }
}
