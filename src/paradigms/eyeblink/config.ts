/**
 * The eyeblink paradigm's run configuration: model, body, analysis, experiment, seed.
 * Every field has a default here, once; `config.json` holds the fully resolved object.
 */
import { z } from "zod";
import { forebrainSchema } from "../../brain/forebrain.js";
import { backendField } from "../../kernels/index.js";
import { cerebellumParamsSchema } from "../../model/cerebellum.js";

/** The body's delays (the object, for paradigms that reuse some of them: mouse's eye). */
export const eyeblinkBodyFields = z
  .object({
    csLatencyMs: z
      .number()
      .min(0)
      .max(500)
      .default(10)
      .describe(
        "Tone → auditory pathway → pontine mossy fibres: the CS reaches the cerebellum this much later",
      ),
    usLatencyMs: z
      .number()
      .min(0)
      .max(500)
      .default(20)
      .describe("Air puff → trigeminal → olive: the climbing fibre sees the US this much later"),
    motorDelayMs: z
      .number()
      .min(0)
      .max(500)
      .default(80)
      .describe("Nucleus → eyelid: the eyelid follows the nuclear output this much later"),
  })
  .strict();

/**
 * The eyeblink body: those delays, and how the learned drive moves the eyelid from trial to trial
 * (a trial-based paradigm's own: the mouse's continuous life has no trials).
 */
export const eyeblinkBodySchema = eyeblinkBodyFields
  .extend({
    responseVariability: z
      .number()
      .min(0)
      .max(2)
      .default(0)
      .describe(
        "σ of the motor pathway's gain γ, drawn once per trial: closure = γ·[z(t − motorDelay)]₊ with " +
          "ln γ ~ N(−σ²/2, σ²), so E[γ] = 1 (state and arousal change how far the same nuclear output " +
          "moves the eyelid; 0 = every trial alike). Expression only: the olive sees the nucleus, not the eyelid",
      ),
  })
  .prefault({});

export const eyeblinkAnalysisSchema = z
  .object({
    crThreshold: z
      .number()
      .positive()
      .default(0.1)
      .describe("A CR: eyelid closure above this (1 = full closure) inside the CR window"),
    crWindowStartMs: z
      .number()
      .min(0)
      .default(50)
      .describe("The CR window opens this long after CS onset (shorter = alpha/startle responses)"),
    onsetThreshold: z
      .number()
      .positive()
      .default(0.1)
      .describe("CR onset: first crossing of this level"),
    criterionWindow: z
      .number()
      .int()
      .min(1)
      .default(10)
      .describe("Trials to criterion: moving block size"),
    criterionCount: z.number().int().min(1).default(8).describe("…and CRs needed in that block"),
    profileBinMs: z
      .number()
      .positive()
      .max(5)
      .default(5)
      .describe("Resolution of profiles.csv (ms)"),
  })
  .strict()
  .prefault({});

export type EyeblinkBody = z.output<typeof eyeblinkBodySchema>;
export type EyeblinkAnalysis = z.output<typeof eyeblinkAnalysisSchema>;

export const eyeblinkRunSchema = z
  .object({
    paradigm: z.literal("eyeblink"),
    seed: z.number().int().min(0).max(4294967295).default(1).describe("Root seed of the run"),
    // wasm by default: bit-identical to ts (test/kernels) and faster; see src/kernels/index.ts.
    backend: backendField("wasm"),
    model: cerebellumParamsSchema.prefault({}),
    body: eyeblinkBodySchema,
    forebrain: forebrainSchema,
    analysis: eyeblinkAnalysisSchema,
    experiment: z.unknown().optional(),
  })
  .strict();
