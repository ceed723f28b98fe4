/**
 * The Rescorla–Wagner (1972) model, the textbook reference for the amygdala module:
 *
 *   ΔV_X = α_X · β · (λ − Σ_{present} V)      for every stimulus X present on the trial
 *
 * λ is the US's strength on the trial (0 when there is none), α_X the salience of X, β the
 * learning rate of the US (β⁺ when a US is present, β⁻ when it is not; Rescorla & Wagner allowed
 * β⁺ ≥ β⁻). Contexts are stimuli like any other (with their own, lower α), and an inter-trial
 * interval can count as a context-alone, non-reinforced trial (the usual "context as a cue"
 * extension). It has no time within a trial, no time between sessions and no memory other than
 * the V's: extinction is unlearning.
 */
import { z } from "zod";

export const rescorlaWagnerParamsSchema = z
  .object({
    alphaCue: z
      .number()
      .min(0)
      .max(1)
      .default(0.5)
      .describe("α of a cue of magnitude 1 (α scales with magnitude)"),
    alphaContext: z.number().min(0).max(1).default(0.1).describe("α of a place context"),
    betaReinforced: z
      .number()
      .min(0)
      .max(1)
      .default(0.6)
      .describe("β⁺: learning rate on US trials"),
    betaNonreinforced: z
      .number()
      .min(0)
      .max(1)
      .default(0.15)
      .describe("β⁻: learning rate on no-US trials"),
    itiAsTrial: z
      .boolean()
      .default(true)
      .describe("Each ITI is a context-alone, non-reinforced trial"),
  })
  .strict();

export type RescorlaWagnerParams = z.output<typeof rescorlaWagnerParamsSchema>;

export class RescorlaWagner {
  readonly V = new Map<string, number>();

  constructor(readonly params: RescorlaWagnerParams = rescorlaWagnerParamsSchema.parse({})) {}

  /** Σ V of the stimuli named. */
  value(stimuli: readonly string[]): number {
    return stimuli.reduce((s, x) => s + (this.V.get(x) ?? 0), 0);
  }

  /** One trial: `stimuli` with their α, US strength λ (0 for none). Returns Σ V before learning. */
  trial(stimuli: readonly { name: string; alpha: number }[], lambda: number): number {
    const total = this.value(stimuli.map((s) => s.name));
    const beta = lambda > 0 ? this.params.betaReinforced : this.params.betaNonreinforced;
    const error = lambda - total;
    for (const s of stimuli) this.V.set(s.name, (this.V.get(s.name) ?? 0) + s.alpha * beta * error);
    return total;
  }
}
