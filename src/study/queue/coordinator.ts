/**
 * `shoulda study FILE --queue URL`: the study's unfinished runs become BullMQ jobs, workers on
 * any machine run them (queueWorker.ts), and this process — the only writer of the database —
 * collects each finished job into DIR/study.duckdb in one transaction, then removes the job.
 *
 * Never counted twice: a run already `done` is skipped when its job turns up again (a worker
 * that died after finishing, a coordinator killed between commit and removal), and a run's old
 * rows are replaced, not added to. Resumable: started again, it collects what finished while it
 * was away, leaves queued and running jobs alone, and enqueues only the runs with no job.
 */
import { type Job, type JobType, Queue } from "bullmq";
import type { Redis } from "ioredis";
import { ConfigError } from "../../model/errors.js";
import { VERSION } from "../../version.js";
import { type StudyDb, studyKey } from "../db.js";
import type { CellOutcome } from "../execute.js";
import { writeStudyOutputs } from "../outputs.js";
import type { StudyPlan } from "../plan.js";
import { openStudy, type StudyRunOptions, type StudyRunResult } from "../run.js";
import { bullConnection, connect } from "./connection.js";
import { type JobData, type JobResult, jobId, studyHash, versionKey } from "./jobs.js";
import { DEFAULT_QUEUE_NAME, type QueueTarget, showUrl } from "./target.js";

export interface QueueStudyOptions extends Omit<StudyRunOptions, "jobs"> {
  target: QueueTarget;
  /** Status lines: what was enqueued, how many workers are listening. */
  log: (line: string) => void;
  /** How often finished jobs are collected (ms; default 500). */
  pollMs?: number;
}

/** Jobs still to come: queued, running, or finished but not collected. */
const PENDING_STATES: JobType[] = [
  "waiting",
  "active",
  "delayed",
  "prioritized",
  "waiting-children",
];
/** Every this many polls, each outstanding job's state is read one by one (missed or lost jobs). */
const SWEEP_EVERY = 20;
const PAGE = 1000;
const CHUNK = 100;

/** `fn` over `items`, CHUNK at a time: a big study's Redis look-ups overlap instead of queueing. */
async function inChunks<T, R>(items: readonly T[], fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += CHUNK)
    out.push(...(await Promise.all(items.slice(i, i + CHUNK).map(fn))));
  return out;
}

/** One queue serves one shoulda version at a time: its jobs must give the same numbers. */
async function claimVersion(client: Redis, queue: Queue, target: QueueTarget): Promise<void> {
  const theirs = await client.get(versionKey(target.name));
  if (theirs !== null && theirs !== VERSION) {
    const counts = await queue.getJobCounts(...PENDING_STATES);
    const busy = Object.values(counts).reduce((a, b) => a + b, 0);
    if (busy > 0)
      throw new ConfigError(
        "--queue",
        `queue "${target.name}" on ${showUrl(target.url)} has ${busy} unfinished jobs of shoulda ${theirs}, and this is shoulda ${VERSION}; allowed: the same shoulda version, or another --queue-name`,
      );
  }
  await client.set(versionKey(target.name), VERSION);
}

export async function runStudyOnQueue(
  plan: StudyPlan,
  dir: string,
  options: QueueStudyOptions,
): Promise<StudyRunResult> {
  const { target } = options;
  const client = await connect(target); // before DIR is touched: a bad URL writes nothing
  const queue = new Queue<JobData, JobResult>(target.name, { connection: bullConnection(target) });
  let db: StudyDb | undefined;
  try {
    await claimVersion(client, queue, target);
    db = await openStudy(dir, plan);
    return await coordinate(plan, dir, db, queue, options);
  } finally {
    db?.close();
    await queue.close();
    client.disconnect();
  }
}

async function coordinate(
  plan: StudyPlan,
  dir: string,
  db: StudyDb,
  queue: Queue<JobData, JobResult>,
  options: QueueStudyOptions,
): Promise<StudyRunResult> {
  const { target, log } = options;
  const study = studyHash(studyKey(plan));
  const status = await db.statuses();
  const todo = plan.cells.filter((c) => status.get(c.runId) !== "done");
  const result: StudyRunResult = {
    total: plan.cells.length,
    skipped: plan.cells.length - todo.length,
    done: 0,
    failed: [],
    files: [],
  };
  /** Run ids whose job this process waits for. */
  const outstanding = new Set(todo.map((c) => c.runId));
  const byId = new Map(plan.cells.map((c) => [jobId(study, c.runId), c]));

  // Jobs left by a coordinator that died after recording them: remove, nothing to do.
  const done = plan.cells.filter((c) => status.get(c.runId) === "done");
  await inChunks(done, (c) => queue.remove(jobId(study, c.runId)));

  const jobFor = (cell: (typeof plan.cells)[number]) => ({
    name: cell.runId,
    data: { version: VERSION, study, runId: cell.runId, config: cell.config },
    opts: {
      jobId: jobId(study, cell.runId),
      attempts: 1,
      removeOnComplete: false,
      removeOnFail: false,
    },
  });

  /** Records a finished job (completed or failed) once, then removes it. */
  async function collect(job: Job<JobData, JobResult>, state: string): Promise<void> {
    const runId = job.data.runId;
    if (!outstanding.has(runId)) return;
    const r = job.returnvalue;
    const finished = new Date(job.finishedOn ?? Date.now());
    let outcome: CellOutcome;
    if (state === "completed" && r?.ok) {
      await db.recordRun(runId, r.result, finished, r.seconds, new Date(r.startedAt));
      outcome = { runId, ok: true, result: r.result };
      result.done++;
    } else {
      const error =
        state === "completed" && r && !r.ok
          ? `${r.error} (on ${r.worker})`
          : `job failed: ${job.failedReason}`;
      await db.markFailed(runId, error, finished, r?.seconds ?? 0, r && new Date(r.startedAt));
      outcome = { runId, ok: false, error };
      result.failed.push({ runId, error });
    }
    outstanding.delete(runId);
    await job.remove();
    options.onRun?.(outcome, result.skipped + result.done + result.failed.length, result.total);
  }

  // Each unfinished run: collect a finished job, redo a failed one, keep a queued one, or enqueue.
  const add: Parameters<typeof queue.addBulk>[0] = [];
  let kept = 0;
  const found = await inChunks(todo, async (cell) => {
    const job = await queue.getJob(jobId(study, cell.runId));
    return { cell, job, state: job ? await job.getState() : "unknown" };
  });
  for (const { cell, job, state } of found) {
    if (job && state === "completed") {
      await collect(job, state);
      continue;
    }
    if (job && PENDING_STATES.includes(state as JobType)) {
      kept++;
      continue;
    }
    if (job) await job.remove(); // failed in an earlier start: retried, like a local study
    add.push(jobFor(cell));
  }
  for (let i = 0; i < add.length; i += PAGE) await queue.addBulk(add.slice(i, i + PAGE));
  log(
    `queue "${target.name}" on ${showUrl(target.url)}: ${add.length} runs enqueued, ${kept} already queued, ${result.skipped} already done (study ${study})`,
  );

  /** Reads each outstanding job's state: finished ones past the page, lost ones re-enqueued. */
  async function sweep(): Promise<void> {
    for (const runId of [...outstanding]) {
      const id = jobId(study, runId);
      const job = await queue.getJob(id);
      const state = job ? await job.getState() : "unknown";
      if (job && (state === "completed" || state === "failed")) await collect(job, state);
      const cell = byId.get(id);
      if (!job && cell) {
        const { name, data, opts } = jobFor(cell);
        await queue.add(name, data, opts);
      }
    }
  }

  // Collect as jobs finish; now and then a status line, so a queue with no workers is visible.
  for (let tick = 0; outstanding.size > 0; tick++) {
    for (const state of ["completed", "failed"] as const)
      for (const job of await queue.getJobs(state, 0, PAGE - 1, true))
        if (byId.has(job.id ?? "")) await collect(job, state);
    if (tick % SWEEP_EVERY === SWEEP_EVERY - 1 && outstanding.size > 0) {
      await sweep();
      const counts = await queue.getJobCounts("waiting", "active", "delayed", "prioritized");
      log(
        `${outstanding.size} runs to go; queue "${target.name}": ${counts.waiting + counts.delayed + counts.prioritized} waiting, ${counts.active} running (workers: shoulda worker --queue ${showUrl(target.url)}${target.name === DEFAULT_QUEUE_NAME ? "" : ` --queue-name ${target.name}`})`,
      );
    }
    if (outstanding.size > 0) await new Promise((r) => setTimeout(r, options.pollMs ?? 500));
  }

  result.files = (await writeStudyOutputs(db, dir, plan, options)).files;
  return result;
}
