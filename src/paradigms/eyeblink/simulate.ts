/**
 * Eyeblink conditioning: a tone (CS) predicts an air puff (US). The puff's climbing-fibre signal
 * is the shoulda signal ("you should have blinked"); the cerebellar output drives the eyelid.
 *
 * World → brain → body, per step:
 *   c(t)      = cues(t − csLatency)                       context at the mossy fibres
 *               (+ the forebrain's bridge of each cue, when enabled: brain/forebrain.ts)
 *   s(t)      = puff(t − usLatency)                       teacher at the olive
 *   z(t)      = cerebellum.step(c(t), s(t))
 *   eyelid(t) = γ_n · [z(t − motorDelay)]₊                the measured conditioned response
 * γ_n is trial n's motor gain (1, or lognormal with mean 1: body.responseVariability), so the
 * same learned output can give a CR on one trial and none on the next.
 * With Δ = usLatency + motorDelay (the olive's comparison delay and the eligibility peak), a
 * learned output peaks Δ before the puff reaches the olive, so the eyelid closes at the puff.
 */
import { Cerebellum } from "../../brain/cerebellum.js";
import { bridgeChannelName, ForebrainBridge, type ForebrainParams } from "../../brain/forebrain.js";
import { type CerebellumState, restoreCerebellum, saveCerebellum } from "../../brain/state.js";
import { getKernel } from "../../kernels/index.js";
import type { CerebellumParams, CerebellumSpec } from "../../model/cerebellum.js";
import { ConfigError } from "../../model/errors.js";
import { Rng } from "../../model/rng.js";
import { scheduleTrials } from "../../protocol/schedule.js";
import type { Experiment, ScheduledTrial } from "../../protocol/types.js";
import { DelayLine, type DelayState, VectorDelay } from "../../world/delayLine.js";
import { buildTrialStimulus, contextChannelName } from "../../world/trialStimulus.js";
import type { EyeblinkBody } from "./config.js";

export interface TrialRecord {
  trial: ScheduledTrial;
  /** Eyelid response per step over the trial window. */
  eyelid: Float32Array;
  /** Purkinje pause (y₀ − y) per step: positive = simple-spike suppression. */
  pause: Float32Array;
}

export interface ConditioningSetup {
  seed: number;
  backend: string;
  model: CerebellumParams;
  body: EyeblinkBody;
  experiment: Experiment;
  /** The optional trace-bridging forebrain input (absent = off). */
  forebrain?: ForebrainParams;
}

/** Every cue channel of an experiment, in order of first use. */
function cueChannels(experiment: Experiment): string[] {
  const names = new Set<string>();
  for (const phase of experiment.phases)
    for (const t of phase.trialTypes) for (const c of t.cues) names.add(c.channel);
  return [...names];
}

/** Context channels an experiment needs: every cue channel, then every phase context. */
export function experimentChannels(experiment: Experiment): string[] {
  const names = new Set(cueChannels(experiment));
  for (const phase of experiment.phases)
    if (phase.context) names.add(contextChannelName(phase.context));
  return [...names];
}

/** A run between two trials, as a checkpoint holds it (validated by {@link ConditioningRun.resume}). */
export interface ConditioningState {
  /** Trials done (the index of the next one). */
  cursor: number;
  streamPhase: number;
  brain: CerebellumState;
  delays: { context: DelayState; teacher: DelayState; eyelid: DelayState };
  forebrain?: { activity: number[]; lesioned: boolean };
}

export interface ConditioningHooks {
  /** Called before each trial, with the module's time then. */
  beforeTrial?: (trial: ScheduledTrial, brain: Cerebellum) => void;
  onTrial?: (record: TrialRecord, done: number, total: number) => void;
  /** Called before each phase; may change the module (a lesion before a test phase, say). */
  beforePhase?: (phaseIndex: number, brain: Cerebellum) => void;
  /**
   * Called after each step inside a trial window (not during the ITI), e.g. to record the
   * climbing-fibre error `brain.error` for a live plot.
   */
  onStep?: (stepInTrial: number, brain: Cerebellum) => void;
}

/** The module a conditioning setup builds: its spec (the same for a fresh and a resumed run). */
export function conditioningSpec(setup: ConditioningSetup): CerebellumSpec {
  const channels = experimentChannels(setup.experiment);
  const bridged = setup.forebrain?.enabled
    ? cueChannels(setup.experiment).map(bridgeChannelName)
    : [];
  return {
    kind: "cerebellum",
    params: setup.model,
    channels: [...channels, ...bridged],
    seed: setup.seed,
  };
}

export class ConditioningRun {
  readonly brain: Cerebellum;
  readonly schedule: ScheduledTrial[];
  private readonly channelIndex: Map<string, number>;
  private readonly contextDelay: VectorDelay;
  private readonly teacherDelay: DelayLine;
  private readonly eyelidDelay: DelayLine;
  /** The forebrain bridge (undefined when off) and the mossy input it is appended to. */
  readonly forebrain: ForebrainBridge | undefined;
  private readonly input: Float64Array;
  /** Streaming state of nextTrial(): next trial index, and the phase last announced. */
  private cursor = 0;
  private streamPhase = -1;

  /** `brain`: a restored module (ConditioningRun.resume) instead of a fresh one. */
  constructor(
    readonly setup: ConditioningSetup,
    brain?: Cerebellum,
  ) {
    const channels = experimentChannels(setup.experiment);
    this.channelIndex = new Map(channels.map((c, i) => [c, i]));
    const cues = cueChannels(setup.experiment);
    const bridged = setup.forebrain?.enabled ? cues.map(bridgeChannelName) : [];
    this.forebrain = setup.forebrain?.enabled
      ? new ForebrainBridge(setup.forebrain, cues.length, setup.model.dtMs)
      : undefined;
    this.input = new Float64Array(channels.length + bridged.length);
    this.brain = brain ?? new Cerebellum(conditioningSpec(setup), getKernel(setup.backend));
    this.schedule = scheduleTrials(setup.experiment, Rng.derive(setup.seed, "schedule"));
    const dt = setup.model.dtMs;
    this.contextDelay = new VectorDelay(Math.round(setup.body.csLatencyMs / dt), channels.length);
    this.teacherDelay = new DelayLine(Math.round(setup.body.usLatencyMs / dt));
    this.eyelidDelay = new DelayLine(Math.round(setup.body.motorDelayMs / dt));
  }

  /** The run's whole state between trials (JSON-serialisable), for a checkpoint. */
  save(): ConditioningState {
    return {
      cursor: this.cursor,
      streamPhase: this.streamPhase,
      brain: saveCerebellum(this.brain),
      delays: {
        context: this.contextDelay.save(),
        teacher: this.teacherDelay.save(),
        eyelid: this.eyelidDelay.save(),
      },
      ...(this.forebrain
        ? {
            forebrain: {
              activity: Array.from(this.forebrain.activity),
              lesioned: this.forebrain.lesioned,
            },
          }
        : {}),
    };
  }

  /**
   * The run `save()` returned, continued: same setup, the module restored and checked
   * (brain/stateCheck.ts), the delay lines and the trial cursor checked against the schedule.
   * Errors are ConfigErrors naming `field` and the bad part.
   */
  static resume(setup: ConditioningSetup, input: unknown, field = "state"): ConditioningRun {
    const state = (input ?? {}) as Partial<ConditioningState>;
    const spec = conditioningSpec(setup);
    if (JSON.stringify(state.brain?.spec) !== JSON.stringify(spec))
      throw new ConfigError(
        `${field}.brain.spec`,
        "does not match the run's config (model, channels, seed); allowed: a state saved by a run of this config",
      );
    const brain = restoreCerebellum(state.brain as CerebellumState, getKernel(setup.backend));
    const run = new ConditioningRun(setup, brain);
    const total = run.schedule.length;
    const cursor = state.cursor;
    if (typeof cursor !== "number" || !Number.isInteger(cursor) || cursor < 0 || cursor > total)
      throw new ConfigError(`${field}.cursor`, `got ${cursor}; allowed: an integer 0..${total}`);
    const phase = cursor === 0 ? -1 : run.schedule[cursor - 1].phaseIndex;
    if (state.streamPhase !== phase)
      throw new ConfigError(
        `${field}.streamPhase`,
        `got ${state.streamPhase}; allowed: ${phase} (the phase of trial ${cursor - 1})`,
      );
    run.cursor = cursor;
    run.streamPhase = phase;
    const delays = state.delays;
    run.contextDelay.restore(delays?.context, `${field}.delays.context`);
    run.teacherDelay.restore(delays?.teacher, `${field}.delays.teacher`);
    run.eyelidDelay.restore(delays?.eyelid, `${field}.delays.eyelid`);
    if (run.forebrain) {
      const saved = state.forebrain;
      const n = run.forebrain.activity.length;
      if (
        !saved ||
        !Array.isArray(saved.activity) ||
        saved.activity.length !== n ||
        !saved.activity.every((v) => typeof v === "number" && Number.isFinite(v) && v >= 0) ||
        typeof saved.lesioned !== "boolean"
      )
        throw new ConfigError(
          `${field}.forebrain`,
          `allowed: { activity: ${n} finite numbers ≥ 0, lesioned: true or false } (the forebrain bridge is on)`,
        );
      run.forebrain.activity.set(saved.activity);
      run.forebrain.lesioned = saved.lesioned;
    } else if (state.forebrain !== undefined)
      throw new ConfigError(`${field}.forebrain`, "unexpected: the forebrain bridge is off");
    return run;
  }

  /** Run every remaining scheduled trial (and its ITI); returns one record per trial. */
  run(hooks: ConditioningHooks = {}): TrialRecord[] {
    const records: TrialRecord[] = [];
    for (let record = this.nextTrial(hooks); record; record = this.nextTrial(hooks))
      records.push(record);
    return records;
  }

  /** Trials already run by {@link nextTrial} (the index of the next one). */
  get trialsDone(): number {
    return this.cursor;
  }

  /** Whether {@link nextTrial} has run every scheduled trial. */
  get finished(): boolean {
    return this.cursor >= this.schedule.length;
  }

  /**
   * Run the next scheduled trial (and its ITI) and return its record, or undefined when the
   * schedule is done: the streaming form of {@link run} for live displays (one call = one
   * trial). run() is nextTrial() until the schedule is done, so both give the same records.
   */
  nextTrial(hooks: ConditioningHooks = {}): TrialRecord | undefined {
    const trial = this.schedule[this.cursor];
    if (trial === undefined) return undefined;
    if (trial.phaseIndex !== this.streamPhase) {
      this.streamPhase = trial.phaseIndex;
      hooks.beforePhase?.(trial.phaseIndex, this.brain);
    }
    hooks.beforeTrial?.(trial, this.brain);
    const record = this.runTrial(trial, hooks);
    this.cursor++;
    hooks.onTrial?.(record, this.cursor, this.schedule.length);
    return record;
  }

  /**
   * Skip the rest of the current phase: the next {@link nextTrial} runs the first trial of phase
   * `phaseIndex` (e.g. extinction to a criterion, then reacquisition).
   */
  skipToPhase(phaseIndex: number): void {
    const first = this.schedule.findIndex((t) => t.phaseIndex === phaseIndex);
    if (first >= this.cursor) this.cursor = first;
  }

  private runTrial(trial: ScheduledTrial, hooks: ConditioningHooks): TrialRecord {
    const teacher = new Float64Array(1);
    const dt = this.setup.model.dtMs;
    const stim = buildTrialStimulus(trial.trialType, this.channelIndex, dt, trial.context);
    const channels = this.channelIndex.size;
    const eyelid = new Float32Array(stim.steps);
    const pause = new Float32Array(stim.steps);
    const gain = responseGain(this.setup.seed, trial.index, this.setup.body.responseVariability);
    for (let t = 0; t < stim.steps; t++) {
      teacher[0] = this.teacherDelay.shift(stim.us[t]);
      const context = this.contextDelay.shift(
        stim.context.subarray(t * channels, (t + 1) * channels),
      );
      const z = this.brain.step(this.mossyInput(context), teacher);
      eyelid[t] = gain * Math.max(0, this.eyelidDelay.shift(z[0]));
      pause[t] = this.brain.purkinje.pause[0];
      hooks.onStep?.(t, this.brain);
    }
    this.runIti(trial);
    return { trial, eyelid, pause };
  }

  private runIti(trial: ScheduledTrial): void {
    const dt = this.setup.model.dtMs;
    const context = new Float64Array(this.channelIndex.size);
    if (trial.context !== undefined) {
      const c = this.channelIndex.get(contextChannelName(trial.context));
      if (c !== undefined) context[c] = 1;
    }
    const teacher = new Float64Array(1);
    const steps = Math.round(trial.itiMs / dt);
    for (let t = 0; t < steps; t++) {
      teacher[0] = this.teacherDelay.shift(0);
      const z = this.brain.step(this.mossyInput(this.contextDelay.shift(context)), teacher);
      this.eyelidDelay.shift(z[0]);
    }
  }

  /** The context as the mossy fibres get it: with the forebrain's bridge appended when on. */
  private mossyInput(context: Float64Array): Float64Array {
    if (!this.forebrain) return context;
    this.input.set(context);
    this.forebrain.step(context, this.input, context.length);
    return this.input;
  }
}

/**
 * Trial `index`'s motor gain γ: 1 when σ = 0, else e^(σ·n − σ²/2), n ~ N(0, 1) from a stream of
 * its own per trial (so a resumed run and a fresh one draw the same γ, and σ changes nothing
 * else that is random).
 */
export function responseGain(seed: number, index: number, sigma: number): number {
  if (sigma === 0) return 1;
  const n = Rng.derive(seed, `responseGain/${index}`).normal();
  return Math.exp(sigma * n - (sigma * sigma) / 2);
}
