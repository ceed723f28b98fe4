/** The ell paradigm's run configuration (defaults once; config.json holds the resolved object). */
import { z } from "zod";
import { filterOptionsSchema } from "../../brain/filter.js";
import { backendField } from "../../kernels/index.js";
import { cerebellumParamsSchema } from "../../model/cerebellum.js";
import { electricFishSchema } from "../../world/electricFish.js";
import { bodySchema, FILTER_MODEL_DEFAULTS } from "../dcn/config.js";

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
    pairingS: z
      .number()
      .positive()
      .max(86_400)
      .default(60)
      .describe("Stimulus–command pairing (s)"),
    decayS: z
      .number()
      .positive()
      .max(86_400)
      .default(60)
      .describe("Command alone after pairing (s): the negative image decays"),
    blockS: z.number().positive().max(86_400).default(5).describe("Analysis block (s)"),
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
    testS: z
      .number()
      .positive()
      .max(86_400)
      .default(30)
      .describe("Frozen / detection test periods (s)"),
    timeScale: z
      .number()
      .min(1)
      .max(1000)
      .default(1)
      .describe(
        "k: PF→PC learning rates ÷ k and every protocol duration × k, so negative images form and decay k× " +
          "slower (k ≈ 12–60 puts τ in the published minutes, Bell 1982); runs take k× longer",
      ),
  })
  .strict()
  .prefault({});

export const ellWorldDefaults = {};

/**
 * The fish's granule temporal basis: like the mouse's (FILTER_MODEL_DEFAULTS: 2-ms steps, 2000
 * cells, fast η) but with 24 bumps reaching 300 ms and no weakening of late bumps (decay 0), so
 * that it tiles the whole 0–200 ms range over which negative images can be formed (Bell et al.
 * 1993) and delayed cells are as strong as early ones (delayed granule responses via unipolar
 * brush cells, Kennedy et al. 2014). With the mouse basis (20 bumps to 200 ms, decay 0.25) a
 * stimulus at 200 ms was only 39 % cancelled.
 */
export const ELL_MODEL_DEFAULTS = {
  ...FILTER_MODEL_DEFAULTS,
  basis: { bumps: 24, order: 16, minDelayMs: 4, maxDelayMs: 300, decay: 0 },
};

/**
 * The configuration the experiments run: with timeScale k, PF→PC rates ÷ k and the protocol's
 * durations × k (the resolved config keeps k and the unscaled values, so it reproduces itself).
 */
export function effectiveEllConfig(config: EllConfig): EllConfig {
  const k = config.protocol.timeScale;
  if (k === 1) return config;
  const pf = config.model.plasticity.pfPurkinje;
  const p = config.protocol;
  return {
    ...config,
    model: {
      ...config.model,
      plasticity: {
        ...config.model.plasticity,
        pfPurkinje: {
          ...pf,
          ltd: pf.ltd / k,
          ltp: pf.ltp / k,
          nonAssociativeLtp: pf.nonAssociativeLtp / k,
        },
      },
    },
    protocol: {
      ...p,
      pairingS: p.pairingS * k,
      decayS: p.decayS * k,
      blockS: p.blockS * k,
      testS: p.testS * k,
    },
  };
}

export const ellRunSchema = z
  .object({
    paradigm: z.literal("ell"),
    seed: z.number().int().min(0).max(4294967295).default(1).describe("Root seed"),
    backend: backendField("wasm"),
    model: cerebellumParamsSchema.describe("Engine parameters (filter defaults applied)"),
    filter: filterOptionsSchema.describe("Residual coding"),
    world: electricFishSchema.describe("The electric fish"),
    body: bodySchema,
    protocol: ellProtocolSchema,
  })
  .strict();

export type EllConfig = z.output<typeof ellRunSchema>;
