/**
 * The literature scorecard: measure targets (in parallel worker threads, one target each at a
 * time) and report id, source, measured, published, tolerance and pass.
 */
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import type { Target, TargetResult } from "./types.js";

export async function measureTarget(target: Target): Promise<TargetResult> {
  const started = performance.now();
  const { measure, ...info } = target;
  try {
    const m = await measure.call(target);
    return { ...info, ...m, seconds: (performance.now() - started) / 1000 };
  } catch (err) {
    return {
      ...info,
      measured: "error",
      pass: false,
      detail: { error: err instanceof Error ? (err.stack ?? err.message) : String(err) },
      seconds: (performance.now() - started) / 1000,
    };
  }
}

/**
 * Measure targets on `jobs` worker threads (in this thread when jobs = 1); results come back in
 * the targets' order.
 */
export async function runScorecard(
  targets: readonly Target[],
  jobs = availableParallelism(),
  onResult?: (r: TargetResult) => void,
): Promise<TargetResult[]> {
  if (jobs <= 1) {
    const results: TargetResult[] = [];
    for (const target of targets) {
      results.push(await measureTarget(target));
      onResult?.(results[results.length - 1]);
    }
    return results;
  }
  const results = new Array<TargetResult>(targets.length);
  let next = 0;
  const workers = Math.max(1, Math.min(jobs, targets.length));
  await Promise.all(
    Array.from({ length: workers }, async () => {
      const worker = new Worker(new URL("./worker.js", import.meta.url));
      try {
        while (next < targets.length) {
          const i = next++;
          results[i] = await new Promise<TargetResult>((resolve, reject) => {
            const done = (result: TargetResult) => {
              worker.off("error", fail);
              resolve(result);
            };
            const fail = (err: Error) => {
              worker.off("message", done);
              reject(err);
            };
            worker.once("message", done);
            worker.once("error", fail);
            worker.postMessage(targets[i].id);
          });
          onResult?.(results[i]);
        }
      } finally {
        await worker.terminate();
      }
    }),
  );
  return results;
}
