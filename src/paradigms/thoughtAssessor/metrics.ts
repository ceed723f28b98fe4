/**
 * Discrimination of the thought assessors over the last trials of each type:
 *
 *   order     AB+ against B− (the same last cue, reached by another order of events)
 *   reversed  AB+ against BA− (the same two cues in the other order)
 *   trace     C+ against D− (read after the cue has ended)
 *
 * For each, d′ of the per-trial assessment (analysis/dprime.ts; 0 when both samples are equal
 * and constant) and the difference of the means (fear, freezing, CR).
 */
import { dPrime } from "../../analysis/dprime.js";
import { mean } from "../../analysis/stats.js";
import type { TrialType } from "./config.js";
import type { ConditionRun, TrialRecord } from "./simulate.js";

export const CONTRASTS = {
  order: ["AB+", "B-"],
  reversed: ["AB+", "BA-"],
  trace: ["C+", "D-"],
} as const satisfies Record<string, readonly [TrialType, TrialType]>;
export type Contrast = keyof typeof CONTRASTS;

type Measure = "fear" | "freezing" | "cr";

export interface Discrimination {
  dPrime: number;
  /** Mean of the reinforced type − mean of the other. */
  difference: number;
  reinforced: number;
  other: number;
}

const round = (x: number, digits = 4) => (Number.isFinite(x) ? Number(x.toFixed(digits)) : x);

/** d′ that reads 0 when the two samples are the same constant (no variance, no difference). */
export function dPrimeOrZero(signal: readonly number[], noise: readonly number[]): number {
  const d = dPrime(signal, noise);
  if (!Number.isNaN(d)) return d;
  return signal.length > 1 && noise.length > 1 && mean(signal) === mean(noise) ? 0 : d;
}

/** The last `fraction` of each type's trials. */
export function lastTrials(
  trials: readonly TrialRecord[],
  type: TrialType,
  fraction: number,
): TrialRecord[] {
  const of = trials.filter((t) => t.type === type);
  return of.slice(Math.floor(of.length * (1 - fraction)));
}

export function discriminate(
  run: ConditionRun,
  contrast: Contrast,
  measure: Measure,
  fraction: number,
): Discrimination {
  const [plus, minus] = CONTRASTS[contrast];
  const a = lastTrials(run.trials, plus, fraction).map((t) => t[measure]);
  const b = lastTrials(run.trials, minus, fraction).map((t) => t[measure]);
  return {
    dPrime: round(dPrimeOrZero(a, b), 3),
    difference: round(mean(a) - mean(b)),
    reinforced: round(mean(a)),
    other: round(mean(b)),
  };
}

/** Every contrast for both assessors: amygdala (fear, freezing) and cerebellum (CR). */
export function assess(run: ConditionRun, fraction: number) {
  const of = (measure: Measure) =>
    Object.fromEntries(
      (Object.keys(CONTRASTS) as Contrast[]).map((c) => [
        c,
        discriminate(run, c, measure, fraction),
      ]),
    ) as Record<Contrast, Discrimination>;
  return { fear: of("fear"), freezing: of("freezing"), cr: of("cr") };
}

/** d′ per block of trials (each type's trials split into `blocks` in order), for a learning curve. */
export function blockDPrime(
  run: ConditionRun,
  contrast: Contrast,
  measure: Measure,
  blocks: number,
): number[] {
  const [plus, minus] = CONTRASTS[contrast];
  const a = run.trials.filter((t) => t.type === plus);
  const b = run.trials.filter((t) => t.type === minus);
  const n = Math.min(blocks, Math.floor(Math.min(a.length, b.length) / 2));
  return Array.from({ length: n }, (_, k) => {
    const part = (xs: TrialRecord[]) =>
      xs
        .slice(Math.floor((k * xs.length) / n), Math.floor(((k + 1) * xs.length) / n))
        .map((t) => t[measure]);
    return round(dPrimeOrZero(part(a), part(b)), 3);
  });
}
