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

/** A cortex-loop run as units of one condition each: `protocol.conditions`, in order. */
const cortexLoopRun = defineUnitRun<CortexLoopRunConfig, CortexLoopState>()({
  start: (config) => Object.fromEntries(config.protocol.conditions.map((c) => [c, undefined])),
  count: (_state, config) => config.protocol.conditions.length,
  step(state, index, config, hooks) {
    const condition = config.protocol.conditions[index];
    const onBlock = blockSamples(config, hooks, condition);
    state[condition] = runLoop(config, cortexLoopScene(config), condition, onBlock).run;
  },
  async finish(state, config, started) {
    const ran = (c: CortexCondition): LoopRun | undefined => {
      if (!config.protocol.conditions.includes(c)) return undefined;
      const r = state[c];
      if (!r) throw new Error(`cortex-loop: condition ${c} did not run`);
      return r;
    };
    const [learning, frozen, pulse, none] = CORTEX_CONDITIONS.map(ran);
    const any = learning ?? frozen ?? pulse ?? none;
    if (!any) throw new Error("cortex-loop: no condition ran");
    const blockS = config.protocol.durationS / config.protocol.blocks;
    const x = any.blockPower.map((_, i) => (i + 1) * blockS);
    // Only the conditions that ran get a line, a column or a summary entry.
    const line = (name: string, r: LoopRun | undefined, y: (r: LoopRun) => number[]) =>
      r ? [{ name, x, y: y(r) }] : [];
    const column = (name: string, r: LoopRun | undefined, y: (r: LoopRun) => number[]) =>
      r ? { [name]: y(r) } : {};
    const cancel = await linePlot({
      title: "Cancellation of lick sounds over one run (both learning from scratch)",
      xLabel: "time (s)",
      yLabel: "cancellation (dB)",
      series: [
        ...line("filter ⇄ learning cortex", learning, (r) => r.blockCancellationDb),
        ...line("filter ⇄ frozen cortex (= filter alone)", frozen, (r) => r.blockCancellationDb),
        ...line("content-free pulse at each cortical step", pulse, (r) => r.blockCancellationDb),
        ...line("filter alone", none, (r) => r.blockCancellationDb),
      ],
    });
    const power = await linePlot({
      title: "Power reaching the cortex and its prediction error",
      xLabel: "time (s)",
      yLabel: "mean u² per channel (window means for the cortex error)",
      series: [
        ...line("residual power, learning cortex", learning, (r) => r.blockPower),
        ...line("residual power, frozen cortex", frozen, (r) => r.blockPower),
        ...line("residual power, filter alone", none, (r) => r.blockPower),
        ...line("cortex prediction error ε, learning", learning, (r) => r.predictionError),
        ...line("cortex prediction error ε, frozen", frozen, (r) => r.predictionError),
      ],
    });
    const anomalySeries = [
      ...line("learning cortex", learning, (r) => r.anomaly),
      ...line("frozen cortex", frozen, (r) => r.anomaly),
    ];
    const anomaly =
      anomalySeries.length > 0
        ? await linePlot({
            title: "Cortex anomaly (fraction of active columns not predicted)",
            xLabel: "time (s)",
            yLabel: "anomaly",
            series: anomalySeries,
          })
        : null;
    const switchS = config.world.song.enabled ? config.world.song.switchAtS : 0;
    const lastDb = (r: LoopRun) => r.blockCancellationDb.at(-1) ?? Number.NaN;
    const tail = (r: LoopRun) => {
      const t = r.blockCancellationDb.slice(-4);
      return round(t.reduce((a, b) => a + b, 0) / t.length, 2);
    };
    /** The conditions that ran, in the usual order (the summary's key order). */
    const ranRuns: Partial<Record<CortexCondition, LoopRun>> = {};
    for (const [c, r] of Object.entries({ learning, frozen, pulse, none }))
      if (r) ranRuns[c as CortexCondition] = r;
    const finalCancellationDb = Object.fromEntries(
      Object.entries(ranRuns).map(([c, r]) => [c, tail(r)]),
    ) as Partial<Record<CortexCondition, number>>;
    /** tail(a) − tail(b) where both ran. */
    const gain = <K extends string>(name: K, a: LoopRun | undefined, b: LoopRun | undefined) =>
      (a && b ? { [name]: round(tail(a) - tail(b), 2) } : {}) as Partial<Record<K, number>>;
    return {
      summary: {
        paradigm: "cortex-loop" as const,
        seed: config.seed,
        ...(learning
          ? {
              converged:
                learning.lastBlocksSpreadDb < 2 &&
                lastDb(learning) > learning.blockCancellationDb[0],
              convergedRule:
                "last four blocks' lick-sound cancellation within 2 dB, and above the first block's",
            }
          : {}),
        songSwitchS: switchS,
        /** Mean cancellation of the last four blocks (dB) per condition. */
        finalCancellationDb,
        ...gain("frozenCostDb", learning, frozen),
        ...gain("cortexGainDb", learning, none),
        /** What the cortex's content adds beyond a content-free pulse with the same timing. */
        ...gain("contentGainDb", learning, pulse),
        ...ranRuns,
        wallSeconds: (Date.now() - started) / 1000,
      },
      files: [
        {
          name: "convergence.csv",
          data: toCsv({
            timeS: x,
            ...column("powerLearning", learning, (r) => r.blockPower),
            ...column("powerFrozen", frozen, (r) => r.blockPower),
            ...column("powerNone", none, (r) => r.blockPower),
            ...column("cancellationDbLearning", learning, (r) => r.blockCancellationDb),
            ...column("cancellationDbFrozen", frozen, (r) => r.blockCancellationDb),
            ...column("cancellationDbPulse", pulse, (r) => r.blockCancellationDb),
            ...column("cancellationDbNone", none, (r) => r.blockCancellationDb),
            ...column("cortexErrorLearning", learning, (r) => r.predictionError),
            ...column("cortexErrorFrozen", frozen, (r) => r.predictionError),
            ...column("anomalyLearning", learning, (r) => r.anomaly),
            ...column("anomalyFrozen", frozen, (r) => r.anomaly),
          }),
        },
        { name: "convergence.svg", data: power },
        { name: "cancellation-over-time.svg", data: cancel },
        ...(anomaly ? [{ name: "anomaly.svg", data: anomaly }] : []),
      ],
    };
  },
});
