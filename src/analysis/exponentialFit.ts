/**
 * Least-squares fit of y = y∞ + (y₀ − y∞)·exp(−x/τ): τ by a log-spaced grid search refined by
 * golden-section search, y∞ and y₀ by linear least squares at each τ. τ is in the units of x
 * (trials, pairings, minutes). Returns NaN for τ when the data have no variance.
 */
import { affineFit } from "./affineFit.js";

export interface ExponentialFit {
  tau: number;
  yInf: number;
  y0: number;
  /** Fraction of variance explained. */
  r2: number;
}

function fitAt(
  x: readonly number[],
  y: readonly number[],
  tau: number,
): { sse: number; yInf: number; y0: number } {
  // y = a + b·e, e = exp(−x/τ): y∞ = a, y₀ = a + b.
  const { a, b, sse } = affineFit(x, y, (v) => Math.exp(-v / tau));
  return { sse, yInf: a, y0: a + b };
}

export function fitExponential(x: readonly number[], y: readonly number[]): ExponentialFit {
  const n = x.length;
  const mean = y.reduce((s, v) => s + v, 0) / n;
  const sst = y.reduce((s, v) => s + (v - mean) ** 2, 0);
  if (n < 3 || sst === 0) return { tau: Number.NaN, yInf: mean, y0: mean, r2: 0 };
  const span = Math.max(...x) - Math.min(...x) || 1;
  let best = { logTau: 0, sse: Number.POSITIVE_INFINITY };
  const lo = Math.log(span / 1000);
  const hi = Math.log(span * 100);
  for (let k = 0; k <= 200; k++) {
    const logTau = lo + ((hi - lo) * k) / 200;
    const { sse } = fitAt(x, y, Math.exp(logTau));
    if (sse < best.sse) best = { logTau, sse };
  }
  const step = (hi - lo) / 200;
  let a = best.logTau - step;
  let b = best.logTau + step;
  const g = (Math.sqrt(5) - 1) / 2;
  for (let k = 0; k < 60; k++) {
    const c = b - g * (b - a);
    const d = a + g * (b - a);
    if (fitAt(x, y, Math.exp(c)).sse < fitAt(x, y, Math.exp(d)).sse) b = d;
    else a = c;
  }
  const tau = Math.exp((a + b) / 2);
  const fit = fitAt(x, y, tau);
  return { tau, yInf: fit.yInf, y0: fit.y0, r2: 1 - fit.sse / sst };
}
