/**
 * `shoulda run mouse`: the run configuration of one animal's life. Every default is here, once;
 * config.json holds the fully resolved object (with the seed), so a run can be repeated exactly.
 *
 * Modules and their clocks (see docs/mouse.md, "One clock, three rates"):
 *   filterModel  the DCN filter's engine, and the cortex, on the base tick (2.5 ms)
 *   cerebellum   the eyeblink cerebellum and the steering subsystem (5 ms = 2 ticks)
 *   amygdala     fear and arousal (100 ms = 40 ticks)
 * Each slower rate must be a whole number of base ticks (checked in `resolveMouse`).
 */
import { z } from "zod";
import { cortexOptionsSchema } from "../../brain/cortex.js";
import { eventCortexFields } from "../../brain/eventCortex.js";
import { FILTER_ENGINE_DEFAULTS, filterOptionsSchema } from "../../brain/filter.js";
import { steeringParamsSchema } from "../../brain/steering.js";
import { backendField } from "../../kernels/index.js";
import { amygdalaParamsSchema } from "../../model/amygdala.js";
import { cerebellumParamsSchema } from "../../model/cerebellum.js";
import { ConfigError } from "../../model/errors.js";
import { deepMerge, withSectionDefaults } from "../../model/merge.js";
import { parseWith } from "../../model/validate.js";
import { lickContextNames, lickingMouseSchema } from "../../world/lickingMouse.js";
import { mouseLifeSchema } from "../../world/mouseLife.js";
import { CORTEX_LOOP_MODEL_DEFAULTS } from "../cortexLoop/config.js";
import { bodySchema as earSchema, FILTER_MODEL_DEFAULTS } from "../dcn/config.js";
import { eyeblinkBodyFields } from "../eyeblink/config.js";
import { EYEBLINK_MODEL_DEFAULTS } from "../eyeblink/index.js";
import type { RunConfig } from "../types.js";

/**
 * The filter engine: the DCN defaults (2000 granule cells, a 4–200 ms basis, fast PF→PC
 * learning), cortex units as extra context as in cortex-loop, on a 2.5-ms tick (two ticks per
 * cerebellar step). 96 mossy fibres at 8 each hold the body channels (lick, jaw, chew; head
 * movement's three as well) and the cortex units.
 */
export const MOUSE_FILTER_DEFAULTS = deepMerge(
  deepMerge(deepMerge(FILTER_ENGINE_DEFAULTS, FILTER_MODEL_DEFAULTS), CORTEX_LOOP_MODEL_DEFAULTS),
  { dtMs: 2.5, mossy: { count: 96 } },
) as Record<string, unknown>;

/**
 * The eyeblink cerebellum: the eyeblink paradigm's 5-ms step and engine defaults, with PF→PC
 * rates 4× the scorecard's, so that ≈ 160 tones an hour (3 a minute) are enough to learn timed
 * CRs within the first quarter of the life (the eyeblink paradigm's acquisition has 300 trials).
 * Its olive keeps the sustained US drive: the mouse's numbers (docs/mouse.md) were measured with
 * it and have not been re-measured with the eyeblink paradigm's onset drive.
 */
export const MOUSE_CEREBELLUM_DEFAULTS = deepMerge(EYEBLINK_MODEL_DEFAULTS, {
  olive: { usDrive: "sustained" },
  plasticity: { pfPurkinje: { ltd: 0.0004, ltp: 0.0004 } },
}) as Record<string, unknown>;

/** The eyelid (as the eyeblink paradigm's body, without the US latency: steering sets it). */
export const eyeSchema = eyeblinkBodyFields.omit({ usLatencyMs: true }).prefault({});

/**
 * The licking world of the mouse: it chews after some lick bouts (world/chewing.ts, as in the
 * dcn paradigm), so its DCN filter has two self-generated sounds to cancel, each with its own
 * efference copy (`lick`, `chew`) and the shared `jaw`.
 */
export const MOUSE_WORLD_DEFAULTS = { chewing: { enabled: true } } as Record<string, unknown>;

export const mouseAnalysisSchema = z
  .object({
    windowS: z
      .number()
      .min(5)
      .max(3600)
      .default(60)
      .describe("Metrics are summed over windows of this length of life (s)"),
    crThreshold: z
      .number()
      .positive()
      .default(0.1)
      .describe("A CR: conditioned eyelid closure ≥ this at puff time (1 = closed)"),
    crWindowStartMs: z
      .number()
      .min(0)
      .default(50)
      .describe("CR peak and onset are searched from this long after tone onset"),
    onsetThreshold: z.number().positive().default(0.1).describe("CR onset: first crossing"),
    postToneMs: z
      .number()
      .min(0)
      .max(5000)
      .default(500)
      .describe("Each tone's eyelid record runs to puff time + this (ms)"),
    traceBinS: z.number().positive().max(60).default(1).describe("Bin of traces.csv (s)"),
    probeS: z
      .number()
      .positive()
      .max(60)
      .default(5)
      .describe("Final fear probes: seconds per condition (learning off, after the life)"),
    ablation: z
      .boolean()
      .default(false)
      .describe(
        "Also live the same life three more times, each with one module's cortex context silenced, and report what the context adds (summary.json → cortexContext)",
      ),
  })
  .strict()
  .prefault({});

/** The events the learning cortex of the mouse steps at (brain/eventCortex.ts), in this order. */
export const MOUSE_THOUGHT_EVENTS = [
  "tone",
  "light",
  "place-spout",
  "place-open",
  "place-corner",
  "lick",
  "chew",
] as const;

/**
 * The learning cortex (issue #13 item 8): the sequence memory stepped at the life's events, whose
 * thought channels (one unit on) replace the reservoir's rates as the other modules' cortex
 * context. Off by default: the reservoir (brain/cortex.ts) is the mouse's cortex context.
 * 7 events and "none" need 4 × 8 = 32 encoder bits; 6 units keep the filter's and the cerebellum's fibre
 * counts.
 */
export const MOUSE_THOUGHT_DEFAULTS = { units: 6, memory: { bitsPerInput: 32 } };

export const mouseThoughtsSchema = eventCortexFields
  .extend({
    enabled: z
      .boolean()
      .default(false)
      .describe(
        "The modules read the learning cortex's thought channels instead of the reservoir's rates",
      ),
  })
  .strict()
  .prefault({});

/** Which modules receive the cortex's context (ablation: false silences that module's channels). */
export const cortexToSchema = z
  .object({
    filter: z.boolean().default(true).describe("The DCN filter receives the cortex channels"),
    cerebellum: z.boolean().default(true).describe("The cerebellum receives the cortex channels"),
    amygdala: z.boolean().default(true).describe("The amygdala receives the cortex features"),
  })
  .strict()
  .prefault({});

/** How strongly the cortex state reaches the other modules. */
export const wiringSchema = z
  .object({
    cortexTo: cortexToSchema,
    cortexToAmygdala: z
      .number()
      .min(0)
      .max(2)
      .default(0.4)
      .describe(
        "Scale of the cortex features [x]₊, [−x]₊ at the amygdala: at 0.4 one feature alone cannot fire an LA cell, two together can (thoughts as conjunctive context)",
      ),
  })
  .strict()
  .prefault({});

export const mouseRunSchema = z
  .object({
    paradigm: z.literal("mouse"),
    seed: z.number().int().min(0).max(4294967295).default(1).describe("Root seed"),
    backend: backendField("wasm"),
    durationMin: z
      .number()
      .positive()
      .max(24 * 60)
      .default(60)
      .describe("Length of the life (simulated minutes); nothing is ever reset"),
    filterModel: cerebellumParamsSchema.describe("DCN filter engine (its dtMs is the base tick)"),
    filter: filterOptionsSchema.describe("DCN residual coding"),
    cortex: cortexOptionsSchema.describe("The cortex (runs on the base tick)"),
    thoughts: mouseThoughtsSchema.describe(
      "The learning cortex (sequence memory at events) as the modules' cortex context",
    ),
    cerebellum: cerebellumParamsSchema.describe("Eyeblink cerebellum"),
    amygdala: amygdalaParamsSchema.prefault({}).describe("Amygdala (fear, arousal)"),
    steering: steeringParamsSchema
      .prefault({})
      .describe("Steering subsystem (runs at the cerebellum's dtMs)"),
    world: lickingMouseSchema.prefault({}).describe("The licking world (sounds, licks, jaw)"),
    ear: earSchema.describe("Receptor noise and resting rate of the cochlear input"),
    eye: eyeSchema,
    life: mouseLifeSchema,
    wiring: wiringSchema,
    analysis: mouseAnalysisSchema,
  })
  .strict();

export type MouseConfig = z.output<typeof mouseRunSchema> & RunConfig;

/** Cortex channels the modules read: the learning cortex's units when on, else the reservoir's. */
export function cortexUnits(config: Pick<MouseConfig, "cortex" | "thoughts">): number {
  return config.thoughts.enabled ? config.thoughts.units : config.cortex.units;
}

/** Whether `slow` is a whole number (≥ 1) of `fast` steps. */
function ratio(slow: number, fast: number): number {
  const k = Math.round(slow / fast);
  return k >= 1 && Math.abs(k * fast - slow) < 1e-9 * slow ? k : 0;
}

/** Fill the module defaults under the user's settings, validate, and check the clocks. */
export function resolveMouse(input: Record<string, unknown>): MouseConfig {
  const withDefaults = withSectionDefaults(input, {
    filter: { restingInput: 0.5 },
    filterModel: MOUSE_FILTER_DEFAULTS,
    cerebellum: MOUSE_CEREBELLUM_DEFAULTS,
    world: MOUSE_WORLD_DEFAULTS,
    thoughts: MOUSE_THOUGHT_DEFAULTS,
  });
  const parsed = parseWith(mouseRunSchema, { ...withDefaults, paradigm: "mouse" }, "");
  const tick = parsed.filterModel.dtMs;
  if (!ratio(parsed.cerebellum.dtMs, tick)) {
    throw new ConfigError(
      "cerebellum.dtMs",
      `got ${parsed.cerebellum.dtMs}; allowed: a whole multiple of filterModel.dtMs (${tick})`,
    );
  }
  if (!ratio(parsed.amygdala.dtMs, parsed.cerebellum.dtMs)) {
    throw new ConfigError(
      "amygdala.dtMs",
      `got ${parsed.amygdala.dtMs}; allowed: a whole multiple of cerebellum.dtMs (${parsed.cerebellum.dtMs})`,
    );
  }
  // The filter's context: the world's body channels (lick, jaw, chew, head…) and the cortex units.
  const units = cortexUnits(parsed);
  const contextChannels = lickContextNames(parsed.world).length + units;
  const { count, fibresPerChannel } = parsed.filterModel.mossy;
  if (contextChannels * fibresPerChannel > count) {
    throw new ConfigError(
      "filterModel.mossy.count",
      `got ${count}; allowed: ≥ ${contextChannels * fibresPerChannel} (${contextChannels} context channels — body ${lickContextNames(parsed.world).join(", ")} and ${units} cortex units — × filterModel.mossy.fibresPerChannel = ${fibresPerChannel})`,
    );
  }
  // One brainstem clock: the steering subsystem runs at the cerebellum's step.
  const steering = { ...parsed.steering, dtMs: parsed.cerebellum.dtMs };
  return { ...parsed, steering } as MouseConfig;
}
