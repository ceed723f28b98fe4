/**
 * Runs cells on `jobs` worker threads (or in this thread when jobs is 1), handing each result
 * to `onDone` as it arrives. A worker that dies fails its cell and is replaced.
 */
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { type CellOutcome, type CellTask, executeCell } from "./execute.js";

export const WORKER_URL = new URL("./worker.js", import.meta.url);
export const DIED = "worker died";

/** Throws a clear error when the built worker is missing (code run from src, before a build). */
export function checkThreadsBuilt(): void {
  if (!existsSync(fileURLToPath(WORKER_URL)))
    throw new Error(
      `study workers need the built ${fileURLToPath(WORKER_URL)} (run npm run build, or use --jobs 1)`,
    );
}

export const startThread = () => new Worker(WORKER_URL);

/** Runs one task; a worker that throws outside the task or exits fails it ("worker died"). */
export function runOnWorker(worker: Worker, task: CellTask): Promise<CellOutcome> {
  return new Promise((resolve) => {
    const settle = (r: CellOutcome) => {
      worker.off("message", done);
      worker.off("error", fail);
      worker.off("exit", exited);
      resolve(r);
    };
    const done = (r: CellOutcome) => settle(r);
    const fail = (err: Error) =>
      settle({ runId: task.runId, ok: false, error: `${DIED}: ${err.message}` });
    const exited = (code: number) =>
      settle({ runId: task.runId, ok: false, error: `${DIED}: it exited with code ${code}` });
    worker.on("message", done);
    worker.on("error", fail);
    worker.on("exit", exited);
    worker.postMessage(task);
  });
}

export async function runCells(
  tasks: readonly CellTask[],
  jobs: number,
  onStart: (task: CellTask) => Promise<void>,
  onDone: (outcome: CellOutcome) => Promise<void>,
): Promise<void> {
  let next = 0;
  if (tasks.length === 0) return;
  if (jobs <= 1) {
    for (const task of tasks) {
      await onStart(task);
      await onDone(await executeCell(task));
    }
    return;
  }
  checkThreadsBuilt();
  await Promise.all(
    Array.from({ length: Math.max(1, Math.min(jobs, tasks.length)) }, async () => {
      let worker = startThread();
      try {
        while (next < tasks.length) {
          const task = tasks[next++];
          await onStart(task);
          const outcome = await runOnWorker(worker, task);
          if (!outcome.ok && outcome.error.startsWith(DIED)) {
            await worker.terminate();
            worker = startThread();
          }
          await onDone(outcome);
        }
      } finally {
        await worker.terminate();
      }
    }),
  );
}
