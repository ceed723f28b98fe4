/**
 * Fear conditioning (`shoulda run fear`): the amygdala, taught by the steering subsystem's
 * threat signal, learns which cues and places predict a shock a few seconds ahead. Default
 * preset "renewal": conditioning in A, extinction in B, recall in B, renewal in A.
 */

import type { z } from "zod";
import { steeringParamsSchema } from "../../brain/steering.js";
import { ConfigError } from "../../model/errors.js";
import { isPlainObject } from "../../model/merge.js";
import { parseWith } from "../../model/validate.js";
import { parseExperiment } from "../../protocol/schema.js";
import type { Experiment } from "../../protocol/types.js";
import { defineParadigm, type RunConfig } from "../types.js";
import { defineUnitRun, runUnits } from "../units.js";
import { type FEAR_PRESETS, fearRunSchema } from "./config.js";
import type { FearDesign } from "./experiments.js";
import { presetDesign } from "./presets.js";
import { fearPlots, freezingSample, tracesCsv, trialsCsv } from "./report.js";
import { simulateRescorlaWagner } from "./rescorlaWagnerRun.js";
import { DEFAULT_CONTEXT, FearRun, type FearTrialRecord } from "./simulate.js";

export type FearPresetName = (typeof FEAR_PRESETS)[number];

export interface FearConfig extends RunConfig, Omit<z.output<typeof fearRunSchema>, "experiment"> {
  paradigm: "fear";
  /** The given experiment (full form, defaults filled in), or null: the preset's. */
  experiment: Experiment | null;
}

/** The experiment and gaps a config runs: the preset's or the given one, with contexts and gaps applied. */
export function fearDesignOf(
  config: Pick<FearConfig, "experiment" | "preset" | "contexts" | "gapsHours">,
): FearDesign {
  const design: FearDesign = config.experiment
    ? {
        experiment: structuredClone(config.experiment),
        gapsHours: config.experiment.phases.map((_, i) => (i === 0 ? 0 : 24)),
      }
    : presetDesign(config.preset);
  const phases = design.experiment.phases;
  for (const [field, list] of [
    ["contexts", config.contexts],
    ["gapsHours", config.gapsHours],
  ] as const) {
    if (list && list.length !== phases.length) {
      throw new ConfigError(
        field,
        `got ${list.length} entries; allowed: one per phase (${phases.length})`,
      );
    }
  }
  phases.forEach((p, i) => {
    p.context = config.contexts?.[i] ?? p.context ?? DEFAULT_CONTEXT;
  });
  return { experiment: design.experiment, gapsHours: config.gapsHours ?? design.gapsHours };
}

export function resolveFear(input: Record<string, unknown>): FearConfig {
  const model = isPlainObject(input.model) ? input.model : {};
  const steering = isPlainObject(input.steering) ? input.steering : {};
  const parsed = parseWith(fearRunSchema, { paradigm: "fear", ...input, model, steering }, "");
  // One time step for the whole animal: the steering subsystem always follows model.dtMs.
  const base = { ...parsed, steering: { ...parsed.steering, dtMs: parsed.model.dtMs } };
  const experiment =
    base.experiment === undefined || base.experiment === null
      ? null
      : parseExperiment(base.experiment, "experiment");
  const config: FearConfig = { ...base, paradigm: "fear", experiment };
  fearDesignOf(config); // every error now, before anything runs
  return config;
}

export const fear = defineParadigm<FearConfig>()({
  info: {
    id: "fear",
    title: "Fear conditioning (amygdala)",
    summary:
      "Tone/light CS → footshock: the amygdala learns fear in a few trials; extinction is context-gated new learning (renewal, recovery, reinstatement).",
    citation:
      "Protocols after Quirk, Maren & LeDoux (literature.md §5.2); phenomena after Kamin 1969, Rescorla 1969, " +
      "Rescorla & Wagner 1972, Bouton & Bolles 1979, Milad & Quirk 2002, Witcher & Ayres 1980.",
  },
  schema: fearRunSchema,
  resolve: resolveFear,

  checkpoints: true,
  checkpointUnit: "trial",
  run: (config, hooks) => runUnits(fearRun, config, hooks),
});

/** A fear run as units of one trial: the amygdala and steering, and the records so far. */
const fearRun = defineUnitRun<FearConfig, { sim: FearRun; records: FearTrialRecord[] }>()({
  start(config) {
    const design = fearDesignOf(config);
    const sim = new FearRun({
      seed: config.seed,
      backend: config.backend,
      model: config.model,
      steering: steeringParamsSchema.parse(config.steering),
      ...design,
    });
    return { sim, records: [] };
  },
  count: ({ sim }) => sim.schedule.length,
  step({ sim, records }, index, _config, hooks) {
    const record = sim.trial(index);
    records.push(record);
    hooks.onSample?.(freezingSample(record));
  },
  async finish({ sim, records }, config, started) {
    const design = fearDesignOf(config);
    const rw = simulateRescorlaWagner(design, config.seed);
    const phases = design.experiment.phases.map((phase, i) => {
      const rows = records.filter((r) => r.trial.phaseIndex === i);
      const cs = rows.filter((r) => r.cues.length > 0).map((r) => r.csFreezing);
      const mean = (xs: number[]) => (xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : null);
      return {
        phase: phase.name,
        context: phase.context,
        gapHours: design.gapsHours[i],
        trials: rows.length,
        meanCsFreezing: mean(cs),
        firstCsFreezing: cs[0] ?? null,
        lastCsFreezing: cs.at(-1) ?? null,
        meanPreFreezing: mean(rows.map((r) => r.preFreezing).filter(Number.isFinite)),
        rescorlaWagnerMeanFreezing: mean(
          rw.filter((r) => r.phase === phase.name && r.cues.length > 0).map((r) => r.csFreezing),
        ),
      };
    });
    return {
      summary: {
        paradigm: "fear" as const,
        seed: config.seed,
        experiment: config.experiment ? "given" : `preset ${config.preset}`,
        trials: records.length,
        steps: sim.amygdala.time,
        simulatedSeconds: (sim.amygdala.time * config.model.dtMs) / 1000,
        wallSeconds: (Date.now() - started) / 1000,
        phases,
      },
      files: [
        { name: "trials.csv", data: trialsCsv(records, rw) },
        { name: "traces.csv", data: tracesCsv(records) },
        ...(await fearPlots(records, rw)),
      ],
    };
  },
});
