/** The public API of shoulda. */

export * as analysis from "./analysis/index.js";
export { Cerebellum } from "./brain/cerebellum.js";
export { type CerebellumState, restoreCerebellum, saveCerebellum } from "./brain/state.js";
export * as gpu from "./gpu/index.js";
export {
  getKernel,
  type Kernel,
  kernelNames,
  referenceKernel,
  registerKernel,
} from "./kernels/index.js";
export {
  type CerebellumParams,
  type CerebellumParamsInput,
  type CerebellumSpec,
  cerebellumParamsSchema,
} from "./model/cerebellum.js";
export { ConfigError } from "./model/errors.js";
export { Rng } from "./model/rng.js";
export * as motor from "./motor.js";
export {
  type BuiltinParadigms,
  getParadigm,
  listParadigms,
  type ParadigmSummary,
  registerParadigm,
} from "./paradigms/registry.js";
export {
  defineParadigm,
  type LiveSample,
  type Paradigm,
  type ParadigmInfo,
  type RunConfig,
  type RunHooks,
  type RunOutput,
  type Summary,
  type SummaryOf,
} from "./paradigms/types.js";
export * from "./protocol/index.js";
export {
  type ParadigmInput,
  type RunParadigmOptions,
  type RunParadigmResult,
  runParadigm,
} from "./runParadigm.js";
export { allTargets, selectTargets } from "./validation/registry.js";
export { runScorecard } from "./validation/scorecard.js";
