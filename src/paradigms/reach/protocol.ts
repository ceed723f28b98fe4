/**
 * Smith, Ghazizadeh & Shadmehr 2006's two protocols, run on one rig per protocol and subject:
 *
 *   recovery: A × adaptTrials → B until α ≤ 0 → error clamp × clampTrials
 *   savings:  A × adaptTrials → B until α ≤ 0 → A × relearnTrials
 *
 * and their measures: the rebound in the clamp (spontaneous recovery) and the relearning rate
 * against the naive rate (savings). The same seed gives the same A and B phases in both.
 */
import type { ReachConfig } from "./config.js";
import { buildReachRig, type TrialKind } from "./rig.js";

export interface ProtocolTrace {
  kind: TrialKind[];
  alpha: number[];
}

/** Gets each trial's adaptation index (1-based trial) as soon as the trial has run. */
export type OnTrial = (trial: number, kind: TrialKind, alpha: number) => void;

function adaptThenCounter(config: ReachConfig, seed: number, onTrial?: OnTrial) {
  const rig = buildReachRig(config, seed);
  const trace: ProtocolTrace = { kind: [], alpha: [] };
  const go = (kind: TrialKind) => {
    const a = rig.run(kind);
    trace.kind.push(kind);
    trace.alpha.push(a);
    onTrial?.(trace.alpha.length, kind, a);
    return a;
  };
  for (let i = 0; i < config.adaptTrials; i++) go("A");
  let counter = 0;
  for (let a = Number.POSITIVE_INFINITY; a > 0 && counter < config.counterMaxTrials; counter++)
    a = go("B");
  return { rig, trace, go, counter };
}

/** Trials (1-based) until α first reaches `level`; the phase length + 1 when it never does. */
export function trialsToReach(alpha: number[], level: number): number {
  const i = alpha.findIndex((a) => a >= level);
  return i < 0 ? alpha.length + 1 : i + 1;
}

/** Running mean over `width` trials ending at each trial. */
export function runningMean(xs: number[], width: number): number[] {
  return xs.map((_, i) => {
    const lo = Math.max(0, i - width + 1);
    let s = 0;
    for (let j = lo; j <= i; j++) s += xs[j];
    return s / (i - lo + 1);
  });
}

export interface RecoveryResult {
  trace: ProtocolTrace;
  /** Mean α over the last 10 trials of the first adaptation. */
  adapted: number;
  /** Field-B trials it took to bring α to ≤ 0. */
  counterTrials: number;
  /** α on the last field-B trial. */
  afterCounter: number;
  /** Peak of the 5-trial running mean of α in the clamp. */
  clampPeak: number;
  /** Clamp trial (1-based) at which that peak is reached. */
  clampPeakTrial: number;
  /** (clampPeak − afterCounter) / adapted: the rebound, as a fraction of the adapted level. */
  recoveryFraction: number;
}

export interface SavingsResult {
  trace: ProtocolTrace;
  adapted: number;
  counterTrials: number;
  /** Trials to reach α ≥ half of `adapted`: naive (first adaptation) and on relearning. */
  naiveHalfTrials: number;
  relearnHalfTrials: number;
  /** relearnHalfTrials / naiveHalfTrials: < 1 is savings. */
  savingsRatio: number;
}

const adaptedLevel = (config: ReachConfig, alpha: number[]) => {
  const last = alpha.slice(Math.max(0, config.adaptTrials - 10), config.adaptTrials);
  return last.reduce((s, v) => s + v, 0) / last.length;
};

/** A → B until α ≤ 0 → error clamps: the spontaneous recovery protocol. */
export function recoveryProtocol(
  config: ReachConfig,
  seed: number,
  onTrial?: OnTrial,
): RecoveryResult {
  const rec = adaptThenCounter(config, seed, onTrial);
  for (let i = 0; i < config.clampTrials; i++) rec.go("clamp");
  const a = rec.trace.alpha;
  const adapted = adaptedLevel(config, a);
  const counterEnd = config.adaptTrials + rec.counter;
  const afterCounter = a[counterEnd - 1];
  const clamp = runningMean(a.slice(counterEnd), 5);
  let peak = 0;
  for (let i = 1; i < clamp.length; i++) if (clamp[i] > clamp[peak]) peak = i;
  return {
    trace: rec.trace,
    adapted,
    counterTrials: rec.counter,
    afterCounter,
    clampPeak: clamp[peak],
    clampPeakTrial: peak + 1,
    recoveryFraction: (clamp[peak] - afterCounter) / adapted,
  };
}

/** A → B until α ≤ 0 → A again: the savings protocol. */
export function savingsProtocol(
  config: ReachConfig,
  seed: number,
  onTrial?: OnTrial,
): SavingsResult {
  const sav = adaptThenCounter(config, seed, onTrial);
  for (let i = 0; i < config.relearnTrials; i++) sav.go("A");
  const a = sav.trace.alpha;
  const adapted = adaptedLevel(config, a);
  const naive = a.slice(0, Math.min(config.relearnTrials, config.adaptTrials));
  const relearn = a.slice(config.adaptTrials + sav.counter);
  const naiveHalfTrials = trialsToReach(naive, adapted / 2);
  const relearnHalfTrials = trialsToReach(relearn, adapted / 2);
  return {
    trace: sav.trace,
    adapted,
    counterTrials: sav.counter,
    naiveHalfTrials,
    relearnHalfTrials,
    savingsRatio: relearnHalfTrials / naiveHalfTrials,
  };
}

export interface SubjectResult {
  seed: number;
  recovery: RecoveryResult;
  savings: SavingsResult;
}

/** Both protocols on one subject; `onTrial` gets each protocol's trials as they run. */
export const runSubject = (
  config: ReachConfig,
  seed: number,
  onTrial?: (protocol: "recovery" | "savings") => OnTrial,
): SubjectResult => ({
  seed,
  recovery: recoveryProtocol(config, seed, onTrial?.("recovery")),
  savings: savingsProtocol(config, seed, onTrial?.("savings")),
});
