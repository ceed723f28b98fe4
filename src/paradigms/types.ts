import type { DesignDefaults } from "../protocol/design.js";
import type { TrialRecorder } from "../record/recorder.js";
import type { Probe } from "../record/spec.js";
/**
 * A paradigm is data plus a little glue: a config schema with defaults, and a run that turns a
 * resolved config into a summary and output files (tables, plots). The CLI, the scorecard and
 * the playground treat every paradigm the same way through this interface.
 */
export interface ParadigmInfo {
  id: string;
  title: string;
  /** One line for `shoulda list`. */
  summary: string;
  /** What the paradigm reproduces, with citations. */
  citation: string;
}

export interface OutputFile {
  name: string;
  data: string;
}

/** What a summary is in general; each paradigm's run returns its own type (e.g. EyeblinkSummary). */
export type Summary = Record<string, unknown>;

export interface RunOutput<S extends object = Summary> {
  /** Metrics per phase and run facts: written as summary.json. */
  summary: S;
  /** trials.csv, profiles.csv, plots … */
  files: OutputFile[];
}

/**
 * One point of a learning curve, sent while a run goes on (the playground's live plots; a
 * library user's own dashboard). Each `panel` is one chart, each key of `values` one line in it;
 * the values are the same numbers the run's tables will hold for that trial or block.
 */
export interface LiveSample {
  /** The chart's title, e.g. "CS freezing per trial". */
  panel: string;
  xLabel: string;
  yLabel: string;
  x: number;
  /** Line name → value; a non-finite value leaves a gap. */
  values: Record<string, number>;
}

export interface RunHooks {
  /** Progress in trials (or steps), for a progress bar. */
  onProgress?: (done: number, total: number) => void;
  /** A learning-curve point, as soon as a trial or block has been measured. */
  onSample?: (sample: LiveSample) => void;
  /** Probes to record, for a paradigm that declares `recordable` (record/recorder.ts). */
  recorder?: TrialRecorder;
  /** Save the run's whole state every few trials, or continue from a saved one (`checkpoints`). */
  checkpoint?: CheckpointHooks;
}

export interface CheckpointHooks {
  /** Save after every this many trials. */
  every: number;
  /** A state saved by an earlier run of the same config: continue from it (validated by the paradigm). */
  resumeFrom?: unknown;
  /**
   * Called synchronously between trials with a plain, JSON-serialisable state; the run goes on
   * when it returns, so what it writes is consistent with `trialsDone`.
   */
  save(state: unknown, trialsDone: number): void;
}

/** What a paradigm's runs can record: the probes, and the model's sizes and step. */
export interface Recordable<C extends RunConfig = RunConfig> {
  probes: readonly Probe[];
  /** Granule (N), Purkinje (P) and mossy-fibre (M) counts, and the step in ms. */
  layout(config: C): { granule: number; purkinje: number; mossy: number; dtMs: number };
}

/** A fully resolved run config: every default filled in, reproducible from its seed. */
export interface RunConfig {
  paradigm: string;
  seed: number;
  [key: string]: unknown;
}

export interface Paradigm<C extends RunConfig = RunConfig, S extends object = Summary> {
  info: ParadigmInfo;
  /** Timing defaults of its design strings, when they differ from DESIGN_DEFAULTS. */
  designDefaults?: DesignDefaults;
  /** The config schema (zod), whose field descriptions document the parameters. */
  schema?: unknown;
  /** Validate a partial config and fill in every default; throws ConfigError naming the field. */
  resolve(input: Record<string, unknown>): C;
  run(config: C, hooks?: RunHooks): Promise<RunOutput<S>>;
  /** Probes its runs can record (hooks.recorder); absent: none. */
  recordable?: Recordable<C>;
  /** Whether run() honours hooks.checkpoint: it saves and restores its whole state. */
  checkpoints?: boolean;
  /** What `--checkpoint-every N` counts: "trial", "block", "window", … (paradigms/units.ts). */
  checkpointUnit?: string;
}

/**
 * Types a paradigm: its config type is given, its summary type is inferred from what `run`
 * returns, so the public API hands out typed summaries without a second, hand-kept interface.
 * `defineParadigm<EyeblinkConfig>()({ info, resolve, run })`.
 */
export function defineParadigm<C extends RunConfig>() {
  return <S extends object>(paradigm: Paradigm<C, S>): Paradigm<C, S> => paradigm;
}

/** The summary type of a paradigm (what `run` resolves to, `.summary`). */
export type SummaryOf<P> = P extends Paradigm<infer _C, infer S> ? S : never;
