/**
 * How the shoulda signal drives the olive (model.olive.usDrive).
 *
 * "sustained" (default): the olive's excitation is s(t) itself, so a 100-ms puff teaches twice
 * as much as a 50-ms one. "onset": the olive answers the *occurrence* of the stimulus, not its
 * length. Olivary cells driven by a cutaneous stimulus "typically fired one spike at the onset of
 * the stimulus" (Gellman, Gibson & Houk 1985, awake cat), a response being a single spike
 * followed by a long refractory period (Gellman, Houk & Gibson 1983); the air-puff-evoked
 * activity of the rabbit's dorsal accessory olive is the US "reinforcement" signal of eyelid
 * conditioning (Sears & Steinmetz 1991). Modelled as fast adaptation of the olive's drive, per
 * olive input q and step,
 *
 *   d_q(t) = G·[s_q(t) − a_q(t)]₊,   a_q ← λ·a_q + (1 − λ)·s_q,   λ = e^(−dt/τ_o),
 *   G = A₀·(1 − λ)/dt
 *
 * so a step of height m starting at t₀ drives d = G·m·λ^n n steps later, and a US of duration D
 * delivers ∫d dt = A₀·m·(1 − λ^(D/dt)): it saturates at A₀·m once D ≫ τ_o. A₀ (`usOnsetAreaMs`)
 * is the whole drive of one stimulus in error·ms; its default, 100, is what the model's
 * climbing-fibre events already take as one complex spike (events.gainHz = 10 Hz per unit error
 * → 1 spike per 100 unit·ms), so "one complex spike per unexpected stimulus". The olive's
 * comparison with the nuclear output then acts on d: e = errorGain·(d − z(t − Δ)).
 *
 * Meant for punctate, non-negative shoulda signals (a puff, a shock): a negative s is cut at 0,
 * and a sustained error (a motor loop's) is signalled only at its rise.
 */
import type { CerebellumParams } from "../model/cerebellum.js";

export class OnsetDrive {
  /** a_q: the olive's adaptation to each input (saved with the module's state). */
  readonly adaptation: Float64Array;
  /** d_q(t): this step's drive, what the olive compares with the output. */
  readonly drive: Float64Array;
  /** λ = e^(−dt/τ_o). */
  private readonly leak: number;
  /** G = A₀·(1 − λ)/dt: a saturating stimulus delivers A₀ in all. */
  private readonly gain: number;

  constructor(p: CerebellumParams) {
    const n = p.purkinje.count;
    this.adaptation = new Float64Array(n);
    this.drive = new Float64Array(n);
    this.leak = Math.exp(-p.dtMs / p.olive.usOnsetTauMs);
    this.gain = (p.olive.usOnsetAreaMs * (1 - this.leak)) / p.dtMs;
  }

  /** d(t) for this step's teacher s(t); advances the adaptation. Returns a live view. */
  step(teacher: ArrayLike<number>): Float64Array {
    const { adaptation, drive, leak, gain } = this;
    for (let q = 0; q < drive.length; q++) {
      const s = teacher[q] ?? 0;
      const a = adaptation[q];
      drive[q] = gain * Math.max(0, s - a);
      adaptation[q] = leak * a + (1 - leak) * s;
    }
    return drive;
  }
}

/** A₀·m·(1 − λ^(D/dt)): the drive a US of magnitude m and duration D delivers from rest. */
export function onsetDriveArea(p: CerebellumParams, durationMs: number, magnitude = 1): number {
  const leak = Math.exp(-p.dtMs / p.olive.usOnsetTauMs);
  return p.olive.usOnsetAreaMs * magnitude * (1 - leak ** Math.round(durationMs / p.dtMs));
}
