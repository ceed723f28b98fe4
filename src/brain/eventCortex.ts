/**
 * A cortex that thought assessors can read: the sequence memory (brain/sequenceMemory.ts)
 * stepped at events, whose current state leaves it as one active unit of a competitive output
 * layer (brain/corticalOutput.ts). It holds that state until the next event, so what it "thinks"
 * outlasts the cue that started it (a trace), and a state reached by an order of events
 * (A then B) differs from the same last event reached otherwise (B alone): the temporal memory
 * codes each input in the context of what came before it (Hawkins & Ahmad 2016).
 *
 *   when     a step k at each onset in the discrete input v(t) (a cue starts, the place
 *            changes, an action starts; `stepOn: changes` also steps when one ends) and, with
 *            no event, every idleMs
 *   event    σ(k) = 1 + the lowest d whose input rose at step k, or 0 at an idle step: which
 *            event made it step, one symbol of D + 1 (non-overlapping codes of w bits)
 *   state    A(k), π(k) = TM(SP(encode(σ(k) / D)))                  (sequence memory)
 *   code     u*(k) = argmax_u cos(w_u, S(k)) + γ(1/K − φ_u),  S = W(k) the winner cells (code
 *            "winners"), A(k) ("active") or π(k) ("predictive"); w_u* += η(S − w_u*)  (brain/corticalOutput.ts; η = 1 by
 *            default: each unit holds the last state it won, a nearest-prototype code)
 *   output   r_u(t) = [u = u*(k)] for the step k in force at t        (held between steps)
 *
 * The output r(t) ∈ {0,1}^K is the cortex's "thought": the amygdala and the cerebellum receive
 * it as context (their thought assessors). It predicts its next input as the sequence memory
 * does. `learning = false` freezes the representation (pooler, temporal memory, output layer);
 * a frozen temporal memory never predicts, so every column bursts and the code is of the
 * current input alone (first order), which is the ablation of the cortex's context.
 */
import { z } from "zod";
import { ConfigError } from "../model/errors.js";
import { CorticalOutput } from "./corticalOutput.js";
import {
  SequenceMemory,
  type SequenceMemoryOptions,
  sequenceMemoryOptionsSchema,
} from "./sequenceMemory.js";

/** The fields (for schemas that extend them, e.g. the mouse's `thoughts`). */
export const eventCortexFields = z.object({
  memory: sequenceMemoryOptionsSchema.describe(
    "The sequence memory (HTM-style); bitsPerInput ≥ activeBits × (events + 1)",
  ),
  units: z
    .number()
    .int()
    .min(2)
    .max(256)
    .default(24)
    .describe("K: output units (the thought channels other modules read)"),
  code: z
    .enum(["winners", "active", "predictive"])
    .default("winners")
    .describe(
      "What the output layer competes for: the winner cells W(k) (the state in its context, one cell per column even when a column bursts), the active cells A(k), or the predictive cells π(k) (what it expects next)",
    ),
  stepOn: z
    .enum(["onsets", "changes"])
    .default("onsets")
    .describe(
      "Events that make it step: onsets (an input rises) or changes (an input rises or falls)",
    ),
  idleMs: z
    .number()
    .positive()
    .default(2000)
    .describe("With no event, the cortex steps every idleMs (ms)"),
  outputRate: z.number().positive().max(1).default(1).describe("η of the output layer"),
  conscience: z.number().min(0).default(0.3).describe("γ: conscience of the output layer"),
  window: z
    .number()
    .positive()
    .default(200)
    .describe("T: window of the output layer's win frequencies (steps)"),
  frozen: z
    .boolean()
    .default(false)
    .describe("Ablation: the representation (pooler, sequence memory, output) never learns"),
});

export const eventCortexOptionsSchema = eventCortexFields.strict().prefault({});

export type EventCortexOptions = z.output<typeof eventCortexOptionsSchema>;

export class EventCortex {
  readonly memory: SequenceMemory;
  /** r(t): the thought channels, one-hot (or all 0 before the first winner). */
  readonly thought: Float64Array;
  /** Cortical steps taken. */
  steps = 0;
  /** Sum of the sequence memory's anomaly over the steps (for the mean). */
  anomalySum = 0;
  private readonly output: CorticalOutput;
  private readonly symbol = new Float64Array(1);
  /** v at the last observation (onsets are rises against it). */
  private readonly seen: Float64Array;
  private readonly predicted: Float64Array;
  private readonly state: Uint8Array;
  private sinceMs = Number.POSITIVE_INFINITY;

  constructor(
    /** D: number of discrete inputs (each in [0, 1]). */
    readonly inputs: number,
    readonly options: EventCortexOptions,
    seed: number,
  ) {
    const m = options.memory;
    if (m.bitsPerInput < m.activeBits * (inputs + 1)) {
      throw new ConfigError(
        "cortex.memory.bitsPerInput",
        `got ${m.bitsPerInput}; allowed: ≥ activeBits × (events + 1) = ${m.activeBits * (inputs + 1)}, so that each event has its own bits`,
      );
    }
    this.memory = new SequenceMemory(
      [[0, 1]],
      inputs,
      options.memory as SequenceMemoryOptions,
      seed,
    );
    const cells = this.memory.memory.cells;
    this.output = new CorticalOutput(
      options.units,
      cells,
      options.outputRate,
      options.conscience,
      options.window,
      seed,
      "cosine",
    );
    this.thought = new Float64Array(options.units);
    this.seen = new Float64Array(inputs).fill(Number.NaN);
    this.predicted = new Float64Array(inputs);
    this.state = new Uint8Array(cells);
    this.learning = !options.frozen;
  }

  get learning(): boolean {
    return this.memory.learning;
  }

  /** Representation learning on or off (the readout of the next input keeps learning). */
  set learning(on: boolean) {
    this.memory.learning = on;
    this.output.learning = on;
  }

  /** The winning unit now, or −1. */
  get winner(): number {
    return this.output.winner;
  }

  /**
   * Advance dtMs with the discrete input v(t) (length D, values in [0, 1]). Returns true when
   * the cortex took a step (an event, or idleMs passed without one). It encodes v(t) at the step
   * and holds its state until the next one.
   */
  observe(v: ArrayLike<number>, dtMs: number): boolean {
    const onsetsOnly = this.options.stepOn === "onsets";
    let changed = false;
    let symbol = 0;
    for (let d = 0; d < this.inputs; d++) {
      const was = Number.isNaN(this.seen[d]) ? 0 : this.seen[d];
      const rose = v[d] > was;
      if (rose && symbol === 0) symbol = d + 1;
      if (onsetsOnly ? rose : v[d] !== was) changed = true;
      this.seen[d] = v[d];
    }
    this.sinceMs += dtMs;
    if (!changed && this.sinceMs < this.options.idleMs) return false;
    this.symbol[0] = symbol / this.inputs;
    for (let d = 0; d < this.inputs; d++) this.predicted[d] = v[d];
    this.sinceMs = 0;
    this.memory.step(this.symbol, this.predicted);
    const tm = this.memory.memory;
    if (this.options.code === "winners") {
      this.state.fill(0);
      for (const i of tm.winners) this.state[i] = 1;
    } else {
      const source = this.options.code === "active" ? tm.activeCells : tm.predictiveCells;
      for (let i = 0; i < this.state.length; i++) this.state[i] = source[i] ? 1 : 0;
    }
    const u = this.output.compute(this.state);
    this.thought.fill(0);
    if (u >= 0) this.thought[u] = 1;
    this.steps++;
    this.anomalySum += this.memory.anomaly;
    return true;
  }
}
