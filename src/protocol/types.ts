/**
 * Experiment descriptions: plain, serialisable data (JSON/YAML), validated by `schema.ts`.
 *
 * Times are in milliseconds; the simulator maps them to steps with the model's dt.
 * A trial starts at t = 0 (the trial window), cues and USs are placed inside it, and the
 * inter-trial interval (ITI) follows it.
 */

/** A conditioned stimulus: a context channel switched on for a while. */
export interface Cue {
  /** Name of the context channel, e.g. "tone", "light", or a single letter from a design string. */
  channel: string;
  /** Onset within the trial (ms). */
  onsetMs: number;
  /** Duration (ms). A 1–2 ms CS is allowed (Jirenhed & Hesslow 2011). */
  durationMs: number;
  /** Channel value while on (default 1). */
  magnitude: number;
}

/** An unconditioned stimulus: the innate event that produces the "shoulda" signal. */
export interface Us {
  /** Teacher channel, e.g. "puff" (default "us"). */
  channel: string;
  /** Onset within the trial (ms). For a cue at onset 0 this is the ISI. */
  onsetMs: number;
  /** Duration (ms). */
  durationMs: number;
  /** Strength of the shoulda signal (default 1). */
  magnitude: number;
}

/** One kind of trial in a phase. */
export interface TrialType {
  /** Label, e.g. "T+" or "T+(isi=500)". Unique within its phase. */
  name: string;
  /** Relative frequency within the phase (the phase's trial count is split by these). */
  proportion: number;
  /** Length of the recorded trial window (ms). */
  durationMs: number;
  cues: Cue[];
  us: Us[];
  /**
   * A probe trial: no US is delivered even if `us` lists one (its times still define the
   * analysis windows). CS-alone probes measure the unmasked CR profile.
   */
  probe: boolean;
}

/** A block of trials: acquisition, extinction, a probe test, … */
export interface Phase {
  name: string;
  /** Total trials in the phase, split among trial types by proportion. */
  trials: number;
  trialTypes: TrialType[];
  /** Inter-trial interval: mean and uniform jitter (± jitterMs), in ms. */
  iti: { meanMs: number; jitterMs: number };
  /** "random": trial types shuffled by the seed; "alternate": interleaved in a fixed cycle. */
  order: "random" | "alternate";
  /** Experimental context (e.g. a box "A" or "B"); a context channel that is on for the phase. */
  context?: string;
}

export interface Experiment {
  /** Optional label for reports. */
  name?: string;
  phases: Phase[];
}

/** One trial as it will be run: concrete, with its place in the schedule. */
export interface ScheduledTrial {
  /** Index across the whole experiment (0-based). */
  index: number;
  phaseIndex: number;
  phase: string;
  /** Index within its phase (0-based). */
  indexInPhase: number;
  trialType: TrialType;
  /** The ITI after this trial (ms), jitter applied. */
  itiMs: number;
  context?: string;
}
