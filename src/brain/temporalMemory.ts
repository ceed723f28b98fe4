/**
 * Temporal memory of the sequence-memory cortex (Hawkins & Ahmad 2016, Front Neural Circuits
 * 10:23; Cui, Ahmad & Hawkins 2016, Neural Comput 28:2474): each of C columns has m cells; the
 * cells of a column share its feed-forward input, and which cell fires tells the context (what
 * came before), so the same input in two sequences has two representations.
 *
 * Simplification: one distal dendrite per cell, stored densely as a permanence matrix
 * D ∈ [0, 1]^(Cm × Cm), D_ji from presynaptic cell j to cell i (the union of the segments a cell
 * would grow). With A(t) the active cells, W(t) the winner cells and A_col(t) the active columns:
 *
 *   predictive   π_i(t) = [ Σ_{j∈A(t)} [D_ji ≥ θ_c] ≥ θ_a ]         (depolarised for t + 1)
 *   activation   in each column of A_col(t + 1): its predictive cells fire (and are winners);
 *                if none is predictive the column bursts: all m cells fire, and the winner is
 *                the cell whose dendrite best matches W(t) (most D_ji > 0, at least θ_m), else
 *                the least used cell (ties by a seeded random order)
 *   learning     for each winner i:     D_ji += p⁺ for j ∈ W(t),  D_ji −= p⁻ for other j with D_ji > 0
 *                for predicted i whose column stayed silent: D_ji −= p_punish for j ∈ A(t)
 *   anomaly      a(t + 1) = 1 − |A_col(t + 1) ∩ predicted columns| / |A_col(t + 1)|
 */
import { Rng } from "../model/rng.js";

export interface TemporalMemoryOptions {
  cellsPerColumn: number;
  connectedPermanence: number;
  activationThreshold: number;
  matchThreshold: number;
  permanenceInc: number;
  permanenceDec: number;
  punish: number;
}

export class TemporalMemory {
  readonly cells: number;
  /** Active cells A(t), as 0/1 per cell. */
  readonly activeCells: Uint8Array;
  /** Predictive cells π(t) for the next step, 0/1 per cell. */
  readonly predictiveCells: Uint8Array;
  /** Anomaly a(t) of the last step (1 = nothing predicted, 0 = all predicted). */
  anomaly = 1;
  learning = true;
  private readonly distal: Float32Array;
  private readonly used: Float64Array;
  private readonly tieBreak: Float64Array;
  private activeList: number[] = [];
  private winnerList: number[] = [];

  constructor(
    readonly columns: number,
    readonly o: TemporalMemoryOptions,
    seed: number,
  ) {
    const rng = Rng.derive(seed, "cortex:temporal-memory");
    this.cells = columns * o.cellsPerColumn;
    this.activeCells = new Uint8Array(this.cells);
    this.predictiveCells = new Uint8Array(this.cells);
    this.distal = new Float32Array(this.cells * this.cells);
    this.used = new Float64Array(this.cells);
    this.tieBreak = Float64Array.from({ length: this.cells }, () => rng.uniform());
  }

  /**
   * W(t): the winner cells of the last step, one per active column (its predicted cells, or
   * the bursting column's learning cell): the state in its context even when a column bursts.
   */
  get winners(): readonly number[] {
    return this.winnerList;
  }

  /** One step with the spatial pooler's active columns; updates A, W, π and the anomaly. */
  compute(activeColumns: Int32Array): void {
    const { o, distal, cells } = this;
    const m = o.cellsPerColumn;
    const prevActive = this.activeList;
    const prevWinners = this.winnerList;
    const predicted = this.predictiveCells;
    const isActiveColumn = new Uint8Array(this.columns);
    for (const c of activeColumns) isActiveColumn[c] = 1;
    const active: number[] = [];
    const winners: number[] = [];
    let hits = 0;
    for (const c of activeColumns) {
      const first = c * m;
      let any = false;
      for (let i = first; i < first + m; i++) {
        if (predicted[i]) {
          any = true;
          active.push(i);
          winners.push(i);
        }
      }
      if (any) {
        hits++;
        continue;
      }
      for (let i = first; i < first + m; i++) active.push(i);
      winners.push(this.burstWinner(first, prevWinners));
    }
    this.anomaly = activeColumns.length > 0 ? 1 - hits / activeColumns.length : 0;
    if (this.learning && prevWinners.length > 0) {
      const wasWinner = new Uint8Array(cells);
      for (const j of prevWinners) wasWinner[j] = 1;
      for (const i of winners) {
        this.used[i]++;
        for (let j = 0; j < cells; j++) {
          const at = j * cells + i;
          if (wasWinner[j]) distal[at] = Math.min(1, distal[at] + o.permanenceInc);
          else if (distal[at] > 0) distal[at] = Math.max(0, distal[at] - o.permanenceDec);
        }
      }
      for (let i = 0; i < cells; i++) {
        if (!predicted[i] || isActiveColumn[Math.floor(i / m)]) continue;
        for (const j of prevActive) {
          const at = j * cells + i;
          distal[at] = Math.max(0, distal[at] - o.punish);
        }
      }
    }
    this.activeCells.fill(0);
    for (const i of active) this.activeCells[i] = 1;
    this.activeList = active;
    this.winnerList = winners;
    // Depolarise the cells that the new activity predicts.
    const count = new Int32Array(cells);
    for (const j of active) {
      const row = j * cells;
      for (let i = 0; i < cells; i++) if (distal[row + i] >= o.connectedPermanence) count[i]++;
    }
    for (let i = 0; i < cells; i++) predicted[i] = count[i] >= o.activationThreshold ? 1 : 0;
  }

  /** The bursting column's learning cell: best match to the previous winners, else least used. */
  private burstWinner(first: number, prevWinners: number[]): number {
    const { o, distal, cells } = this;
    let best = -1;
    let bestMatch = o.matchThreshold - 1;
    for (let i = first; i < first + o.cellsPerColumn; i++) {
      let match = 0;
      for (const j of prevWinners) if (distal[j * cells + i] > 0) match++;
      if (match > bestMatch) {
        bestMatch = match;
        best = i;
      }
    }
    if (best >= 0) return best;
    let least = first;
    for (let i = first + 1; i < first + o.cellsPerColumn; i++) {
      const a = this.used[i] + 1e-3 * this.tieBreak[i];
      const b = this.used[least] + 1e-3 * this.tieBreak[least];
      if (a < b) least = i;
    }
    return least;
  }
}
