/**
 * `shoulda run dcn`: the dorsal cochlear nucleus as a cerebellum-like filter that cancels the
 * sounds of the mouse's own licking (Singla et al. 2017), with a VCN-like path without
 * plasticity and a linear NLMS canceller on the same scenes.
 */
import { FILTER_ENGINE_DEFAULTS } from "../../brain/filter.js";
import { deepMerge, isPlainObject, withSectionDefaults } from "../../model/merge.js";
import { parseWith } from "../../model/validate.js";
import { round } from "../filter/common.js";
import { livePanel } from "../live.js";
import { defineParadigm, type RunConfig, type RunHooks } from "../types.js";
import { defineUnitRun, runUnits } from "../units.js";
import {
  type DcnConfig,
  dcnRunSchema,
  dcnWorldDefaults,
  FILTER_MODEL_DEFAULTS,
  mossyForWorld,
} from "./config.js";
import {
  dcnMain,
  dcnPairing,
  dcnSpecificity,
  type MainResult,
  type PairingResult,
  type PathMetrics,
  type SpecificityResult,
} from "./experiments.js";
import { dcnFiles } from "./report.js";

export type DcnRunConfig = DcnConfig & RunConfig;

function comparisonOf(m: PathMetrics) {
  return {
    cancellationDb: m.cancellationDb,
    chewCancellationDb: m.chewCancellationDb,
    headCancellationDb: m.headCancellationDb,
    passThroughDb: m.passThroughDb,
  };
}

/** Fill the filter and DCN defaults under the user's model / world / filter settings, then validate. */
export function resolveFilterParadigm<T>(
  schema: Parameters<typeof parseWith>[0],
  paradigm: string,
  input: Record<string, unknown>,
  worldDefaults: Record<string, unknown>,
  modelDefaults: Record<string, unknown> = FILTER_MODEL_DEFAULTS,
): T {
  const withDefaults = withSectionDefaults(input, {
    model: deepMerge(FILTER_ENGINE_DEFAULTS, modelDefaults),
    world: worldDefaults,
    filter: { restingInput: 0.5 },
  });
  return parseWith(schema, { ...withDefaults, paradigm }, "") as T;
}

export const dcn = defineParadigm<DcnRunConfig>()({
  info: {
    id: "dcn",
    title: "Dorsal cochlear nucleus: cancelling the sounds of licking",
    summary:
      "A licking mouse: lick sounds cancelled by a cerebellum-like filter, external sounds passed; NLMS baseline.",
    citation:
      "Singla, Dempsey, Warren, Enikolopov & Sawtell 2017, Nat Neurosci 20:943 (DCN cancels self-generated sounds); " +
      "Widrow et al. 1975, Proc IEEE 63:1692 (adaptive noise cancelling, the NLMS baseline).",
  },
  schema: dcnRunSchema,
  resolve(input) {
    const world = deepMerge(dcnWorldDefaults, isPlainObject(input) ? input.world : undefined);
    const mossy = mossyForWorld(world);
    // A mossy count too small for the world's context channels (e.g. a resolved config with head
    // movement switched on by --set) is raised to 16 fibres per channel; a larger one is kept.
    const given = (input?.model as { mossy?: { count?: unknown } } | undefined)?.mossy?.count;
    const raised =
      typeof given === "number" && given < mossy.count
        ? { ...input, model: deepMerge(input.model, { mossy: { count: mossy.count } }) }
        : input;
    return resolveFilterParadigm<DcnRunConfig>(dcnRunSchema, "dcn", raised, dcnWorldDefaults, {
      ...FILTER_MODEL_DEFAULTS,
      mossy,
    });
  },
  checkpoints: true,
  checkpointUnit: "experiment",
  run: (config, hooks) => runUnits(dcnRun, config, hooks),
});

/** The DCN run's experiments, each from a naive filter; a checkpoint holds those finished. */
interface DcnState {
  main?: MainResult;
  paired?: PairingResult;
  unpaired?: PairingResult;
  specificity?: SpecificityResult;
}

const DCN_UNITS: ((state: DcnState, config: DcnRunConfig, hooks: RunHooks) => void)[] = [
  (state, config, hooks) => {
    const curve = livePanel(
      hooks,
      "Self-generated sounds cancelled over training",
      "training (s)",
      "cancellation (dB)",
    );
    const name = { filter: "granule filter", nlms: "NLMS" } as const;
    state.main = dcnMain(config, undefined, (p) =>
      curve(p.timeS, {
        [`${name[p.canceller]}: lick`]: p.lickDb,
        ...(p.chewDb === null ? {} : { [`${name[p.canceller]}: chew`]: p.chewDb }),
      }),
    );
  },
  (state, config) => {
    state.paired = dcnPairing(config, "paired");
  },
  (state, config) => {
    state.unpaired = dcnPairing(config, "unpaired");
  },
  (state, config) => {
    state.specificity = dcnSpecificity(config);
  },
];

const done = <T>(x: T | undefined): T => {
  if (x === undefined) throw new Error("dcn: an experiment did not run");
  return x;
};

/** A DCN run as units of one experiment: the main comparison, paired, unpaired, specificity. */
const dcnRun = defineUnitRun<DcnRunConfig, DcnState>()({
  start: () => ({
    main: undefined,
    paired: undefined,
    unpaired: undefined,
    specificity: undefined,
  }),
  count: () => DCN_UNITS.length,
  step: (state, index, config, hooks) => DCN_UNITS[index](state, config, hooks),
  async finish(state, config, started) {
    const main = done(state.main);
    const paired = done(state.paired);
    const unpaired = done(state.unpaired);
    const specificity = done(state.specificity);
    const summary = {
      paradigm: "dcn" as const,
      seed: config.seed,
      dtMs: config.model.dtMs,
      comparison: {
        note:
          "cancellation (dB) of self-generated sounds — cancellationDb: lick sounds, chewCancellationDb: chewing " +
          "sounds, headCancellationDb: head-movement rustle (null when off) — and pass-through (dB) of external " +
          "sounds; test period, learning on",
        filter: comparisonOf(main.dcn),
        nlms: comparisonOf(main.nlms),
        vcnNoPlasticity: comparisonOf(main.vcn),
        filterMinusNlmsDb: {
          lick: round(main.dcn.cancellationDb - main.nlms.cancellationDb, 2),
          chew:
            main.dcn.chewCancellationDb === null || main.nlms.chewCancellationDb === null
              ? null
              : round(main.dcn.chewCancellationDb - main.nlms.chewCancellationDb, 2),
        },
      },
      dcn: main.dcn,
      vcn: main.vcn,
      nlms: main.nlms,
      learningCurveDb: main.learningCurve,
      deafened: main.deafened,
      pairing: { paired, unpaired },
      specificity,
      wallSeconds: (Date.now() - started) / 1000,
    };
    return { summary, files: await dcnFiles(main, paired, unpaired, config.model.dtMs) };
  },
});
