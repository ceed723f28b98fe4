/** `shoulda run`: resolve the config, simulate, and write the run's folder as one unit. */
import { ConfigError } from "../model/errors.js";
import { parseSetValue, setPath } from "../model/paths.js";
import {
  checkRunBudget,
  DEFAULT_MAX_MEMORY_MIB,
  DEFAULT_MAX_SIM_HOURS,
} from "../paradigms/budget.js";
import type { RunEstimate } from "../paradigms/estimate.js";
import { getParadigm } from "../paradigms/registry.js";
import type { RunConfig } from "../paradigms/types.js";
import { checkForbiddenKeys } from "../protocol/load.js";
import { recordInput } from "../record/spec.js";
import { planStudy } from "../study/plan.js";
import { CheckpointDir } from "./checkpoint.js";
import { checkOutDir } from "./outDir.js";
import { checkCheckpoints, checkNoUnfinishedRun, checkRecording } from "./runChecks.js";
import { executeSingleRun } from "./singleRun.js";
import { readSource } from "./source.js";
import { executeStudy, flagStudy, parseJobs } from "./study.js";

export interface RunOptions {
  seed?: string;
  set: string[];
  out?: string;
  paradigm?: string;
  /** Also write report.html (self-contained) and a PNG of each plot. */
  report?: boolean;
  /** Refuse runs whose estimated memory exceeds this many MiB (default 4096). */
  maxMemory?: string;
  /** Refuse runs whose estimated simulated time exceeds this many hours (default 24). */
  maxSimHours?: string;
  /** Replace an existing --out folder (atomically) instead of refusing it. */
  force?: boolean;
  /** Seeds of a group of animals ("1..16" or "1,2,3"): the run becomes a study. */
  seeds?: string;
  /** "path=v1,v2" (repeatable): the run becomes a study over every combination. */
  sweep?: string[];
  /** Worker threads for a study (default: CPU count). */
  jobs?: string;
  /** Probes to record ("eyelid,purkinje,…"), and how (record/spec.ts). */
  record?: string;
  recordEvery?: string;
  recordCells?: string[];
  recordFormat?: string;
  /** Save the run's state every N trials to <out>.checkpoint/ (`shoulda resume <out>`). */
  checkpointEvery?: string;
}

/** A resolved single run: the paradigm's config and what to record beside it. */
export interface ResolvedRun {
  config: RunConfig;
  /** The `record:` section with the flags applied (validated), when something is recorded. */
  record?: Record<string, unknown>;
  checkpointEvery?: number;
}

function parseLimit(option: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (text.trim() === "" || !Number.isFinite(n) || n <= 0)
    throw new ConfigError(option, `got ${JSON.stringify(text)}; allowed: a number > 0`);
  return n;
}

/** Refuses a run whose estimate exceeds --max-memory or --max-sim-hours (paradigms/budget.ts). */
export function checkBudget(config: RunConfig, options: RunOptions): RunEstimate {
  const limits = {
    maxMemoryMiB: parseLimit("--max-memory", options.maxMemory, DEFAULT_MAX_MEMORY_MIB),
    maxSimHours: parseLimit("--max-sim-hours", options.maxSimHours, DEFAULT_MAX_SIM_HOURS),
  };
  return checkRunBudget(config, limits, { memory: "--max-memory", hours: "--max-sim-hours" });
}

/**
 * Parse "path=value" pairs of a repeatable flag (`--set`, `validate --eyeblink-set`): each value
 * as YAML/JSON text, with forbidden keys refused, naming the flag.
 */
export function parseSets(
  sets: readonly string[],
  flag = "--set",
  example = "model.granule.count=8000",
): [string, unknown][] {
  return sets.map((s) => {
    const eq = s.indexOf("=");
    if (eq <= 0)
      throw new ConfigError(flag, `got ${JSON.stringify(s)}; allowed: path=value, e.g. ${example}`);
    const value = parseSetValue(s.slice(eq + 1));
    checkForbiddenKeys(value, `${flag} ${s.slice(0, eq)}`);
    return [s.slice(0, eq), value];
  });
}

export function parseSeed(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(n) || n > 4294967295) {
    throw new ConfigError(
      "--seed",
      `got ${JSON.stringify(text)}; allowed: an integer 0..4294967295`,
    );
  }
  return n;
}

/**
 * Everything that can go wrong with the input happens here, before anything is written or
 * simulated: the source and its keys, the seed, every --set, the schema bounds, the recording
 * (`record:` and --record…), --checkpoint-every, the memory and simulated-time budget, and the
 * output folder (and, with checkpoints, no unfinished run beside it).
 */
export async function resolveSingleRun(source: string, options: RunOptions): Promise<ResolvedRun> {
  const { record: section, ...partial } = await readSource(source, options.paradigm);
  const seed = parseSeed(options.seed);
  if (seed !== undefined) partial.seed = seed;
  const paradigm = getParadigm(String(partial.paradigm));
  let config = paradigm.resolve(partial);
  for (const [path, value] of parseSets(options.set)) {
    config = paradigm.resolve(setPath(config, path, value) as Record<string, unknown>);
  }
  const record = checkRecording(paradigm, config, recordInput(section, options));
  const checkpointEvery = checkCheckpoints(paradigm, options.checkpointEvery);
  checkBudget(config, options);
  const outDir = outDirOf(config, options);
  await checkOutDir(outDir);
  if (checkpointEvery !== undefined) checkNoUnfinishedRun(outDir, options.force === true);
  return { config, record, checkpointEvery };
}

function outDirOf(config: RunConfig, options: RunOptions): string {
  return options.out ?? `out/${config.paradigm}`;
}

/** The command line that reproduces this run, for the report. */
function commandLine(source: string, options: RunOptions): string[] {
  const flags = {
    seed: options.seed,
    out: options.out,
    paradigm: options.paradigm,
    "max-memory": options.maxMemory,
    "max-sim-hours": options.maxSimHours,
    record: options.record,
    "record-every": options.recordEvery,
    "record-format": options.recordFormat,
    "checkpoint-every": options.checkpointEvery,
  };
  const named = Object.entries(flags).flatMap(([k, v]) => (v === undefined ? [] : [`--${k}`, v]));
  const force = options.force ? ["--force"] : [];
  return [
    "run",
    source,
    ...named,
    ...options.set.flatMap((s) => ["--set", s]),
    ...(options.recordCells ?? []).flatMap((c) => ["--record-cells", c]),
    ...force,
    "--report",
  ];
}

/** `run --seeds … / --sweep …`: the same study as a study file, in the same DIR layout. */
async function runAsStudy(source: string, options: RunOptions): Promise<number> {
  const partial = await readSource(source, options.paradigm);
  const spec = flagStudy(partial, {
    seed: options.seed,
    seeds: options.seeds,
    sweep: options.sweep ?? [],
    set: parseSets(options.set),
  });
  const plan = planStudy(spec, options);
  const jobs = parseJobs(options.jobs);
  const out = options.out ?? `out/${spec.paradigm}`;
  await checkOutDir(out);
  const flags = [
    ...(options.seeds ? ["--seeds", options.seeds] : []),
    ...(options.seed ? ["--seed", options.seed] : []),
    ...(options.sweep ?? []).flatMap((s) => ["--sweep", s]),
    ...options.set.flatMap((s) => ["--set", s]),
    ...(options.paradigm ? ["--paradigm", options.paradigm] : []),
    "--out",
    out,
  ];
  return executeStudy(
    plan,
    out,
    jobs,
    ["shoulda", "run", JSON.stringify(source), ...flags].join(" "),
  );
}

export async function runCommand(source: string, options: RunOptions): Promise<number> {
  if (options.seeds !== undefined || (options.sweep?.length ?? 0) > 0) {
    for (const [flag, value] of [
      ["--record", options.record ?? options.recordEvery ?? options.recordFormat],
      ["--record-cells", options.recordCells?.[0]],
      ["--checkpoint-every", options.checkpointEvery],
    ])
      if (value !== undefined)
        throw new ConfigError(
          flag as string,
          "applies to a single run; allowed: without --seeds or --sweep",
        );
    return runAsStudy(source, options);
  }
  if (options.jobs !== undefined)
    throw new ConfigError("--jobs", "applies to a study; allowed: with --seeds or --sweep");
  const { config, record, checkpointEvery } = await resolveSingleRun(source, options);
  const paradigm = getParadigm(config.paradigm);
  const outDir = outDirOf(config, options);
  const force = options.force === true;
  const reportArgv = options.report ? commandLine(source, options) : undefined;
  const checkpoint =
    checkpointEvery === undefined
      ? undefined
      : {
          every: checkpointEvery,
          open: () =>
            CheckpointDir.create(outDir, {
              format: "shoulda-run",
              version: 1,
              config,
              ...(record ? { record } : {}),
              checkpointEvery,
              force,
              report: options.report === true,
              argv: commandLine(source, options),
            }),
        };
  return executeSingleRun({ paradigm, config, outDir, force, reportArgv, record, checkpoint });
}
