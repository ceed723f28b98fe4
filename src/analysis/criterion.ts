/**
 * Trials to criterion: the 1-based number of the trial that completes the first block of
 * `window` consecutive trials with at least `count` hits (e.g. 8 CRs in 10 trials).
 * NaN if the criterion is never reached.
 */
export function trialsToCriterion(hits: readonly boolean[], window: number, count: number): number {
  let inWindow = 0;
  for (let i = 0; i < hits.length; i++) {
    if (hits[i]) inWindow++;
    if (i >= window && hits[i - window]) inWindow--;
    if (i >= window - 1 && inWindow >= count) return i + 1;
  }
  return Number.NaN;
}

/** Fraction of hits in consecutive blocks of `size` (the last block may be shorter). */
export function blockRates(hits: readonly boolean[], size: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < hits.length; i += size) {
    const block = hits.slice(i, i + size);
    out.push(block.filter(Boolean).length / block.length);
  }
  return out;
}
