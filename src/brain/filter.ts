/**
 * The cerebellum-like input filter (DESIGN.md §1 use 4; dorsal cochlear nucleus, electrosensory
 * lobe): N sensory channels in, N residual channels out. Each output is the input minus what the
 * context predicts, and learning drives the output toward zero on the predictable part only.
 *
 * Built on the core cerebellar engine (brain/cerebellum.ts), with one Purkinje/nucleus output
 * per sensory channel and the sensory deviation as that output's shoulda signal:
 *
 *   d_j(t) = s_j(t) − μ_j                     sensory deviation from the resting input rate μ_j
 *   ŷ_j(t) = z_j(t)                           the engine's output: a prediction from context
 *                                             (efference copies, proprioception, cortex state)
 *   u_j(t) = d_j(t) − ŷ_j(t)                  the unexpected part (= the climbing-fibre error)
 *
 * The olive compares with Δ = 0 (olive.feedbackDelayMs = 0, rule "shift" at 0 ms), so ŷ(t)
 * learns E[d(t) | context history] and u is driven toward zero wherever d is predictable. Only
 * context reaches the granule layer: the sensory input itself never does, so an external sound
 * that the context cannot predict passes unchanged (it only perturbs learning slightly).
 *
 * Rates are non-negative. Two output codings (option `coding`):
 *   "baseline"  r_j = [ρ₀ + G·u_j + E·ŷ_j]₊           one output per channel around a spontaneous
 *                                                      rate ρ₀ (default 1); more than expected
 *                                                      raises it, less than expected lowers it.
 *   "onoff"     r⁺_j = [G·u_j]₊, r⁻_j = [−G·u_j]₊    two outputs per channel (2N): "louder than
 *                                                      expected" and "quieter than expected"
 *                                                      cells, so nothing is lost to clipping.
 * G (`unexpectedGain`) amplifies the unexpected part; E (`expectedGain`, default 0) lets a
 * fraction of the prediction through (E = 1 with G = 1 gives back the raw deviation).
 * Analyses use u (signed, unclipped); the rates are what a downstream cortex receives.
 */
import { z } from "zod";
import type { Kernel } from "../kernels/kernel.js";
import { type CerebellumParams, cerebellumParamsSchema } from "../model/cerebellum.js";
import { ConfigError } from "../model/errors.js";
import { deepMerge } from "../model/merge.js";
import { parseWith } from "../model/validate.js";
import { Cerebellum } from "./cerebellum.js";

export const filterOptionsSchema = z
  .object({
    coding: z
      .enum(["baseline", "onoff"])
      .default("baseline")
      .describe(
        "baseline: r = [ρ₀ + G·u + E·ŷ]₊ per channel; onoff: r⁺ = [G·u]₊ and r⁻ = [−G·u]₊ (2N outputs)",
      ),
    restingInput: z
      .number()
      .min(0)
      .default(0)
      .describe("μ: the input rate at rest, subtracted before prediction (deviation d = s − μ)"),
    outputBaseline: z
      .number()
      .min(0)
      .default(1)
      .describe("ρ₀: spontaneous output rate (baseline coding)"),
    unexpectedGain: z
      .number()
      .min(0)
      .default(1)
      .describe("G: gain on the unexpected part u (amplifies it)"),
    expectedGain: z
      .number()
      .min(0)
      .max(1)
      .default(0)
      .describe("E: fraction of the prediction ŷ let through (0 = full cancellation)"),
    plastic: z
      .boolean()
      .default(true)
      .describe("Learning on; false gives a VCN-like path (ŷ stays 0, the input passes unchanged)"),
  })
  .strict()
  .prefault({});

export type FilterOptions = z.output<typeof filterOptionsSchema>;

/**
 * The engine settings a filter needs whatever the paradigm: the prediction is compared with the
 * current input (Δ = 0, exact time shift), and the mossy-fibre→nucleus site is off (its slow
 * learning would add a second, context-gated path that a plain filter does not need).
 */
export const FILTER_ENGINE_DEFAULTS = {
  olive: { feedbackDelayMs: 0 },
  plasticity: {
    pfPurkinje: { rule: "shift", windowPeakMs: 0 },
    mfNucleus: { enabled: false },
  },
};

/** Engine parameters for a filter: the filter defaults, then `overrides` (validated). */
export function filterEngineParams(overrides: unknown = {}, field = "model"): CerebellumParams {
  return parseWith(cerebellumParamsSchema, deepMerge(FILTER_ENGINE_DEFAULTS, overrides), field);
}

export interface FilterSpec {
  /** Sensory channels (inputs and residual outputs), in order. */
  sensory: string[];
  /** Context channels (mossy-fibre sources), in order. */
  context: string[];
  /** Engine parameters; purkinje.count is set to the number of sensory channels. */
  params: CerebellumParams;
  options: FilterOptions;
  seed: number;
}

export class InputFilter {
  readonly brain: Cerebellum;
  readonly options: FilterOptions;
  /** ŷ(t): the prediction (live view). */
  readonly prediction: Float64Array;
  /** u(t) = d(t) − ŷ(t): the unexpected part, signed and unclipped. */
  readonly unexpected: Float64Array;
  /** Output rates: N (baseline coding) or 2N (onoff: the N "on" cells, then the N "off" cells). */
  readonly output: Float64Array;
  private readonly deviation: Float64Array;
  private readonly zero: Float64Array;

  constructor(
    readonly spec: FilterSpec,
    kernel?: Kernel,
  ) {
    const n = spec.sensory.length;
    if (n < 1) throw new ConfigError("sensory", "got no sensory channels; allowed: at least one");
    if (spec.params.purkinje.count !== n) {
      spec = {
        ...spec,
        params: { ...spec.params, purkinje: { ...spec.params.purkinje, count: n } },
      };
    }
    this.options = spec.options;
    this.brain = new Cerebellum(
      { kind: "cerebellum", params: spec.params, channels: spec.context, seed: spec.seed },
      kernel,
    );
    this.brain.learning = spec.options.plastic;
    this.prediction = new Float64Array(n);
    this.unexpected = new Float64Array(n);
    this.deviation = new Float64Array(n);
    this.zero = new Float64Array(n);
    this.output = new Float64Array(spec.options.coding === "onoff" ? 2 * n : n);
  }

  get channels(): number {
    return this.prediction.length;
  }

  /** Learning on or off (e.g. a frozen test, or plasticity blocked mid-run). */
  get learning(): boolean {
    return this.brain.learning;
  }

  set learning(on: boolean) {
    this.brain.learning = on && this.options.plastic;
  }

  /**
   * Advance one step: `input[j]` is sensory channel j's rate now, `context[c]` context channel c.
   * Returns the output rates (a live view); `unexpected` and `prediction` hold u(t) and ŷ(t).
   */
  step(input: ArrayLike<number>, context: ArrayLike<number>): Float64Array {
    const o = this.options;
    const n = this.channels;
    for (let j = 0; j < n; j++) this.deviation[j] = input[j] - o.restingInput;
    // A non-plastic path never learns, so its prediction stays 0: skip the teacher entirely.
    const z = this.brain.step(context, o.plastic ? this.deviation : this.zero);
    const { prediction, unexpected, output } = this;
    for (let j = 0; j < n; j++) {
      prediction[j] = z[j];
      const u = this.deviation[j] - z[j];
      unexpected[j] = u;
      if (o.coding === "onoff") {
        const v = o.unexpectedGain * u;
        output[j] = Math.max(v, 0);
        output[n + j] = v < 0 ? -v : 0;
      } else {
        const r = o.outputBaseline + o.unexpectedGain * u + o.expectedGain * z[j];
        output[j] = Math.max(r, 0);
      }
    }
    return output;
  }
}
