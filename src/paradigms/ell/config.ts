/** The ell paradigm's run configuration (defaults once; config.json holds the resolved object). */
import { z } from "zod";
import { filterOptionsSchema } from "../../brain/filter.js";
import { cerebellumParamsSchema } from "../../model/cerebellum.js";
import { electricFishSchema } from "../../world/electricFish.js";
import { bodySchema } from "../dcn/config.js";

const stimulusSchema = z
  .object({
    delayMs: z.number().min(0).describe("Peak delay after the EOD command (ms)"),
    widthMs: z.number().positive().default(10).describe("σ (ms)"),
    amplitude: z.number().describe("Peak deviation (negative = a decrease)"),
    channels: z.array(z.number().int().min(0)).default([0]).describe("Channels it reaches"),
  })
  .strict();

export const ellProtocolSchema = z
  .object({
    pairingS: z.number().positive().default(60).describe("Stimulus–command pairing (s)"),
    decayS: z
      .number()
      .positive()
      .default(60)
      .describe("Command alone after pairing (s): the negative image decays"),
    blockS: z.number().positive().default(5).describe("Analysis block (s)"),
    stimulus: stimulusSchema
      .prefault({ delayMs: 40, amplitude: 0.5 })
      .describe("The paired stimulus (Bell 1981)"),
    changedStimulus: stimulusSchema
      .prefault({ delayMs: 90, widthMs: 15, amplitude: -0.4 })
      .describe("A new stimulus paired next: the negative image must change to match (F1)"),
    delaysMs: z
      .array(z.number().min(0))
      .default([10, 50, 100, 150, 200])
      .describe("Pairing delays tried (F2)"),
    lateBumpMs: z
      .number()
      .positive()
      .default(30)
      .describe("F4: basis bumps with delay above this are 'delayed' cells"),
    testS: z.number().positive().default(30).describe("Frozen / detection test periods (s)"),
  })
  .strict()
  .prefault({});

export const ellWorldDefaults = {};

export const ellRunSchema = z
  .object({
    paradigm: z.literal("ell"),
    seed: z.number().int().min(0).max(4294967295).default(1).describe("Root seed"),
    backend: z.string().default("ts").describe("Kernel backend"),
    model: cerebellumParamsSchema.describe("Engine parameters (filter defaults applied)"),
    filter: filterOptionsSchema.describe("Residual coding"),
    world: electricFishSchema.describe("The electric fish"),
    body: bodySchema,
    protocol: ellProtocolSchema,
  })
  .strict();

export type EllConfig = z.output<typeof ellRunSchema>;
