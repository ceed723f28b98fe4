/**
 * The fear paradigm's run configuration: amygdala model, steering subsystem, the experiment
 * (a preset, a design string or the full form), the box of each phase and the home-cage gaps.
 * `config.json` holds the fully resolved object.
 */
import { z } from "zod";
import { steeringParamsSchema } from "../../brain/steering.js";
import { backendField } from "../../kernels/index.js";
import { amygdalaParamsSchema } from "../../model/amygdala.js";
import { CHANNEL_PATTERN } from "../../protocol/limits.js";

/** Named designs (paradigms/fear/presets.ts). */
export const FEAR_PRESETS = [
  "renewal",
  "blocking",
  "overshadowing",
  "overexpectation",
  "inhibition",
  "contingency",
  "reinstatement",
  "recovery",
] as const;

export const fearRunSchema = z
  .object({
    paradigm: z.literal("fear"),
    seed: z.number().int().min(0).max(4294967295).default(1),
    backend: backendField("wasm"),
    model: amygdalaParamsSchema.prefault({}),
    steering: steeringParamsSchema.prefault({}),
    preset: z
      .enum(FEAR_PRESETS)
      .default("renewal")
      .describe("Design used when no experiment is given (see docs/amygdala.md)"),
    experiment: z
      .unknown()
      .optional()
      .describe(
        "A design string ({ design }) or the full form; overrides preset (null: use the preset)",
      ),
    contexts: z
      .array(z.string().regex(CHANNEL_PATTERN))
      .nullable()
      .default(null)
      .describe(
        'The box of each phase (e.g. ["A", "B", "A"]); null: from the experiment (default A)',
      ),
    gapsHours: z
      .array(
        z
          .number()
          .min(0)
          .max(24 * 365),
      )
      .nullable()
      .default(null)
      .describe(
        "Home-cage hours before each phase; null: from the preset, else 0 then 24 h between phases",
      ),
  })
  .strict();

export type FearRunInput = z.input<typeof fearRunSchema>;
