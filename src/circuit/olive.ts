/**
 * Climbing fibres as events (model.olive.events): instead of a graded, signed error every step,
 * each Purkinje cell's climbing fibre fires all-or-none complex spikes at a low rate that rises
 * with the error (≈ 1 Hz background, Ito 2001; Gellman, Gibson & Houk 1985: ~1 spike per
 * unexpected stimulus). Per step and cell,
 *
 *   spike ~ Bernoulli(π),  π = clamp((r₀ + k·e)·dt, 0, 1)
 *   ê = (spike − r₀·dt) / (k·dt)
 *
 * with r₀ the background rate and k the gain (Hz per unit error). ê is what plasticity sees: a
 * spike teaches LTD through the eligibility window, and between spikes the small negative
 * −r₀/k teaches LTP. Where π is not clipped, E[ê] = e, so the mean update is the graded rule's;
 * what changes is (1) the noise — learning goes by a few large steps — and (2) clipping: an error
 * below −r₀/k (output above the shoulda signal) is signalled only as far as a silent fibre can,
 * so extinction-like unlearning is capped at rate r₀/k.
 */
import type { CerebellumParams } from "../model/cerebellum.js";
import { Rng } from "../model/rng.js";

export class ClimbingFibres {
  /** This step's complex spikes, one per Purkinje cell (1 = spike). */
  readonly spikes: Uint8Array;
  readonly rng: Rng;
  private readonly background: number;
  private readonly gain: number;

  constructor(p: CerebellumParams, seed: number) {
    const { backgroundHz, gainHz } = p.olive.events;
    this.spikes = new Uint8Array(p.purkinje.count);
    this.rng = Rng.derive(seed, "climbing-fibres");
    this.background = (backgroundHz * p.dtMs) / 1000;
    this.gain = (gainHz * p.dtMs) / 1000;
  }

  /** Replaces each graded error e by its event estimate ê (in place) and records the spikes. */
  step(error: Float64Array): void {
    const { spikes, background, gain } = this;
    for (let q = 0; q < error.length; q++) {
      const probability = Math.min(1, Math.max(0, background + gain * error[q]));
      spikes[q] = this.rng.uniform() < probability ? 1 : 0;
      error[q] = (spikes[q] - background) / gain;
    }
  }
}
