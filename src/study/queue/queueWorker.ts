/**
 * A machine's share of queued studies: takes jobs from the queue and runs each on a worker
 * thread (so the main thread keeps renewing the job's lock however long the run takes), up to
 * `concurrency` at a time, and hands back the run's result as the job's return value. Jobs
 * planned by another shoulda version are put back and the worker stops: the same seed must give
 * the same numbers on every machine.
 */
import { hostname } from "node:os";
import type { Worker as Thread } from "node:worker_threads";
import { DelayedError, type Job, Worker } from "bullmq";
import { ConfigError } from "../../model/errors.js";
import { VERSION } from "../../version.js";
import { checkThreadsBuilt, DIED, runOnWorker, startThread } from "../pool.js";
import { bullConnection, connect } from "./connection.js";
import { type JobData, type JobResult, MAX_STALLED, versionKey } from "./jobs.js";
import { type QueueTarget, showUrl } from "./target.js";

export interface QueueWorkerOptions {
  target: QueueTarget;
  concurrency: number;
  lockSeconds: number;
  /** Stop after this many seconds without a run (batch schedulers); undefined: run until closed. */
  idleSeconds?: number;
  /** Progress lines ("start c1-seed2 …", "done …"). */
  log: (line: string) => void;
}

export interface QueueWorker {
  /** Resolves with the exit code once the worker has stopped (0, or 2 for a version mismatch). */
  stopped: Promise<number>;
  /** Stops taking jobs, lets the running ones finish, and stops. */
  close(): Promise<void>;
}

const mismatch = (target: QueueTarget, theirs: string) =>
  new ConfigError(
    "--queue",
    `queue "${target.name}" on ${showUrl(target.url)} holds runs planned by shoulda ${theirs}, and this worker is shoulda ${VERSION}; allowed: the same shoulda version on every machine (npm install shoulda@${theirs}), or a study on another --queue-name`,
  );

/** Refuses up front when the queue was last used by another shoulda version. */
async function checkQueueVersion(target: QueueTarget): Promise<void> {
  const client = await connect(target);
  try {
    const theirs = await client.get(versionKey(target.name));
    if (theirs !== null && theirs !== VERSION) throw mismatch(target, theirs);
  } finally {
    client.disconnect();
  }
}

export async function startQueueWorker(options: QueueWorkerOptions): Promise<QueueWorker> {
  const { target, concurrency, lockSeconds, log } = options;
  checkThreadsBuilt();
  await checkQueueVersion(target);
  const me = `${hostname()}:${process.pid}`;
  const idle: Thread[] = [];
  let exitCode = 0;
  let closing: Promise<void> | undefined;
  let running = 0;
  let lastBusy = Date.now();

  async function processor(job: Job<JobData, JobResult>, token?: string): Promise<JobResult> {
    const { runId, version, config } = job.data;
    if (version !== VERSION) {
      // Back to the queue for a worker of the right version, untouched (no attempt used).
      await job.moveToDelayed(Date.now() + 1000, token);
      log(`error: ${mismatch(target, version).message}`);
      exitCode = 2;
      void close();
      throw new DelayedError();
    }
    log(`start ${runId} (study ${job.data.study}, try ${job.attemptsStarted})`);
    const thread = idle.pop() ?? startThread();
    const startedAt = Date.now();
    running++;
    const outcome = await runOnWorker(thread, { runId, config }).finally(() => {
      running--;
      lastBusy = Date.now();
    });
    const seconds = (Date.now() - startedAt) / 1000;
    if (!outcome.ok && outcome.error.startsWith(DIED)) await thread.terminate();
    else idle.push(thread);
    log(`${outcome.ok ? "done" : "FAILED"} ${runId} ${seconds.toFixed(1)} s`);
    const where = { startedAt, seconds, worker: me };
    return outcome.ok
      ? { ok: true, result: outcome.result, ...where }
      : { ok: false, error: outcome.error, ...where };
  }

  const worker = new Worker<JobData, JobResult>(target.name, processor, {
    connection: bullConnection(target),
    concurrency,
    name: `shoulda ${VERSION} ${me}`,
    lockDuration: lockSeconds * 1000,
    // Each worker checks for jobs whose worker died this often; a dead worker's job is taken
    // over between lockSeconds and 1.5 × lockSeconds after its last renewal.
    stalledInterval: (lockSeconds * 1000) / 2,
    maxStalledCount: MAX_STALLED,
  });
  worker.on("error", (e) => log(`redis: ${e.message}`));
  let stop: (code: number) => void = () => {};
  const stopped = new Promise<number>((resolve) => {
    stop = resolve;
  });

  const idleCheck =
    options.idleSeconds === undefined
      ? undefined
      : setInterval(() => {
          if (running === 0 && Date.now() - lastBusy >= (options.idleSeconds ?? 0) * 1000) {
            log(`no run for ${options.idleSeconds} s: stopping`);
            void close();
          }
        }, 250);

  function close(): Promise<void> {
    closing ??= (async () => {
      clearInterval(idleCheck);
      await worker.close();
      await Promise.all(idle.splice(0).map((t) => t.terminate()));
      stop(exitCode);
    })();
    return closing;
  }

  await worker.waitUntilReady();
  log(
    `worker ${me}: shoulda ${VERSION}, queue "${target.name}" on ${showUrl(target.url)}, ${concurrency} at a time, lock ${lockSeconds} s${options.idleSeconds === undefined ? "" : `, stops after ${options.idleSeconds} s idle`}`,
  );
  return { stopped, close };
}
