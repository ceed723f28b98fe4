/**
 * `filter-vs-nlms` configuration: the DCN filter's engine with the graded granule code over
 * threshold-encoded mossy fibres (a population code of lick force and jaw angle), the NLMS
 * baseline, a licking mouse without chewing (lick sounds only), and the sound laws to compare.
 */
import { z } from "zod";
import { filterOptionsSchema } from "../../brain/filter.js";
import { nlmsOptionsSchema } from "../../brain/nlms.js";
import { backendField } from "../../kernels/index.js";
import { cerebellumParamsSchema } from "../../model/cerebellum.js";
import { lickingMouseSchema } from "../../world/lickingMouse.js";
import { soundLawSchema } from "../../world/soundLaw.js";
import { bodySchema, FILTER_MODEL_DEFAULTS } from "../dcn/config.js";

/**
 * The DCN engine defaults plus the code a graded context needs: graded granule output (a cell's
 * rate says how strongly the context drives it) and threshold-encoded mossy fibres (which fibres
 * are recruited says how large the value is). Both are options of the core engine.
 */
export const FILTER_VS_NLMS_MODEL_DEFAULTS = {
  ...FILTER_MODEL_DEFAULTS,
  mossy: { ...FILTER_MODEL_DEFAULTS.mossy, encoding: "threshold", thresholdMax: 1.5 },
  granule: { ...FILTER_MODEL_DEFAULTS.granule, output: "graded", gradedWidth: 1 },
};

export const filterVsNlmsProtocolSchema = z
  .object({
    trainS: z
      .number()
      .positive()
      .max(86_400)
      .default(120)
      .describe("Licking with external sounds before the test (s), learning on"),
    testS: z
      .number()
      .positive()
      .max(86_400)
      .default(30)
      .describe("Test: licking and external sounds, learning on (s)"),
    animals: z
      .number()
      .int()
      .min(1)
      .max(1000)
      .default(8)
      .describe("Animals per law: seeds seed, seed + 1, …"),
    laws: z
      .array(soundLawSchema)
      .min(1)
      .max(16)
      .default(() =>
        (["threshold", "gated", "jawForce"] as const).map((kind) => soundLawSchema.parse({ kind })),
      )
      .describe("Sound laws to compare (world/soundLaw.ts)"),
  })
  .strict()
  .prefault({});

export const filterVsNlmsRunSchema = z
  .object({
    paradigm: z.literal("filter-vs-nlms"),
    seed: z.number().int().min(0).max(4294967295).default(1).describe("First animal's seed"),
    backend: backendField("ts"),
    model: cerebellumParamsSchema.describe("Filter engine (graded code defaults applied)"),
    filter: filterOptionsSchema.describe("Residual coding"),
    nlms: nlmsOptionsSchema.describe("NLMS baseline"),
    world: lickingMouseSchema.describe("The licking mouse (its soundLaw is set per law)"),
    body: bodySchema,
    protocol: filterVsNlmsProtocolSchema,
  })
  .strict();

export type FilterVsNlmsConfig = z.output<typeof filterVsNlmsRunSchema>;
