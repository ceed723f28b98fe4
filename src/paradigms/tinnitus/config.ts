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
    hyperactivity: z
      .object({
        animals: z
          .number()
          .int()
          .min(0)
          .max(1000)
          .default(0)
          .describe(
            "Animals (seeds seed, seed + 1, …) for the sham / loss / homeostatic groups; 0 = skip",
          ),
        tauS: z
          .number()
          .positive()
          .default(5)
          .describe("τ_h: time constant of the homeostatic gain (s)"),
        averageS: z
          .number()
          .positive()
          .default(2)
          .describe("τ_a: averaging time of the activity (s)"),
        scoreFraction: z
          .number()
          .gt(0)
          .max(1)
          .default(0.5)
          .describe("Score the last fraction of the post-loss period"),
      })
      .strict()
      .prefault({})
      .describe(
        "D2/D4: hyperactivity from the online homeostatic gain (tinnitus/hyperactivity.ts)",
      ),
    therapy: z
      .object({
        animals: z
          .number()
          .int()
          .min(0)
          .max(1000)
          .default(0)
          .describe("Animals for the D5 therapy groups (seeds seed, seed + 1, …); 0 = skip"),
        therapyS: z.number().positive().max(86_400).default(20).describe("Stimulation period (s)"),
        testS: z
          .number()
          .positive()
          .max(86_400)
          .default(10)
          .describe("Frozen test of the phantom after therapy (s)"),
        rateHz: z.number().positive().max(50).default(2).describe("Stimuli per second"),
        leadMs: z
          .number()
          .min(0)
          .default(30)
          .describe("bimodalDepress: the sound starts this long before the somatic pulse (ms)"),
        soundMs: z.number().positive().default(20).describe("Duration of a sound burst (ms)"),
        soundLevel: z
          .number()
          .min(0)
          .default(0.6)
          .describe("Level of a sound burst in each lost channel"),
      })
      .strict()
      .prefault({})
      .describe("D5: bimodal vs unimodal stimulation after the loss (tinnitus/therapy.ts)"),
  })
  .strict()
  .prefault({});

export const tinnitusRunSchema = z
  .object({
    paradigm: z.literal("tinnitus"),
    seed: z.number().int().min(0).max(4294967295).default(1).describe("Root seed"),
    backend: backendField("ts"),
    model: cerebellumParamsSchema.describe("Filter engine parameters"),
    filter: filterOptionsSchema.describe("Residual coding"),
    world: lickingMouseSchema.describe("The licking mouse"),
    body: bodySchema,
    protocol: tinnitusProtocolSchema,
  })
  .strict();

export type TinnitusConfig = z.output<typeof tinnitusRunSchema>;
