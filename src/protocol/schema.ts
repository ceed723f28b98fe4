/**
 * Validation of experiment descriptions (zod v4), with defaults filled in.
 *
 * Every user error becomes a ConfigError whose `field` is the full dotted path
 * (`experiment.phases[1].trialTypes[0].cues[0].durationMs`) and whose detail says what was
 * given and what is allowed. Zod's own messages are replaced by an error map that reads the
 * "allowed" text registered with each schema below.
 */
import * as z from "zod";
import { ConfigError } from "../model/errors.js";
import { allow, formatPath, issueDetail, showValue, toConfigError } from "../model/validate.js";
import { type DesignDefaults, parseDesign } from "./design.js";
import {
  CHANNEL_PATTERN,
  MAX_ITI_MS,
  MAX_PHASES,
  MAX_TRIAL_MS,
  MAX_TRIAL_TYPES,
  MAX_TRIALS,
} from "./limits.js";
import type { Experiment } from "./types.js";

const channel = (doc: string) =>
  allow(
    z.string().regex(CHANNEL_PATTERN),
    "a channel name: a letter, then up to 31 letters, digits, _ or - (e.g. tone, T, puff)",
    doc,
  );
const onsetMs = (doc: string) =>
  allow(z.number().min(0).max(MAX_TRIAL_MS), `a number of ms 0..${MAX_TRIAL_MS}`, doc);
const durationMs = (doc: string) =>
  allow(z.number().gt(0).max(MAX_TRIAL_MS), `a number of ms > 0 and ≤ ${MAX_TRIAL_MS}`, doc);

const cueSchema = z.strictObject({
  channel: channel("Context channel, e.g. tone, light, T."),
  onsetMs: onsetMs("Onset within the trial (ms)."),
  durationMs: durationMs("Duration (ms)."),
  magnitude: allow(z.number().gt(0), "a finite number > 0", "Channel value while on.").default(1),
});

const usSchema = z.strictObject({
  channel: channel("Teacher channel, e.g. us, puff.").default("us"),
  onsetMs: onsetMs("Onset within the trial (ms)."),
  durationMs: durationMs("Duration (ms).").default(50),
  magnitude: allow(z.number().min(0), "a finite number ≥ 0", "Strength of the US.").default(1),
});

const WINDOW_SLACK_MS = 1e-6;

/** Cues and USs must lie inside the trial window; the issue names the field to change. */
function checkWindow(
  items: { onsetMs: number; durationMs: number }[],
  list: "cues" | "us",
  windowMs: number,
  ctx: z.RefinementCtx,
): void {
  items.forEach((item, i) => {
    const end = item.onsetMs + item.durationMs;
    // A nanosecond of slack: onset + duration and the window are sums of decimals, and may
    // differ in the last bit even when they are equal on paper.
    if (end <= windowMs + WINDOW_SLACK_MS) return;
    const key = item.onsetMs < windowMs ? "durationMs" : "onsetMs";
    ctx.addIssue({
      code: "custom",
      path: [list, i, key],
      input: item[key],
      message:
        `onsetMs ${item.onsetMs} + durationMs ${item.durationMs} = ${end} ends after the trial ` +
        `window; allowed: onsetMs + durationMs ≤ ${windowMs} (the trial type's durationMs)`,
    });
  });
}

const trialTypeSchema = z
  .strictObject({
    name: allow(
      z.string().min(1).max(200),
      "a non-empty string of at most 200 characters",
      "Label, unique within its phase, e.g. T+.",
    ),
    proportion: allow(z.number().gt(0), "a finite number > 0", "Relative frequency.").default(1),
    durationMs: allow(
      z.number().min(1).max(MAX_TRIAL_MS),
      `a number of ms 1..${MAX_TRIAL_MS}`,
      "Length of the recorded trial window (ms).",
    ),
    cues: allow(z.array(cueSchema), "a list of cues", "Conditioned stimuli."),
    us: allow(z.array(usSchema), "a list of USs", "Unconditioned stimuli."),
    probe: allow(z.boolean(), "true or false", "No US is delivered on a probe trial.").default(
      false,
    ),
  })
  .superRefine((t, ctx) => {
    checkWindow(t.cues, "cues", t.durationMs, ctx);
    checkWindow(t.us, "us", t.durationMs, ctx);
  });

const itiSchema = z
  .strictObject({
    meanMs: allow(
      z.number().min(0).max(MAX_ITI_MS),
      `a number of ms 0..${MAX_ITI_MS}`,
      "Mean inter-trial interval (ms).",
    ),
    jitterMs: allow(
      z.number().min(0).max(MAX_ITI_MS),
      "a number of ms ≥ 0 and ≤ meanMs",
      "Uniform jitter, ± this many ms.",
    ),
  })
  .superRefine((iti, ctx) => {
    if (iti.jitterMs <= iti.meanMs) return;
    ctx.addIssue({
      code: "custom",
      path: ["jitterMs"],
      input: iti.jitterMs,
      message: `got ${iti.jitterMs}; allowed: a number of ms ≥ 0 and ≤ meanMs (${iti.meanMs}), so no ITI is negative`,
    });
  });

const phaseSchema = z
  .strictObject({
    name: allow(
      z.string().min(1).max(64),
      "a non-empty string of at most 64 characters",
      "Phase label, e.g. acquisition.",
    ),
    trials: allow(
      z.number().int().min(1).max(MAX_TRIALS),
      `an integer 1..${MAX_TRIALS}`,
      "Total trials in the phase.",
    ),
    trialTypes: allow(
      z.array(trialTypeSchema).min(1).max(MAX_TRIAL_TYPES),
      `a list of at least one trial type (at most ${MAX_TRIAL_TYPES})`,
      "Kinds of trial; the phase's trials are split among them by proportion.",
    ),
    iti: itiSchema.default({ meanMs: 1000, jitterMs: 200 }),
    order: z.enum(["random", "alternate"]).default("random"),
    context: channel("Context channel that is on for the whole phase.").optional(),
  })
  .superRefine((phase, ctx) => {
    const seen = new Map<string, number>();
    phase.trialTypes.forEach((t, i) => {
      const first = seen.get(t.name);
      if (first === undefined) {
        seen.set(t.name, i);
        return;
      }
      ctx.addIssue({
        code: "custom",
        path: ["trialTypes", i, "name"],
        input: t.name,
        message: `got ${JSON.stringify(t.name)}, already used by trialTypes[${first}]; allowed: a name unique within the phase`,
      });
    });
  });

/** The full (resolved) form of an experiment. */
export const experimentSchema = z.strictObject({
  name: allow(
    z.string().max(200),
    "a string of at most 200 characters",
    "Label for reports.",
  ).optional(),
  phases: allow(
    z.array(phaseSchema).min(1).max(MAX_PHASES),
    `a list of at least one phase (at most ${MAX_PHASES})`,
    "Blocks of trials, run in order.",
  ),
});

/** Validates the full form and fills in defaults. */
function parseFullForm(value: unknown, path: string): Experiment {
  const result = experimentSchema.safeParse(value, { error: issueDetail });
  if (!result.success) {
    if (!isRecord(value)) {
      throw new ConfigError(
        path,
        `got ${showValue(value)}; allowed: an object with keys name, phases (or name, design)`,
      );
    }
    throw toConfigError(path, result.error);
  }
  const experiment: Experiment = result.data;
  return experiment;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The short form `{ name?, design }`: the design string is parsed, errors point into it. */
function parseDesignForm(
  value: Record<string, unknown>,
  path: string,
  defaults: DesignDefaults | undefined,
): Experiment {
  for (const key of Object.keys(value)) {
    if (key !== "name" && key !== "design") {
      throw new ConfigError(
        formatPath(path, [key]),
        `unknown key ${JSON.stringify(key)}; allowed keys with "design": name, design`,
      );
    }
  }
  const { name, design } = value;
  if (typeof design !== "string") {
    throw new ConfigError(
      `${path}.design`,
      `got ${showValue(design)}; allowed: a design string such as "300 T+(isi=500) > 100 T-"`,
    );
  }
  if (name !== undefined && (typeof name !== "string" || name.length > 200)) {
    throw new ConfigError(
      `${path}.name`,
      `got ${showValue(name)}; allowed: a string of at most 200 characters`,
    );
  }
  const experiment = parseDesign(design, `${path}.design`, defaults);
  const full = name === undefined ? experiment : { name, ...experiment };
  // A safety net: a design that parses is always valid, but if it ever is not, say where.
  try {
    return parseFullForm(full, path);
  } catch (e) {
    if (e instanceof ConfigError) {
      throw new ConfigError(`${path}.design`, `gives an invalid experiment: ${e.message}`);
    }
    throw e;
  }
}

/**
 * Validates an experiment (full form, or `{ name?, design }`) and returns it with every default
 * filled in, as a new plain object (safe to freeze). A design string takes its defaults from
 * `designDefaults` (the paradigm's timing) when given. Throws ConfigError naming the field path
 * under `path`.
 */
export function parseExperiment(
  value: unknown,
  path = "experiment",
  designDefaults?: DesignDefaults,
): Experiment {
  if (isRecord(value) && Object.hasOwn(value, "design"))
    return parseDesignForm(value, path, designDefaults);
  return parseFullForm(value, path);
}

/**
 * JSON Schema (draft 2020-12) of the full experiment form as accepted on input (fields with
 * defaults are optional). Cross-field rules (trial window, unique names, jitter ≤ mean) are not
 * expressible there; parseExperiment still enforces them.
 */
export function experimentJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(experimentSchema, { io: "input" }) as Record<string, unknown>;
}
