/**
 * The cortex of the cortex-loop paradigm: a sequence memory (brain/sequenceMemory.ts) that samples
 * the world in steps locked to the body's actions, hears the filter's residual plus its own
 * prediction, and sends its prediction back to the filter as mossy-fibre context.
 *
 * Timing. A cortical step k happens at each lick command onset (sampling locked to the motor
 * rhythm, as rodents sample by licking and whisking) and, without actions, every `idleMs`.
 *
 * What it hears. Over the first `windowMs` after step k it averages its reconstruction of the
 * sound, x̂_j = u_j + p_j(k) (the residual plus its own prediction for that window: "nothing
 * lost"): its input at step k + 1 is y(k + 1) = x̄̂ (N window means), which it predicts, p(k + 1).
 * It encodes y divisively normalised (as cortical responses are; Carandini & Heeger 2012), so
 * that a sound's identity does not change with its loudness:
 *   v = [ [y_1]₊/(ε + L) … [y_N]₊/(ε + L),  L,  action ],   L = Σ_j [y_j]₊,  ε = inputMax/20
 * with action = 1 at a lick step and 0 at an idle step.
 *
 * What it says. For `pulseMs` after step k the filter receives the rates
 * f_j = min(2, [G·p_j(k)]₊) on channels "cortexP0…": a brief expectation whose onset launches the
 * filter's temporal basis, so the filter can time the expected sound.
 */
import { z } from "zod";
import { CorticalOutput } from "../../brain/corticalOutput.js";
import {
  SequenceMemory,
  type SequenceMemoryOptions,
  sequenceMemoryOptionsSchema,
} from "../../brain/sequenceMemory.js";

export const loopCortexOptionsSchema = z
  .object({
    memory: sequenceMemoryOptionsSchema.describe("The sequence memory (HTM-style)"),
    idleMs: z.number().positive().default(250).describe("Step interval without actions (ms)"),
    windowMs: z.number().positive().default(120).describe("Window it averages after a step (ms)"),
    pulseMs: z.number().positive().default(10).describe("Length of the feedback pulse (ms)"),
    feedbackGain: z.number().min(0).default(5).describe("G: gain of the feedback rates"),
    feedback: z
      .enum(["category", "prediction", "state", "pulse"])
      .default("category")
      .describe(
        "What the filter receives: category (one output unit, brain/corticalOutput.ts), prediction f_j = [G·p_j]₊, state f_g = active cells of group g / (k/N), or pulse (control: channel 0 at every step, no content)",
      ),
    outputRate: z.number().positive().max(1).default(0.1).describe("η of the output layer"),
    conscience: z.number().min(0).default(0.3).describe("γ: conscience of the output layer"),
    inputMax: z
      .number()
      .positive()
      .default(0.8)
      .describe(
        "Encoder range of the loudness L (window mean summed over channels): [0, inputMax]",
      ),
    hears: z
      .enum(["residual", "reconstruction"])
      .default("residual")
      .describe("What it averages: x̂ = u + p (reconstruction) or the residual u alone"),
    frozen: z
      .boolean()
      .default(false)
      .describe("Ablation: the representation (pooler, sequence memory) never learns"),
    residualGain: z
      .number()
      .min(0)
      .default(1)
      .describe(
        "g: gain of the filter's residual as the cortex hears it (g·u; the filter→cortex projection's strength, so the loop's gain through the cortex); 1 = the plain residual",
      ),
    learningRateScale: z
      .number()
      .positive()
      .default(1)
      .describe(
        "s: multiplies every cortical learning rate (pooler and distal permanence steps, the output layer's η, each clipped at 1, and the readout's NLMS η, not clipped)",
      ),
    freezeAtS: z
      .number()
      .min(0)
      .default(0)
      .describe("Ablation: the representation stops learning at this time (s); 0 = never"),
  })
  .strict()
  .prefault({});

export type LoopCortexOptions = z.output<typeof loopCortexOptionsSchema>;

/**
 * The memory's rates times s (the stability map's cortex axis). Permanences live in [0, 1], so a
 * permanence step above 1 means the same as 1; the readout's NLMS step is left unclipped, as
 * NLMS is stable only for 0 < η < 2 and the map should show what happens past it.
 */
function scaledMemoryRates(m: SequenceMemoryOptions, s: number): SequenceMemoryOptions {
  if (s === 1) return m;
  const p = (rate: number) => Math.min(1, rate * s);
  return {
    ...m,
    poolInc: p(m.poolInc),
    poolDec: p(m.poolDec),
    distalInc: p(m.distalInc),
    distalDec: p(m.distalDec),
    punish: p(m.punish),
    readoutRate: m.readoutRate * s,
  };
}

/** One cortical step's window, for analysis. */
export interface CortexWindow {
  step: number;
  /** Mean raw deviation d̄ (analysis only; never reaches the cortex). */
  raw: Float64Array;
  /** Mean residual ū. */
  residual: Float64Array;
  /** The prediction p for this window. */
  prediction: Float64Array;
  /** ε at this step (the previous window's prediction error) and anomaly. */
  error: number;
  anomaly: number;
}

export class LoopCortex {
  readonly memory: SequenceMemory;
  /** Rates the filter receives now (channels `names`). */
  readonly feedback: Float64Array;
  readonly names: string[];
  readonly windows: CortexWindow[] = [];
  private readonly heard: Float64Array;
  private readonly input: Float64Array;
  private readonly features: Float64Array;
  private readonly groupRate: Float64Array;
  private readonly output: CorticalOutput;
  private readonly idleSteps: number;
  private readonly windowSteps: number;
  private readonly pulseSteps: number;
  private readonly freezeStep: number;
  private last = Number.NEGATIVE_INFINITY;
  private previousLick = 0;
  private current: CortexWindow | null = null;
  private filled = 0;

  constructor(
    readonly channels: number,
    readonly o: LoopCortexOptions,
    dtMs: number,
    seed: number,
  ) {
    const ranges: [number, number][] = Array.from({ length: channels }, () => [0, 1]);
    ranges.push([0, o.inputMax], [0, 1]);
    const memoryOptions = scaledMemoryRates(o.memory as SequenceMemoryOptions, o.learningRateScale);
    this.memory = new SequenceMemory(ranges, channels, memoryOptions, seed);
    this.memory.learning = !o.frozen;
    this.feedback = new Float64Array(channels);
    this.names = Array.from({ length: channels }, (_, j) => `cortexP${j}`);
    this.heard = new Float64Array(channels);
    this.input = new Float64Array(channels);
    this.features = new Float64Array(channels + 2);
    this.groupRate = new Float64Array(channels);
    this.output = new CorticalOutput(
      channels,
      this.memory.memory.cells,
      Math.min(1, o.outputRate * o.learningRateScale),
      o.conscience,
      500,
      seed,
    );
    this.output.learning = !o.frozen;
    this.idleSteps = Math.max(1, Math.round(o.idleMs / dtMs));
    this.windowSteps = Math.max(1, Math.round(o.windowMs / dtMs));
    this.pulseSteps = Math.max(1, Math.round(o.pulseMs / dtMs));
    this.freezeStep = o.freezeAtS > 0 ? Math.round((o.freezeAtS * 1000) / dtMs) : Infinity;
  }

  /** Before the filter's step t: maybe take a cortical step; set the feedback rates. */
  beforeStep(t: number, lick: number): Float64Array {
    const onset = lick > 0 && this.previousLick <= 0;
    this.previousLick = lick;
    if (onset || t - this.last >= this.idleSteps) this.corticalStep(t, onset);
    const on = t - this.last < this.pulseSteps;
    const p = this.memory.prediction;
    for (let j = 0; j < this.channels; j++) {
      const f = this.feedbackRate(j, p);
      this.feedback[j] = on ? Math.min(2, Math.max(0, f)) : 0;
    }
    return this.feedback;
  }

  /** Feedback rate of channel j before the pulse window and clipping. */
  private feedbackRate(j: number, p: Float64Array): number {
    switch (this.o.feedback) {
      case "state":
        return this.groupRate[j];
      case "category":
        return this.output.winner === j ? 1 : 0;
      case "pulse":
        return j === 0 ? 1 : 0;
      default:
        return this.o.feedbackGain * p[j];
    }
  }

  /** After the filter's step: hear x̂ = u + p within the window; `raw` is for analysis only. */
  afterStep(residual: ArrayLike<number>, raw: ArrayLike<number>): void {
    const w = this.current;
    if (!w || this.filled >= this.windowSteps) return;
    const p = this.memory.prediction;
    for (let j = 0; j < this.channels; j++) {
      // g·u is what reaches the cortex; the window keeps the unscaled u for the analyses.
      const heard = this.o.residualGain * residual[j];
      this.heard[j] += heard + (this.o.hears === "reconstruction" ? p[j] : 0);
      w.residual[j] += residual[j];
      w.raw[j] += raw[j];
    }
    this.filled++;
  }

  private corticalStep(t: number, action: boolean): void {
    const n = this.channels;
    if (t >= this.freezeStep) {
      this.memory.learning = false;
      this.output.learning = false;
    }
    const w = this.current;
    if (w) {
      const count = Math.max(1, this.filled);
      for (let j = 0; j < n; j++) {
        w.residual[j] /= count;
        w.raw[j] /= count;
        this.input[j] = this.heard[j] / count;
      }
    }
    let loud = 0;
    for (let j = 0; j < n; j++) loud += Math.max(0, this.input[j]);
    const eps = this.o.inputMax / 20;
    for (let j = 0; j < n; j++) this.features[j] = Math.max(0, this.input[j]) / (eps + loud);
    this.features[n] = loud;
    this.features[n + 1] = action ? 1 : 0;
    this.memory.step(this.features, this.input);
    // State channels: the active cells counted in N fixed groups (cell i → group i mod N),
    // normalised by the count a group gets from k active columns with one cell each.
    this.groupRate.fill(0);
    const cells = this.memory.memory.activeCells;
    const unit = this.o.memory.activeColumns / n;
    for (let i = 0; i < cells.length; i++) if (cells[i]) this.groupRate[i % n] += 1 / unit;
    this.output.compute(this.memory.memory.predictiveCells);
    if (w) {
      w.error = this.memory.predictionError / n;
      w.anomaly = this.memory.anomaly;
      this.windows.push(w);
    }
    this.heard.fill(0);
    this.filled = 0;
    this.last = t;
    this.current = {
      step: t,
      raw: new Float64Array(n),
      residual: new Float64Array(n),
      prediction: Float64Array.from(this.memory.prediction),
      error: 0,
      anomaly: 0,
    };
  }
}
