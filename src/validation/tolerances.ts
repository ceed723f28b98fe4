/**
 * The one place a published window is widened (issue #12 item 5). literature.md ("How to read")
 * says a WIN for an [M] number (from memory, not checked against the paper) is widened "about
 * 20–50 %"; the scorecard takes the narrow end, 25 % of each bound, for every [M] window and
 * never widens a [V] one.
 */
export const M_WIDENING = 0.25;

/** An [M] window [lo, hi] widened to [(1 − w)·lo, (1 + w)·hi]. */
export const widenM = (lo: number, hi: number): [number, number] => [
  (1 - M_WIDENING) * lo,
  (1 + M_WIDENING) * hi,
];
