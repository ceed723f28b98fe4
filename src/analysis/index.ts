export { type CrCriteria, type CrMeasures, measureCr } from "./conditionedResponse.js";
export { blockRates, trialsToCriterion } from "./criterion.js";
export { findPeaks } from "./peaks.js";
export { meanProfile } from "./profile.js";
export {
  type ExponentialFit,
  fitExponential,
  fitSinusoid,
  type ReflexGain,
  reflexGain,
  type SinusoidFit,
  wrapDeg,
} from "./sinusoid.js";
export { mean, ranks, slope, spearman } from "./stats.js";
