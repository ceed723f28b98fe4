/**
 * Fear conditioning: an animal in a box (the phase's context) hears tones and lights (cues) and
 * sometimes gets a footshock (the US). Per step (dt = the amygdala's, 100 ms by default):
 *
 *   events(t)   = shock / looming / puff / bitter from the trial's USs      (world)
 *   s(t)        = steering.sense(events)           threat and arousal shoulda signals
 *   z(t)        = amygdala.step(cues + place, s)   fear and arousal predictions
 *   behaviour   = steering.act(z)                  freezing (URs + conditioned), arousal …
 *
 * Between phases the animal rests in its home cage for `gapsHours` (no steps: the amygdala's
 * temporal context drifts, nothing is learned). Learning never stops within a session, ITIs
 * included: the place is a cue too.
 */
import { Amygdala } from "../../brain/amygdala.js";
import {
  STEERING_EVENTS,
  STEERING_RESPONSES,
  Steering,
  type SteeringParams,
} from "../../brain/steering.js";
import { getKernel } from "../../kernels/index.js";
import type { AmygdalaChannel, AmygdalaParams } from "../../model/amygdala.js";
import { ConfigError } from "../../model/errors.js";
import { Rng } from "../../model/rng.js";
import { scheduleTrials } from "../../protocol/schedule.js";
import type { Experiment, ScheduledTrial, TrialType } from "../../protocol/types.js";
import { contextChannelName } from "../../world/trialStimulus.js";

/** US channel → steering event. "us" (the protocol default) is a footshock. */
export const US_EVENTS: Record<string, (typeof STEERING_EVENTS)[number]> = {
  us: "shock",
  shock: "shock",
  looming: "looming",
  puff: "puff",
  bitter: "bitter",
};

/** The context used for phases that name none. */
export const DEFAULT_CONTEXT = "A";

export interface FearSetup {
  seed: number;
  backend: string;
  model: AmygdalaParams;
  steering: SteeringParams;
  experiment: Experiment;
  /** Hours in the home cage before each phase (missing entries: 0 for the first, 24 after). */
  gapsHours: readonly number[];
}

export interface FearTrialRecord {
  trial: ScheduledTrial;
  context: string;
  cues: string[];
  /** US delivered on this trial (not a probe, and a US listed). */
  reinforced: boolean;
  /** Mean freezing (%) in the CS window: first cue onset to the US onset (or the cue's end). */
  csFreezing: number;
  /** Mean freezing (%) in the same length of time just before the cue (NaN with no cue). */
  preFreezing: number;
  /** Mean fear output z, its LA (excitatory) and ITC (inhibitory) parts, and arousal, in the CS window. */
  csFear: number;
  csExcitation: number;
  csInhibition: number;
  csArousal: number;
  /** Mean fear output z in the pre-CS window. */
  preFear: number;
  /** Freezing (%) and fear z per second over the trial window (for plots). */
  freezingTrace: Float32Array;
  fearTrace: Float32Array;
}

/** Channels an experiment needs: cue channels (role cue), then one place per context. */
export function fearChannels(experiment: Experiment): AmygdalaChannel[] {
  const cues = new Set<string>();
  const places = new Set<string>();
  for (const phase of experiment.phases) {
    for (const t of phase.trialTypes) for (const c of t.cues) cues.add(c.channel);
    places.add(phase.context ?? DEFAULT_CONTEXT);
  }
  return [
    ...[...cues].map((name) => ({ name, role: "cue" as const })),
    ...[...places].map((p) => ({ name: contextChannelName(p), role: "context" as const })),
  ];
}

/** The CS window of a trial type (ms): first cue onset to the first US onset after it, or cue end. */
export function csWindow(t: TrialType): { startMs: number; endMs: number } | null {
  if (t.cues.length === 0) return null;
  const startMs = Math.min(...t.cues.map((c) => c.onsetMs));
  const cueEnd = Math.max(...t.cues.map((c) => c.onsetMs + c.durationMs));
  const usAfter = t.us.filter((u) => u.onsetMs > startMs).map((u) => u.onsetMs);
  return { startMs, endMs: usAfter.length ? Math.min(cueEnd, ...usAfter) : cueEnd };
}

export interface FearHooks {
  onTrial?: (record: FearTrialRecord, done: number, total: number) => void;
}

export class FearRun {
  readonly amygdala: Amygdala;
  readonly steering: Steering;
  readonly schedule: ScheduledTrial[];
  readonly channels: AmygdalaChannel[];
  private readonly channelIndex: Map<string, number>;
  private readonly threat: number;
  private readonly arousal: number;
  private readonly freezing: number;

  constructor(readonly setup: FearSetup) {
    if (setup.steering.dtMs !== setup.model.dtMs) {
      throw new ConfigError(
        "steering.dtMs",
        `got ${setup.steering.dtMs}; allowed: the amygdala's dtMs (${setup.model.dtMs})`,
      );
    }
    this.channels = fearChannels(setup.experiment);
    this.channelIndex = new Map(this.channels.map((c, i) => [c.name, i]));
    this.amygdala = new Amygdala(
      {
        kind: "amygdala",
        params: setup.model,
        channels: this.channels,
        outputs: ["fear", "arousal"],
        seed: setup.seed,
      },
      getKernel(setup.backend),
    );
    this.steering = new Steering(setup.steering);
    this.threat = this.steering.signalIndex("threat");
    this.arousal = this.steering.signalIndex("arousal");
    this.freezing = STEERING_RESPONSES.indexOf("freezing");
    for (const phase of setup.experiment.phases) {
      for (const t of phase.trialTypes) {
        for (const u of t.us) {
          if (!(u.channel in US_EVENTS)) {
            throw new ConfigError(
              "experiment",
              `US channel "${u.channel}" in trial type "${t.name}"; allowed: ${Object.keys(US_EVENTS).join(", ")}`,
            );
          }
        }
      }
    }
    this.schedule = scheduleTrials(setup.experiment, Rng.derive(setup.seed, "schedule"));
  }

  private gapMs(phaseIndex: number): number {
    const hours = this.setup.gapsHours[phaseIndex] ?? (phaseIndex === 0 ? 0 : 24);
    return hours * 3.6e6;
  }

  run(hooks: FearHooks = {}): FearTrialRecord[] {
    const records: FearTrialRecord[] = [];
    for (let i = 0; i < this.schedule.length; i++) {
      const record = this.trial(i);
      records.push(record);
      hooks.onTrial?.(record, records.length, this.schedule.length);
    }
    return records;
  }

  /** Runs scheduled trial `index` (after the rest between phases when it opens a phase). */
  trial(index: number): FearTrialRecord {
    const trial = this.schedule[index];
    if (index === 0 || this.schedule[index - 1].phaseIndex !== trial.phaseIndex) {
      const gap = this.gapMs(trial.phaseIndex);
      if (gap > 0) this.amygdala.rest(gap);
    }
    return this.runTrial(trial);
  }

  private runTrial(trial: ScheduledTrial): FearTrialRecord {
    const dt = this.setup.model.dtMs;
    const t = trial.trialType;
    const context = trial.context ?? DEFAULT_CONTEXT;
    const steps = Math.max(1, Math.round(t.durationMs / dt));
    const box = (onsetMs: number, durationMs: number) => {
      const from = Math.round(onsetMs / dt);
      return [from, Math.min(steps, from + Math.max(1, Math.round(durationMs / dt)))];
    };
    const cueSteps = t.cues.map((c) => ({
      index: this.channelIndex.get(c.channel)!,
      range: box(c.onsetMs, c.durationMs),
      value: c.magnitude,
    }));
    const usSteps = t.probe
      ? []
      : t.us.map((u) => ({
          event: STEERING_EVENTS.indexOf(US_EVENTS[u.channel]),
          range: box(u.onsetMs, u.durationMs),
          value: u.magnitude,
        }));
    const place = this.channelIndex.get(contextChannelName(context))!;
    const window = csWindow(t);
    const [csFrom, csTo] = window
      ? [
          Math.round(window.startMs / dt),
          Math.max(Math.round(window.startMs / dt) + 1, Math.round(window.endMs / dt)),
        ]
      : [0, 0];
    const preFrom = Math.max(0, csFrom - (csTo - csFrom));

    const input = new Float64Array(this.channels.length);
    const events = new Float64Array(STEERING_EVENTS.length);
    const teacher = new Float64Array(2);
    const perSecond = Math.max(1, Math.round(1000 / dt));
    const bins = Math.ceil(steps / perSecond);
    const freezingTrace = new Float32Array(bins);
    const fearTrace = new Float32Array(bins);
    const sums = { cs: 0, pre: 0, fear: 0, exc: 0, inh: 0, arousal: 0, preFear: 0 };
    for (let k = 0; k < steps; k++) {
      input.fill(0);
      input[place] = 1;
      for (const c of cueSteps)
        if (k >= c.range[0] && k < c.range[1]) input[c.index] = Math.max(input[c.index], c.value);
      events.fill(0);
      for (const u of usSteps)
        if (k >= u.range[0] && k < u.range[1]) events[u.event] = Math.max(events[u.event], u.value);
      const z = this.step(input, events, teacher);
      const freezing = this.steering.responses[this.freezing];
      freezingTrace[Math.floor(k / perSecond)] += (100 * freezing) / perSecond;
      fearTrace[Math.floor(k / perSecond)] += z[0] / perSecond;
      if (k >= csFrom && k < csTo) {
        sums.cs += freezing;
        sums.fear += z[0];
        sums.exc += this.amygdala.excitation[0];
        sums.inh += this.amygdala.inhibition[0];
        sums.arousal += z[1];
      }
      if (k >= preFrom && k < csFrom) {
        sums.pre += freezing;
        sums.preFear += z[0];
      }
    }
    // The inter-trial interval: the place alone.
    const itiSteps = Math.round(trial.itiMs / dt);
    input.fill(0);
    input[place] = 1;
    events.fill(0);
    for (let k = 0; k < itiSteps; k++) this.step(input, events, teacher);

    const n = csTo - csFrom;
    const m = csFrom - preFrom;
    const mean = (x: number, count: number) => (count > 0 ? x / count : Number.NaN);
    return {
      trial,
      context,
      cues: [...new Set(t.cues.map((c) => c.channel))],
      reinforced: usSteps.some((u) => u.value > 0),
      csFreezing: 100 * mean(sums.cs, n),
      preFreezing: 100 * mean(sums.pre, m),
      csFear: mean(sums.fear, n),
      csExcitation: mean(sums.exc, n),
      csInhibition: mean(sums.inh, n),
      csArousal: mean(sums.arousal, n),
      preFear: mean(sums.preFear, m),
      freezingTrace,
      fearTrace,
    };
  }

  private step(input: Float64Array, events: Float64Array, teacher: Float64Array): Float64Array {
    const shoulda = this.steering.sense(events);
    teacher[0] = shoulda[this.threat];
    teacher[1] = shoulda[this.arousal];
    const z = this.amygdala.step(input, teacher);
    this.steering.act(z);
    return z;
  }
}

/** Run a fear design with the amygdala; returns the records and the model-agnostic rows. */
export function simulateFear(
  design: { experiment: Experiment; gapsHours: readonly number[] },
  options: { seed: number; model: AmygdalaParams; steering: SteeringParams; backend?: string },
): { records: FearTrialRecord[]; run: FearRun } {
  const run = new FearRun({
    backend: "ts",
    ...options,
    experiment: design.experiment,
    gapsHours: design.gapsHours,
  });
  return { records: run.run(), run };
}

/** Records → the rows both models report. */
export function recordRows(records: readonly FearTrialRecord[]) {
  return records.map((r) => ({
    index: r.trial.index,
    phase: r.trial.phase,
    indexInPhase: r.trial.indexInPhase,
    trialType: r.trial.trialType.name,
    context: r.context,
    cues: r.cues,
    reinforced: r.reinforced,
    csFreezing: r.csFreezing,
    preFreezing: r.preFreezing,
    strength: r.csFear,
  }));
}
