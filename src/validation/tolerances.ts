/**
 * The one place a published window is widened (issue #12 item 5). literature.md ("How to read")
 * says a WIN for an [M] number (from memory, not checked against the paper) is widened "about
 * 20–50 %"; the scorecard takes the narrow end, 25 % of each bound, for every [M] window and
 * never widens a [V] one.
 */
export const M_WIDENING = 0.25;

/**
 * An [M] window [lo, hi] widened by w of each bound's magnitude: [lo − w·|lo|, hi + w·|hi|]
 * (for a positive window [(1 − w)·lo, (1 + w)·hi]; a negative one widens away from zero too).
 */
export const widenM = (lo: number, hi: number): [number, number] => [
  lo - M_WIDENING * Math.abs(lo),
  hi + M_WIDENING * Math.abs(hi),
];
