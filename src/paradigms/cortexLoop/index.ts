/**
 * `shoulda run cortex-loop`: the input filter and a small self-supervised cortex in a closed
 * loop (the cortex's state is part of the filter's context), both learning all the time.
 */

import { toCsv } from "../../io/csv.js";
import { linePlot } from "../../io/plots.js";
import { deepMerge } from "../../model/merge.js";
import { FILTER_MODEL_DEFAULTS } from "../dcn/config.js";
import { resolveFilterParadigm } from "../dcn/index.js";
import { round } from "../filter/common.js";
import { livePanel } from "../live.js";
import { defineParadigm, type RunConfig, type RunHooks } from "../types.js";
import { defineUnitRun, runUnits } from "../units.js";
import type { BlockMeasure } from "./blocks.js";
import {
  CORTEX_LOOP_MODEL_DEFAULTS,
  CORTEX_LOOP_WORLD_DEFAULTS,
  type CortexLoopConfig,
  cortexLoopRunSchema,
} from "./config.js";
import {
  CORTEX_CONDITIONS,
  type CortexCondition,
  cortexLoopScene,
  type LoopRun,
  runLoop,
} from "./experiments.js";

/** Line names of the live curves; a condition missing from a panel is not in its table. */
const LINE: Record<CortexCondition, string> = {
  learning: "learning cortex",
  frozen: "frozen cortex",
  pulse: "content-free pulse",
  none: "filter alone",
};

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
      CORTEX_LOOP_WORLD_DEFAULTS,
      deepMerge(FILTER_MODEL_DEFAULTS, CORTEX_LOOP_MODEL_DEFAULTS) as Record<string, unknown>,
    );
  },
  checkpoints: true,
  checkpointUnit: "condition",
  run: (config, hooks) => runUnits(cortexLoopRun, config, hooks),
});

/** The conditions run so far, each a naive filter and cortex on the same scene. */
type CortexLoopState = Partial<Record<CortexCondition, LoopRun>>;

/** One condition's live block curves (panels hold no state: rebuilt per unit). */
function blockSamples(config: CortexLoopRunConfig, hooks: RunHooks, condition: CortexCondition) {
  const blockS = config.protocol.durationS / config.protocol.blocks;
  const xLabel = "time (s)";
  const cancelCurve = livePanel(hooks, "Lick sounds cancelled", xLabel, "cancellation (dB)");
  const powerCurve = livePanel(hooks, "Power reaching the cortex", xLabel, "mean u² per channel");
  const errorCurve = livePanel(hooks, "Cortex prediction error", xLabel, "ε (window mean)");
  const line = LINE[condition];
  return (b: number, m: BlockMeasure) => {
    const x = (b + 1) * blockS;
    cancelCurve(x, { [line]: m.cancellationDb });
    if (condition !== "pulse") powerCurve(x, { [line]: m.power });
    if (condition === "learning" || condition === "frozen")
      errorCurve(x, { [line]: m.predictionError });
  };
}

/** A cortex-loop run as units of one condition: learning, frozen, pulse, none. */
const cortexLoopRun = defineUnitRun<CortexLoopRunConfig, CortexLoopState>()({
  start: () => Object.fromEntries(CORTEX_CONDITIONS.map((c) => [c, undefined])),
  count: () => CORTEX_CONDITIONS.length,
  step(state, index, config, hooks) {
    const condition = CORTEX_CONDITIONS[index];
    const onBlock = blockSamples(config, hooks, condition);
    state[condition] = runLoop(config, cortexLoopScene(config), condition, onBlock).run;
  },
  async finish(state, config, started) {
    const ran = (c: CortexCondition): LoopRun => {
      const r = state[c];
      if (!r) throw new Error(`cortex-loop: condition ${c} did not run`);
      return r;
    };
    const [learning, frozen, pulse, none] = CORTEX_CONDITIONS.map(ran);
    const blockS = config.protocol.durationS / config.protocol.blocks;
    const x = learning.blockPower.map((_, i) => (i + 1) * blockS);
    const cancel = await linePlot({
      title: "Cancellation of lick sounds over one run (both learning from scratch)",
      xLabel: "time (s)",
      yLabel: "cancellation (dB)",
      series: [
        { name: "filter ⇄ learning cortex", x, y: learning.blockCancellationDb },
        { name: "filter ⇄ frozen cortex (= filter alone)", x, y: frozen.blockCancellationDb },
        { name: "content-free pulse at each cortical step", x, y: pulse.blockCancellationDb },
        { name: "filter alone", x, y: none.blockCancellationDb },
      ],
    });
    const power = await linePlot({
      title: "Power reaching the cortex and its prediction error",
      xLabel: "time (s)",
      yLabel: "mean u² per channel (window means for the cortex error)",
      series: [
        { name: "residual power, learning cortex", x, y: learning.blockPower },
        { name: "residual power, frozen cortex", x, y: frozen.blockPower },
        { name: "residual power, filter alone", x, y: none.blockPower },
        { name: "cortex prediction error ε, learning", x, y: learning.predictionError },
        { name: "cortex prediction error ε, frozen", x, y: frozen.predictionError },
      ],
    });
    const anomaly = await linePlot({
      title: "Cortex anomaly (fraction of active columns not predicted)",
      xLabel: "time (s)",
      yLabel: "anomaly",
      series: [
        { name: "learning cortex", x, y: learning.anomaly },
        { name: "frozen cortex", x, y: frozen.anomaly },
      ],
    });
    const switchS = config.world.song.enabled ? config.world.song.switchAtS : 0;
    const lastDb = (r: LoopRun) => r.blockCancellationDb.at(-1) ?? Number.NaN;
    const tail = (r: LoopRun) => {
      const t = r.blockCancellationDb.slice(-4);
      return round(t.reduce((a, b) => a + b, 0) / t.length, 2);
    };
    return {
      summary: {
        paradigm: "cortex-loop" as const,
        seed: config.seed,
        converged:
          learning.lastBlocksSpreadDb < 2 && lastDb(learning) > learning.blockCancellationDb[0],
        convergedRule:
          "last four blocks' lick-sound cancellation within 2 dB, and above the first block's",
        songSwitchS: switchS,
        /** Mean cancellation of the last four blocks (dB) per condition. */
        finalCancellationDb: {
          learning: tail(learning),
          frozen: tail(frozen),
          pulse: tail(pulse),
          none: tail(none),
        },
        frozenCostDb: round(tail(learning) - tail(frozen), 2),
        cortexGainDb: round(tail(learning) - tail(none), 2),
        /** What the cortex's content adds beyond a content-free pulse with the same timing. */
        contentGainDb: round(tail(learning) - tail(pulse), 2),
        learning,
        frozen,
        pulse,
        none,
        wallSeconds: (Date.now() - started) / 1000,
      },
      files: [
        {
          name: "convergence.csv",
          data: toCsv({
            timeS: x,
            powerLearning: learning.blockPower,
            powerFrozen: frozen.blockPower,
            powerNone: none.blockPower,
            cancellationDbLearning: learning.blockCancellationDb,
            cancellationDbFrozen: frozen.blockCancellationDb,
            cancellationDbPulse: pulse.blockCancellationDb,
            cancellationDbNone: none.blockCancellationDb,
            cortexErrorLearning: learning.predictionError,
            cortexErrorFrozen: frozen.predictionError,
            anomalyLearning: learning.anomaly,
            anomalyFrozen: frozen.anomaly,
          }),
        },
        { name: "convergence.svg", data: power },
        { name: "cancellation-over-time.svg", data: cancel },
        { name: "anomaly.svg", data: anomaly },
      ],
    };
  },
});
