/** The Pearce–Hall reference run, laid out exactly like Rescorla–Wagner's (see trialLevelRun.ts). */
import {
  PearceHall,
  type PearceHallParams,
  pearceHallParamsSchema,
} from "../../brain/pearceHall.js";
import { FEAR_SEED, type FearDesign, type FearRow } from "./experiments.js";
import { runTrialLevel } from "./trialLevelRun.js";

export function simulatePearceHall(
  design: FearDesign,
  seed = FEAR_SEED,
  params: PearceHallParams = pearceHallParamsSchema.parse({}),
): FearRow[] {
  const ph = new PearceHall(params);
  const model = {
    value: (names: readonly string[]) => ph.value(names),
    update: (stimuli: readonly { name: string; weight: number }[], lambda: number) =>
      ph.trial(
        stimuli.map((s) => ({ name: s.name, salience: s.weight })),
        lambda,
      ),
  };
  return runTrialLevel(design, seed, model, {
    cue: params.salienceCue,
    context: params.salienceContext,
    itiAsTrial: params.itiAsTrial,
  });
}
