/** The Rescorla–Wagner reference run on the same designs as the amygdala (see trialLevelRun.ts). */
import {
  RescorlaWagner,
  type RescorlaWagnerParams,
  rescorlaWagnerParamsSchema,
} from "../../brain/rescorlaWagner.js";
import { FEAR_SEED, type FearDesign, type FearRow } from "./experiments.js";
import { runTrialLevel } from "./trialLevelRun.js";

export function simulateRescorlaWagner(
  design: FearDesign,
  seed = FEAR_SEED,
  params: RescorlaWagnerParams = rescorlaWagnerParamsSchema.parse({}),
): FearRow[] {
  const rw = new RescorlaWagner(params);
  const model = {
    value: (names: readonly string[]) => rw.value(names),
    update: (stimuli: readonly { name: string; weight: number }[], lambda: number) =>
      rw.trial(
        stimuli.map((s) => ({ name: s.name, alpha: s.weight })),
        lambda,
      ),
  };
  return runTrialLevel(design, seed, model, {
    cue: params.alphaCue,
    context: params.alphaContext,
    itiAsTrial: params.itiAsTrial,
  });
}
