/**
 * Sinusoid fits for periodic experiments (VOR gain and phase).
 *
 * `fitSinusoid` solves the least-squares fit y(t) ≈ a·sin(ωt) + b·cos(ωt) + c at a known
 * frequency (closed-form 3 × 3 normal equations), giving amplitude √(a² + b²), phase
 * atan2(b, a) relative to sin(ωt), and offset c. Whole cycles make the fit exact for pure tones.
 */
export interface SinusoidFit {
  amplitude: number;
  /** Phase (deg) of y relative to sin(2πft): y ≈ A·sin(2πft + φ) + c; in (−180, 180]. */
  phaseDeg: number;
  offset: number;
  /** Fraction of the variance of y explained by the fit (1 = pure sinusoid). */
  r2: number;
}

/** Wrap an angle in degrees to (−180, 180]. */
export function wrapDeg(deg: number): number {
  let d = deg % 360;
  if (d <= -180) d += 360;
  if (d > 180) d -= 360;
  return d;
}

export function fitSinusoid(
  y: ArrayLike<number>,
  tMs: ArrayLike<number>,
  frequencyHz: number,
): SinusoidFit {
  const n = y.length;
  if (n !== tMs.length) throw new RangeError(`fitSinusoid: ${n} values but ${tMs.length} times`);
  if (n < 3)
    return { amplitude: Number.NaN, phaseDeg: Number.NaN, offset: Number.NaN, r2: Number.NaN };
  const w = (2 * Math.PI * frequencyHz) / 1000;
  // Normal equations for columns [s, c, 1].
  let ss = 0;
  let sc = 0;
  let s1 = 0;
  let cc = 0;
  let c1 = 0;
  let ys = 0;
  let yc = 0;
  let y1 = 0;
  for (let i = 0; i < n; i++) {
    const s = Math.sin(w * tMs[i]);
    const c = Math.cos(w * tMs[i]);
    ss += s * s;
    sc += s * c;
    s1 += s;
    cc += c * c;
    c1 += c;
    ys += y[i] * s;
    yc += y[i] * c;
    y1 += y[i];
  }
  const m = [
    [ss, sc, s1],
    [sc, cc, c1],
    [s1, c1, n],
  ];
  const rhs = [ys, yc, y1];
  const [a, b, offset] = solve3(m, rhs);
  const mean = y1 / n;
  let total = 0;
  let residual = 0;
  for (let i = 0; i < n; i++) {
    const fit = a * Math.sin(w * tMs[i]) + b * Math.cos(w * tMs[i]) + offset;
    total += (y[i] - mean) ** 2;
    residual += (y[i] - fit) ** 2;
  }
  return {
    amplitude: Math.hypot(a, b),
    phaseDeg: wrapDeg((Math.atan2(b, a) * 180) / Math.PI),
    offset,
    r2: total > 0 ? 1 - residual / total : Number.NaN,
  };
}

function solve3(m: number[][], r: number[]): [number, number, number] {
  const det = (a: number[][]) =>
    a[0][0] * (a[1][1] * a[2][2] - a[1][2] * a[2][1]) -
    a[0][1] * (a[1][0] * a[2][2] - a[1][2] * a[2][0]) +
    a[0][2] * (a[1][0] * a[2][1] - a[1][1] * a[2][0]);
  const d = det(m);
  if (d === 0 || !Number.isFinite(d)) return [Number.NaN, Number.NaN, Number.NaN];
  const col = (k: number) => m.map((row, i) => row.map((v, j) => (j === k ? r[i] : v)));
  return [det(col(0)) / d, det(col(1)) / d, det(col(2)) / d];
}

export interface ReflexGain {
  /** |response| / |stimulus| amplitude ratio. */
  gain: number;
  /**
   * Phase (deg) of the inverted response (−E for the VOR) relative to the stimulus: 0 = perfectly
   * compensatory, positive = lead, negative = lag; in (−180, 180].
   */
  phaseDeg: number;
}

/**
 * Gain and phase of a compensatory reflex (VOR: eye opposes head) from sampled stimulus and
 * response at a known frequency; use whole cycles.
 */
export function reflexGain(
  stimulus: ArrayLike<number>,
  response: ArrayLike<number>,
  tMs: ArrayLike<number>,
  frequencyHz: number,
): ReflexGain {
  const s = fitSinusoid(stimulus, tMs, frequencyHz);
  const inverted = Float64Array.from(response as ArrayLike<number>, (v) => -v);
  const r = fitSinusoid(inverted, tMs, frequencyHz);
  return { gain: r.amplitude / s.amplitude, phaseDeg: wrapDeg(r.phaseDeg - s.phaseDeg) };
}

export interface ExponentialFit {
  /** Time constant, in the units of x. */
  tau: number;
  start: number;
  end: number;
}

/**
 * Fit y ≈ y∞ + (y₀ − y∞)·e^(−x/τ) (Literature recipe TAU) by a grid search over τ (log-spaced
 * between the smallest step of x and 10× its span), solving y₀, y∞ by least squares for each τ.
 * x must start at 0.
 */
export function fitExponential(x: readonly number[], y: readonly number[]): ExponentialFit {
  const span = x.at(-1)! - x[0];
  const steps = x
    .slice(1)
    .map((v, i) => v - x[i])
    .filter((d) => d > 0);
  const lo = Math.max(1e-9, Math.min(...steps) / 10);
  const hi = span * 10;
  let best: ExponentialFit = { tau: Number.NaN, start: Number.NaN, end: Number.NaN };
  let bestErr = Infinity;
  for (let k = 0; k <= 400; k++) {
    const tau = lo * (hi / lo) ** (k / 400);
    // y = end + (start − end)·u, u = e^(−x/τ): linear in (end, start − end).
    let su = 0;
    let suu = 0;
    let sy = 0;
    let suy = 0;
    const n = x.length;
    for (let i = 0; i < n; i++) {
      const u = Math.exp(-(x[i] - x[0]) / tau);
      su += u;
      suu += u * u;
      sy += y[i];
      suy += u * y[i];
    }
    const det = n * suu - su * su;
    if (Math.abs(det) < 1e-12) continue;
    const amp = (n * suy - su * sy) / det;
    const end = (sy - amp * su) / n;
    let err = 0;
    for (let i = 0; i < n; i++) err += (y[i] - end - amp * Math.exp(-(x[i] - x[0]) / tau)) ** 2;
    if (err < bestErr) {
      bestErr = err;
      best = { tau, start: end + amp, end };
    }
  }
  return best;
}
