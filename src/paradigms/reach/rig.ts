/**
 * A reach-adaptation rig from the public motor parts: a minimum-jerk reach (Flash & Hogan 1985)
 * sent by a fixed path, a 1-D viscous field that removes a fraction b of it (field A) or adds it
 * (field B), a cerebellar module whose command adds to the reach, and the end-point error shown
 * after the reach (world/motor/discrete.ts).
 *
 * Adaptation index α = (displacement the module adds) / (b·A): 1 compensates field A fully, −1
 * field B, whatever the trial's field — in error-clamp trials it is what the channel's walls
 * measure (Smith et al. 2006 read the lateral force; here the one axis carries both).
 */
import { Cerebellum } from "../../brain/cerebellum.js";
import { AdaptiveMotorLoop } from "../../brain/motorLoop.js";
import { getKernel } from "../../kernels/index.js";
import { DISCRETE_CHANNELS, DiscreteTrials } from "../../world/motor/discrete.js";
import { minimumJerk } from "../../world/motor/movement.js";
import { FirstOrderPlant } from "../../world/motor/plant.js";
import type { ReachConfig } from "./config.js";

/** A trial type: field A, field B (counter), no field, or error clamp (no field, error 0). */
export type TrialKind = "A" | "B" | "null" | "clamp";

export function buildReachRig(config: ReachConfig, seed: number) {
  const brain = new Cerebellum(
    {
      kind: "cerebellum",
      params: config.model,
      channels: [...DISCRETE_CHANNELS],
      seed,
    },
    getKernel(config.backend),
  );
  const loop = new AdaptiveMotorLoop(brain, config.loop);
  const plant = new FirstOrderPlant(config.plantTauMs, config.model.dtMs);
  const trials = new DiscreteTrials(loop, plant, config.trials);
  const reach = minimumJerk(config.amplitudeCm, config.durationMs);
  const gainOf: Record<TrialKind, number> = {
    A: 1 - config.field,
    B: 1 + config.field,
    null: 1,
    clamp: 1,
  };
  /** One trial of `kind`; returns its adaptation index α. */
  const run = (kind: TrialKind): number => {
    const r = trials.trial(reach, { fixedGain: gainOf[kind], clampError: kind === "clamp" });
    return r.learnedDisplacement / (config.field * config.amplitudeCm);
  };
  return { brain, loop, plant, trials, reach, run };
}
