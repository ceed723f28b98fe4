/**
 * VOR gain adaptation (`shoulda run vor`): a floccular module in closed loop with an eye,
 * trained by retinal slip that arrives 100 ms late. Default: gain-up (×2 spectacles) and
 * gain-down (×0.5) training for 60 min, then 60 min of head rotation in the dark; the VOR is
 * tested in the dark every 5 min (gain and phase).
 */
import { deepMerge, isPlainObject } from "../../model/merge.js";
import { parseWith } from "../../model/validate.js";
import { defineParadigm, type RunConfig } from "../types.js";
import { defineUnitRun, runUnits } from "../units.js";
import {
  VOR_LOOP_DEFAULTS,
  VOR_MODEL_DEFAULTS,
  type VorConfig as VorBase,
  vorRunSchema,
} from "./config.js";
import { gainsCsv, summarise, tracesCsv, vorPlots } from "./report.js";
import { startVor, stepVorUnit, type VorState, vorUnits } from "./simulate.js";

export type VorConfig = VorBase & RunConfig;

export function resolveVor(input: Record<string, unknown>): VorConfig {
  const model = deepMerge(VOR_MODEL_DEFAULTS, isPlainObject(input) ? input.model : undefined);
  const loop = deepMerge(VOR_LOOP_DEFAULTS, isPlainObject(input) ? input.loop : undefined);
  return parseWith(vorRunSchema, { paradigm: "vor", ...input, model, loop }, "") as VorConfig;
}

export const vor = defineParadigm<VorConfig>()({
  info: {
    id: "vor",
    title: "VOR gain adaptation",
    summary:
      "Head rotation + ×2 / ×0.5 optics → retinal slip 100 ms late → floccular learning of VOR gain.",
    citation:
      "Miles & Eighmy 1980, J Neurophysiol 43:1406; Raymond & Lisberger 1998, J Neurosci 18:9112; " +
      "Boyden & Raymond 2003, Neuron 39:1031; Cohen et al. 2004, Learn Mem 11:559.",
  },
  schema: vorRunSchema,
  resolve: resolveVor,

  checkpoints: true,
  checkpointUnit: "block",
  run: (config, hooks) => runUnits(vorRun, config, hooks),
});

/** A VOR run as units (a baseline test, each block of training + dark test, each end test). */
const vorRun = defineUnitRun<VorConfig, VorState>()({
  start: startVor,
  count: (_, config) => vorUnits(config).length,
  step(state, index, config, hooks) {
    const point = stepVorUnit(state, vorUnits(config)[index], config);
    if (point)
      hooks.onSample?.({
        panel: "VOR gain in the dark",
        xLabel: "training (min)",
        yLabel: "gain",
        x: point.minute,
        values: { [point.condition]: point.gain },
      });
  },
  async finish(state, config, started) {
    const { results } = state;
    const total = config.conditions.reduce(
      (s, c) => s + c.phases.reduce((t, p) => t + p.minutes, 0),
      0,
    );
    const steps = results.reduce((s, r) => s + r.steps, 0);
    return {
      summary: {
        paradigm: "vor" as const,
        seed: config.seed,
        steps,
        simulatedSeconds: (steps * config.model.dtMs) / 1000,
        realMinutesRepresented: total,
        wallSeconds: (Date.now() - started) / 1000,
        conditions: summarise(results),
      },
      files: [
        { name: "gains.csv", data: gainsCsv(results) },
        { name: "traces.csv", data: tracesCsv(results) },
        ...(await vorPlots(results, config)),
      ],
    };
  },
});
