/**
 * `shoulda validate`: run the literature scorecard over animals, print a table of verdicts with
 * effect sizes, the Rescorla–Wagner comparison and the coverage; optionally write JSON and a
 * self-contained HTML report.
 */

import { join } from "node:path";
import { OutputDir, OutputFile } from "../io/atomic.js";
import { getKernel } from "../kernels/index.js";
import { ConfigError } from "../model/errors.js";
import { isPlainObject } from "../model/merge.js";
import { setPath } from "../model/paths.js";
import { type EyeblinkOverride, eyeblink } from "../paradigms/eyeblink/index.js";
import { rescorlaWagnerComparison } from "../validation/amygdalaTargets.js";
import { coverage, coverageLine } from "../validation/coverage.js";
import { KNOWN_MISSES, selectTargets } from "../validation/registry.js";
import { figures, meanAndCi, reportPage } from "../validation/report.js";
import { runScorecard } from "../validation/scorecard.js";
import type { TargetResult } from "../validation/types.js";
import { checkOutDir } from "./outDir.js";
import { outputStep } from "./output.js";
import { parseSets } from "./run.js";

export interface ValidateOptions {
  only?: string;
  json?: string;
  jobs?: string;
  animals?: string;
  variants?: boolean;
  report?: string;
  /** Replace an existing --json file or --report folder instead of refusing it. */
  force?: boolean;
  /** Kernel backend for every target's runs (default: each paradigm's own). */
  backend?: string;
  /** "model.PATH=VALUE" or "body.PATH=VALUE" settings over every eyeblink target's defaults. */
  eyeblinkSet?: string[];
}

/**
 * `--eyeblink-set model.PATH=VALUE` or `body.PATH=VALUE` (repeatable) as one sparse settings
 * object, checked against the eyeblink schema before anything runs (a bad value is a
 * ConfigError naming its field).
 */
export function eyeblinkOverrideOf(sets: readonly string[] = []): EyeblinkOverride | undefined {
  if (sets.length === 0) return undefined;
  const resolved = eyeblink.resolve({});
  const settings: Record<string, unknown> = {};
  for (const [path, value] of parseSets(sets, "--eyeblink-set", "model.olive.usDrive=sustained")) {
    if (!path.startsWith("model.") && !path.startsWith("body."))
      throw new ConfigError(
        "--eyeblink-set",
        `got ${JSON.stringify(path)}; allowed: model.PATH=VALUE or body.PATH=VALUE, e.g. model.olive.usDrive=sustained`,
      );
    try {
      setPath(resolved, path, value); // refuses an unknown path, listing the valid ones
    } catch (err) {
      if (err instanceof ConfigError) throw new ConfigError(`--eyeblink-set ${path}`, err.detail);
      throw err;
    }
    // Only the settings given: the rest stays each run's own default.
    const keys = path.split(".");
    let node = settings;
    for (const key of keys.slice(0, -1)) {
      node[key] = isPlainObject(node[key]) ? node[key] : {};
      node = node[key] as Record<string, unknown>;
    }
    node[keys[keys.length - 1]] = value;
  }
  eyeblink.resolve(settings);
  return settings as EyeblinkOverride;
}

/** Default animals per target: the issue's n ≥ 8, enough for a one-sided test at α = 0.05. */
export const DEFAULT_ANIMALS = 8;

function table(results: readonly TargetResult[]): string {
  const head = [
    "id",
    "verdict",
    "n",
    "decisive claim: mean [95 % CI]",
    "p",
    "measured",
    "published",
  ];
  const rows = results.map((r) => [
    r.id,
    r.verdict.toUpperCase(),
    String(r.animals),
    `${r.effect.claim}: ${meanAndCi(r.effect.mean, r.effect.ci)}`,
    r.p === undefined ? "—" : r.p < 0.001 ? "<0.001" : r.p.toFixed(3),
    String(r.measured),
    r.published,
  ]);
  const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
  const widths = [18, 7, 2, 56, 6, 22, 48];
  const line = (cells: string[]) =>
    cells
      .map((c, i) => clip(c, widths[i]).padEnd(widths[i]))
      .join("  ")
      .trimEnd();
  return [line(head), ...rows.map(line)].join("\n");
}

/** Claims that failed, per target: what a reader needs to see why a verdict is miss or fragile. */
function failures(results: readonly TargetResult[]): string[] {
  const lines: string[] = [];
  for (const r of results) {
    const protocols = [{ protocol: "standard", claims: r.claims }, ...r.variants];
    for (const p of protocols)
      for (const c of p.claims.filter((c) => !c.pass)) {
        const rule = c.window ? `window [${c.window.map(figures).join(", ")}]` : c.test;
        lines.push(
          `${r.id} (${p.protocol}): ${c.claim} — mean ${meanAndCi(c.mean, c.ci)}` +
            `${c.p === undefined ? "" : `, p = ${c.p.toFixed(3)}`}; ${rule}`,
        );
      }
  }
  return lines;
}

/** Which measured amygdala phenomena the textbook Rescorla–Wagner model also reproduces. */
function compareWithRescorlaWagner(results: readonly TargetResult[]) {
  const fear = results.filter((r) => r.paradigm === "fear");
  if (!fear.length) return [];
  const rows = rescorlaWagnerComparison(fear).filter((row) =>
    fear.some((r) => row.phenomenon.endsWith(`(${r.id})`)),
  );
  console.log(`\n${"phenomenon".padEnd(58)} amygdala  Rescorla–Wagner`);
  for (const row of rows) {
    const yes = (b: boolean) => (b ? "yes" : "no");
    console.log(
      `${row.phenomenon.padEnd(58)} ${yes(row.amygdala).padEnd(9)} ${yes(row.rescorlaWagner)}`,
    );
  }
  return rows;
}

function positiveInteger(field: string, value: string | undefined, fallback?: number) {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!(Number.isInteger(n) && n >= 1))
    throw new ConfigError(field, `got ${JSON.stringify(value)}; allowed: an integer ≥ 1`);
  return n;
}

export async function validateCommand(options: ValidateOptions): Promise<number> {
  const targets = selectTargets(options.only);
  // An unknown backend is a ConfigError naming the allowed ones, before anything runs.
  if (options.backend !== undefined) getKernel(options.backend);
  const eyeblinkOverride = eyeblinkOverrideOf(options.eyeblinkSet);
  const jobs = positiveInteger("--jobs", options.jobs);
  const animals = positiveInteger("--animals", options.animals, DEFAULT_ANIMALS) as number;
  // Output paths are checked and locked before the (minutes-long) scorecard runs.
  if (options.json !== undefined) await checkOutDir(options.json, "--json", "file");
  if (options.report !== undefined) await checkOutDir(options.report, "--report");
  const replace = options.force === true;
  const json = options.json;
  const report = options.report;
  const jsonOut =
    json === undefined
      ? undefined
      : await outputStep("--json", json, () => OutputFile.create(json, { replace }));
  let reportOut: OutputDir | undefined;
  try {
    if (report !== undefined)
      reportOut = await outputStep("--report", report, () => OutputDir.create(report, { replace }));
    return await scoreAndWrite(
      targets,
      animals,
      jobs,
      { ...options, eyeblinkOverride },
      jsonOut,
      reportOut,
    );
  } finally {
    await jsonOut?.abort();
    await reportOut?.abort();
  }
}

async function scoreAndWrite(
  targets: ReturnType<typeof selectTargets>,
  animals: number,
  jobs: number | undefined,
  options: ValidateOptions & { eyeblinkOverride?: EyeblinkOverride },
  jsonOut: OutputFile | undefined,
  reportOut: OutputDir | undefined,
): Promise<number> {
  const started = performance.now();
  const results = await runScorecard(targets, {
    animals,
    ...(jobs === undefined ? {} : { jobs }),
    standardOnly: options.variants === false,
    ...(options.backend === undefined ? {} : { backend: options.backend }),
    ...(options.eyeblinkOverride === undefined
      ? {}
      : { eyeblinkOverride: options.eyeblinkOverride }),
    onResult: (r) => {
      const wall = ((performance.now() - started) / 1000).toFixed(0);
      process.stderr.write(
        `${r.id} ${r.verdict} (${r.seconds.toFixed(1)} CPU s; ${wall} s so far)\n`,
      );
    },
  });
  console.log(table(results));
  const failed = failures(results);
  if (failed.length) console.log(`\nclaims that fail:\n  ${failed.join("\n  ")}`);
  const comparison = compareWithRescorlaWagner(results);
  const count = (v: string) => results.filter((r) => r.verdict === v).length;
  const known = (r: TargetResult) => KNOWN_MISSES.includes(r.id);
  const misses = results.filter((r) => r.verdict === "miss");
  const knownMisses = misses.filter(known);
  const unexpected = misses.filter((r) => !known(r));
  const nowPassing = results.filter((r) => r.verdict !== "miss" && known(r));
  console.log(
    `\n${count("pass")} pass, ${count("fragile")} fragile, ${count("miss")} miss ` +
      `(${animals} animals per target and protocol${options.variants === false ? ", standard protocols only" : ""})`,
  );
  if (misses.length)
    console.log(`known misses: ${knownMisses.map((r) => r.id).join(", ") || "none"}`);
  if (unexpected.length)
    console.log(`UNEXPECTED misses: ${unexpected.map((r) => r.id).join(", ")}`);
  if (nowPassing.length)
    console.log(
      `known misses that now pass (take them off the list): ${nowPassing.map((r) => r.id).join(", ")}`,
    );
  const rows = coverage();
  console.log(coverageLine(rows));
  const seconds = (performance.now() - started) / 1000;
  if (jsonOut) {
    const targetsJson = results.map(({ seconds, ...r }) => ({
      ...r,
      seconds: Number(seconds.toFixed(2)),
    }));
    const json = {
      animals,
      targets: targetsJson,
      coverage: rows,
      ...(comparison.length ? { rescorlaWagnerComparison: comparison } : {}),
    };
    const text = `${JSON.stringify(json, null, 2)}\n`;
    await outputStep("--json", jsonOut.path, () => jsonOut.commit(text));
  }
  if (reportOut) {
    await reportOut.write(
      "index.html",
      await reportPage({ results, coverage: rows, animals, seconds }),
    );
    await outputStep("--report", reportOut.dir, () => reportOut.commit());
    console.log(`report: ${join(reportOut.dir, "index.html")}`);
  }
  return unexpected.length ? 1 : 0;
}
