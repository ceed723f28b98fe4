/**
 * `shoulda worker --queue redis://HOST:6379 [--concurrency N]`: runs queued study jobs on this
 * machine until stopped (SIGINT/SIGTERM: it finishes the runs it holds, then exits 0), or
 * with --idle-exit S after S seconds without a run (for batch schedulers).
 */
import { availableParallelism } from "node:os";
import { ConfigError } from "../model/errors.js";
import { DEFAULT_LOCK_SECONDS } from "../study/queue/jobs.js";
import { parseQueueTarget } from "../study/queue/target.js";

export interface WorkerOptions {
  queue?: string;
  queueName?: string;
  concurrency?: string;
  lockSeconds?: string;
  idleExit?: string;
}

function parseInteger(
  text: string | undefined,
  field: string,
  min: number,
  max: number,
  fallback: number,
) {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(n) || n < min || n > max)
    throw new ConfigError(field, `got ${JSON.stringify(text)}; allowed: an integer ${min}..${max}`);
  return n;
}

export async function workerCommand(options: WorkerOptions): Promise<number> {
  if (options.queue === undefined)
    throw new ConfigError("--queue", "missing (required); allowed: a Redis URL redis://HOST:PORT");
  const target = parseQueueTarget(options.queue, options.queueName);
  const concurrency = parseInteger(
    options.concurrency,
    "--concurrency",
    1,
    1024,
    availableParallelism(),
  );
  const lockSeconds = parseInteger(
    options.lockSeconds,
    "--lock-seconds",
    1,
    86_400,
    DEFAULT_LOCK_SECONDS,
  );
  const idleSeconds =
    options.idleExit === undefined
      ? undefined
      : parseInteger(options.idleExit, "--idle-exit", 1, 86_400 * 30, 0);
  const { startQueueWorker } = await import("../study/queue/queueWorker.js");
  const worker = await startQueueWorker({
    target,
    concurrency,
    lockSeconds,
    idleSeconds,
    log: (line) => console.error(line),
  });
  const stop = () => {
    console.error("stopping: finishing the runs in hand (signal again to abort)");
    process.off("SIGINT", stop);
    process.off("SIGTERM", stop);
    void worker.close();
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  const code = await worker.stopped;
  process.off("SIGINT", stop);
  process.off("SIGTERM", stop);
  return code;
}
