/**
 * A saccade-adaptation rig from the public motor parts: a saccade whose brainstem pulse is
 * under-scaled (`trials.fixedGain` 0.7: a weakened eye muscle, as after partial tenotomy;
 * Optican & Robinson 1980), a floccular-like module whose command adds to the pulse, and a
 * post-saccadic visual error shown `gapMs` after the pulse for `visibleMs`.
 *
 * Units (LATE_ERROR_LOOP_DEFAULTS): errorScale = 10° of end-point error per unit of module output
 * z; motorGain = 200 °/s of velocity command per unit z (the pulse of a 10° saccade in 50 ms), so
 * z = 0.3 held for the 50-ms pulse adds the 3° a 0.7 fixed gain misses.
 */
import { Cerebellum } from "../../brain/cerebellum.js";
import { AdaptiveMotorLoop } from "../../brain/motorLoop.js";
import { getKernel } from "../../kernels/index.js";
import { type CerebellumParams, cerebellumParamsSchema } from "../../model/cerebellum.js";
import { deepMerge } from "../../model/merge.js";
import {
  DISCRETE_CHANNELS,
  DiscreteTrials,
  type DiscreteTrialsInput,
} from "../../world/motor/discrete.js";
import { pulseStep } from "../../world/motor/movement.js";
import { FirstOrderPlant } from "../../world/motor/plant.js";
import type { LateErrorConfig } from "./config.js";

/** What one point of a curve varies on top of the config. */
export interface RigVariant {
  seed: number;
  gapMs: number;
  planContext: "persistent" | "movement";
  visibleMs?: number;
  /** PF→PC window peak (ms) instead of the config's (a task-matched timing rule). */
  windowPeakMs?: number;
  gateOutput?: boolean;
}

export function buildRig(config: LateErrorConfig, v: RigVariant) {
  const params: CerebellumParams =
    v.windowPeakMs === undefined
      ? config.model
      : cerebellumParamsSchema.parse(
          deepMerge(config.model, { plasticity: { pfPurkinje: { windowPeakMs: v.windowPeakMs } } }),
        );
  const brain = new Cerebellum(
    {
      kind: "cerebellum",
      params,
      channels: [...DISCRETE_CHANNELS],
      seed: v.seed,
    },
    getKernel(config.backend),
  );
  const loop = new AdaptiveMotorLoop(brain, config.loop);
  const plant = new FirstOrderPlant(config.plantTauMs, params.dtMs);
  const trialParams: DiscreteTrialsInput = {
    ...config.trials,
    gapMs: v.gapMs,
    planContext: v.planContext,
    ...(v.visibleMs === undefined ? {} : { visibleMs: v.visibleMs }),
    ...(v.gateOutput === undefined ? {} : { gateOutput: v.gateOutput }),
  };
  const trials = new DiscreteTrials(loop, plant, trialParams);
  const saccade = pulseStep(config.amplitudeDeg, config.durationMs);
  return { brain, loop, plant, trials, saccade };
}

export interface AdaptationResult {
  gainBefore: number;
  gainAfter: number;
  /** Fraction of the end-point deficit removed: (g_after − g_before)/(1 − g_before). */
  adaptation: number;
  /** Drift past the end point on the probe after training (deg). */
  driftAfter: number;
}

/** Probe (learning frozen), `trainingTrials` training trials, probe again. */
export function adaptation(config: LateErrorConfig, v: RigVariant): AdaptationResult {
  const rig = buildRig(config, v);
  const before = rig.trials.trial(rig.saccade, { learn: false });
  for (let i = 0; i < config.trainingTrials; i++) rig.trials.trial(rig.saccade);
  const after = rig.trials.trial(rig.saccade, { learn: false });
  return {
    gainBefore: before.gain,
    gainAfter: after.gain,
    adaptation: (after.gain - before.gain) / (1 - before.gain),
    driftAfter: after.drift,
  };
}
