/**
 * `shoulda study FILE --out DIR` and its flag form `shoulda run <source> --seeds … --sweep …`:
 * everything is validated (file, paths, values, budget, folder) before DIR is touched.
 */

import { readFile } from "node:fs/promises";
import { availableParallelism } from "node:os";
import { basename, extname } from "node:path";
import { ConfigError } from "../model/errors.js";
import { parseSetValue } from "../model/paths.js";
import { getParadigm } from "../paradigms/registry.js";
import { loadExperimentText } from "../protocol/load.js";
import type { CellOutcome } from "../study/execute.js";
import { planStudy, type StudyPlan } from "../study/plan.js";
import { parseQueueTarget, type QueueTarget, showUrl } from "../study/queue/target.js";
import {
  checkStudyPaths,
  DEFAULT_BLOCK_TRIALS,
  parseSeeds,
  parseStudy,
  type StudySpec,
} from "../study/spec.js";
import { VERSION } from "../version.js";
import { checkOutDir } from "./outDir.js";

export interface StudyOptions {
  out?: string;
  jobs?: string;
  queue?: string;
  queueName?: string;
}

/** --jobs: an integer ≥ 1; default: the machine's cores. */
export function parseJobs(text: string | undefined): number {
  if (text === undefined) return availableParallelism();
  const n = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(n) || n < 1 || n > 1024)
    throw new ConfigError("--jobs", `got ${JSON.stringify(text)}; allowed: an integer 1..1024`);
  return n;
}

export async function readStudyFile(file: string): Promise<unknown> {
  const format = /\.json$/i.test(file) ? "json" : /\.ya?ml$/i.test(file) ? "yaml" : undefined;
  if (!format)
    throw new ConfigError(
      "file",
      `got ${JSON.stringify(file)}; allowed: a .yaml, .yml or .json study file`,
    );
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (e) {
    throw new ConfigError(
      file,
      `cannot read the file (${(e as NodeJS.ErrnoException).code ?? String(e)})`,
    );
  }
  return loadExperimentText(text, format, file);
}

/** Splits "a,b,(c, d)" on the commas outside brackets and quotes: design strings have commas. */
export function splitValues(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let quote: string | undefined;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quote) {
      if (ch === quote) quote = undefined;
    } else if (ch === '"' || ch === "'") quote = ch;
    else if ("([{".includes(ch)) depth++;
    else if (")]}".includes(ch)) depth--;
    else if (ch === "," && depth === 0) {
      out.push(text.slice(start, i));
      start = i + 1;
    }
  }
  out.push(text.slice(start));
  return out.map((s) => s.trim());
}

/** "--sweep path=v1,v2" → [path, values]; values parse like --set values (JSON, else text). */
export function parseSweepFlag(text: string): [string, unknown[]] {
  const eq = text.indexOf("=");
  const values = eq > 0 ? splitValues(text.slice(eq + 1)) : [];
  if (eq <= 0 || values.some((v) => v === ""))
    throw new ConfigError(
      "--sweep",
      `got ${JSON.stringify(text)}; allowed: path=value1,value2,… e.g. model.granule.count=2000,4000`,
    );
  return [text.slice(0, eq), values.map(parseSetValue)];
}

const versions = () => ({ shoulda: VERSION, node: process.version });

/**
 * Runs a planned study and prints what it did; exit 1 if any run failed. `jobs` is the local
 * worker threads, or the queue whose workers run it (`shoulda worker`).
 */
export async function executeStudy(
  plan: StudyPlan,
  out: string,
  jobs: number | QueueTarget,
  command: string,
): Promise<number> {
  const title = `${getParadigm(plan.spec.paradigm).info.title}: ${plan.conditions.length} condition${plan.conditions.length === 1 ? "" : "s"} × ${plan.spec.seeds.length} animal${plan.spec.seeds.length === 1 ? "" : "s"}`;
  const started = Date.now();
  const common = {
    versions: versions(),
    command,
    title,
    onRun: (o: CellOutcome, done: number, total: number) =>
      console.error(
        `${o.ok ? "done" : "FAILED"} ${o.runId} [${done}/${total}]${o.ok ? "" : `: ${o.error}`}`,
      ),
  };
  const result =
    typeof jobs === "number"
      ? // Imported here: study/run.js loads DuckDB, which a single run never needs.
        await (await import("../study/run.js")).runStudy(plan, out, { jobs, ...common })
      : await (await import("../study/queue/coordinator.js")).runStudyOnQueue(plan, out, {
          target: jobs,
          log: (line) => console.error(line),
          ...common,
        });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(
    `wrote ${out}/ (study.duckdb, ${result.files.join(", ")}): ${result.done} run${result.done === 1 ? "" : "s"} now, ${result.skipped} already done, ${result.failed.length} failed, ${seconds} s`,
  );
  for (const f of result.failed) console.error(`run ${f.runId} failed: ${f.error}`);
  return result.failed.length > 0 ? 1 : 0;
}

export async function studyCommand(file: string, options: StudyOptions): Promise<number> {
  const spec = parseStudy(await readStudyFile(file));
  const plan = planStudy(spec);
  if (options.queue !== undefined && options.jobs !== undefined)
    throw new ConfigError(
      "--jobs",
      "conflicts with --queue (the workers' --concurrency sets how many run at once); allowed: one of --jobs or --queue",
    );
  if (options.queueName !== undefined && options.queue === undefined)
    throw new ConfigError("--queue-name", "needs --queue; allowed: --queue URL --queue-name NAME");
  const jobs =
    options.queue !== undefined
      ? parseQueueTarget(options.queue, options.queueName)
      : parseJobs(options.jobs);
  const out = options.out ?? `out/${basename(file, extname(file))}`;
  await checkOutDir(out);
  const command = [
    "shoulda",
    "study",
    file,
    "--out",
    out,
    ...(options.jobs ? ["--jobs", options.jobs] : []),
    ...(options.queue ? ["--queue", showUrl(options.queue)] : []),
    ...(options.queueName ? ["--queue-name", options.queueName] : []),
  ].join(" ");
  return executeStudy(plan, out, jobs, command);
}

/** The study `shoulda run <source> --seeds … --sweep … --set …` stands for. */
export function flagStudy(
  partial: Record<string, unknown>,
  options: { seed?: string; seeds?: string; sweep: string[]; set: [string, unknown][] },
): StudySpec {
  if (options.seed !== undefined && options.seeds !== undefined)
    throw new ConfigError(
      "--seed",
      "conflicts with --seeds; allowed: one of --seed n or --seeds list",
    );
  const seedText = options.seeds ?? options.seed;
  const seeds =
    seedText === undefined
      ? [typeof partial.seed === "number" ? partial.seed : 1]
      : /\.\./.test(seedText)
        ? parseSeeds(seedText, "--seeds")
        : parseSeeds(
            splitValues(seedText).map((s) => (/^\d+$/.test(s) ? Number(s) : s)),
            "--seeds",
          );
  const sweep = options.sweep.map(parseSweepFlag);
  checkStudyPaths({ sweep, set: options.set });
  const { paradigm, seed: _seed, ...base } = partial;
  return {
    paradigm: String(paradigm),
    seeds,
    sweep,
    set: options.set,
    blockTrials: DEFAULT_BLOCK_TRIALS,
    base,
  };
}
