/**
 * Spatial pooler of the sequence-memory cortex (Hawkins & Ahmad 2016, Front Neural Circuits
 * 10:23; Cui, Ahmad & Hawkins 2017, Front Comput Neurosci 11:111): a binary input b ∈ {0,1}^B
 * becomes a sparse distributed representation, k active columns out of C.
 *
 *   connected   c_ij = [P_ij ≥ θ_c]            P_ij ∈ [0, 1]: permanence of input bit j on
 *                                              column i (only in its potential pool, half the bits)
 *   overlap     o_i  = Σ_j c_ij · b_j
 *   boost       β_i  = exp(γ · (k/C − a_i))    a_i: the column's active duty cycle (moving mean,
 *                                              window `dutyWindow` steps); rarely used columns win
 *                                              more easily (homeostasis)
 *   active      A    = the k columns with the largest β_i·o_i (ties broken by a fixed random
 *                      order drawn from the seed; columns with o_i = 0 never win)
 *   learning    for i ∈ A: P_ij += p⁺ where b_j = 1, P_ij −= p⁻ where b_j = 0 (pool only),
 *                      clipped to [0, 1]: each winner grows towards the inputs it won on (Hebb).
 */
import { Rng } from "../model/rng.js";

export interface SpatialPoolerOptions {
  columns: number;
  activeColumns: number;
  connectedPermanence: number;
  permanenceInc: number;
  permanenceDec: number;
  boostStrength: number;
  dutyWindow: number;
}

export class SpatialPooler {
  /** Indices of the active columns after the last `compute`, ascending. */
  active: Int32Array = new Int32Array(0);
  learning = true;
  private readonly permanence: Float32Array;
  private readonly pool: Uint8Array;
  private readonly duty: Float64Array;
  private readonly tieBreak: Float64Array;
  private readonly score: Float64Array;
  private readonly order: number[];

  constructor(
    readonly inputBits: number,
    readonly o: SpatialPoolerOptions,
    seed: number,
  ) {
    const rng = Rng.derive(seed, "cortex:spatial-pooler");
    const n = o.columns * inputBits;
    this.permanence = new Float32Array(n);
    this.pool = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      this.pool[i] = rng.uniform() < 0.5 ? 1 : 0;
      // Start near the threshold so that learning can connect or disconnect within a few steps.
      if (this.pool[i]) this.permanence[i] = o.connectedPermanence + 0.1 * (rng.uniform() - 0.5);
    }
    this.duty = new Float64Array(o.columns).fill(o.activeColumns / o.columns);
    this.tieBreak = Float64Array.from({ length: o.columns }, () => 1e-6 * rng.uniform());
    this.score = new Float64Array(o.columns);
    this.order = Array.from({ length: o.columns }, (_, i) => i);
  }

  /** Active columns for the binary input `bits` (length B, entries 0 or 1); learns if on. */
  compute(bits: Uint8Array): Int32Array {
    const { o, permanence, score, duty } = this;
    const B = this.inputBits;
    const target = o.activeColumns / o.columns;
    for (let i = 0; i < o.columns; i++) {
      let overlap = 0;
      const row = i * B;
      for (let j = 0; j < B; j++) {
        if (bits[j] && permanence[row + j] >= o.connectedPermanence) overlap++;
      }
      const boost = this.learning ? Math.exp(o.boostStrength * (target - duty[i])) : 1;
      score[i] = overlap > 0 ? boost * overlap + this.tieBreak[i] : 0;
    }
    const winners = this.order
      .slice()
      .sort((a, b) => score[b] - score[a] || a - b)
      .slice(0, o.activeColumns)
      .filter((i) => score[i] > 0)
      .sort((a, b) => a - b);
    this.active = Int32Array.from(winners);
    if (this.learning) {
      const isActive = new Uint8Array(o.columns);
      for (const i of winners) isActive[i] = 1;
      const decay = 1 / o.dutyWindow;
      for (let i = 0; i < o.columns; i++) duty[i] += decay * (isActive[i] - duty[i]);
      for (const i of winners) {
        const row = i * B;
        for (let j = 0; j < B; j++) {
          if (!this.pool[row + j]) continue;
          const p = permanence[row + j] + (bits[j] ? o.permanenceInc : -o.permanenceDec);
          permanence[row + j] = Math.min(1, Math.max(0, p));
        }
      }
    }
    return this.active;
  }
}
