/**
 * An adaptive motor loop: a cerebellar module whose output adds to a motor command, taught by a
 * *sensory error* that arrives late (DESIGN.md §1, use 2; Marr–Albus–Ito; Raymond & Lisberger
 * 1998). It is the general part of every motor adaptation loop — VOR, saccades, reaches — and
 * knows nothing about eyes: the world supplies context channels and the error, and adds
 * `command` to whatever its fixed (brainstem, reflex) path emits.
 *
 * Per step, with d the sensory feedback delay, Δ the olive's comparison delay and λ the
 * nucleo-olivary feedback weight:
 *
 *   ε(t)  = σ(err(t − d) / errorScale)                  (the error, as the olive receives it;
 *                                                        σ(x) = S·tanh(x/S) if S > 0, else x)
 *   s(t)  = ε(t) + (1 − λ) · z(t − Δ)                   (teacher passed to the core olive)
 *   e(t)  = errorGain · (s(t) − z(t − Δ)) = errorGain · (ε(t) − λ · z(t − Δ))
 *   u_c(t) = motorGain · z(t)                           (the module's share of the motor command)
 *
 * The shoulda signal here is already an error ("the eye should have moved faster"), not a target
 * value, so the core olive's own comparison with z is cancelled except for a fraction λ: the
 * nucleo-olivary inhibition that remains. λ = 0 gives a pure error-driven olive (learning stops
 * where the error is zero and learned gains are kept in the dark); λ > 0 makes learned output
 * that no error supports decay while the context that evokes it is present — a VOR gain change
 * reverses when the head moves in the dark but not when it is still (Cohen et al. 2004).
 * z(t) credits granule activity through the PF→PC window κ, which must peak near the loop's
 * delay (sensory delay + plant lag) for learning to converge (Raymond & Lisberger 1998).
 *
 * Sign convention: a positive error means "the command should have been larger" (LTD, z up).
 */
import { z } from "zod";
import { ConfigError } from "../model/errors.js";
import { parseWith } from "../model/validate.js";
import type { Cerebellum } from "./cerebellum.js";

export const motorLoopParamsSchema = z
  .object({
    errorDelayMs: z
      .number()
      .min(0)
      .max(2000)
      .default(100)
      .describe(
        "d: sensory feedback delay of the error (e.g. visual processing of retinal slip, ≈100 ms)",
      ),
    errorScale: z
      .number()
      .positive()
      .default(1)
      .describe("Error units per unit of module output z (e.g. 30 deg/s of slip = 1)"),
    motorGain: z
      .number()
      .default(1)
      .describe(
        "Command units per unit of module output z (sign sets the direction of the module's push)",
      ),
    errorSaturation: z
      .number()
      .min(0)
      .default(0)
      .describe(
        "S: the olive's response saturates, ε → S·tanh(ε/S) (climbing fibres fire at a few Hz at most); 0 = linear",
      ),
    saturateAt: z
      .enum(["error", "climbingFibre"])
      .default("error")
      .describe(
        "Where σ acts: error = on the sensory error alone (ε = σ(err)); climbingFibre = on the olive's output after the " +
          "nucleo-olivary inhibition (e = σ(ε − λ·z(t − Δ))), as the climbing fibres' own firing rate is bounded",
      ),
    olivaryFeedback: z
      .number()
      .min(0)
      .max(1)
      .default(0)
      .describe(
        "λ: weight of the nucleo-olivary inhibition z(t − Δ) in the olive's error (0 = pure error)",
      ),
  })
  .strict();

export type MotorLoopParams = z.output<typeof motorLoopParamsSchema>;
export type MotorLoopParamsInput = z.input<typeof motorLoopParamsSchema>;

export function parseMotorLoopParams(input: unknown, root = "loop"): MotorLoopParams {
  return parseWith(motorLoopParamsSchema, input ?? {}, root);
}

export class AdaptiveMotorLoop {
  readonly params: MotorLoopParams;
  /** The module's command contribution u_c(t), one per output (live view: copy to keep). */
  readonly command: Float64Array;
  /** The error the olive saw this step, ε(t) (already delayed and scaled). */
  readonly received: Float64Array;
  /** Past outputs z, for the nucleo-olivary term (ring of Δ entries). */
  private readonly past: Float64Array;
  private readonly teacher: Float64Array;
  /** Errors in flight: ring of d entries × P. */
  private readonly inFlight: Float64Array;
  private readonly oliveSteps: number;
  private readonly errorSteps: number;
  private pastHead = 0;
  private flightHead = 0;
  readonly outputs: number;

  constructor(
    readonly brain: Cerebellum,
    params: MotorLoopParamsInput = {},
  ) {
    this.params = parseMotorLoopParams(params);
    const p = brain.params;
    this.outputs = p.purkinje.count;
    this.oliveSteps = Math.round(p.olive.feedbackDelayMs / p.dtMs);
    if (this.oliveSteps < 1) {
      throw new ConfigError(
        "model.olive.feedbackDelayMs",
        `got ${p.olive.feedbackDelayMs}; allowed: ≥ dtMs (${p.dtMs}) in a motor loop (the olive compares with a past output)`,
      );
    }
    this.errorSteps = Math.round(this.params.errorDelayMs / p.dtMs);
    this.command = new Float64Array(this.outputs);
    this.received = new Float64Array(this.outputs);
    this.teacher = new Float64Array(this.outputs);
    this.past = new Float64Array(this.oliveSteps * this.outputs);
    this.inFlight = new Float64Array(Math.max(1, this.errorSteps) * this.outputs);
  }

  /** Steps the sensory error takes to reach the olive. */
  get errorDelaySteps(): number {
    return this.errorSteps;
  }

  /**
   * Advance one step. `context` are the module's context channels now (non-negative rates);
   * `error` the sensory error produced now (one per output; null or NaN entries: no feedback,
   * e.g. darkness). Returns the module's command contribution (live view).
   */
  step(context: ArrayLike<number>, error: ArrayLike<number> | null): Float64Array {
    const { outputs, past, inFlight, teacher, received } = this;
    const { errorScale, olivaryFeedback, motorGain, errorSaturation: sat } = this.params;
    const atInput = this.params.saturateAt === "error";
    // The error produced now enters the delay line; the one produced d steps ago leaves it.
    const base = this.flightHead * outputs;
    for (let q = 0; q < outputs; q++) {
      const raw = error ? error[q] : Number.NaN;
      let now = Number.isFinite(raw) ? raw / errorScale : 0;
      if (sat > 0 && atInput) now = sat * Math.tanh(now / sat);
      if (this.errorSteps === 0) {
        received[q] = now;
      } else {
        received[q] = inFlight[base + q];
        inFlight[base + q] = now;
      }
    }
    if (this.errorSteps > 0) this.flightHead = (this.flightHead + 1) % this.errorSteps;
    // z(t − Δ): the oldest entry of the ring of the last Δ outputs.
    const oldest = this.pastHead * outputs;
    for (let q = 0; q < outputs; q++) {
      const zPast = past[oldest + q];
      if (atInput || sat === 0) {
        teacher[q] = received[q] + (1 - olivaryFeedback) * zPast;
      } else {
        // e = s − z(t − Δ) = σ(ε − λ·z(t − Δ)): the climbing fibre's rate saturates, not its input.
        teacher[q] = sat * Math.tanh((received[q] - olivaryFeedback * zPast) / sat) + zPast;
      }
    }
    const z = this.brain.step(context, teacher);
    // The nucleo-olivary copy is the learned output, without the window's jitter (same array when off).
    const learned = this.brain.purkinje.output;
    for (let q = 0; q < outputs; q++) {
      past[oldest + q] = learned[q];
      this.command[q] = motorGain * z[q];
    }
    this.pastHead = (this.pastHead + 1) % this.oliveSteps;
    return this.command;
  }
}
