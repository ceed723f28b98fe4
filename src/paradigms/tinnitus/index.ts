/**
 * `shoulda run tinnitus`: hearing loss after the filter has learned to cancel lick sounds.
 * MODEL PREDICTION, NOT VALIDATION: no published experiment tests this mechanism directly
 * (literature.md §4.2, "Tinnitus as failed cancellation").
 */
import { toCsv } from "../../io/csv.js";
import { linePlot } from "../../io/plots.js";
import { resolveFilterParadigm } from "../dcn/index.js";
import { defineParadigm, type RunConfig } from "../types.js";
import { defineUnitRun, runUnits } from "../units.js";
import { type TinnitusConfig, tinnitusRunSchema } from "./config.js";
import { type TinnitusRun, tinnitusRun } from "./experiments.js";

export type TinnitusRunConfig = TinnitusConfig & RunConfig;

export const LABEL =
  "MODEL PREDICTION — not a validated result (no experiment tests tinnitus as failed DCN cancellation)";

export const tinnitus = defineParadigm<TinnitusRunConfig>()({
  info: {
    id: "tinnitus",
    title: "Tinnitus as a failed cancellation (model prediction)",
    summary:
      "Hearing loss after learning: the negative image of lick sounds remains as a jaw-locked phantom. A prediction, not validation.",
    citation:
      "Prediction of the seed theory; related: Koehler & Shore 2013 (PLoS ONE 8:e59828; J Neurosci 33:19647), " +
      "Roberts et al. 2010 (J Neurosci 30:14972), Sedley et al. 2016 (Trends Neurosci 39:799).",
  },
  schema: tinnitusRunSchema,
  resolve(input) {
    return resolveFilterParadigm<TinnitusRunConfig>(tinnitusRunSchema, "tinnitus", input, {});
  },
  checkpoints: true,
  checkpointUnit: "animal",
  run: (config, hooks) => runUnits(tinnitusUnits, config, hooks),
});

/** The runs finished: plain, then (with homeostasis) the homeostatic one, each from a naive filter. */
interface TinnitusState {
  plain?: TinnitusRun;
  homeostatic?: TinnitusRun;
}

/** A tinnitus run as units of one animal: learning only, then with the homeostatic gain. */
const tinnitusUnits = defineUnitRun<TinnitusRunConfig, TinnitusState>()({
  start: () => ({ plain: undefined, homeostatic: undefined }),
  count: (_, config) => (config.protocol.homeostasis ? 2 : 1),
  step(state, index, config) {
    if (index === 0) state.plain = tinnitusRun(config, false);
    else state.homeostatic = tinnitusRun(config, true);
  },
  async finish(state, config, started) {
    const plain = state.plain;
    if (!plain) throw new Error("tinnitus: the run did not happen");
    const homeostatic = state.homeostatic ?? null;
    const t = plain.traces;
    const traces = await linePlot({
      title: `Lost channels, lick-locked (${LABEL.split(" —")[0]})`,
      xLabel: "time after lick command (ms)",
      yLabel: "deviation (channel mean)",
      series: [
        { name: "lick sound before the loss", x: t.timeMs, y: t.sound },
        { name: "output right after the loss (phantom)", x: t.timeMs, y: t.phantom },
        { name: "output in the last block", x: t.timeMs, y: t.lastBlock },
      ],
    });
    const blockS = config.protocol.afterS / config.protocol.blocks;
    const x = plain.blocks.map((_, i) => (i + 1) * blockS);
    const course = await linePlot({
      title: "Phantom after hearing loss, with continued learning (model prediction)",
      xLabel: "time after the loss (s)",
      yLabel: "phantom index (RMS / pre-loss sound RMS)",
      series: [
        { name: "learning on", x, y: plain.blocks.map((b) => b.phantomIndex) },
        ...(homeostatic
          ? [
              {
                name: "learning on + homeostatic gain",
                x,
                y: homeostatic.blocks.map((b) => b.phantomIndex),
              },
            ]
          : []),
      ],
    });
    return {
      summary: {
        paradigm: "tinnitus" as const,
        label: LABEL,
        modelPrediction: true,
        seed: config.seed,
        lostChannels: config.protocol.lostChannels,
        lossGain: config.protocol.lossGain,
        plain: { before: plain.before, blocks: plain.blocks },
        homeostatic: homeostatic
          ? { before: homeostatic.before, blocks: homeostatic.blocks }
          : null,
        wallSeconds: (Date.now() - started) / 1000,
      },
      files: [
        { name: "phantom.csv", data: toCsv(t) },
        { name: "phantom.svg", data: traces },
        { name: "phantom-over-time.svg", data: course },
      ],
    };
  },
});
