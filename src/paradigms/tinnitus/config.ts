/** The tinnitus paradigm's configuration (a model prediction, not a validated result). */
import { z } from "zod";
import { filterOptionsSchema } from "../../brain/filter.js";
import { backendField } from "../../kernels/index.js";
import { cerebellumParamsSchema } from "../../model/cerebellum.js";
import { lickingMouseSchema } from "../../world/lickingMouse.js";
import { bodySchema } from "../dcn/config.js";

export const tinnitusProtocolSchema = z
  .object({
    trainS: z
      .number()
      .positive()
      .max(86_400)
      .default(90)
      .describe("Licking with normal hearing before the loss (s)"),
    afterS: z
      .number()
      .positive()
      .max(86_400)
      .default(60)
      .describe("Licking after the loss, learning on (s)"),
    blocks: z
      .number()
      .int()
      .min(2)
      .max(10_000)
      .default(6)
      .describe("Analysis blocks after the loss"),
    lostChannels: z
      .array(z.number().int().min(0))
      .default([4, 5, 6, 7])
      .describe("Cochlear channels that lose input"),
    lossGain: z
      .number()
      .min(0)
      .max(1)
      .default(0.1)
      .describe("Input gain left in the lost channels (0 = deaf)"),
    homeostasis: z
      .boolean()
      .default(false)
      .describe("Also run with a homeostatic central gain on the lost channels"),
    maxCentralGain: z.number().min(1).default(8).describe("Largest homeostatic gain"),
  })
  .strict()
  .prefault({});

export const tinnitusRunSchema = z
  .object({
    paradigm: z.literal("tinnitus"),
    seed: z.number().int().min(0).max(4294967295).default(1).describe("Root seed"),
    backend: backendField("wasm"),
    model: cerebellumParamsSchema.describe("Filter engine parameters"),
    filter: filterOptionsSchema.describe("Residual coding"),
    world: lickingMouseSchema.describe("The licking mouse"),
    body: bodySchema,
    protocol: tinnitusProtocolSchema,
  })
  .strict();

export type TinnitusConfig = z.output<typeof tinnitusRunSchema>;
