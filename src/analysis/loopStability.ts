/**
 * Is a closed loop (the filter ⇄ cortex loop of docs/cortex.md) stable? A pure classification of
 * the per-block series a run already measures: residual power reaching the cortex, the cortex's
 * prediction error and the lick-sound cancellation (dB). Block series are short (24 blocks of
 * 5 s by default), so every test reads thirds or halves of the run, never single blocks.
 *
 *   diverged     a value is not finite; or the last third cancels less than nothing (mean
 *                cancellation < 0 dB: the residual is louder than the uncancelled sound); or power
 *                or prediction error grew: last-third median > `growthLimit` × first-third median
 *                (medians, as one block with an external sound or a bout's end can be 5× its
 *                neighbours)
 *   oscillating  the second half of a series (linear trend removed) has one frequency, of at least
 *                two cycles in that half, that holds ≥ `peakShare` of its variance, with an
 *                amplitude that matters (≥ `oscillationDb` for cancellation, ≥ `oscillationRel` ×
 *                the mean for power and error). For white block noise over 12 blocks (5 bins) the
 *                largest share exceeds 0.75 with probability ≈ 5·0.25⁴ ≈ 1 % (Fisher's g test),
 *                so noise is rarely called an oscillation; a slow bump (one cycle, e.g. relearning
 *                after a change) is not an oscillation and is left to the other tests
 *   unsettled    the last third's cancellation varies by more than `settledSdDb` (SD)
 *   settled      none of these
 *
 * Order matters: a diverging series also fails the later tests, so the first verdict that holds is
 * the one reported, with every measure alongside it.
 */

export interface LoopSeries {
  /** Mean u² per channel reaching the cortex, per block. */
  power: readonly (number | null)[];
  /** Lick-sound cancellation per block (dB). */
  cancellationDb: readonly (number | null)[];
  /** The cortex's prediction error per block (empty or all-NaN without a cortex: not judged). */
  predictionError: readonly (number | null)[];
}

export interface StabilityCriteria {
  growthLimit: number;
  peakShare: number;
  oscillationDb: number;
  oscillationRel: number;
  settledSdDb: number;
}

export const DEFAULT_STABILITY_CRITERIA: StabilityCriteria = {
  growthLimit: 2,
  peakShare: 0.75,
  oscillationDb: 1,
  oscillationRel: 0.25,
  settledSdDb: 1,
};

export type StabilityVerdict = "settled" | "unsettled" | "oscillating" | "diverged";

export interface StabilityReport {
  verdict: StabilityVerdict;
  /** Why, in words (the first test that failed), or "" when settled. */
  reason: string;
  /** Last third's mean cancellation (dB) and its SD. */
  lastCancellationDb: number;
  lastCancellationSdDb: number;
  /** Last-third median / first-third median. */
  powerGrowth: number;
  errorGrowth: number;
  /** Largest one-frequency share of the second half's variance, per series (0 when too short). */
  cancellationPeakShare: number;
  powerPeakShare: number;
  errorPeakShare: number;
}

const finite = (a: readonly (number | null)[]) => a.every((x) => x !== null && Number.isFinite(x));
const mean = (a: readonly number[]) => a.reduce((s, x) => s + x, 0) / a.length;
const sd = (a: readonly number[]) => {
  const m = mean(a);
  return Math.sqrt(a.reduce((s, x) => s + (x - m) ** 2, 0) / a.length);
};
const median = (a: readonly number[]) => {
  const s = [...a].sort((x, y) => x - y);
  const h = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[h] : (s[h - 1] + s[h]) / 2;
};
const firstThird = (a: readonly number[]) => a.slice(0, Math.max(1, Math.floor(a.length / 3)));
const lastThird = (a: readonly number[]) => a.slice(-Math.max(1, Math.floor(a.length / 3)));

/**
 * The periodogram of `a` after removing its linear trend: the largest share of the variance held
 * by one frequency of at least two cycles (k = 2 … ⌊n/2⌋), and that component's amplitude. A loop oscillation concentrates
 * the variance in one bin; block noise spreads it over all of them.
 */
export function spectralPeak(a: readonly number[]): { share: number; amplitude: number } {
  const n = a.length;
  if (n < 6) return { share: 0, amplitude: 0 };
  const tMean = (n - 1) / 2;
  const yMean = mean(a);
  let sxy = 0;
  let sxx = 0;
  for (let t = 0; t < n; t++) {
    sxy += (t - tMean) * (a[t] - yMean);
    sxx += (t - tMean) ** 2;
  }
  const slope = sxy / sxx;
  const r = a.map((y, t) => y - yMean - slope * (t - tMean));
  const total = r.reduce((s, x) => s + x * x, 0);
  if (total === 0) return { share: 0, amplitude: 0 };
  let best = 0;
  let bestPower = 0;
  for (let k = 2; k <= Math.floor(n / 2); k++) {
    let re = 0;
    let im = 0;
    for (let t = 0; t < n; t++) {
      re += r[t] * Math.cos((2 * Math.PI * k * t) / n);
      im += r[t] * Math.sin((2 * Math.PI * k * t) / n);
    }
    // Σr² = (1/n)Σ_k |R_k|² over all n bins; bins k and n − k are mirrors except at n/2.
    const mirror = 2 * k === n ? 1 : 2;
    const power = (mirror * (re * re + im * im)) / n;
    if (power > bestPower) {
      bestPower = power;
      best = k;
    }
  }
  const share = bestPower / total;
  const amplitude = best > 0 ? Math.sqrt((2 * bestPower) / n) : 0;
  return { share, amplitude };
}

/** Classifies one run's block series (see the module comment for the rules). */
export function classifyLoopStability(
  series: LoopSeries,
  criteria: StabilityCriteria = DEFAULT_STABILITY_CRITERIA,
): StabilityReport {
  const c = criteria;
  const judgeError =
    series.predictionError.length > 0 &&
    !series.predictionError.every((x) => x === null || Number.isNaN(x));
  const allFinite =
    finite(series.power) &&
    finite(series.cancellationDb) &&
    (!judgeError || finite(series.predictionError));
  const num = (a: readonly (number | null)[]) => a.map((x) => (x === null ? Number.NaN : x));
  const power = num(series.power);
  const db = num(series.cancellationDb);
  const err = judgeError ? num(series.predictionError) : [];
  // A series that stays at 0 (a cortex that hears nothing) has not grown: 0/0 counts as 1.
  const growth = (a: number[]) => {
    if (a.length === 0) return 0;
    const [first, last] = [median(firstThird(a)), median(lastThird(a))];
    return first === 0 && last === 0 ? 1 : last / first;
  };
  const secondHalf = (a: number[]) => a.slice(Math.floor(a.length / 2));
  const peaks = {
    db: spectralPeak(secondHalf(db)),
    power: spectralPeak(secondHalf(power)),
    err: err.length > 0 ? spectralPeak(secondHalf(err)) : { share: 0, amplitude: 0 },
  };
  const report: StabilityReport = {
    verdict: "settled",
    reason: "",
    lastCancellationDb: mean(lastThird(db)),
    lastCancellationSdDb: sd(lastThird(db)),
    powerGrowth: growth(power),
    errorGrowth: growth(err),
    cancellationPeakShare: peaks.db.share,
    powerPeakShare: peaks.power.share,
    errorPeakShare: peaks.err.share,
  };
  const verdict = (v: StabilityVerdict, reason: string): StabilityReport => ({
    ...report,
    verdict: v,
    reason,
  });
  if (!allFinite) return verdict("diverged", "a block value is not finite");
  if (report.lastCancellationDb < 0)
    return verdict("diverged", "the last third's residual is louder than the uncancelled sound");
  if (report.powerGrowth > c.growthLimit)
    return verdict("diverged", "residual power grew over the run");
  if (err.length > 0 && report.errorGrowth > c.growthLimit)
    return verdict("diverged", "the cortex's prediction error grew over the run");
  const oscillates = (p: { share: number; amplitude: number }, minAmplitude: number) =>
    p.share >= c.peakShare && p.amplitude >= minAmplitude;
  if (oscillates(peaks.db, c.oscillationDb))
    return verdict("oscillating", "cancellation oscillates");
  if (oscillates(peaks.power, c.oscillationRel * Math.abs(mean(secondHalf(power)))))
    return verdict("oscillating", "residual power oscillates");
  if (err.length > 0 && oscillates(peaks.err, c.oscillationRel * Math.abs(mean(secondHalf(err)))))
    return verdict("oscillating", "the cortex's prediction error oscillates");
  if (report.lastCancellationSdDb > c.settledSdDb)
    return verdict("unsettled", "the last third's cancellation varies by more than the limit");
  return report;
}

/** Stable means settled: the loop's measures neither grow, oscillate, nor wander. */
export const isStable = (r: StabilityReport) => r.verdict === "settled";
