/**
 * `shoulda run ell`: the mormyrid electrosensory lobe as a cerebellum-like filter: negative
 * images of command-locked input (Bell 1981), their time course and delay range, the granule
 * temporal basis (Kennedy et al. 2014), prey detection (Enikolopov et al. 2018) and additive
 * context channels (Bodznick et al. 1999).
 */

import { resolveFilterParadigm } from "../dcn/index.js";
import { round } from "../filter/common.js";
import { livePanel } from "../live.js";
import { defineParadigm, type RunConfig, type RunHooks } from "../types.js";
import { defineUnitRun, runUnits } from "../units.js";
import {
  ELL_MODEL_DEFAULTS,
  type EllConfig,
  effectiveEllConfig,
  ellRunSchema,
  ellWorldDefaults,
} from "./config.js";
import {
  ellAdditivity,
  ellDetection,
  ellNegativeImage,
  ellTemporalBasis,
  ellTimeCourse,
} from "./experiments.js";
import { ellFiles } from "./report.js";

export type EllRunConfig = EllConfig & RunConfig;

export const ell = defineParadigm<EllRunConfig>()({
  info: {
    id: "ell",
    title: "Electrosensory lobe: negative images of self-generated input",
    summary:
      "An electric fish: the EOD command's reafference cancelled by a learned negative image; prey detection.",
    citation:
      "Bell 1981, Science 214:450; Bell 1982, J Neurophysiol 47:1202; Kennedy et al. 2014, Nat Neurosci 17:416; " +
      "Enikolopov, Abbott & Sawtell 2018, Neuron 99:135; Bodznick, Montgomery & Carey 1999, J Exp Biol 202:1357.",
  },
  schema: ellRunSchema,
  resolve(input) {
    return resolveFilterParadigm<EllRunConfig>(
      ellRunSchema,
      "ell",
      input,
      ellWorldDefaults,
      ELL_MODEL_DEFAULTS,
    );
  },
  checkpoints: true,
  checkpointUnit: "experiment",
  run: (config, hooks) => runUnits(ellRun, config, hooks),
});

/** The ELL run's experiments, each from a naive module; a checkpoint holds those finished. */
interface EllState {
  negativeImage?: ReturnType<typeof ellNegativeImage>;
  timeCourse?: ReturnType<typeof ellTimeCourse>;
  temporalBasis?: ReturnType<typeof ellTemporalBasis>;
  detection?: ReturnType<typeof ellDetection>;
  additivity?: ReturnType<typeof ellAdditivity>;
}

const ELL_UNITS: ((state: EllState, config: EllRunConfig, hooks: RunHooks) => void)[] = [
  (state, config) => {
    state.negativeImage = ellNegativeImage(config);
  },
  (state, config, hooks) => {
    const course = livePanel(
      hooks,
      "Negative image: formation, then decay",
      "time (s)",
      "cancellation / amplitude",
    );
    const line = { formation: "formation (cancellation)", decay: "decay (image amplitude)" };
    state.timeCourse = ellTimeCourse(config, (p) => course(p.timeS, { [line[p.phase]]: p.value }));
  },
  (state, config) => {
    state.temporalBasis = ellTemporalBasis(config);
  },
  (state, config) => {
    state.detection = ellDetection(config);
  },
  (state, config) => {
    state.additivity = ellAdditivity(config);
  },
];

const done = <T>(x: T | undefined): T => {
  if (x === undefined) throw new Error("ell: an experiment did not run");
  return x;
};

/** An ELL run as units of one experiment (negative image, time course, basis, detection, additivity). */
const ellRun = defineUnitRun<EllRunConfig, EllState>()({
  start: () => ({
    negativeImage: undefined,
    timeCourse: undefined,
    temporalBasis: undefined,
    detection: undefined,
    additivity: undefined,
  }),
  count: () => ELL_UNITS.length,
  step: (state, index, resolved, hooks) =>
    ELL_UNITS[index](state, effectiveEllConfig(resolved), hooks),
  async finish(state, resolved, started) {
    const config = effectiveEllConfig(resolved);
    const negativeImage = done(state.negativeImage);
    const timeCourse = done(state.timeCourse);
    const temporalBasis = done(state.temporalBasis);
    const detection = done(state.detection);
    const additivity = done(state.additivity);
    const { traces, ...image } = negativeImage;
    const summary = {
      paradigm: "ell" as const,
      seed: config.seed,
      dtMs: config.model.dtMs,
      negativeImage: image,
      timeCourse: {
        ...timeCourse,
        tauFormMinutes: round(timeCourse.tauFormS / 60, 3),
        tauDecayMinutes: round(timeCourse.tauDecayS / 60, 3),
        tauDecayOverForm: round(timeCourse.tauDecayS / timeCourse.tauFormS, 3),
        publishedMinutes: "τ_form ≈ 1–5 min, τ_decay ≈ 1–10 min (Bell 1982)",
        timeScale: config.protocol.timeScale,
        pfRates: {
          ltd: config.model.plasticity.pfPurkinje.ltd,
          ltp: config.model.plasticity.pfPurkinje.ltp,
        },
      },
      temporalBasis,
      detection,
      additivity,
      wallSeconds: (Date.now() - started) / 1000,
    };
    return { summary, files: await ellFiles(negativeImage, timeCourse, temporalBasis) };
  },
});
