/**
 * `shoulda run filter-vs-nlms`: the granule filter with the graded code against the linear NLMS
 * canceller, at several nonlinear, context-dependent lick-sound laws, over animals (issue #13
 * item 6). Writes per-law margins with 95 % CIs, per-animal scores and figures.
 */
import { toCsv } from "../../io/csv.js";
import { barPlot, groupCurvePlot, linePlot } from "../../io/plots.js";
import { mossyForWorld } from "../dcn/config.js";
import { resolveFilterParadigm } from "../dcn/index.js";
import { livePanel } from "../live.js";
import { defineParadigm, type RunConfig } from "../types.js";
import { defineUnitRun, runUnits } from "../units.js";
import {
  FILTER_VS_NLMS_MODEL_DEFAULTS,
  type FilterVsNlmsConfig,
  filterVsNlmsRunSchema,
} from "./config.js";
import { lawResult, type ScoredAnimal, scoreAnimal } from "./experiments.js";

export type FilterVsNlmsRunConfig = FilterVsNlmsConfig & RunConfig;

export const filterVsNlms = defineParadigm<FilterVsNlmsRunConfig>()({
  info: {
    id: "filter-vs-nlms",
    title: "Granule filter vs NLMS on nonlinear, context-dependent lick sounds",
    summary:
      "Graded granule code against a linear NLMS canceller at several sound laws (jaw·force², threshold, gated); margins with 95 % CIs over animals.",
    citation:
      "Singla et al. 2017, Nat Neurosci 20:943 (DCN cancels lick sounds); Widrow et al. 1975, Proc IEEE 63:1692 (NLMS); " +
      "van Kan, Gibson & Houk 1993, J Neurophysiol 69:74 (mossy fibres with staggered thresholds code limb position).",
  },
  schema: filterVsNlmsRunSchema,
  resolve(input) {
    // 16 fibres per context channel, also when chewing or head movement add channels.
    const world = (input as { world?: unknown } | undefined)?.world;
    return resolveFilterParadigm<FilterVsNlmsRunConfig>(
      filterVsNlmsRunSchema,
      "filter-vs-nlms",
      input,
      {},
      {
        ...FILTER_VS_NLMS_MODEL_DEFAULTS,
        mossy: { ...FILTER_VS_NLMS_MODEL_DEFAULTS.mossy, ...mossyForWorld(world) },
      },
    );
  },
  checkpoints: true,
  checkpointUnit: "animal",
  run: (config, hooks) => runUnits(filterVsNlmsRun, config, hooks),
});

/** One animal's filter − NLMS margin as animals.csv holds it (dB, 2 decimals). */
const marginDb = (a: Pick<ScoredAnimal, "filter" | "nlms">) =>
  Math.round((a.filter.cancellationDb - a.nlms.cancellationDb) * 100) / 100;

/** The animals scored so far, per law (laws outer, animals seed, seed + 1, … inner). */
interface FilterVsNlmsState {
  scores: ScoredAnimal[][];
}

/** A filter-vs-NLMS run as units of one animal under one law (both paths on its scenes). */
const filterVsNlmsRun = defineUnitRun<FilterVsNlmsRunConfig, FilterVsNlmsState>()({
  start: (config) => ({ scores: config.protocol.laws.map(() => []) }),
  count: (_, config) => config.protocol.laws.length * config.protocol.animals,
  step({ scores }, index, config, hooks) {
    const { laws, animals } = config.protocol;
    const law = Math.floor(index / animals);
    const seed = config.seed + (index % animals);
    const scored = scoreAnimal(config, laws[law], seed);
    scores[law].push(scored);
    livePanel(
      hooks,
      "Filter − NLMS, animal by animal",
      "animal (seed)",
      "filter − NLMS (dB)",
    )(seed, { [laws[law].kind]: marginDb(scored) });
  },
  async finish(state, config, started) {
    const laws = config.protocol.laws.map((law, i) => lawResult(law, state.scores[i]));
    const names = laws.map((l) => l.law.kind);
    const rows = laws.flatMap((l) =>
      l.animals.map((a) => ({
        law: l.law.kind,
        seed: a.seed,
        filterDb: a.filter.cancellationDb,
        nlmsDb: a.nlms.cancellationDb,
        marginDb: marginDb(a),
        filterPassThroughDb: a.filter.passThroughDb,
        nlmsPassThroughDb: a.nlms.passThroughDb,
        filterExternalPowerDb: a.filter.externalPowerDb,
        nlmsExternalPowerDb: a.nlms.externalPowerDb,
      })),
    );
    const margins = await groupCurvePlot({
      title: "Granule filter − NLMS cancellation per animal (mean ± 95 % CI as band)",
      xLabel: `sound law (${names.map((n, i) => `${i + 1} = ${n}`).join(", ")})`,
      yLabel: "filter − NLMS (dB)",
      groups: [
        {
          name: "margin (mean, ± half CI)",
          x: names.map((_, i) => i + 1),
          mean: laws.map((l) => l.marginDb.mean),
          sem: laws.map((l) => (l.marginDb.high - l.marginDb.low) / 2),
        },
      ],
      animals: config.protocol.animals
        ? Array.from({ length: config.protocol.animals }, (_, a) => ({
            group: "margin (mean, ± half CI)",
            id: String(config.seed + a),
            x: names.map((_, i) => i + 1),
            y: laws.map(
              (l) => l.animals[a].filter.cancellationDb - l.animals[a].nlms.cancellationDb,
            ),
          }))
        : [],
    });
    const bars = await barPlot({
      title: "Cancellation of lick sounds (test, learning on; mean over animals)",
      xLabel: "sound law · path",
      yLabel: "cancellation (dB)",
      categories: laws.flatMap((l) => [`${l.law.kind} filter`, `${l.law.kind} NLMS`]),
      values: laws.flatMap((l) => [l.filterDb.mean, l.nlmsDb.mean]),
    });
    const blockS = config.protocol.trainS / 10;
    const curves = await linePlot({
      title: "Cancellation while learning (training, mean over animals)",
      xLabel: "training time (s)",
      yLabel: "cancellation (dB)",
      series: laws.flatMap((l) => {
        const x = l.curve.filter.map((_, b) => (b + 1) * blockS);
        return [
          { name: `${l.law.kind}: granule filter`, x, y: l.curve.filter },
          { name: `${l.law.kind}: NLMS`, x, y: l.curve.nlms },
        ];
      }),
    });
    return {
      summary: {
        paradigm: "filter-vs-nlms" as const,
        seeds: Array.from({ length: config.protocol.animals }, (_, a) => config.seed + a),
        code: {
          granuleOutput: config.model.granule.output,
          mossyEncoding: config.model.mossy.encoding,
        },
        laws: laws.map((l) => ({
          law: l.law,
          marginDb: l.marginDb,
          filterDb: l.filterDb,
          nlmsDb: l.nlmsDb,
          filterPassThroughDb: l.filterPassThroughDb,
          nlmsPassThroughDb: l.nlmsPassThroughDb,
          learningCurveDb: l.curve,
        })),
        wallSeconds: (Date.now() - started) / 1000,
      },
      files: [
        {
          name: "animals.csv",
          data: toCsv(
            Object.fromEntries(
              Object.keys(rows[0] ?? {}).map((k) => [
                k,
                rows.map((r) => r[k as keyof (typeof rows)[number]]),
              ]),
            ),
          ),
        },
        { name: "margins.svg", data: margins },
        { name: "cancellation.svg", data: bars },
        { name: "learning.svg", data: curves },
      ],
    };
  },
});
