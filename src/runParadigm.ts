/**
 * runParadigm(): the batch runner for library users. It does what `shoulda run` does with a
 * config object instead of a file: resolves the paradigm's config (a ConfigError names a bad
 * field before anything runs), simulates, and, given `out`, writes the run's folder as one unit
 * (config.json, summary.json, tables, plots; report.html and PNGs with `report`), all or nothing,
 * refusing an existing folder unless `force`. A run over its memory or simulated-time budget is
 * refused before it starts, as the CLI refuses it (paradigms/budget.ts).
 */
import { checkOutDir } from "./cli/outDir.js";
import { outputStep } from "./cli/output.js";
import { OutputDir } from "./io/atomic.js";
import { writeRunFolder } from "./io/runFolder.js";
import { ConfigError } from "./model/errors.js";
import { isPlainObject } from "./model/merge.js";
import { showValue } from "./model/validate.js";
import {
  checkRunBudget,
  DEFAULT_MAX_MEMORY_MIB,
  DEFAULT_MAX_SIM_HOURS,
} from "./paradigms/budget.js";
import { type BuiltinParadigms, getParadigm } from "./paradigms/registry.js";
import type { OutputFile, Paradigm, RunConfig, Summary, SummaryOf } from "./paradigms/types.js";
import { checkForbiddenKeys } from "./protocol/load.js";
import { VERSION } from "./version.js";

export interface RunParadigmOptions {
  /** The folder to write; without it nothing is written and the results are only returned. */
  out?: string;
  /** Replace an existing `out` folder (atomically) instead of refusing it. */
  force?: boolean;
  /** Also write report.html (self-contained) and a PNG of each plot. */
  report?: boolean;
  /** Refuse a run whose estimated memory exceeds this (MiB; default 4096, as `shoulda run`). */
  maxMemoryMiB?: number;
  /** Refuse a run whose estimated simulated time exceeds this (hours; default 24). */
  maxSimHours?: number;
  /** Progress in trials (or steps). */
  onProgress?: (done: number, total: number) => void;
}

/** A limit given by the caller: a number > 0, else a ConfigError naming the option. */
function limitOption(name: string, value: unknown, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !Number.isFinite(value) || value <= 0)
    throw new ConfigError(name, `got ${showValue(value)}; allowed: a number > 0`);
  return value;
}

export interface RunParadigmResult<C extends RunConfig = RunConfig, S extends object = Summary> {
  /** The resolved config: every default filled in (config.json). */
  config: C;
  /** The paradigm's summary plus the versions that produced it (summary.json). */
  summary: S & { version: string; node: string };
  files: OutputFile[];
  /** The folder written, when `out` was given. */
  outDir?: string;
}

type ConfigOf<P> = P extends Paradigm<infer C, infer _S> ? C : never;

/** A partial config naming its paradigm, as a YAML experiment file would hold it. */
export type ParadigmInput<K extends string = string> = { paradigm: K } & Record<string, unknown>;

export function runParadigm<K extends keyof BuiltinParadigms>(
  input: ParadigmInput<K>,
  options?: RunParadigmOptions,
): Promise<RunParadigmResult<ConfigOf<BuiltinParadigms[K]>, SummaryOf<BuiltinParadigms[K]>>>;
export function runParadigm(
  input: ParadigmInput,
  options?: RunParadigmOptions,
): Promise<RunParadigmResult>;
export async function runParadigm(
  input: ParadigmInput,
  options: RunParadigmOptions = {},
): Promise<RunParadigmResult> {
  if (!isPlainObject(input))
    throw new ConfigError(
      "input",
      `got ${showValue(input)}; allowed: a config object with a "paradigm" key`,
    );
  checkForbiddenKeys(input, "input");
  const paradigm: Paradigm = getParadigm(String(input.paradigm), "paradigm");
  const config = paradigm.resolve(input);
  checkRunBudget(
    config,
    {
      maxMemoryMiB: limitOption("maxMemoryMiB", options.maxMemoryMiB, DEFAULT_MAX_MEMORY_MIB),
      maxSimHours: limitOption("maxSimHours", options.maxSimHours, DEFAULT_MAX_SIM_HOURS),
    },
    { memory: "maxMemoryMiB", hours: "maxSimHours" },
  );
  const { out: outDir } = options;
  // The folder is checked and locked before the simulation, so a bad path fails at once.
  let out: OutputDir | null = null;
  if (outDir !== undefined) {
    await checkOutDir(outDir, "out");
    out = await outputStep(
      "out",
      outDir,
      () => OutputDir.create(outDir, { replace: options.force === true }),
      "pass force: true",
    );
  }
  try {
    const result = await paradigm.run(config, { onProgress: options.onProgress });
    const summary = { ...result.summary, version: VERSION, node: process.version };
    if (out && outDir !== undefined) {
      const report = options.report ? { paradigm: paradigm.info } : undefined;
      await writeRunFolder(out, { config, summary, files: result.files, report }, VERSION);
      await outputStep("out", outDir, () => (out as OutputDir).commit(), "pass force: true");
    }
    return { config, summary, files: result.files, ...(outDir === undefined ? {} : { outDir }) };
  } catch (err) {
    await out?.abort().catch(() => {});
    throw err;
  }
}
