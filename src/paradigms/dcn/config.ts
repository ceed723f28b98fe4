/**
 * The dcn paradigm's run configuration: model (engine parameters with the filter defaults),
 * filter coding, NLMS baseline, licking-mouse world, body and protocol. Every default is here,
 * once; config.json holds the fully resolved object.
 */
import { z } from "zod";
import { filterOptionsSchema } from "../../brain/filter.js";
import { nlmsOptionsSchema } from "../../brain/nlms.js";
import { backendField } from "../../kernels/index.js";
import { cerebellumParamsSchema } from "../../model/cerebellum.js";
import { lickingMouseSchema } from "../../world/lickingMouse.js";

/**
 * Engine defaults for the DCN (and the other filter paradigms): 1 step = 2 ms, fixed for every
 * filter timing target; a small granule layer (2000 cells) fed only by context fibres; a basis of
 * 20 narrow bumps (gamma order 16) from 4 to 200 ms, the span of one lick cycle; fast PF→PC
 * learning (η = 0.002 per ms) so that runs stay short (see docs/filter.md on time scales).
 */
export const FILTER_MODEL_DEFAULTS = {
  dtMs: 2,
  mossy: { count: 32, fibresPerChannel: 16 },
  granule: { count: 2000 },
  basis: { bumps: 20, order: 16, minDelayMs: 4, maxDelayMs: 200 },
  plasticity: { pfPurkinje: { ltd: 0.002, ltp: 0.002 } },
};

export const bodySchema = z
  .object({
    noiseSd: z.number().min(0).default(0.02).describe("Receptor noise SD per step (input units)"),
    restingInput: z.number().min(0).default(0.5).describe("μ: resting auditory-nerve rate"),
  })
  .strict()
  .prefault({});

export const dcnProtocolSchema = z
  .object({
    trainS: z
      .number()
      .positive()
      .max(86_400)
      .default(120)
      .describe("Licking with external sounds before the test (s)"),
    testS: z
      .number()
      .positive()
      .max(86_400)
      .default(60)
      .describe("Test: licking, external sounds and playback; learning stays on (s)"),
    deafS: z
      .number()
      .min(0)
      .max(86_400)
      .default(20)
      .describe("Deafened (no auditory input) licking after the test (s); 0 = skip"),
    pairingPretrainS: z
      .number()
      .min(0)
      .max(86_400)
      .default(30)
      .describe("Licking before the tone pairing starts (s)"),
    pairingBlocks: z
      .number()
      .int()
      .min(2)
      .max(10_000)
      .default(8)
      .describe("Blocks of tone–lick pairing"),
    pairingBlockS: z
      .number()
      .positive()
      .max(86_400)
      .default(10)
      .describe("Length of one pairing block (s)"),
    toneChannel: z
      .number()
      .int()
      .min(0)
      .default(0)
      .describe("Cochlear channel of the artificial tone"),
    toneLevel: z.number().positive().default(0.6).describe("Level of the artificial tone"),
    toneLagMs: z
      .number()
      .min(0)
      .default(30)
      .describe("L: tone onset after the lick command when paired (ms)"),
    shiftMs: z
      .number()
      .min(0)
      .default(60)
      .describe("Δ: the time-specificity probe plays the tone at L + Δ (ms)"),
    probeS: z
      .number()
      .positive()
      .max(86_400)
      .default(20)
      .describe("Frozen probe period for time specificity (s)"),
  })
  .strict()
  .prefault({});

/** The DCN mouse also chews between lick bouts (its own rhythm and sound, world/chewing.ts). */
export const dcnWorldDefaults = { playbackRateHz: 0.5, chewing: { enabled: true } };

/**
 * Mossy fibres for a licking-mouse world: 16 per context channel (lick, jaw, + chew, + three head
 * channels when enabled), so each channel keeps the same share whatever else is switched on.
 */
export function mossyForWorld(
  world: unknown,
  fibresPerChannel = 16,
): {
  count: number;
  fibresPerChannel: number;
} {
  const on = (key: string) => {
    const part = (world as Record<string, unknown> | undefined)?.[key];
    return (
      typeof part === "object" && part !== null && (part as { enabled?: unknown }).enabled === true
    );
  };
  const channels = 2 + (on("chewing") ? 1 : 0) + (on("head") ? 3 : 0);
  return { count: channels * fibresPerChannel, fibresPerChannel };
}

export const dcnRunSchema = z
  .object({
    paradigm: z.literal("dcn"),
    seed: z.number().int().min(0).max(4294967295).default(1).describe("Root seed"),
    backend: backendField("wasm"),
    model: cerebellumParamsSchema.describe("Engine parameters (filter and DCN defaults applied)"),
    filter: filterOptionsSchema.describe("Residual coding"),
    nlms: nlmsOptionsSchema.describe("NLMS baseline"),
    world: lickingMouseSchema.prefault(dcnWorldDefaults).describe("The licking mouse"),
    body: bodySchema,
    protocol: dcnProtocolSchema,
  })
  .strict();

export type DcnConfig = z.output<typeof dcnRunSchema>;
