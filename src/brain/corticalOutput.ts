/**
 * The cortex's output layer for the loop: K units that compete for its predictive state, so
 * that what it expects next leaves the cortex as a categorical code (one unit at a time), the
 * kind of sparse context the granule layer separates well. Competitive learning (Rumelhart &
 * Zipser 1985) with a conscience against dead units (DeSieno 1988):
 *
 *   score_u = w_u·π / |π| + γ·(1/K − φ_u)      π ∈ {0,1}^cells: the predictive cells
 *           (similarity "cosine": w_u·π / (√|π|·‖w_u‖) + γ·(1/K − φ_u), so that a unit whose
 *           weights spread over many cells does not win every state that overlaps them)
 *   winner  u* = argmax score (lowest index on ties); none when π is empty
 *   learn   w_u* += η·(π − w_u*),  φ_u += (1/T)·([u = u*] − φ_u)   (φ: win frequency, window T)
 *
 * Weights start small and random (seeded), so that different states pick different winners.
 */
import { Rng } from "../model/rng.js";

export class CorticalOutput {
  /** The winning unit of the last step, or −1. */
  winner = -1;
  learning = true;
  private readonly w: Float64Array;
  private readonly frequency: Float64Array;

  constructor(
    readonly units: number,
    readonly cells: number,
    readonly rate: number,
    readonly conscience: number,
    readonly window: number,
    seed: number,
    readonly similarity: "mean" | "cosine" = "mean",
  ) {
    const rng = Rng.derive(seed, "cortex:output");
    this.w = Float64Array.from({ length: units * cells }, () => 0.01 * rng.uniform());
    this.frequency = new Float64Array(units).fill(1 / units);
  }

  /** Pick (and teach) the winner for the predictive state `pi` (0/1 per cell). */
  compute(pi: Uint8Array): number {
    const on: number[] = [];
    for (let i = 0; i < this.cells; i++) if (pi[i]) on.push(i);
    if (on.length === 0) {
      this.winner = -1;
      return -1;
    }
    let best = -1;
    let bestScore = Number.NEGATIVE_INFINITY;
    const cosine = this.similarity === "cosine";
    for (let u = 0; u < this.units; u++) {
      let s = 0;
      for (const i of on) s += this.w[u * this.cells + i];
      let norm = on.length;
      if (cosine) {
        let ww = 0;
        for (let i = 0; i < this.cells; i++) ww += this.w[u * this.cells + i] ** 2;
        norm = Math.sqrt(on.length * ww) || 1;
      }
      const score = s / norm + this.conscience * (1 / this.units - this.frequency[u]);
      if (score > bestScore) {
        bestScore = score;
        best = u;
      }
    }
    this.winner = best;
    if (this.learning) {
      const row = best * this.cells;
      for (let i = 0; i < this.cells; i++) this.w[row + i] += this.rate * (pi[i] - this.w[row + i]);
      for (let u = 0; u < this.units; u++) {
        this.frequency[u] += ((u === best ? 1 : 0) - this.frequency[u]) / this.window;
      }
    }
    return best;
  }
}
