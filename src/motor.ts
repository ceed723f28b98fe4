/**
 * Public entry for motor adaptation loops: the general parts (module, plant, stimuli, optics,
 * encoders, fits) from which a VOR, a saccade or a reach loop is assembled. See docs/motor.md.
 */

export { fitExponential, fitSinusoid, reflexGain, wrapDeg } from "./analysis/sinusoid.js";
export { Cerebellum } from "./brain/cerebellum.js";
export {
  AdaptiveMotorLoop,
  type MotorLoopParams,
  type MotorLoopParamsInput,
  motorLoopParamsSchema,
  parseMotorLoopParams,
} from "./brain/motorLoop.js";
export {
  type CerebellumParams,
  type CerebellumSpec,
  cerebellumParamsSchema,
} from "./model/cerebellum.js";
export { ConfigError } from "./model/errors.js";
export {
  DISCRETE_CHANNELS,
  DiscreteTrials,
  type DiscreteTrialsInput,
  type DiscreteTrialsParams,
  discreteTrialsSchema,
  type TrialOptions,
  type TrialResult,
  type TrialTrace,
} from "./world/motor/discrete.js";
export { type Movement, minimumJerk, pulseStep } from "./world/motor/movement.js";
export { OPTICS_PRESETS, type Optics, requiredGain, retinalSlip } from "./world/motor/optics.js";
export { FirstOrderPlant } from "./world/motor/plant.js";
export { pushPull } from "./world/motor/sensors.js";
export {
  type HeadStimulus,
  type SineComponent,
  sinusoid,
  still,
  sumOfSines,
} from "./world/motor/stimulus.js";
export { VorBody, type VorBodyParams, vorChannels } from "./world/motor/vor.js";
