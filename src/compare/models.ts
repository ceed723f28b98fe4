/**
 * The models `shoulda compare` can run on one fear design, by name (calmr's compare_models).
 * Each takes the resolved design, the seed and the fear config and returns the model-agnostic
 * rows (paradigms/fear/experiments.ts FearRow): the same schedule from the same seed, so trial n
 * is the same trial for every model.
 */
import { ConfigError } from "../model/errors.js";
import { didYouMean } from "../model/suggest.js";
import type { FearDesign, FearRow } from "../paradigms/fear/experiments.js";
import type { FearConfig } from "../paradigms/fear/index.js";
import { simulatePearceHall } from "../paradigms/fear/pearceHallRun.js";
import { simulateRescorlaWagner } from "../paradigms/fear/rescorlaWagnerRun.js";
import { recordRows, simulateFear } from "../paradigms/fear/simulate.js";

export interface ComparedModel {
  name: string;
  citation: string;
  run(design: FearDesign, config: FearConfig): FearRow[];
}

export const COMPARED_MODELS: readonly ComparedModel[] = [
  {
    name: "amygdala",
    citation: "shoulda's amygdala (docs/amygdala.md), freezing from the steering subsystem",
    run: (design, config) =>
      recordRows(
        simulateFear(design, {
          seed: config.seed,
          model: config.model,
          steering: config.steering,
          backend: config.backend,
        }).records,
      ),
  },
  {
    name: "rescorla-wagner",
    citation: "Rescorla & Wagner 1972",
    run: (design, config) => simulateRescorlaWagner(design, config.seed),
  },
  {
    name: "pearce-hall",
    citation: "Pearce & Hall 1980, Psychol Rev 87:532",
    run: (design, config) => simulatePearceHall(design, config.seed),
  },
];

/** "a,b,c" → the models, in the order given; unknown or repeated names are a ConfigError. */
export function parseModels(text: string, field = "--models"): ComparedModel[] {
  const known = COMPARED_MODELS.map((m) => m.name);
  const names = text.split(",").map((s) => s.trim());
  const seen = new Set<string>();
  return names.map((name) => {
    const model = COMPARED_MODELS.find((m) => m.name === name);
    if (!model) {
      throw new ConfigError(
        field,
        `got ${JSON.stringify(name)}${didYouMean(name, known)}; allowed: a comma-separated list of ${known.join(", ")}`,
      );
    }
    if (seen.has(name))
      throw new ConfigError(field, `got ${JSON.stringify(name)} twice; allowed: each model once`);
    seen.add(name);
    return model;
  });
}
