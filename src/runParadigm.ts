/**
 * runParadigm(): the batch runner for library users. It does what `shoulda run` does with a
 * config object instead of a file: resolves the paradigm's config (a ConfigError names a bad
 * field before anything runs), simulates, and, given `out`, writes the run's folder as one unit
 * (config.json, summary.json, tables, plots; report.html and PNGs with `report`), all or nothing,
 * refusing an existing folder unless `force`. A run over its memory or simulated-time budget is
 * refused before it starts, as the CLI refuses it (paradigms/budget.ts).
 */

import { existsSync } from "node:fs";
import { join } from "node:path";
import {
  type CheckpointDir,
  CheckpointDir as Checkpoints,
  checkpointDirOf,
  configSha256,
} from "./cli/checkpoint.js";
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
import type {
  CheckpointHooks,
  OutputFile,
  Paradigm,
  RunConfig,
  Summary,
  SummaryOf,
} from "./paradigms/types.js";
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
  /**
   * Save the run's whole state to `<out>.checkpoint/` after every this many units (trials,
   * blocks, windows: the paradigm's `checkpointUnit`), so a crashed run can be continued with
   * `resume: true` (or `shoulda resume <out>`). Needs `out` and a paradigm with `checkpoints`.
   */
  checkpointEvery?: number;
  /**
   * Continue the unfinished run of `out` from its last checkpoint when there is one (its config
   * must be this config); otherwise start as usual. The files are those of a run that never stopped.
   */
  resume?: boolean;
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
  const checkpointing = checkpointOptions(paradigm, config, options);
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
    const checkpoint = checkpointing && (await openCheckpoints(checkpointing, config, options));
    const result = await paradigm.run(config, {
      onProgress: options.onProgress,
      ...(checkpoint ? { checkpoint: checkpoint.hooks } : {}),
    });
    const summary = { ...result.summary, version: VERSION, node: process.version };
    if (out && outDir !== undefined) {
      const report = options.report ? { paradigm: paradigm.info } : undefined;
      await writeRunFolder(out, { config, summary, files: result.files, report }, VERSION);
      await outputStep("out", outDir, () => (out as OutputDir).commit(), "pass force: true");
    }
    checkpoint?.dir.remove();
    return { config, summary, files: result.files, ...(outDir === undefined ? {} : { outDir }) };
  } catch (err) {
    await out?.abort().catch(() => {});
    throw err;
  }
}

/** `checkpointEvery` and `resume`, checked before anything runs: the folder and how often. */
function checkpointOptions(
  paradigm: Paradigm,
  config: RunConfig,
  options: RunParadigmOptions,
): { outDir: string; every: number } | undefined {
  const { checkpointEvery: every, resume, out } = options;
  if (resume !== undefined && typeof resume !== "boolean")
    throw new ConfigError("resume", `got ${showValue(resume)}; allowed: true or false`);
  if (every === undefined) {
    if (resume) throw new ConfigError("resume", "allowed: with checkpointEvery (and out)");
    return undefined;
  }
  if (typeof every !== "number" || !Number.isSafeInteger(every) || every < 1)
    throw new ConfigError(
      "checkpointEvery",
      `got ${showValue(every)}; allowed: an integer ≥ 1 (${paradigm.checkpointUnit ?? "trial"}s)`,
    );
  if (!paradigm.checkpoints)
    throw new ConfigError(
      "checkpointEvery",
      `the paradigm ${config.paradigm} cannot save its state; allowed: a paradigm with checkpoints`,
    );
  if (out === undefined)
    throw new ConfigError(
      "checkpointEvery",
      "needs out: the checkpoints live beside the output folder",
    );
  return { outDir: out, every };
}

/** The checkpoint folder: the unfinished run's (resume), or a new one; and the run's hooks. */
async function openCheckpoints(
  { outDir, every }: { outDir: string; every: number },
  config: RunConfig,
  options: RunParadigmOptions,
): Promise<{ dir: CheckpointDir; hooks: CheckpointHooks }> {
  const unfinished = existsSync(join(checkpointDirOf(outDir), "run.json"));
  let dir: CheckpointDir;
  let from: Awaited<ReturnType<CheckpointDir["load"]>>;
  if (unfinished && options.resume) {
    dir = Checkpoints.open(outDir, "out");
    const info = dir.readInfo();
    if (JSON.stringify(info.config) !== JSON.stringify(config))
      throw new ConfigError(
        "resume",
        `the unfinished run in ${checkpointDirOf(outDir)} is of another config; allowed: the same input, or force: true without resume to start over`,
      );
    from = dir.load(config);
  } else {
    if (unfinished && options.force !== true)
      throw new ConfigError(
        "out",
        `${checkpointDirOf(outDir)} holds an unfinished run; allowed: resume: true to continue it, or force: true to start over`,
      );
    dir = await Checkpoints.create(outDir, {
      format: "shoulda-run",
      version: 1,
      config,
      checkpointEvery: every,
      force: options.force === true,
      report: options.report === true,
      argv: [],
    });
  }
  const sha = configSha256(config);
  const hooks: CheckpointHooks = {
    every,
    ...(from ? { resumeFrom: from.state } : {}),
    save: (state, trialsDone) =>
      dir.save({
        paradigm: config.paradigm,
        configSha256: sha,
        trialsDone,
        recordingBytes: 0,
        state,
      }),
  };
  return { dir, hooks };
}
