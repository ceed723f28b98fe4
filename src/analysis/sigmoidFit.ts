/**
 * Least-squares fit of a learning curve to a logistic, y = base + height · σ((x − mid)/width)
 * with σ(u) = 1/(1 + e^(−u)): mid and width by a grid search (mid over the x range, width
 * log-spaced from 1/100 of the x spacing to the whole range), base and height by linear least
 * squares at each grid point. A step (all-or-none acquisition) fits with a width near zero; a
 * graded rise (Kehoe et al. 2008, literature.md T4) with a width of many trials.
 */
import { affineFit } from "./affineFit.js";

export interface SigmoidFit {
  base: number;
  height: number;
  /** x at half height. */
  mid: number;
  /** Scale of the rise in x units; the 10 %→90 % rise spans 2·ln 9·width ≈ 4.39·width. */
  width: number;
  /** Fraction of variance explained. */
  r2: number;
}

/** 10 %→90 % rise of a logistic, in units of its width. */
export const RISE_10_90 = 2 * Math.log(9);

const logistic = (u: number) => 1 / (1 + Math.exp(-u));

function fitAt(x: readonly number[], y: readonly number[], mid: number, width: number) {
  // y = a + b·s, s = σ((x − mid)/width)
  const { a, b, sse } = affineFit(x, y, (v) => logistic((v - mid) / width));
  return { sse, base: a, height: b };
}

export function fitSigmoid(x: readonly number[], y: readonly number[]): SigmoidFit {
  const n = x.length;
  if (n !== y.length) throw new RangeError(`fitSigmoid: ${n} x values but ${y.length} y values`);
  const mean = y.reduce((s, v) => s + v, 0) / Math.max(1, n);
  const sst = y.reduce((s, v) => s + (v - mean) ** 2, 0);
  if (n < 4 || sst === 0)
    return { base: mean, height: 0, mid: Number.NaN, width: Number.NaN, r2: 0 };
  const lo = Math.min(...x);
  const hi = Math.max(...x);
  const span = hi - lo || 1;
  const spacing = span / (n - 1);
  let best = { sse: Number.POSITIVE_INFINITY, base: mean, height: 0, mid: lo, width: span };
  const mids = 200;
  const widths = 120;
  const [wLo, wHi] = [Math.log(spacing / 100), Math.log(span)];
  for (let k = 0; k <= mids; k++) {
    const mid = lo + (span * k) / mids;
    for (let j = 0; j <= widths; j++) {
      const width = Math.exp(wLo + ((wHi - wLo) * j) / widths);
      const fit = fitAt(x, y, mid, width);
      if (fit.sse < best.sse) best = { ...fit, mid, width };
    }
  }
  const { sse, ...params } = best;
  return { ...params, r2: 1 - sse / sst };
}
