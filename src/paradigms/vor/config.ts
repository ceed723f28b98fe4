/**
 * The VOR paradigm's run configuration. Every default lives here, once; config.json holds the
 * fully resolved object. Times in the experiment are *real* minutes; the model runs them
 * `timeScale` times faster (its learning rates are that much larger than the biological ones),
 * so a 30-min session is simulated in 30·60/timeScale seconds. The scale is fixed for every
 * VOR target (Literature "How to read": map model time to real time once).
 */
import { z } from "zod";
import { motorLoopParamsSchema } from "../../brain/motorLoop.js";
import { backendField } from "../../kernels/index.js";
import { cerebellumParamsSchema } from "../../model/cerebellum.js";
import { OPTICS_PRESETS } from "../../world/motor/optics.js";

/**
 * The floccular module's defaults on top of the cerebellum's own: 5-ms steps; a small granule
 * layer whose context is the vestibular mossy fibres' own rates (head velocity and acceleration,
 * push–pull) with no onset-triggered delay bumps: a sinusoid has no onsets, and bumps spanning
 * 10–400 ms covered one frequency's half-cycle only (at 0.5 Hz the flocculus learned a third as
 * much; docs/motor.md); the PF→PC window peaked at the loop delay
 * (100-ms visual delay + 20-ms plant lag = 120 ms; Suvrathan et al. 2016); a synaptic range of
 * ±40 % around w₀ that bounds what the flocculus can add to the brainstem VOR, approached softly
 * (each step scaled by the room left, circuit/softBounds.ts: a change slows as it grows, so a
 * 30-min gain-up stays in V7's range); no MF→nucleus site.
 */
export const VOR_MODEL_DEFAULTS = {
  dtMs: 5,
  mossy: { count: 80, fibresPerChannel: 16 },
  // No delay bumps: the canal rates themselves are the context (see above).
  basis: { bumps: 0, minDelayMs: 10, maxDelayMs: 400 },
  granule: { count: 2000 },
  plasticity: {
    pfPurkinje: {
      windowPeakMs: 120,
      ltd: 0.00003,
      ltp: 0.00003,
      minWeight: 0.6,
      maxWeight: 1.4,
      bounds: "soft",
    },
    mfNucleus: { enabled: false },
  },
  olive: { feedbackDelayMs: 120 },
};

export const VOR_LOOP_DEFAULTS = {
  errorDelayMs: 100,
  errorScale: 30,
  motorGain: 30,
  errorSaturation: 0.2,
  saturateAt: "climbingFibre",
  olivaryFeedback: 0.3,
};

/**
 * The MF → vestibular-nucleus site (circuit/vestibularNucleus.ts): each side's canal weight
 * learns from the floccular command, potentiation and depression at different rates and with
 * different room (soft bounds around the baseline 1).
 */
export const vestibularNucleusSchema = z
  .object({
    enabled: z
      .boolean()
      .default(true)
      .describe(
        "Second plasticity site: canal → vestibular nucleus, taught by the flocculus (on by default: with the flocculus's soft bounds it gives gain-down its larger size and better retention, V7 and V9, and keeps V1; docs/motor.md)",
      ),
    rate: z
      .number()
      .min(0)
      .max(1)
      .default(0.000002)
      .describe("η₊: potentiation per ms per unit floccular push and canal rate"),
    depressionRatio: z
      .number()
      .min(0)
      .max(100)
      .default(12)
      .describe(
        "η₋/η₊: depression (floccular output opposing the brainstem) relative to potentiation",
      ),
    minWeight: z
      .number()
      .min(0)
      .lt(1)
      .default(0.9)
      .describe("Soft lower bound of a canal weight (baseline 1)"),
    maxWeight: z
      .number()
      .gt(1)
      .max(10)
      .default(1.05)
      .describe("Soft upper bound of a canal weight (baseline 1)"),
    transfer: z
      .enum(["online", "rest", "both"])
      .default("online")
      .describe(
        "When the site learns: while the head moves (online), during still rest from the flocculus's held output (rest, consolidation), or both",
      ),
    replayWindowMs: z
      .number()
      .positive()
      .max(600_000)
      .default(1000)
      .describe("τ (ms) of the running mean of the floccular teaching held for rest transfer"),
  })
  .strict()
  .prefault({});

const presetNames = Object.keys(OPTICS_PRESETS) as [
  keyof typeof OPTICS_PRESETS,
  ...(keyof typeof OPTICS_PRESETS)[],
];

export const opticsSchema = z.union([
  z.enum(presetNames).describe("A named viewing condition (optics.ts): " + presetNames.join(", ")),
  z
    .object({
      vision: z.boolean().default(true).describe("Light (true) or darkness (false)"),
      magnification: z
        .number()
        .min(-10)
        .max(10)
        .default(1)
        .describe("Optical magnification m (−1 = reversing prisms)"),
      sceneGain: z
        .number()
        .min(-10)
        .max(10)
        .default(0)
        .describe("Scene velocity as a multiple of head velocity"),
    })
    .strict(),
]);

export const vorPhaseSchema = z
  .object({
    name: z.string().min(1).describe("Phase name (appears in gains.csv)"),
    optics: opticsSchema.describe("What the animal sees during the phase"),
    head: z
      .enum(["moving", "still"])
      .default("moving")
      .describe("Head rotated (the stimulus) or held still"),
    minutes: z
      .number()
      .positive()
      .max(100_000)
      .describe("Duration in real minutes (simulated timeScale× faster)"),
  })
  .strict();

export const vorConditionSchema = z
  .object({
    name: z.string().min(1).describe("Condition name (e.g. gain-up)"),
    phases: z
      .array(vorPhaseSchema)
      .min(1)
      .max(50)
      .describe("Phases run in order from the naive state"),
  })
  .strict();

export const DEFAULT_CONDITIONS = [
  {
    name: "gain-up",
    phases: [
      { name: "training", optics: "x2", head: "moving", minutes: 60 },
      { name: "dark-moving", optics: "dark", head: "moving", minutes: 60 },
    ],
  },
  {
    name: "gain-down",
    phases: [
      { name: "training", optics: "x0_5", head: "moving", minutes: 60 },
      { name: "dark-moving", optics: "dark", head: "moving", minutes: 60 },
    ],
  },
];

export const vorRunSchema = z
  .object({
    paradigm: z.literal("vor"),
    seed: z.number().int().min(0).max(4294967295).default(1),
    backend: backendField("wasm"),
    model: cerebellumParamsSchema.prefault({}),
    body: z
      .object({
        brainstemGain: z
          .number()
          .min(-5)
          .max(5)
          .default(1)
          .describe("g_b: gain of the fixed brainstem VOR path"),
        plantTauMs: z
          .number()
          .min(0)
          .max(1000)
          .default(20)
          .describe("τ of the eye plant (residual lag after brainstem compensation)"),
        velocityScaleDegS: z
          .number()
          .positive()
          .default(30)
          .describe("Head velocity that maps to channel rate 1 (deg/s)"),
        restRate: z
          .number()
          .min(0)
          .max(10)
          .default(0)
          .describe("Resting rate of each push–pull vestibular channel"),
        efferenceCopy: z
          .boolean()
          .default(false)
          .describe("Give the flocculus an efference copy of the eye command"),
        vestibularNucleus: vestibularNucleusSchema,
      })
      .strict()
      .prefault({}),
    loop: motorLoopParamsSchema.prefault({}),
    stimulus: z
      .object({
        amplitudeDegS: z
          .number()
          .positive()
          .max(1000)
          .default(30)
          .describe("Head velocity amplitude (deg/s)"),
        frequencyHz: z
          .number()
          .positive()
          .max(20)
          .default(1)
          .describe("Head rotation frequency (Hz)"),
      })
      .strict()
      .prefault({}),
    timeScale: z
      .number()
      .positive()
      .max(100_000)
      .default(10)
      .describe(
        "Real seconds per simulated second (learning runs this much faster than in the animal)",
      ),
    test: z
      .object({
        everyMinutes: z
          .number()
          .positive()
          .default(5)
          .describe("Dark test every this many real minutes"),
        cycles: z
          .number()
          .int()
          .min(1)
          .max(100)
          .default(2)
          .describe("Cycles per dark test (learning frozen; one extra settling cycle)"),
        traceCycles: z
          .number()
          .int()
          .min(1)
          .max(100)
          .default(3)
          .describe("Cycles of eye/head traces kept per condition start and end"),
      })
      .strict()
      .prefault({}),
    conditions: z
      .array(vorConditionSchema)
      .min(1)
      .max(20)
      .default(DEFAULT_CONDITIONS as never),
  })
  .strict();

export type VorConfig = z.output<typeof vorRunSchema>;
export type VorPhase = z.output<typeof vorPhaseSchema>;
export type VorCondition = z.output<typeof vorConditionSchema>;
export type OpticsInput = z.output<typeof opticsSchema>;
