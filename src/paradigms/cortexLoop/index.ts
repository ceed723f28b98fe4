/**
 * `shoulda run cortex-loop`: the input filter and a small self-supervised cortex in a closed
 * loop (the cortex's state is part of the filter's context), both learning all the time.
 */

import { toCsv } from "../../io/csv.js";
import { linePlot } from "../../io/plots.js";
import { deepMerge } from "../../model/merge.js";
import { FILTER_MODEL_DEFAULTS } from "../dcn/config.js";
import { resolveFilterParadigm } from "../dcn/index.js";
import { defineParadigm, type RunConfig, type RunHooks } from "../types.js";
import {
  CORTEX_LOOP_MODEL_DEFAULTS,
  type CortexLoopConfig,
  cortexLoopRunSchema,
} from "./config.js";
import { cortexLoop } from "./experiments.js";

export type CortexLoopRunConfig = CortexLoopConfig & RunConfig;

export const cortexLoopParadigm = defineParadigm<CortexLoopRunConfig>()({
  info: {
    id: "cortex-loop",
    title: "Filter ⇄ cortex closed loop",
    summary:
      "The DCN-like filter and a self-supervised cortex feed each other; does the pair settle while both learn?",
    citation:
      "Supervised learning in the brain, part 4: compression / filtering (the seed's blog post); " +
      "negative images as adaptive filters: Roberts & Portfors 2008, Biol Cybern 98:491.",
  },
  schema: cortexLoopRunSchema,
  resolve(input) {
    return resolveFilterParadigm<CortexLoopRunConfig>(
      cortexLoopRunSchema,
      "cortex-loop",
      input,
      {},
      deepMerge(FILTER_MODEL_DEFAULTS, CORTEX_LOOP_MODEL_DEFAULTS) as Record<string, unknown>,
    );
  },
  async run(config, hooks: RunHooks = {}) {
    const started = Date.now();
    hooks.onProgress?.(0, 1);
    const { loop, control } = cortexLoop(config);
    hooks.onProgress?.(1, 1);
    const blockS = config.protocol.durationS / config.protocol.blocks;
    const x = loop.blockPower.map((_, i) => (i + 1) * blockS);
    const cancel = await linePlot({
      title: "Cancellation of lick sounds over time (both learning)",
      xLabel: "time (s)",
      yLabel: "cancellation (dB)",
      series: [
        { name: "filter ⇄ cortex loop", x, y: loop.blockCancellationDb },
        { name: "filter alone", x, y: control.blockCancellationDb },
      ],
    });
    const power = await linePlot({
      title: "Residual power reaching cortex (both learning)",
      xLabel: "time (s)",
      yLabel: "mean u² per channel",
      series: [
        { name: "filter ⇄ cortex loop", x, y: loop.blockPower },
        { name: "filter alone", x, y: control.blockPower },
        { name: "cortex next-input prediction error", x, y: loop.predictionError },
      ],
    });
    return {
      summary: {
        paradigm: "cortex-loop" as const,
        seed: config.seed,
        converged:
          loop.lastBlocksSpreadDb < 2 &&
          loop.blockCancellationDb[loop.blockCancellationDb.length - 1] >
            loop.blockCancellationDb[0],
        convergedRule:
          "last four blocks' lick-sound cancellation within 2 dB, and above the first block's",
        loop,
        control,
        wallSeconds: (Date.now() - started) / 1000,
      },
      files: [
        {
          name: "convergence.csv",
          data: toCsv({
            timeS: x,
            loopPower: loop.blockPower,
            filterAlonePower: control.blockPower,
            cortexPredictionError: loop.predictionError,
          }),
        },
        { name: "convergence.svg", data: power },
        { name: "cancellation-over-time.svg", data: cancel },
      ],
    };
  },
});
