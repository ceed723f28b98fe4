/**
 * Runs a planned fit into DIR: opens (or creates) DIR/study.duckdb, runs `restarts` Nelder–Mead
 * searches from Latin-hypercube starting points in parallel on one worker pool, and writes
 * fit.json, the data-vs-model table and plot, and a report. Started again on the same DIR
 * (after a kill), every finished candidate run is read back instead of run, and the searches
 * retrace their steps to where they stopped.
 */
import { mkdir } from "node:fs/promises";
import { ConfigError } from "../model/errors.js";
import { CellPool } from "../study/cellPool.js";
import { DB_FILE, StudyDb } from "../study/db.js";
import { fromUnit } from "../study/ranges.js";
import { serial } from "../study/run.js";
import { unitSamples } from "../study/samples.js";
import { type Evaluation, FitEvaluator } from "./evaluate.js";
import { nelderMead } from "./nelderMead.js";
import { candidateCells, type FitPlan } from "./plan.js";

export interface RestartResult {
  restart: number;
  start: number[];
  best: number[];
  loss: number;
  evaluations: number;
  iterations: number;
  converged: boolean;
}

export interface FitResult {
  plan: FitPlan;
  restarts: RestartResult[];
  best: Evaluation;
  /** Distinct candidates evaluated, and runs done now / found done in the database. */
  candidates: number;
  runsNow: number;
  runsStored: number;
  seconds: number;
}

export interface FitRunOptions {
  jobs: number;
  /** Called after each candidate's loss is known. */
  onEvaluation?: (restart: number, index: number, e: Evaluation) => void;
}

/** Opens DIR's database and checks it holds this fit's runs (or none yet). */
async function openFit(dir: string, plan: FitPlan): Promise<StudyDb> {
  await mkdir(dir, { recursive: true });
  const db = await StudyDb.open(dir);
  try {
    const stored = await db.storedKey();
    if (stored === undefined) {
      const templates = plan.conditions.flatMap((c) =>
        candidateCells(
          { ...plan, conditions: [c], spec: { ...plan.spec, seeds: [plan.spec.seeds[0]] } },
          plan.ranges.map((r) => fromUnit(r, 0.5)),
        ).map((cell) => cell.config),
      );
      await db.createTables(plan.key, plan.spec.paradigm, templates);
    } else if (stored !== plan.key)
      throw new ConfigError(
        "--out",
        `${dir}/${DB_FILE} holds other runs (${stored.slice(0, 200)}); allowed: a fit of the same paradigm, seeds, set and conditions to resume it, or a new folder`,
      );
    await db.exec(
      "CREATE TABLE IF NOT EXISTS fit_candidates (candidate_id VARCHAR PRIMARY KEY, params VARCHAR, loss DOUBLE)",
    );
    await db.exec(
      "CREATE TABLE IF NOT EXISTS fit_evaluations (restart INTEGER, evaluation INTEGER, candidate_id VARCHAR, loss DOUBLE, PRIMARY KEY (restart, evaluation))",
    );
  } catch (e) {
    db.close();
    throw e;
  }
  return db;
}

/**
 * Like Promise.all, but waits for every promise to settle before throwing the first error, so
 * nothing still uses the database when it is closed.
 */
async function allSettledOrThrow<T>(promises: Promise<T>[]): Promise<T[]> {
  const settled = await Promise.allSettled(promises);
  const failed = settled.find((s) => s.status === "rejected");
  if (failed) throw (failed as PromiseRejectedResult).reason;
  return settled.map((s) => (s as PromiseFulfilledResult<T>).value);
}

export async function runFit(
  plan: FitPlan,
  dir: string,
  options: FitRunOptions,
): Promise<FitResult> {
  const started = Date.now();
  const db = await openFit(dir, plan);
  const pool = new CellPool(options.jobs);
  const inOrder = serial();
  const evaluator = new FitEvaluator(db, pool, plan, inOrder);
  const { ranges, spec } = plan;
  const toValues = (u: number[]) => ranges.map((r, j) => fromUnit(r, u[j]));
  const seen = new Map<string, Evaluation>();
  // After one failure the other restarts stop at their next evaluation.
  let failure: unknown;
  try {
    const starts = unitSamples(spec.restarts, ranges.length, "lhs", spec.seed);
    const restarts = await allSettledOrThrow(
      starts.map(async (u0, restart): Promise<RestartResult> => {
        let k = 0;
        const objective = (points: number[][]) =>
          allSettledOrThrow(
            points.map(async (p) => {
              const index = k++; // numbered in the optimiser's order, not completion order
              if (failure !== undefined) throw failure;
              const e = await evaluator.evaluate(toValues(p)).catch((err) => {
                failure ??= err;
                throw err;
              });
              seen.set(e.candidateId, e);
              await inOrder(() =>
                db.exec("INSERT OR REPLACE INTO fit_evaluations VALUES ($1, $2, $3, $4)", [
                  restart,
                  index,
                  e.candidateId,
                  Number.isFinite(e.loss) ? e.loss : null,
                ]),
              );
              options.onEvaluation?.(restart, index, e);
              return e.loss;
            }),
          );
        const r = await nelderMead(objective, u0, { maxEvaluations: spec.maxEvaluations });
        return {
          restart,
          start: toValues(u0),
          best: toValues(r.x),
          loss: r.f,
          evaluations: r.evaluations,
          iterations: r.iterations,
          converged: r.converged,
        };
      }),
    );
    const winner = restarts.reduce((a, b) => (b.loss < a.loss ? b : a));
    const best = await evaluator.evaluate(winner.best);
    const all = [...seen.values()];
    const runsNow = all.reduce((s, e) => s + e.ran, 0);
    const runsTotal = all.length * plan.conditions.length * spec.seeds.length;
    return {
      plan,
      restarts,
      best,
      candidates: all.length,
      runsNow,
      runsStored: runsTotal - runsNow,
      seconds: (Date.now() - started) / 1000,
    };
  } finally {
    await pool.close();
    db.close();
  }
}
