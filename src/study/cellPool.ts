/**
 * A long-lived pool of study workers that takes cells as they come (a fit's candidates are
 * known only once the previous ones have run), where runCells takes a fixed list. `jobs` 1
 * runs each cell in this thread. A worker that dies fails its cell and is replaced.
 */
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { type CellOutcome, type CellTask, executeCell } from "./execute.js";
import { DIED, runOnWorker, WORKER_URL } from "./pool.js";

export class CellPool {
  private readonly idle: Worker[] = [];
  private readonly waiting: (() => void)[] = [];
  private started = 0;
  private closed = false;
  /** In-thread cells run one at a time, in the order asked. */
  private inThread: Promise<unknown> = Promise.resolve();

  constructor(readonly jobs: number) {
    if (jobs > 1 && !existsSync(fileURLToPath(WORKER_URL)))
      throw new Error(
        `study workers need the built ${fileURLToPath(WORKER_URL)} (run npm run build, or use --jobs 1)`,
      );
  }

  async run(task: CellTask): Promise<CellOutcome> {
    if (this.closed) throw new Error("CellPool: run after close");
    if (this.jobs <= 1) {
      const next = this.inThread.then(() => executeCell(task));
      this.inThread = next.catch(() => {});
      return next;
    }
    const worker = await this.take();
    const outcome = await runOnWorker(worker, task);
    if (!outcome.ok && outcome.error.startsWith(DIED)) {
      await worker.terminate();
      this.give(new Worker(WORKER_URL));
    } else this.give(worker);
    return outcome;
  }

  private async take(): Promise<Worker> {
    for (;;) {
      const w = this.idle.pop();
      if (w) return w;
      if (this.started < this.jobs) {
        this.started++;
        return new Worker(WORKER_URL);
      }
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
  }

  private give(worker: Worker): void {
    this.idle.push(worker);
    this.waiting.shift()?.();
  }

  /** Terminates the workers (call once every run has settled). */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.idle.splice(0).map((w) => w.terminate()));
  }
}
