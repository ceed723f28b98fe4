/**
 * "Did you mean …?" for a mistyped name: the closest candidate by edit distance, if it is close
 * enough to be a typo: at most a third of the name's length in edits (at least 2), and always
 * fewer edits than the name has characters (so "Q9" suggests nothing, not "T1").
 */
import { distance } from "fastest-levenshtein";

export function closest(input: string, candidates: readonly string[]): string | undefined {
  const limit = Math.min(Math.max(2, Math.floor(input.length / 3)), input.length - 1);
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const candidate of candidates) {
    const d = distance(input, candidate);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

/** ` (did you mean "x"?)`, or "" when nothing is close. */
export function didYouMean(input: string, candidates: readonly string[]): string {
  const hit = closest(input, candidates);
  return hit === undefined ? "" : ` (did you mean ${JSON.stringify(hit)}?)`;
}
