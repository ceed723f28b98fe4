/** Limits shared by the schema and the design-string parser (kept apart to avoid an import cycle). */

/** Longest trial window, and the limit on onsets and durations inside it (10 minutes). */
export const MAX_TRIAL_MS = 600_000;
/** Most trials in one phase. */
export const MAX_TRIALS = 1_000_000;
/** Longest inter-trial interval, mean or jitter (1 hour). */
export const MAX_ITI_MS = 3_600_000;
/** Most phases in one experiment, and trial types in one phase. */
export const MAX_PHASES = 1000;
export const MAX_TRIAL_TYPES = 1000;
/** Channel names: short identifiers, so they are safe as column names and CLI arguments. */
export const CHANNEL_PATTERN = /^[A-Za-z][A-Za-z0-9_-]{0,31}$/;
