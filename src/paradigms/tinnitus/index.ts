/**
 * `shoulda run tinnitus`: hearing loss after the filter has learned to cancel lick sounds.
 * MODEL PREDICTION, NOT VALIDATION: no published experiment tests this mechanism directly
 * (literature.md §4.2, "Tinnitus as failed cancellation").
 */
import { mean } from "../../analysis/stats.js";
import { toCsv } from "../../io/csv.js";
import { barPlot, linePlot } from "../../io/plots.js";
import { resolveFilterParadigm } from "../dcn/index.js";
import { livePanel } from "../live.js";
import { defineParadigm, type RunConfig, type RunHooks } from "../types.js";
import { defineUnitRun, runUnits } from "../units.js";
import { type TinnitusConfig, tinnitusRunSchema } from "./config.js";
import { type TinnitusBlock, type TinnitusRun, tinnitusRun } from "./experiments.js";
import {
  HYPERACTIVITY_GROUPS,
  type HyperactivityGroup,
  type HyperactivityScore,
  hyperactivityAnimal,
} from "./hyperactivity.js";
import { THERAPY_GROUPS, type TherapyGroup, type TherapyScore, therapyAnimal } from "./therapy.js";

/** Each group's empty list of scores over animals (filled by the units). */
const emptyGroups = <G extends string, S>(groups: readonly G[]): Record<G, S[]> =>
  Object.fromEntries(groups.map((g) => [g, []])) as unknown as Record<G, S[]>;

export type TinnitusRunConfig = TinnitusConfig & RunConfig;

export const LABEL =
  "MODEL PREDICTION — not a validated result (no experiment tests tinnitus as failed DCN cancellation)";

const PLAIN = "learning on";
const HOMEOSTATIC = "learning on + homeostatic gain";

/** Every post-loss block's measures, one row per block and condition. */
function blocksCsv(blockS: number, runs: [string, TinnitusBlock[]][]): string {
  const rows = runs.flatMap(([condition, blocks]) =>
    blocks.map((b, i) => ({ condition, timeS: (i + 1) * blockS, ...b })),
  );
  const col = <K extends keyof (typeof rows)[number]>(k: K) => rows.map((r) => r[k]);
  return toCsv({
    condition: col("condition"),
    timeS: col("timeS"),
    centralGain: col("centralGain"),
    phantomIndex: col("phantomIndex"),
    imageCorrelation: col("imageCorrelation"),
    jawModulation: col("jawModulation"),
    spontaneousSd: col("spontaneousSd"),
  });
}

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

/**
 * The runs finished: plain, then (with homeostasis) the homeostatic one, each from a naive
 * filter; then the hyperactivity and therapy groups' animals (seed, seed + 1, … per group).
 */
interface TinnitusState {
  plain?: TinnitusRun;
  homeostatic?: TinnitusRun;
  hyperactivity: Record<HyperactivityGroup, HyperactivityScore[]>;
  therapy: Record<TherapyGroup, TherapyScore[]>;
}

/** The post-loss block curves, one line per run (panels hold no state: rebuilt per unit). */
function blockSamples(config: TinnitusRunConfig, hooks: RunHooks, line: string) {
  const blockS = config.protocol.afterS / config.protocol.blocks;
  const phantomCurve = livePanel(
    hooks,
    "Phantom after hearing loss (model prediction)",
    "time after the loss (s)",
    "phantom index",
  );
  const spontaneousCurve = livePanel(
    hooks,
    "Spontaneous activity in the lost channels",
    "time after the loss (s)",
    "SD of u between sounds",
  );
  return (b: number, block: TinnitusBlock) => {
    phantomCurve((b + 1) * blockS, { [line]: block.phantomIndex });
    spontaneousCurve((b + 1) * blockS, { [line]: block.spontaneousSd });
  };
}

const runCount = (config: TinnitusRunConfig) => (config.protocol.homeostasis ? 2 : 1);
const hyperCount = (config: TinnitusRunConfig) =>
  HYPERACTIVITY_GROUPS.length * config.protocol.hyperactivity.animals;

/**
 * A tinnitus run as units of one animal: learning only, then with the homeostatic gain, then
 * each hyperactivity group's animals, then each therapy group's (groups outer, animals inner).
 */
const tinnitusUnits = defineUnitRun<TinnitusRunConfig, TinnitusState>()({
  start: () => ({
    plain: undefined,
    homeostatic: undefined,
    hyperactivity: emptyGroups<HyperactivityGroup, HyperactivityScore>(HYPERACTIVITY_GROUPS),
    therapy: emptyGroups<TherapyGroup, TherapyScore>(THERAPY_GROUPS),
  }),
  count: (_, config) =>
    runCount(config) + hyperCount(config) + THERAPY_GROUPS.length * config.protocol.therapy.animals,
  step(state, index, config, hooks) {
    if (index === 0) state.plain = tinnitusRun(config, false, blockSamples(config, hooks, PLAIN));
    else if (index < runCount(config))
      state.homeostatic = tinnitusRun(config, true, blockSamples(config, hooks, HOMEOSTATIC));
    else if (index < runCount(config) + hyperCount(config)) {
      const i = index - runCount(config);
      const animals = config.protocol.hyperactivity.animals;
      const group = HYPERACTIVITY_GROUPS[Math.floor(i / animals)];
      state.hyperactivity[group].push(
        hyperactivityAnimal(config, group, config.seed + (i % animals)),
      );
    } else {
      const i = index - runCount(config) - hyperCount(config);
      const animals = config.protocol.therapy.animals;
      const group = THERAPY_GROUPS[Math.floor(i / animals)];
      state.therapy[group].push(therapyAnimal(config, group, config.seed + (i % animals)));
    }
  },
  async finish(state, config, started) {
    const plain = state.plain;
    if (!plain) throw new Error("tinnitus: the run did not happen");
    const homeostatic = state.homeostatic ?? null;
    const blockS = config.protocol.afterS / config.protocol.blocks;
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
    const x = plain.blocks.map((_, i) => (i + 1) * blockS);
    const course = await linePlot({
      title: "Phantom after hearing loss, with continued learning (model prediction)",
      xLabel: "time after the loss (s)",
      yLabel: "phantom index (RMS / pre-loss sound RMS)",
      series: [
        { name: PLAIN, x, y: plain.blocks.map((b) => b.phantomIndex) },
        ...(homeostatic
          ? [
              {
                name: HOMEOSTATIC,
                x,
                y: homeostatic.blocks.map((b) => b.phantomIndex),
              },
            ]
          : []),
      ],
    });
    const conditions: [string, TinnitusBlock[]][] = [[PLAIN, plain.blocks]];
    if (homeostatic) conditions.push([HOMEOSTATIC, homeostatic.blocks]);
    const h = config.protocol.hyperactivity;
    const hyper = h.animals > 0 ? state.hyperactivity : null;
    const th = config.protocol.therapy;
    const therapy = th.animals > 0 ? state.therapy : null;
    const extra = [];
    if (hyper) {
      const groups = HYPERACTIVITY_GROUPS;
      extra.push({
        name: "hyperactivity.svg",
        data: await barPlot({
          title: `Lost channels in silence after the loss, mean of ${h.animals} animals (D4; model check)`,
          xLabel: "group · measure",
          yLabel: "value",
          categories: groups.flatMap((g) => [`${g} SFR − 1`, `${g} synchrony`]),
          values: groups.flatMap((g) => [
            mean(hyper[g].map((s) => s.spontaneousRate)) - 1,
            mean(hyper[g].map((s) => s.synchrony)),
          ]),
        }),
      });
    }
    if (therapy) {
      extra.push({
        name: "therapy.svg",
        data: await barPlot({
          title: `Phantom after ${th.therapyS} s of stimulation, mean of ${th.animals} animals (D5; ${LABEL.split(" —")[0]})`,
          xLabel: "stimulation",
          yLabel: "phantom index (frozen test)",
          categories: [...THERAPY_GROUPS],
          values: THERAPY_GROUPS.map((g) => mean(therapy[g].map((s) => s.phantomAfter))),
        }),
      });
    }
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
        hyperactivity: hyper,
        therapy: therapy,
        wallSeconds: (Date.now() - started) / 1000,
      },
      files: [
        { name: "phantom.csv", data: toCsv(t) },
        { name: "phantom.svg", data: traces },
        {
          name: "phantom-over-time.csv",
          data: blocksCsv(blockS, conditions),
        },
        { name: "phantom-over-time.svg", data: course },
        ...extra,
      ],
    };
  },
});
