/**
 * The late-error paradigm's configuration (`shoulda run late-error`): saccade adaptation to a
 * weakened eye muscle, taught by a post-saccadic error shown after a gap (rig.ts). Every default
 * lives here, once; config.json holds the fully resolved object.
 */
import { z } from "zod";
import { motorLoopParamsSchema } from "../../brain/motorLoop.js";
import { backendField } from "../../kernels/index.js";
import { cerebellumParamsSchema } from "../../model/cerebellum.js";
import { withSectionDefaults } from "../../model/merge.js";
import { parseWith } from "../../model/validate.js";
import { discreteTrialsSchema } from "../../world/motor/discrete.js";

/**
 * The module: 5-ms steps, 1,000 granule cells on 4 context channels (plan±, burst±), the PF→PC
 * window peaked at the visual latency + plant lag (100 + 20 ms, as the VOR's), LTD = LTP.
 * Rates are per-trial-scale (errors are seen for 100 ms a trial, not continuously as in the VOR).
 */
export const LATE_ERROR_MODEL_DEFAULTS = {
  dtMs: 5,
  mossy: { count: 48, fibresPerChannel: 8 },
  // Half the granule inputs tonic (0.15 in the eyeblink default): the context is a held plan, and
  // saccade-related mossy fibres are largely burst-tonic (Kase, Miller & Noda 1980), so the plan
  // reaches the granule layer as a sustained rate, not only as bumps after its onset.
  basis: { bumps: 8, minDelayMs: 10, maxDelayMs: 400, tonicProbability: 0.5 },
  granule: { count: 1000 },
  plasticity: {
    pfPurkinje: { windowPeakMs: 120, ltd: 0.002, ltp: 0.002 },
    mfNucleus: { enabled: false },
  },
  olive: { feedbackDelayMs: 120 },
};

/** 100-ms visual latency; 10° of end-point error = 1 unit of z; 200 °/s of command = 1 unit of z. */
export const LATE_ERROR_LOOP_DEFAULTS = { errorDelayMs: 100, errorScale: 10, motorGain: 200 };

const msList = (what: string, element: z.ZodNumber) =>
  z.array(element.max(5000)).min(1).max(40).describe(`${what} (ms)`);

export const lateErrorSchema = z
  .object({
    paradigm: z.literal("late-error"),
    seed: z.number().int().min(0).max(4294967295).default(1).describe("First animal's seed"),
    backend: backendField("wasm"),
    animals: z
      .number()
      .int()
      .min(1)
      .max(50)
      .default(5)
      .describe("Animals (seeds seed … seed + animals − 1) per point"),
    trainingTrials: z
      .number()
      .int()
      .min(1)
      .max(100_000)
      .default(50)
      .describe(
        "Training trials before the probe (few enough that the rate, not the plateau, shows)",
      ),
    amplitudeDeg: z.number().positive().max(90).default(10).describe("Saccade amplitude (deg)"),
    durationMs: z.number().positive().max(1000).default(50).describe("Pulse duration (ms)"),
    plantTauMs: z.number().min(0).max(1000).default(20).describe("Eye plant's residual lag τ (ms)"),
    gapsMs: msList(
      "Gaps from the movement's end to the error, for the delay curve",
      z.number().min(0),
    ).default([0, 50, 100, 150, 200, 300]),
    visibleMsList: msList(
      "Error visibility durations, for the visibility curve",
      z.number().positive(),
    ).default([25, 50, 100, 200, 400]),
    visibilityGapMs: z
      .number()
      .min(0)
      .max(5000)
      .default(150)
      .describe("Gap used for the visibility curve (ms)"),
    model: cerebellumParamsSchema.prefault({}),
    loop: motorLoopParamsSchema.prefault({}),
    trials: discreteTrialsSchema
      .omit({ gapMs: true, planContext: true })
      .prefault({})
      .describe("Trial timing and fixed path (gap and plan context are swept)"),
  })
  .strict();

export type LateErrorConfig = z.output<typeof lateErrorSchema>;

export function resolveLateError(input: Record<string, unknown>): LateErrorConfig {
  return parseWith(
    lateErrorSchema,
    withSectionDefaults(
      { paradigm: "late-error", ...input },
      {
        model: LATE_ERROR_MODEL_DEFAULTS,
        loop: LATE_ERROR_LOOP_DEFAULTS,
        trials: { fixedGain: 0.7 },
      },
    ),
    "",
  ) as LateErrorConfig;
}
