/** Shared pieces of the eyeblink targets: standard experiments and per-run measures. */

import { trialsToCriterion } from "../analysis/criterion.js";
import { meanProfile } from "../analysis/profile.js";
import type { TrialRow } from "../paradigms/eyeblink/analyse.js";
import {
  defaultAnalysis,
  type EyeblinkResult,
  phase,
  simulateEyeblink,
  type TrialSpec,
  trialType,
} from "../paradigms/eyeblink/experiments.js";
import type { TrialRecord } from "../paradigms/eyeblink/simulate.js";

/** Seed shared by every eyeblink target (one parameter set, one seed, no per-target tuning). */
export const SEED = 1;

/** Acquisition of `trials` paired trials, then a test phase of CS-alone probes. */
export function acquireAndTest(
  spec: TrialSpec,
  trials: number,
  probes = 10,
  model = {},
): EyeblinkResult {
  return simulateEyeblink(
    {
      phases: [
        phase("acquisition", trials, [trialType(spec)]),
        phase("test", probes, [trialType({ ...spec, probe: true })]),
      ],
    },
    SEED,
    model,
  );
}

export const inPhase = (rows: readonly TrialRow[], name: string) =>
  rows.filter((r) => r.phase === name);

export function crPercent(rows: readonly TrialRow[]): number {
  return rows.length ? (100 * rows.filter((r) => r.cr).length) / rows.length : Number.NaN;
}

export function ttc(rows: readonly TrialRow[]): number {
  const a = defaultAnalysis();
  return trialsToCriterion(
    rows.map((r) => r.cr),
    a.criterionWindow,
    a.criterionCount,
  );
}

/** Mean eyelid profile of the records of one phase, and the time (ms from CS onset) of its peak. */
export function probePeak(
  records: readonly TrialRecord[],
  phaseName: string,
  dtMs: number,
  csOnsetMs: number,
  fromMs: number,
  toMs: number,
): { profile: Float64Array; peakMs: number; height: number } {
  const profile = meanProfile(
    records.filter((r) => r.trial.phase === phaseName).map((r) => r.eyelid),
  );
  let best = -1;
  for (
    let t = Math.round((csOnsetMs + fromMs) / dtMs);
    t < Math.min(profile.length, Math.round((csOnsetMs + toMs) / dtMs));
    t++
  ) {
    if (best < 0 || profile[t] > profile[best]) best = t;
  }
  return { profile, peakMs: best * dtMs - csOnsetMs, height: profile[best] };
}

export const round = (x: number, digits = 2) =>
  Number.isFinite(x) ? Number(x.toFixed(digits)) : x;
