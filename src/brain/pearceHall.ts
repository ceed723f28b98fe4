/**
 * The Pearce–Hall (1980) model (Pearce & Hall, Psychol Rev 87:532–552), a trial-level reference
 * beside Rescorla–Wagner: a cue is learned about in proportion to how surprising its outcomes
 * have been, not how surprising this one is. For every stimulus X present on trial n:
 *
 *   under-predicted US (λ > ΣV):                ΔV_X  = S_X · α_X · λ        (excitatory)
 *   over-predicted US (λ̄ = ΣV − λ > 0):        ΔV̄_X = S_X · α_X · λ̄       (inhibitory)
 *   associability, after learning:              α_X ← γ · |λ − ΣV| + (1 − γ) · α_X
 *
 * ΣV is the net strength V − V̄ summed over the stimuli present, read before learning; α_X is the
 * associability carried from earlier trials (Pearce, Kaye & Hall 1982's γ-weighted form of the
 * 1980 rule α_n = |λ − ΣV|_{n−1}). S_X is the cue's intensity (salience), λ the US strength (0 for
 * none). Which increment applies is gated by the sign of λ − ΣV (the usual simulation reading;
 * the paper's "ΔV on reinforced trials" taken literally, with V̄ also growing on them, settles at
 * ΣV = 2λ with α = λ). As ΣV approaches λ the prediction error, and so α, falls towards 0
 * (learning slows, a well-predicted cue loses associability); a surprise (omission, a bigger US)
 * raises it again.
 *
 * Defaults: α₀ = 0.5 (a novel cue is moderately associable), γ = 0.3; S comes from the caller
 * (the fear runner uses the cue's magnitude × salienceCue). A stimulus first seen starts at α₀.
 */
import { z } from "zod";

export const pearceHallParamsSchema = z
  .object({
    salienceCue: z
      .number()
      .min(0)
      .max(1)
      .default(0.5)
      .describe("S of a cue of magnitude 1 (S scales with magnitude)"),
    salienceContext: z.number().min(0).max(1).default(0.1).describe("S of a place context"),
    initialAssociability: z
      .number()
      .min(0)
      .max(1)
      .default(0.5)
      .describe("α₀: associability of a stimulus not yet seen"),
    gamma: z
      .number()
      .min(0)
      .max(1)
      .default(0.3)
      .describe("γ: weight of the latest trial's |λ − ΣV| in α"),
    itiAsTrial: z
      .boolean()
      .default(true)
      .describe("Each ITI is a context-alone, non-reinforced trial"),
  })
  .strict();

export type PearceHallParams = z.output<typeof pearceHallParamsSchema>;

export class PearceHall {
  /** Excitatory strength V per stimulus. */
  readonly excitation = new Map<string, number>();
  /** Inhibitory strength V̄ per stimulus. */
  readonly inhibition = new Map<string, number>();
  /** Associability α per stimulus. */
  readonly associability = new Map<string, number>();

  constructor(readonly params: PearceHallParams = pearceHallParamsSchema.parse({})) {}

  /** Net strength V − V̄ of one stimulus. */
  net(name: string): number {
    return (this.excitation.get(name) ?? 0) - (this.inhibition.get(name) ?? 0);
  }

  /** Σ (V − V̄) of the stimuli named. */
  value(stimuli: readonly string[]): number {
    return stimuli.reduce((s, x) => s + this.net(x), 0);
  }

  /** α of a stimulus (α₀ before its first trial). */
  alpha(name: string): number {
    return this.associability.get(name) ?? this.params.initialAssociability;
  }

  /** One trial: `stimuli` with their salience S, US strength λ (0 for none). Returns ΣV before learning. */
  trial(stimuli: readonly { name: string; salience: number }[], lambda: number): number {
    const total = this.value(stimuli.map((s) => s.name));
    const overshoot = total - lambda; // λ̄ when positive
    const { gamma } = this.params;
    for (const s of stimuli) {
      const alpha = this.alpha(s.name);
      if (lambda > 0 && overshoot < 0) {
        this.excitation.set(
          s.name,
          (this.excitation.get(s.name) ?? 0) + s.salience * alpha * lambda,
        );
      }
      if (overshoot > 0) {
        this.inhibition.set(
          s.name,
          (this.inhibition.get(s.name) ?? 0) + s.salience * alpha * overshoot,
        );
      }
      this.associability.set(s.name, gamma * Math.abs(lambda - total) + (1 - gamma) * alpha);
    }
    return total;
  }
}
