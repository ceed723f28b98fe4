/**
 * The reach paradigm's configuration (`shoulda run reach`): a minimum-jerk reach in a 1-D viscous
 * force field, adapted from a late end-point error, in the protocols of Smith, Ghazizadeh &
 * Shadmehr 2006 (rig.ts, protocol.ts). Every default lives here, once.
 */
import { z } from "zod";
import { motorLoopParamsSchema } from "../../brain/motorLoop.js";
import { backendField } from "../../kernels/index.js";
import { cerebellumParamsSchema } from "../../model/cerebellum.js";
import { withSectionDefaults } from "../../model/merge.js";
import { parseWith } from "../../model/validate.js";
import { discreteTrialsSchema } from "../../world/motor/discrete.js";

/**
 * Two plasticity sites with two rates (docs/motor.md "Reach adaptation"):
 * - PF→PC (cortex) learns fast from the climbing-fibre error and relaxes toward w₀ each time its
 *   context recurs (`relaxation`): the fast process, poorly retained;
 * - mossy fibre → nucleus learns from the Purkinje pause the cortex has learned (transfer;
 *   Medina & Mauk 2000, Porrill & Dean 2007 [M]) and is depressed ten times more slowly than it is
 *   potentiated, with no relaxation: the slow process, well retained.
 * The granule layer and timing are the late-error paradigm's (a held plan, window at 120 ms).
 */
export const REACH_MODEL_DEFAULTS = {
  dtMs: 5,
  mossy: { count: 48, fibresPerChannel: 8 },
  basis: { bumps: 8, minDelayMs: 10, maxDelayMs: 400, tonicProbability: 0.5 },
  granule: { count: 1000 },
  plasticity: {
    pfPurkinje: { windowPeakMs: 120, ltd: 0.0015, ltp: 0.0015, relaxation: 0.0006 },
    mfNucleus: { enabled: true, rate: 0.00004, depressionRatio: 0.1, maxWeight: 2 },
  },
  olive: { feedbackDelayMs: 120 },
};

/** 100-ms visual latency; 10 cm of end-point error = 1 unit of z; 33 cm/s of command per unit z. */
export const REACH_LOOP_DEFAULTS = { errorDelayMs: 100, errorScale: 10, motorGain: 33 };

/** A reach of 10 cm in 300 ms; its burst peaks at 1.875·A/T = 62.5 cm/s. */
export const REACH_TRIAL_DEFAULTS = { itiMs: 300, planScale: 10, burstScale: 60 };

export const reachSchema = z
  .object({
    paradigm: z.literal("reach"),
    seed: z.number().int().min(0).max(4294967295).default(1).describe("First animal's seed"),
    backend: backendField("wasm"),
    animals: z
      .number()
      .int()
      .min(1)
      .max(50)
      .default(5)
      .describe("Subjects (seeds seed … seed + animals − 1)"),
    amplitudeCm: z.number().positive().max(50).default(10).describe("Reach amplitude (cm)"),
    durationMs: z.number().positive().max(2000).default(300).describe("Reach duration (ms)"),
    plantTauMs: z.number().min(0).max(1000).default(20).describe("Arm's residual lag τ (ms)"),
    field: z
      .number()
      .gt(0)
      .lt(1)
      .default(0.3)
      .describe(
        "b: field strength, the fraction of the commanded movement a viscous field along the reach removes " +
          "(field A: fixed-path gain 1 − b; field B, the counter-field: 1 + b)",
      ),
    adaptTrials: z
      .number()
      .int()
      .min(1)
      .max(5000)
      .default(150)
      .describe("Trials in field A (first adaptation)"),
    counterMaxTrials: z
      .number()
      .int()
      .min(1)
      .max(5000)
      .default(100)
      .describe("Field-B trials stop once adaptation ≤ 0, or after this many"),
    clampTrials: z
      .number()
      .int()
      .min(1)
      .max(5000)
      .default(100)
      .describe("Error-clamp trials after the counter-adaptation"),
    relearnTrials: z
      .number()
      .int()
      .min(2)
      .max(5000)
      .default(40)
      .describe("Field-A trials on relearning, compared with the first as many naive trials"),
    model: cerebellumParamsSchema.prefault({}),
    loop: motorLoopParamsSchema.prefault({}),
    trials: discreteTrialsSchema
      .omit({ fixedGain: true })
      .prefault({})
      .describe("Trial timing (the fixed-path gain is set per trial by the field)"),
  })
  .strict();

export type ReachConfig = z.output<typeof reachSchema>;

export function resolveReach(input: Record<string, unknown>): ReachConfig {
  return parseWith(
    reachSchema,
    withSectionDefaults(
      { paradigm: "reach", ...input },
      { model: REACH_MODEL_DEFAULTS, loop: REACH_LOOP_DEFAULTS, trials: REACH_TRIAL_DEFAULTS },
    ),
    "",
  ) as ReachConfig;
}
