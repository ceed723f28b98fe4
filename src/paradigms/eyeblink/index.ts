/**
 * Eyeblink conditioning (delay and trace), the canonical test of the cerebellar engine.
 * Default experiment: acquisition with 10 % CS-alone probes, extinction, reacquisition.
 */

import type { ForebrainParams } from "../../brain/forebrain.js";
import type { CerebellumParams } from "../../model/cerebellum.js";
import { deepMerge, isPlainObject } from "../../model/merge.js";
import { parseWith } from "../../model/validate.js";
import { DESIGN_DEFAULTS, type DesignDefaults } from "../../protocol/design.js";
import { parseExperiment } from "../../protocol/schema.js";
import type { Experiment } from "../../protocol/types.js";
import { PROBES } from "../../record/spec.js";
import { defineParadigm, type RunConfig, type RunHooks } from "../types.js";
import { profiles, summarisePhases, trialRows } from "./analyse.js";
import { runTrials, startRun } from "./checkpoint.js";
import { type EyeblinkAnalysis, type EyeblinkBody, eyeblinkRunSchema } from "./config.js";
import { eyeblinkPlots, profilesCsv, trialsCsv } from "./report.js";

/**
 * Trial pacing as in the scorecard: long and jittered enough that the temporal basis (bumps up
 * to 2.5 s) cannot time the next trial's US from the last trial's CS.
 */
export const DEFAULT_ITI = { meanMs: 2500, jitterMs: 1000 };

/**
 * Design strings run as eyeblink get the paradigm's timing: a 100-ms periocular puff (a typical
 * rabbit puff, X7's caption) and the ITI above, so a string and the default experiment agree.
 */
export const EYEBLINK_DESIGN_DEFAULTS: DesignDefaults = {
  ...DESIGN_DEFAULTS,
  usdur: 100,
  iti: DEFAULT_ITI.meanMs,
  jitter: DEFAULT_ITI.jitterMs,
};

/** Tone CS, 100-ms puff; ISI 500 ms (a rabbit-typical 250–500 ms, Literature §1.5 X7). */
const trial = (outcome: "+" | "-") => `T${outcome}(isi=500)`;
export const DEFAULT_DESIGN = [
  `acquisition: 270 ${trial("+")} / 30 ${trial("-")}`,
  `extinction: 200 ${trial("-")}`,
  `reacquisition: 90 ${trial("+")} / 10 ${trial("-")}`,
].join(" > ");

/**
 * The eyeblink paradigm's model defaults on top of the cerebellum's own: one step = 5 ms, fixed
 * for every eyeblink timing target (Literature "How to read": map a step to ms once), and the
 * olive driven by the US's onset (circuit/usDrive.ts): an air puff is a punctate stimulus that
 * evokes about one complex spike whatever its length, so a 50-ms and a 100-ms puff teach alike
 * (issue #18 item 6; docs/eyeblink.md, "The olive's onset drive", for the scorecard with it).
 * The cerebellum's own default stays `sustained`, for signed and sustained errors (VOR, motor
 * loops) that an onset transient would cut or signal only at their rise.
 */
export const EYEBLINK_MODEL_DEFAULTS = {
  dtMs: 5,
  olive: { usDrive: "onset" },
  basis: { tonicAdaptation: 0.8 },
  granule: { golgi: "feedback", threshold: 0, output: "graded" },
  plasticity: { pfPurkinje: { rule: "shift" } },
};

/** Sparse model and body settings, as `shoulda validate --eyeblink-set` gives them. */
export interface EyeblinkOverride {
  model?: Record<string, unknown>;
  body?: Record<string, unknown>;
}

/**
 * Settings laid over the defaults of every eyeblink run while set (null: none). The scorecard
 * sets it for `shoulda validate --eyeblink-set model.PATH=VALUE` (or body.PATH=VALUE), so that
 * every eyeblink target runs with, say, another olive without a target knowing; a run's own
 * settings still win.
 */
let override: EyeblinkOverride | null = null;

/** Sets (or with null clears) the settings laid over every eyeblink run's defaults. */
export function overrideEyeblink(settings: EyeblinkOverride | null): void {
  override = settings;
}

export interface EyeblinkConfig extends RunConfig {
  paradigm: "eyeblink";
  seed: number;
  backend: string;
  model: CerebellumParams;
  body: EyeblinkBody;
  forebrain: ForebrainParams;
  analysis: EyeblinkAnalysis;
  experiment: Experiment;
}

function resolveExperiment(input: unknown): Experiment {
  return parseExperiment(
    input ?? { design: DEFAULT_DESIGN },
    "experiment",
    EYEBLINK_DESIGN_DEFAULTS,
  );
}

export const eyeblink = defineParadigm<EyeblinkConfig>()({
  info: {
    id: "eyeblink",
    title: "Eyeblink conditioning",
    summary:
      "Tone CS → air-puff US: a timed blink learned by the cerebellum (delay, trace, extinction).",
    citation:
      "Delay/trace eyeblink conditioning (Gormezano; Thompson); timing as in Millenson, Kehoe & Gormezano 1977; " +
      "mechanism after Medina, Garcia, Nores, Taylor & Mauk 2000, J Neurosci 20:5516.",
  },
  schema: eyeblinkRunSchema,
  designDefaults: EYEBLINK_DESIGN_DEFAULTS,

  resolve(input) {
    const own = isPlainObject(input) ? input : {};
    // deepMerge keeps its base where the override is undefined: no override, no change.
    const model = deepMerge(deepMerge(EYEBLINK_MODEL_DEFAULTS, override?.model), own.model);
    const body = deepMerge(override?.body, own.body);
    const base = parseWith(eyeblinkRunSchema, { paradigm: "eyeblink", ...input, model, body }, "");
    return { ...base, experiment: resolveExperiment(input.experiment) };
  },

  recordable: {
    probes: PROBES,
    layout: ({ model }) => ({
      granule: model.granule.count,
      purkinje: model.purkinje.count,
      mossy: model.mossy.count,
      dtMs: model.dtMs,
    }),
  },
  checkpoints: true,
  checkpointUnit: "trial",

  async run(config, hooks: RunHooks = {}) {
    const started = Date.now();
    const { sim, records } = startRun(config, hooks.checkpoint?.resumeFrom);
    runTrials(sim, records, hooks);
    const dt = config.model.dtMs;
    const rows = trialRows(records, dt, config.analysis);
    const phases = summarisePhases(rows, config.analysis);
    const list = profiles(records, dt, config.analysis.profileBinMs);
    const plots = await eyeblinkPlots(rows, records, list, dt, config.analysis.criterionWindow);
    return {
      summary: {
        paradigm: "eyeblink" as const,
        seed: config.seed,
        trials: rows.length,
        steps: sim.brain.time,
        simulatedSeconds: (sim.brain.time * dt) / 1000,
        wallSeconds: (Date.now() - started) / 1000,
        phases,
      },
      files: [
        { name: "trials.csv", data: trialsCsv(rows) },
        { name: "profiles.csv", data: profilesCsv(list) },
        ...plots,
      ],
    };
  },
});
