/**
 * The trial schedule: turns an experiment's phases into the concrete sequence of trials.
 *
 * All randomness (trial order, ITI jitter) comes from the Rng passed in, so the same seed gives
 * the same schedule.
 */
import type { Rng } from "../model/rng.js";
import type { Experiment, Phase, ScheduledTrial, TrialType } from "./types.js";

/**
 * Splits `total` into integer counts proportional to `weights` (largest-remainder method), so the
 * counts always sum to exactly `total`. Ties in the remainders go to the earlier weight, which
 * keeps the split independent of any RNG.
 */
export function allocateCounts(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, w) => a + w, 0);
  if (weights.length === 0 || !(sum > 0)) return weights.map(() => 0);
  const quotas = weights.map((w) => (total * w) / sum);
  const counts = quotas.map((q) => Math.floor(q));
  let left = total - counts.reduce((a, c) => a + c, 0);
  const byRemainder = quotas
    .map((q, i) => ({ i, r: q - Math.floor(q) }))
    .sort((x, y) => y.r - x.r || x.i - y.i);
  // Floating error can leave `left` off by one either way of the true value; cycling keeps the
  // sum exact whatever it is.
  for (let k = 0; left > 0; k = (k + 1) % byRemainder.length, left--) counts[byRemainder[k].i]++;
  return counts;
}

/** The phase's trial types in run order, before ITIs are drawn. */
function orderTrialTypes(phase: Phase, rng: Rng): TrialType[] {
  const counts = allocateCounts(
    phase.trials,
    phase.trialTypes.map((t) => t.proportion),
  );
  if (phase.order === "alternate") {
    // Round-robin in the listed order; a type drops out of the cycle when its count runs out.
    const remaining = counts.slice();
    const total = counts.reduce((a, c) => a + c, 0);
    const out: TrialType[] = [];
    while (out.length < total) {
      for (let i = 0; i < remaining.length; i++) {
        if (remaining[i] > 0) {
          out.push(phase.trialTypes[i]);
          remaining[i]--;
        }
      }
    }
    return out;
  }
  const out: TrialType[] = [];
  counts.forEach((c, i) => {
    for (let k = 0; k < c; k++) out.push(phase.trialTypes[i]);
  });
  return rng.shuffle(out);
}

/** An ITI drawn uniformly in [mean − jitter, mean + jitter], rounded to whole ms. */
function drawIti(phase: Phase, rng: Rng): number {
  const { meanMs, jitterMs } = phase.iti;
  // Always draw, even with zero jitter, so the RNG stream does not depend on the jitter setting.
  const u = rng.uniform();
  return Math.max(0, Math.round(meanMs + (2 * u - 1) * jitterMs));
}

/**
 * The experiment's trials in run order. Trial types are shared references into `experiment`.
 * Phases are scheduled in order; each phase first orders its trials, then draws their ITIs.
 */
export function scheduleTrials(experiment: Experiment, rng: Rng): ScheduledTrial[] {
  const out: ScheduledTrial[] = [];
  experiment.phases.forEach((phase, phaseIndex) => {
    const types = orderTrialTypes(phase, rng);
    types.forEach((trialType, indexInPhase) => {
      const trial: ScheduledTrial = {
        index: out.length,
        phaseIndex,
        phase: phase.name,
        indexInPhase,
        trialType,
        itiMs: drawIti(phase, rng),
      };
      if (phase.context !== undefined) trial.context = phase.context;
      out.push(trial);
    });
  });
  return out;
}
