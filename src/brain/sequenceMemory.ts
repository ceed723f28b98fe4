/**
 * A cortex that learns its representation: a sequence memory in the style of hierarchical
 * temporal memory (Hawkins & Ahmad 2016, Front Neural Circuits 10:23; Cui, Ahmad & Hawkins 2016,
 * Neural Comput 28:2474), which predicts its own next input (DESIGN.md §1 use 1). Our own code.
 *
 * One cortical step k (the caller decides when steps happen; cortex-loop steps at each action
 * and after idle time):
 *
 *   encode    b(k) = ⊕_d E_d(v_d(k))        each feature v_d ∈ [lo_d, hi_d] (clipped) becomes w
 *                                            contiguous on-bits out of B (a scalar encoder)
 *   pool      A_col(k) = SP(b(k))           spatial pooler, Hebbian (brain/spatialPooler.ts)
 *   sequence  A(k), π(k) = TM(A_col(k))     temporal memory, Hebbian (brain/temporalMemory.ts)
 *   predict   p(k) = V·f(k),  f(k) = [A(k), π(k), 1]   the next input y(k + 1) ∈ ℝ^P
 *   learn V   V += η · e(k) · f(k − 1)ᵀ / ‖f(k − 1)‖²,  e(k) = y(k) − p(k − 1)  (NLMS)
 *   error     ε(k) = Σ_j e_j(k)²;  anomaly a(k) = fraction of active columns not predicted
 *
 * v(k) are the features it encodes and y(k) the input it predicts: both are its own input (the
 * caller may encode a normalised form, e.g. the spectral shape, and predict raw values).
 * Self-supervised: no teacher but its next input. `learning = false` freezes the representation
 * (spatial pooler and temporal memory); the readout V keeps learning (`readoutLearning`).
 */
import { z } from "zod";
import { ConfigError } from "../model/errors.js";
import { SpatialPooler } from "./spatialPooler.js";
import { TemporalMemory } from "./temporalMemory.js";

export const sequenceMemoryOptionsSchema = z
  .object({
    bitsPerInput: z
      .number()
      .int()
      .min(4)
      .max(256)
      .default(24)
      .describe("B: encoder bits per input"),
    activeBits: z.number().int().min(1).max(64).default(4).describe("w: on-bits per input"),
    columns: z.number().int().min(16).max(4096).default(256).describe("C: columns"),
    activeColumns: z.number().int().min(1).max(256).default(12).describe("k: active columns"),
    cellsPerColumn: z.number().int().min(1).max(32).default(6).describe("m: cells per column"),
    poolConnected: z.number().min(0).max(1).default(0.5).describe("θ_c of the spatial pooler"),
    poolInc: z.number().min(0).max(1).default(0.05).describe("p⁺ of the spatial pooler"),
    poolDec: z.number().min(0).max(1).default(0.02).describe("p⁻ of the spatial pooler"),
    boostStrength: z.number().min(0).default(0.5).describe("γ: boosting of rarely active columns"),
    dutyWindow: z.number().positive().default(200).describe("Duty-cycle window (steps)"),
    distalConnected: z.number().min(0).max(1).default(0.5).describe("θ_c of the distal dendrites"),
    activationThreshold: z
      .number()
      .int()
      .min(1)
      .default(6)
      .describe("θ_a: connected active synapses that depolarise a cell"),
    matchThreshold: z
      .number()
      .int()
      .min(1)
      .default(4)
      .describe("θ_m: potential synapses for a bursting column's best-matching cell"),
    distalInc: z.number().min(0).max(1).default(0.2).describe("p⁺ of the distal dendrites"),
    distalDec: z.number().min(0).max(1).default(0.02).describe("p⁻ of the distal dendrites"),
    punish: z
      .number()
      .min(0)
      .max(1)
      .default(0.02)
      .describe("Depression of a wrong prediction's synapses"),
    readoutRate: z
      .number()
      .positive()
      .max(2)
      .default(0.5)
      .describe("η: NLMS step of the prediction readout V"),
  })
  .strict()
  .prefault({});

export type SequenceMemoryOptions = z.output<typeof sequenceMemoryOptionsSchema>;

export class SequenceMemory {
  /** p(k): prediction of the next step's input y. */
  readonly prediction: Float64Array;
  /** ε(k): squared error of the last prediction (Σ over the P predicted inputs). */
  predictionError = 0;
  readonly pooler: SpatialPooler;
  readonly memory: TemporalMemory;
  readoutLearning = true;
  private readonly bits: Uint8Array;
  private readonly v: Float64Array;
  private features: number[] = [];
  private primed = false;

  constructor(
    /** [lo_d, hi_d] of each encoded feature d. */
    readonly ranges: readonly (readonly [number, number])[],
    /** P: length of the predicted input y. */
    readonly predicted: number,
    readonly options: SequenceMemoryOptions,
    seed: number,
  ) {
    const o = options;
    if (o.activeBits > o.bitsPerInput) {
      throw new ConfigError(
        "cortex.activeBits",
        `got ${o.activeBits}; allowed: at most bitsPerInput (${o.bitsPerInput})`,
      );
    }
    if (o.activeColumns > o.columns) {
      throw new ConfigError(
        "cortex.activeColumns",
        `got ${o.activeColumns}; allowed: at most columns (${o.columns})`,
      );
    }
    if (!Number.isInteger(predicted) || predicted < 0) {
      throw new ConfigError("predicted", `got ${predicted}; allowed: an integer ≥ 0`);
    }
    this.bits = new Uint8Array(ranges.length * o.bitsPerInput);
    this.pooler = new SpatialPooler(
      this.bits.length,
      {
        columns: o.columns,
        activeColumns: o.activeColumns,
        connectedPermanence: o.poolConnected,
        permanenceInc: o.poolInc,
        permanenceDec: o.poolDec,
        boostStrength: o.boostStrength,
        dutyWindow: o.dutyWindow,
      },
      seed,
    );
    this.memory = new TemporalMemory(
      o.columns,
      {
        cellsPerColumn: o.cellsPerColumn,
        connectedPermanence: o.distalConnected,
        activationThreshold: o.activationThreshold,
        matchThreshold: o.matchThreshold,
        permanenceInc: o.distalInc,
        permanenceDec: o.distalDec,
        punish: o.punish,
      },
      seed,
    );
    this.prediction = new Float64Array(predicted);
    this.v = new Float64Array(predicted * (2 * this.memory.cells + 1));
  }

  /** Representation learning (spatial pooler and temporal memory) on or off. */
  get learning(): boolean {
    return this.memory.learning;
  }

  set learning(on: boolean) {
    this.memory.learning = on;
    this.pooler.learning = on;
  }

  get anomaly(): number {
    return this.memory.anomaly;
  }

  /** One cortical step: features v(k) (length D) to encode, input y(k) (length P) to predict. */
  step(features: ArrayLike<number>, input: ArrayLike<number>): void {
    const { predicted: P, v, options: o } = this;
    if (features.length !== this.ranges.length) {
      throw new ConfigError(
        "features",
        `got ${features.length} values; allowed: ${this.ranges.length}`,
      );
    }
    if (input.length !== P) throw new ConfigError("input", `got ${input.length}; allowed: ${P}`);
    const width = 2 * this.memory.cells + 1;
    // 1. The last prediction meets its target: NLMS on V over the sparse features.
    let err = 0;
    if (this.primed) {
      const f = this.features;
      for (let j = 0; j < P; j++) {
        const e = input[j] - this.prediction[j];
        err += e * e;
        if (!this.readoutLearning) continue;
        const g = (o.readoutRate * e) / f.length;
        for (const i of f) v[j * width + i] += g;
      }
    }
    this.predictionError = err;
    this.primed = true;
    // 2. Encode, pool, sequence.
    this.encode(features);
    this.memory.compute(this.pooler.compute(this.bits));
    // 3. Predict the next input from the active and predictive cells.
    const cells = this.memory.cells;
    const f: number[] = [];
    for (let i = 0; i < cells; i++) {
      if (this.memory.activeCells[i]) f.push(i);
      if (this.memory.predictiveCells[i]) f.push(cells + i);
    }
    f.push(2 * cells);
    this.features = f;
    for (let j = 0; j < P; j++) {
      let s = 0;
      for (const i of f) s += v[j * width + i];
      this.prediction[j] = s;
    }
  }

  private encode(input: ArrayLike<number>): void {
    const { bitsPerInput: B, activeBits: w } = this.options;
    this.bits.fill(0);
    for (let d = 0; d < this.ranges.length; d++) {
      const [lo, hi] = this.ranges[d];
      const x = Math.min(1, Math.max(0, (input[d] - lo) / (hi - lo)));
      const start = Math.round(x * (B - w));
      this.bits.fill(1, d * B + start, d * B + start + w);
    }
  }
}
