/** Limits shared by the schema and the design-string parser (kept apart to avoid an import cycle). */

/** Longest trial window, and the limit on onsets and durations inside it (10 minutes). */
export const MAX_TRIAL_MS = 600_000;
/** Most trials in one phase. */
export const MAX_TRIALS = 1_000_000;
/** Channel names: short identifiers, so they are safe as column names and CLI arguments. */
export const CHANNEL_PATTERN = /^[A-Za-z][A-Za-z0-9_-]{0,31}$/;
