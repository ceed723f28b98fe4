/**
 * runParadigm(): the batch runner for library users. It does what `shoulda run` does with a
 * config object instead of a file: resolves the paradigm's config (a ConfigError names a bad
 * field before anything runs), simulates, and, given `out`, writes the run's folder as one unit
 * (config.json, summary.json, tables, plots; report.html and PNGs with `report`), all or nothing,
 * refusing an existing folder unless `force`.
 */
import { checkOutDir } from "./cli/outDir.js";
import { outputStep } from "./cli/output.js";
import { OutputDir } from "./io/atomic.js";
import { writeRunFolder } from "./io/runFolder.js";
import { ConfigError } from "./model/errors.js";
import { isPlainObject } from "./model/merge.js";
import { showValue } from "./model/validate.js";
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
  /** Progress in trials (or steps). */
  onProgress?: (done: number, total: number) => void;
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
