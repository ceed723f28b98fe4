/**
 * The thought-assessor trials as plain timing: which cue is on, and when the puff and the shock
 * come, at time t (ms) from a trial's start. The order of trials and the intervals between them
 * are drawn from the seed.
 */
import { deriveSeed, Rng } from "../../model/rng.js";
import { CUES, type ThoughtAssessorConfig, TRIAL_TYPES, type TrialType } from "./config.js";

export interface ScheduledTrial {
  type: TrialType;
  /** Interval after the trial's recorded part, before the next trial (ms). */
  itiMs: number;
}

type Protocol = ThoughtAssessorConfig["protocol"];

/** The trial types in a seeded random order, each with its own inter-trial interval. */
export function scheduleTrials(config: ThoughtAssessorConfig): ScheduledTrial[] {
  const rng = Rng.derive(deriveSeed(config.seed, "thought-assessor"), "schedule");
  const p = config.protocol;
  const types = TRIAL_TYPES.flatMap((t) => Array.from({ length: p.trialsPerType }, () => t));
  rng.shuffle(types);
  return types.map((type) => ({
    type,
    itiMs: 1000 * (p.itiMinS + rng.uniform() * (p.itiMaxS - p.itiMinS)),
  }));
}

/** The part of a trial with events: long enough for every type's last US (ms). */
export function trialSpanMs(p: Protocol): number {
  return Math.max(2 * p.cueMs + p.gapMs, p.traceCueMs + p.traceMs) + p.shockMs;
}

/** True for the order task (A, B), false for the trace task (C, D). */
export const isOrderTrial = (type: TrialType) => type === "AB+" || type === "BA-" || type === "B-";

/** Cue levels (A, B, C, D) at time t of a trial, into `out`. */
export function cuesAt(type: TrialType, t: number, p: Protocol, out: Float64Array): void {
  out.fill(0);
  const first = t >= 0 && t < p.cueMs;
  const second = t >= p.cueMs + p.gapMs && t < 2 * p.cueMs + p.gapMs;
  const trace = t >= 0 && t < p.traceCueMs;
  const A = CUES.indexOf("A");
  const B = CUES.indexOf("B");
  if (type === "AB+") {
    if (first) out[A] = 1;
    if (second) out[B] = 1;
  } else if (type === "BA-") {
    if (first) out[B] = 1;
    if (second) out[A] = 1;
  } else if (type === "B-") {
    if (second) out[B] = 1;
  } else if (type === "C+") {
    if (trace) out[CUES.indexOf("C")] = 1;
  } else if (trace) out[CUES.indexOf("D")] = 1;
}

/** Time of the US (puff onset; the shock of AB+ starts at B's offset), or NaN when none. */
export function puffAtMs(type: TrialType, p: Protocol): number {
  if (type === "AB+") return p.cueMs + p.gapMs + p.isiMs;
  if (type === "C+") return p.traceCueMs + p.traceMs;
  return Number.NaN;
}

export function shockAtMs(type: TrialType, p: Protocol): number {
  if (type === "AB+") return 2 * p.cueMs + p.gapMs;
  if (type === "C+") return p.traceCueMs + p.traceMs;
  return Number.NaN;
}

/**
 * Where each assessment is read, [from, to) ms: the second cue's slot for the order task
 * (fear), and its first isiMs (the CR before the puff); the trace for the trace task (fear)
 * and its last isiMs (the CR).
 */
export function windowsOf(
  type: TrialType,
  p: Protocol,
): { fear: [number, number]; cr: [number, number] } {
  if (isOrderTrial(type)) {
    const on = p.cueMs + p.gapMs;
    return { fear: [on, on + p.cueMs], cr: [on, on + p.isiMs] };
  }
  const end = p.traceCueMs + p.traceMs;
  return { fear: [p.traceCueMs, end], cr: [end - p.isiMs, end] };
}
