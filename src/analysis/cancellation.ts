/**
 * Cancellation of a known signal, in dB: 10·log10(Σ x² / Σ (x − x̂)²), where x is the
 * self-generated part of the input and x̂ the filter's prediction of it (so x − x̂ is what of it
 * still reaches the output). Positive = cancelled; 0 dB = passed unchanged. `mask` (optional,
 * one flag per element) restricts the sums, e.g. to licking periods.
 */
export function cancellationDb(
  signal: ArrayLike<number>,
  prediction: ArrayLike<number>,
  mask?: ArrayLike<number>,
): number {
  let power = 0;
  let left = 0;
  for (let i = 0; i < signal.length; i++) {
    if (mask && !mask[i]) continue;
    power += signal[i] * signal[i];
    const r = signal[i] - prediction[i];
    left += r * r;
  }
  return cancellationDbFromSums(power, left);
}

/** `cancellationDb` from its two sums, Σ x² and Σ (x − x̂)², for callers that accumulate them. */
export function cancellationDbFromSums(power: number, left: number): number {
  if (power <= 0) return Number.NaN;
  return 10 * Math.log10(power / Math.max(left, 1e-300));
}
