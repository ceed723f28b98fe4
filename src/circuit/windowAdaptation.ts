/**
 * An experience-dependent PF→PC learning window (optional; `plasticity.pfPurkinje.
 * windowAdaptation`). Floccular synapses tune their timing rule to the delay of the visual error
 * feedback, default to a coincidence rule without visual experience, and lose the tuning in the
 * dark (Jayabal et al. 2022, bioRxiv 2022.11.28.518128; Suvrathan et al. 2016). The paper gives
 * no mechanism; this module is a model hypothesis.
 *
 * Mechanism (system identification with the module's own variability; cf. on-line secondary-path
 * identification with auxiliary noise, Eriksson & Allie 1989): the nuclear output carries a small
 * white jitter ξ(t) (SD `probeSd`, in z units — Purkinje simple-spike irregularity), independent
 * of the context. Whatever the world does with the module's output comes back in the climbing-
 * fibre error e after the loop's delay, so the running cross-correlation
 *
 *   C(τ) ← C(τ) + (dt/T_c)·(e(t)·ξ(t − τ) − C(τ)),   τ = 0 … maxDelay
 *
 * estimates the loop's impulse response (an output increase lowers the error: C < 0 there). The
 * target delay τ* is the centroid of the response's upper three quarters, max(0, −C(τ) − ¼·max(−C)),
 * with a prior mass `coincidencePrior`·probeSd² at τ = 0: with no feedback (darkness) C decays and
 * τ* relaxes to coincidence. The window's peak Δ_w moves slowly toward τ*:
 *
 *   dΔ_w/dt = rate · (τ* − Δ_w)
 *
 * and κ is re-sampled from Δ_w once per `RESAMPLE_MS`. κ is kept at a fixed length (the widest
 * window the peak can reach) so the plasticity's histories never change size. The nucleo-olivary
 * copy z(t − Δ) stays jitter-free (the olive compares with the learned output), so ξ reaches the
 * error only through the world.
 */
import type { CerebellumParams } from "../model/cerebellum.js";
import { Rng } from "../model/rng.js";

/** How often κ is re-sampled from the current peak (ms). */
const RESAMPLE_MS = 1000;
/** Support of κ: until it falls below this fraction of its peak (as circuit/eligibility.ts). */
const SUPPORT = 0.005;

/** κ(τ) ∝ (τ/Δ)^a·e^{a(1 − τ/Δ)} for a real-valued peak Δ (steps), τ < length, Σκ = 1. */
export function sampleWindow(peakSteps: number, shape: number, into: Float64Array): Float64Array {
  into.fill(0);
  if (peakSteps < 1) {
    // Below one step the gamma shape is not resolved: a delta split between τ = 0 and τ = 1.
    const f = Math.max(0, peakSteps);
    into[0] = 1 - f;
    if (into.length > 1) into[1] = f;
    return into;
  }
  let total = 0;
  for (let tau = 0; tau < into.length; tau++) {
    const r = tau / peakSteps;
    const v = r ** shape * Math.exp(shape * (1 - r));
    into[tau] = v < SUPPORT && tau > peakSteps ? 0 : v;
    total += into[tau];
  }
  for (let tau = 0; tau < into.length; tau++) into[tau] /= total;
  return into;
}

/** Steps of κ needed for a peak at `maxDelayMs` (with the same support rule as a fixed window). */
export function adaptiveWindowLength(p: CerebellumParams): number {
  const { windowShape: a, windowAdaptation: w, windowPeakMs } = p.plasticity.pfPurkinje;
  const peak = Math.max(w.maxDelayMs, windowPeakMs) / p.dtMs;
  let tau = Math.ceil(peak);
  while (tau > 0 && (tau / peak) ** a * Math.exp(a * (1 - tau / peak)) >= SUPPORT) tau++;
  return tau + 1;
}

/** The initial, padded window of an adaptive module: peak at `windowPeakMs`. */
export function initialAdaptiveWindow(p: CerebellumParams): Float64Array {
  const { windowPeakMs, windowShape } = p.plasticity.pfPurkinje;
  return sampleWindow(
    windowPeakMs / p.dtMs,
    windowShape,
    new Float64Array(adaptiveWindowLength(p)),
  );
}

export class WindowAdaptation {
  /** Current window peak Δ_w (ms). */
  peakMs: number;
  /** Running cross-correlation C(τ) per output q: row τ, column q. */
  readonly correlation: Float64Array;
  /** The jitter emitted in the last `lags` steps (ring, τ = 0 the newest). */
  readonly probes: Float64Array;
  /** The output with the jitter added (what leaves the module). */
  readonly output: Float64Array;
  /** Scalar state: [probe ring head, steps since κ was re-sampled]. */
  readonly counters: Int32Array;
  readonly rng: Rng;
  private readonly lags: number;
  private readonly width: number;

  constructor(
    private readonly p: CerebellumParams,
    seed: number,
    private readonly kappa: Float64Array,
  ) {
    const w = p.plasticity.pfPurkinje.windowAdaptation;
    this.peakMs = p.plasticity.pfPurkinje.windowPeakMs;
    this.width = p.purkinje.count;
    this.lags = Math.round(w.maxDelayMs / p.dtMs) + 1;
    this.correlation = new Float64Array(this.lags * this.width);
    this.probes = new Float64Array(this.lags * this.width);
    this.output = new Float64Array(this.width);
    this.counters = new Int32Array(2);
    this.rng = Rng.derive(seed, "window-probe");
  }

  /** Add this step's jitter to z; returns the module's output (a live view). */
  perturb(z: Float64Array): Float64Array {
    const { probeSd } = this.p.plasticity.pfPurkinje.windowAdaptation;
    const { width, probes, output, counters } = this;
    counters[0] = (counters[0] + 1) % this.lags;
    const base = counters[0] * width;
    for (let q = 0; q < width; q++) {
      const xi = probeSd * this.rng.normal();
      probes[base + q] = xi;
      output[q] = z[q] + xi;
    }
    return output;
  }

  /**
   * Correlate this step's climbing-fibre error with the past jitter, move the peak, and re-sample
   * κ (in place) once per RESAMPLE_MS. Paused with learning.
   */
  step(error: Float64Array, learn: boolean): void {
    if (!learn) return;
    const p = this.p;
    const w = p.plasticity.pfPurkinje.windowAdaptation;
    const { width, lags, probes, correlation, counters } = this;
    const a = p.dtMs / w.correlationTauMs;
    for (let tau = 0; tau < lags; tau++) {
      const slot = (counters[0] - tau + lags) % lags;
      for (let q = 0; q < width; q++) {
        const i = tau * width + q;
        correlation[i] += a * (error[q] * probes[slot * width + q] - correlation[i]);
      }
    }
    this.peakMs += w.rate * p.dtMs * (this.targetMs() - this.peakMs);
    counters[1] += 1;
    if (counters[1] * p.dtMs >= RESAMPLE_MS) {
      counters[1] = 0;
      sampleWindow(this.peakMs / p.dtMs, p.plasticity.pfPurkinje.windowShape, this.kappa);
    }
  }

  /** τ*: centroid (ms) of the loop's response in C, averaged over outputs, with the coincidence prior. */
  targetMs(): number {
    const { width, lags, correlation } = this;
    const w = this.p.plasticity.pfPurkinje.windowAdaptation;
    const prior = w.coincidencePrior * w.probeSd * w.probeSd;
    let sum = 0;
    let mass = prior * width;
    for (let q = 0; q < width; q++) {
      let top = 0;
      for (let tau = 0; tau < lags; tau++) top = Math.max(top, -correlation[tau * width + q]);
      for (let tau = 0; tau < lags; tau++) {
        const m = -correlation[tau * width + q] - 0.25 * top;
        if (m > 0) {
          sum += m * (tau + 1); // row τ holds the jitter of τ + 1 steps ago
          mass += m;
        }
      }
    }
    return (sum / mass) * this.p.dtMs;
  }

  /** Restore the peak after a state restore (κ is restored with the plasticity's arrays). */
  setPeak(peakMs: number): void {
    this.peakMs = peakMs;
  }
}
