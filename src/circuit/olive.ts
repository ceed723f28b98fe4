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
 *
 * Saturation with error size (`maxHz` = r_max > r₀; 0 = off): above r₀ the rate approaches
 * r_max smoothly, r = r₀ + (r_max − r₀)·tanh(k·e / (r_max − r₀)), so a large error teaches
 * hardly more than a moderate one (complex spikes rarely exceed a few Hz; Gellman et al. 1985).
 * ê keeps its formula, so E[ê] < e there: the teaching signal itself saturates.
 */
import type { CerebellumParams } from "../model/cerebellum.js";
import { Rng } from "../model/rng.js";

export class ClimbingFibres {
  /** This step's complex spikes, one per Purkinje cell (1 = spike). */
  readonly spikes: Uint8Array;
  readonly rng: Rng;
  private readonly background: number;
  private readonly gain: number;
  /** (r_max − r₀)·dt, or 0 when the rate is not saturated. */
  private readonly room: number;

  constructor(p: CerebellumParams, seed: number) {
    const { backgroundHz, gainHz, maxHz } = p.olive.events;
    this.spikes = new Uint8Array(p.purkinje.count);
    this.rng = Rng.derive(seed, "climbing-fibres");
    this.background = (backgroundHz * p.dtMs) / 1000;
    this.gain = (gainHz * p.dtMs) / 1000;
    this.room = maxHz > backgroundHz ? ((maxHz - backgroundHz) * p.dtMs) / 1000 : 0;
  }

  /** π(e): the per-step spike probability for error e. */
  probability(e: number): number {
    const { background, gain, room } = this;
    const drive = gain * e;
    const rate =
      room > 0 && drive > 0 ? background + room * Math.tanh(drive / room) : background + drive;
    return Math.min(1, Math.max(0, rate));
  }

  /** Replaces each graded error e by its event estimate ê (in place) and records the spikes. */
  step(error: Float64Array): void {
    const { spikes, background, gain } = this;
    for (let q = 0; q < error.length; q++) {
      const probability = this.probability(error[q]);
      spikes[q] = this.rng.uniform() < probability ? 1 : 0;
      error[q] = (spikes[q] - background) / gain;
    }
  }
}
