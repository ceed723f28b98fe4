/** Experiment descriptions: validation, design strings, loading and the trial schedule. */
export { DESIGN_DEFAULTS, formatDesign, parseDesign } from "./design.js";
export { CHANNEL_PATTERN, MAX_TRIAL_MS, MAX_TRIALS } from "./limits.js";
export { loadExperimentText, looksLikeDesignString } from "./load.js";
export { allocateCounts, scheduleTrials } from "./schedule.js";
export { experimentJsonSchema, experimentSchema, parseExperiment } from "./schema.js";
export type { Cue, Experiment, Phase, ScheduledTrial, TrialType, Us } from "./types.js";
