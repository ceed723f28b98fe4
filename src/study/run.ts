/**
 * Runs a planned study into DIR: opens (or creates) DIR/study.duckdb, runs every cell that is
 * not done yet on the worker pool, records each finished run in one transaction, and rewrites
 * the group outputs. Started again on the same DIR, it skips finished runs and redoes the rest.
 */
import { mkdir } from "node:fs/promises";
import { ConfigError } from "../model/errors.js";
import { DB_FILE, StudyDb, studyKey } from "./db.js";
import type { CellOutcome, CellTask } from "./execute.js";
import { writeStudyOutputs } from "./outputs.js";
import type { StudyPlan } from "./plan.js";
import { runCells } from "./pool.js";

export interface StudyRunOptions {
  jobs: number;
  versions: Record<string, string>;
  command?: string;
  title: string;
  /** Called after each run is recorded. */
  onRun?: (outcome: CellOutcome, done: number, total: number) => void;
}

export interface StudyRunResult {
  total: number;
  skipped: number;
  done: number;
  failed: { runId: string; error: string }[];
  files: string[];
}

/** Serialises database work: the pool's loops share one connection (and its transaction). */
export function serial() {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(fn: () => Promise<T>): Promise<T> => {
    const next = tail.then(fn);
    tail = next.catch(() => {});
    return next;
  };
}

/**
 * Opens DIR's database and checks it holds this study (or none yet). Throws ConfigError("--out")
 * for a folder holding another study.
 */
export async function openStudy(dir: string, plan: StudyPlan): Promise<StudyDb> {
  await mkdir(dir, { recursive: true });
  const db = await StudyDb.open(dir);
  try {
    const stored = await db.storedKey();
    if (stored === undefined) await db.create(plan);
    else if (stored !== studyKey(plan))
      throw new ConfigError(
        "--out",
        `${dir}/${DB_FILE} holds a different study (${stored.slice(0, 200)}); allowed: the same study file to resume it, or a new folder`,
      );
  } catch (e) {
    db.close();
    throw e;
  }
  return db;
}

export async function runStudy(
  plan: StudyPlan,
  dir: string,
  options: StudyRunOptions,
): Promise<StudyRunResult> {
  const db = await openStudy(dir, plan);
  try {
    const status = await db.statuses();
    const todo: CellTask[] = plan.cells
      .filter((c) => status.get(c.runId) !== "done")
      .map((c) => ({ runId: c.runId, config: c.config }));
    const result: StudyRunResult = {
      total: plan.cells.length,
      skipped: plan.cells.length - todo.length,
      done: 0,
      failed: [],
      files: [],
    };
    const started = new Map<string, number>();
    const inOrder = serial();
    await runCells(
      todo,
      options.jobs,
      (task) =>
        inOrder(async () => {
          started.set(task.runId, Date.now());
          await db.markRunning(task.runId, new Date());
        }),
      (outcome) =>
        inOrder(async () => {
          const now = new Date();
          const seconds = (now.getTime() - (started.get(outcome.runId) ?? now.getTime())) / 1000;
          if (outcome.ok) {
            await db.recordRun(outcome.runId, outcome.result, now, seconds);
            result.done++;
          } else {
            await db.markFailed(outcome.runId, outcome.error, now, seconds);
            result.failed.push({ runId: outcome.runId, error: outcome.error });
          }
          options.onRun?.(
            outcome,
            result.skipped + result.done + result.failed.length,
            result.total,
          );
        }),
    );
    result.files = (await writeStudyOutputs(db, dir, plan, options)).files;
    return result;
  } finally {
    db.close();
  }
}
