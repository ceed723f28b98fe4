/**
 * `shoulda run thought-assessor`: configuration (every default once, here).
 *
 * Trial types (times from trial start; cues A, B for the order task, C, D for the trace task):
 *   AB+    A [0, cue), B [cue + gap, 2·cue + gap); puff at B onset + isi; shock at B offset
 *   BA−    the same cues in the other order; nothing
 *   B−     B alone in the second slot; nothing
 *   C+     C [0, traceCue); puff and shock at traceCue + trace (the cue has ended)
 *   D−     D with C's timing; nothing
 * Each interval is longer than the modules' own memory of a cue: the amygdala has none (its
 * input is the cue now), the cerebellum's temporal basis reaches `cerebellum.basis.maxDelayMs`
 * after a cue's onset (500 ms here, against 2250 ms from A's onset to the puff and 2000 ms from
 * C's). So only a state the cortex holds can link the first event to the US.
 */
import { z } from "zod";
import { eventCortexOptionsSchema } from "../../brain/eventCortex.js";
import { steeringParamsSchema } from "../../brain/steering.js";
import { backendField } from "../../kernels/index.js";
import { amygdalaParamsSchema } from "../../model/amygdala.js";
import { cerebellumParamsSchema } from "../../model/cerebellum.js";
import { ConfigError } from "../../model/errors.js";
import { deepMerge, isPlainObject } from "../../model/merge.js";
import { parseWith } from "../../model/validate.js";
import type { RunConfig } from "../types.js";

export const TRIAL_TYPES = ["AB+", "BA-", "B-", "C+", "D-"] as const;
export type TrialType = (typeof TRIAL_TYPES)[number];
export const CUES = ["A", "B", "C", "D"] as const;

/**
 * The cerebellum: the eyeblink paradigm's 5-ms step, a temporal basis up to 500 ms (enough for
 * the 250-ms ISI, too short to bridge the tasks' intervals), the mouse's PF→PC rates (few
 * trials), and 8 fibres for each of the 4 cues and up to 28 thought channels.
 */
export const THOUGHT_CEREBELLUM_DEFAULTS = {
  dtMs: 5,
  mossy: { count: 256, fibresPerChannel: 8 },
  basis: { bumps: 8, maxDelayMs: 500 },
  granule: { count: 2000 },
  plasticity: { pfPurkinje: { ltd: 0.0004, ltp: 0.0004 } },
} as Record<string, unknown>;

export const thoughtProtocolSchema = z
  .object({
    trialsPerType: z
      .number()
      .int()
      .min(2)
      .max(10_000)
      .default(30)
      .describe("Trials of each type (AB+, BA−, B−, C+, D−), in a seeded random order"),
    cueMs: z.number().positive().max(10_000).default(1000).describe("A and B last this long (ms)"),
    gapMs: z
      .number()
      .min(0)
      .max(10_000)
      .default(1000)
      .describe("From A's offset to B's onset (ms)"),
    isiMs: z
      .number()
      .positive()
      .max(2000)
      .default(250)
      .describe("AB+: the puff comes this long after B's onset (ms)"),
    traceCueMs: z.number().positive().max(10_000).default(500).describe("C and D last (ms)"),
    traceMs: z
      .number()
      .positive()
      .max(10_000)
      .default(1500)
      .describe("C+: from C's offset to the puff and shock (ms)"),
    puffMs: z.number().positive().max(1000).default(50).describe("Air puff (ms)"),
    shockMs: z.number().positive().max(5000).default(1000).describe("Shock (ms)"),
    itiMinS: z
      .number()
      .positive()
      .max(600)
      .default(6)
      .describe(
        "Shortest interval from a trial's end to the next trial (s); with the amygdala's 10-s horizon, ≥ 6 s keeps an unreinforced trial's cues more than 10 s from the next shock",
      ),
    itiMaxS: z.number().positive().max(600).default(10).describe("Longest interval (s)"),
  })
  .strict()
  .prefault({});

export const thoughtAnalysisSchema = z
  .object({
    lastFraction: z
      .number()
      .gt(0)
      .max(1)
      .default(0.5)
      .describe("Discrimination is measured over this last fraction of each type's trials"),
    blocks: z
      .number()
      .int()
      .min(1)
      .max(1000)
      .default(8)
      .describe("Blocks of trials for the learning curves"),
    binMs: z
      .number()
      .positive()
      .max(1000)
      .default(100)
      .describe("Bin of the per-trial traces (ms)"),
  })
  .strict()
  .prefault({});

export const thoughtAssessorRunSchema = z
  .object({
    paradigm: z.literal("thought-assessor"),
    seed: z.number().int().min(0).max(4294967295).default(1).describe("Root seed"),
    backend: backendField("wasm"),
    cortex: eventCortexOptionsSchema.describe("The cortex (sequence memory stepped at events)"),
    cerebellum: cerebellumParamsSchema.describe("Cerebellar thought assessor (puff → blink)"),
    amygdala: amygdalaParamsSchema
      .prefault({})
      .describe("Amygdala thought assessor (shock → fear)"),
    steering: steeringParamsSchema
      .prefault({})
      .describe("Steering subsystem (runs at the cerebellum's dtMs)"),
    protocol: thoughtProtocolSchema,
    analysis: thoughtAnalysisSchema,
  })
  .strict();

export type ThoughtAssessorConfig = z.output<typeof thoughtAssessorRunSchema> & RunConfig;

/** Fill the defaults under the user's settings, validate, and check the clocks and sizes. */
export function resolveThoughtAssessor(input: Record<string, unknown>): ThoughtAssessorConfig {
  const cerebellum = deepMerge(
    THOUGHT_CEREBELLUM_DEFAULTS,
    isPlainObject(input) ? input.cerebellum : undefined,
  );
  const parsed = parseWith(
    thoughtAssessorRunSchema,
    { ...input, paradigm: "thought-assessor", cerebellum },
    "",
  );
  const cb = parsed.cerebellum.dtMs;
  const k = Math.round(parsed.amygdala.dtMs / cb);
  if (k < 1 || Math.abs(k * cb - parsed.amygdala.dtMs) > 1e-9 * parsed.amygdala.dtMs) {
    throw new ConfigError(
      "amygdala.dtMs",
      `got ${parsed.amygdala.dtMs}; allowed: a whole multiple of cerebellum.dtMs (${cb})`,
    );
  }
  const p = parsed.protocol;
  if (p.itiMaxS < p.itiMinS) {
    throw new ConfigError(
      "protocol.itiMaxS",
      `got ${p.itiMaxS}; allowed: ≥ protocol.itiMinS (${p.itiMinS})`,
    );
  }
  if (p.isiMs + p.puffMs > p.cueMs) {
    throw new ConfigError(
      "protocol.isiMs",
      `got ${p.isiMs}; allowed: isiMs + puffMs ≤ cueMs (${p.cueMs}), so the puff comes during B`,
    );
  }
  const channels = CUES.length + parsed.cortex.units;
  const { count, fibresPerChannel } = parsed.cerebellum.mossy;
  if (channels * fibresPerChannel > count) {
    throw new ConfigError(
      "cerebellum.mossy.count",
      `got ${count}; allowed: ≥ ${channels * fibresPerChannel} (${CUES.length} cues + ${parsed.cortex.units} cortex units × cerebellum.mossy.fibresPerChannel = ${fibresPerChannel})`,
    );
  }
  const steering = { ...parsed.steering, dtMs: cb };
  return { ...parsed, steering } as ThoughtAssessorConfig;
}
