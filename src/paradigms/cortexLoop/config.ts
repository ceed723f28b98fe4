/** The cortex-loop paradigm's configuration (defaults once). */
import { z } from "zod";
import { filterOptionsSchema } from "../../brain/filter.js";
import { backendField } from "../../kernels/index.js";
import { cerebellumParamsSchema } from "../../model/cerebellum.js";
import { lickingMouseSchema } from "../../world/lickingMouse.js";
import { bodySchema } from "../dcn/config.js";
import { loopCortexOptionsSchema } from "./loopCortex.js";

export const cortexLoopProtocolSchema = z
  .object({
    durationS: z
      .number()
      .positive()
      .max(86_400)
      .default(120)
      .describe("Length of the run, both learning throughout (s)"),
    blocks: z
      .number()
      .int()
      .min(4)
      .max(10_000)
      .default(24)
      .describe("Blocks for the convergence curves"),
    conditions: z
      .array(z.enum(["learning", "frozen", "pulse", "none"]))
      .min(1)
      .default(["learning", "frozen", "pulse", "none"])
      .refine((c) => new Set(c).size === c.length, "each condition at most once")
      .describe(
        "Conditions to run, in this order (a sweep of one condition saves the others' time); the summary's comparisons need both of their conditions",
      ),
  })
  .strict()
  .prefault({});

/**
 * The cortex's N prediction channels reach the filter as extra context: 2 body + 8 cortex
 * channels × 8 fibres fit in 96 fibres.
 */
export const CORTEX_LOOP_MODEL_DEFAULTS = { mossy: { count: 96, fibresPerChannel: 8 } };

/**
 * The world: lick sounds follow a sequence over each bout (world/lickSong.ts), which only the
 * cortex can learn, and the sequence changes half-way (a new self-generated sound).
 */
export const CORTEX_LOOP_WORLD_DEFAULTS = { song: { enabled: true, switchAtS: 60 } };

export const cortexLoopRunSchema = z
  .object({
    paradigm: z.literal("cortex-loop"),
    seed: z.number().int().min(0).max(4294967295).default(1).describe("Root seed"),
    backend: backendField("wasm"),
    model: cerebellumParamsSchema.describe("Filter engine parameters"),
    filter: filterOptionsSchema.describe("Residual coding"),
    cortex: loopCortexOptionsSchema.describe("The cortex (sequence memory) and its sampling"),
    world: lickingMouseSchema.describe("The licking mouse"),
    body: bodySchema,
    protocol: cortexLoopProtocolSchema,
  })
  .strict();

export type CortexLoopConfig = z.output<typeof cortexLoopRunSchema>;
