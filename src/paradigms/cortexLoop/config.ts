/** The cortex-loop paradigm's configuration (defaults once). */
import { z } from "zod";
import { cortexOptionsSchema } from "../../brain/cortex.js";
import { filterOptionsSchema } from "../../brain/filter.js";
import { backendField } from "../../kernels/index.js";
import { cerebellumParamsSchema } from "../../model/cerebellum.js";
import { lickingMouseSchema } from "../../world/lickingMouse.js";
import { bodySchema } from "../dcn/config.js";

export const cortexLoopProtocolSchema = z
  .object({
    durationS: z
      .number()
      .positive()
      .max(86_400)
      .default(90)
      .describe("Length of the run, both learning throughout (s)"),
    blocks: z
      .number()
      .int()
      .min(4)
      .max(10_000)
      .default(10)
      .describe("Blocks for the convergence curves"),
  })
  .strict()
  .prefault({});

/** Cortex units reach the filter as extra context channels: 8 fibres per channel keeps it small. */
export const CORTEX_LOOP_MODEL_DEFAULTS = { mossy: { count: 64, fibresPerChannel: 8 } };

export const cortexLoopRunSchema = z
  .object({
    paradigm: z.literal("cortex-loop"),
    seed: z.number().int().min(0).max(4294967295).default(1).describe("Root seed"),
    backend: backendField("ts"),
    model: cerebellumParamsSchema.describe("Filter engine parameters"),
    filter: filterOptionsSchema.describe("Residual coding"),
    cortex: cortexOptionsSchema.describe("The cortex"),
    world: lickingMouseSchema.describe("The licking mouse"),
    body: bodySchema,
    protocol: cortexLoopProtocolSchema,
  })
  .strict();

export type CortexLoopConfig = z.output<typeof cortexLoopRunSchema>;
