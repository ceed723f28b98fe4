/**
 * The WebAssembly backend on several threads: every helper thread instantiates the same module on
 * the same shared memory, so the arrays are never copied between threads. Helpers are Node
 * worker_threads, or Web Workers in a cross-origin-isolated page (the playground's simulation
 * worker). Work is split so that each float64 sum keeps its order, which keeps the results
 * bit-identical:
 *
 * - the granule drive by cells: thread t takes cells [i_t, i_{t+1}) and lists its cells above the
 *   floor from entry i_t on; the calling thread then joins the lists (they stay increasing);
 * - purkinjeSum by Purkinje columns p (each column's sum runs over the rows in list order on one
 *   thread);
 * - updateWeights by rows when no row is listed twice (each weight then has one writer), else by
 *   columns (the updates of one weight happen on one thread, in list order).
 *
 * The calling thread does the first share itself, then waits for the others: a barrier per kernel
 * call, first spinning on the workers' done counters, then sleeping (Atomics.wait). Workers spin
 * briefly after a job, then sleep until the next one. Below a size threshold (`minCells`,
 * `minWeights`) a call runs on the calling thread alone: there a barrier costs more than it saves.
 * Above it, the kernel times both ways as it runs and keeps to the faster (SplitChooser).
 * Workers that have not finished starting are not waited for: until they are ready, the calling
 * thread does their share. That matters in browsers, where a Web Worker starts only after its
 * creator has returned to its event loop: a synchronous run uses one thread until it yields once.
 * Workers end with `dispose()`, or when the kernel is garbage-collected; Node workers are unref'd
 * (they never keep a process alive).
 *
 * Where helpers cannot run the kernel uses one thread, like `wasm`, and says why in
 * `fallbackReason`: no shared memory (a page that is not cross-origin isolated), a browser main
 * thread (it may not block in Atomics.wait, and a spinning main thread would freeze the page), or
 * a runtime with neither worker_threads nor Web Workers.
 */
import { WasmKernel, type WasmPlan, wasmModule } from "./wasmKernel.js";

/** What the pool needs of a worker, Node's or the browser's. */
export interface WorkerLike {
  terminate(): unknown;
}
/** The helpers' data: the compiled module, the shared memory, the control block, own slot. */
export interface WorkerData {
  module: object;
  memory: object;
  control: SharedArrayBuffer;
  index: number;
  spin: number;
}
/** Starts helper `data.index`; `failed` marks it as never going to be ready. */
export type Spawn = (data: WorkerData, failed: (why: string) => void) => WorkerLike;

/** The slices of node:worker_threads and of the Web Worker API used here (looked up at run time). */
type NodeWorkerCtor = new (
  source: string,
  options: { eval: true; workerData: unknown },
) => WorkerLike & { unref(): void };
export interface WebWorker extends WorkerLike {
  postMessage(data: unknown): void;
  addEventListener(type: string, listener: (e: { message?: string }) => void): void;
}
export interface WebHost {
  Worker?: new (url: string) => WebWorker;
  Blob?: new (parts: string[], options: { type: string }) => object;
  URL?: { createObjectURL(blob: object): string; revokeObjectURL(url: string): void };
  crossOriginIsolated?: boolean;
  WorkerGlobalScope?: unknown;
  process?: { getBuiltinModule?: (id: string) => unknown };
  navigator?: { hardwareConcurrency?: number };
}

// Control block per worker: 32 int32 (128 bytes, its own cache lines), then 16 float64 arguments.
const SLOT = 32;
const GEN = 0;
const DONE = 1;
const OP = 2;
const RESULT = 3;
const READY = 4;
const ARGS = 16;
const SLOT_BYTES = SLOT * 4 + ARGS * 8;

const OP_STOP = 0;
const OP_DRIVE4 = 1;
const OP_DRIVEK = 2;
const OP_SUMS = 3;
const OP_UPDATES = 4;

/**
 * The helper's loop, one source for both hosts: a function that a short per-host prologue calls
 * with the helper's data. It marks its slot READY, then runs jobs until OP_STOP.
 */
const loopSource = `
function shouldaHelper(module, memory, control, index, spin) {
  const ex = new WebAssembly.Instance(module, { env: { memory } }).exports;
  const ctl = new Int32Array(control, index * ${SLOT_BYTES}, ${SLOT});
  const a = new Float64Array(control, index * ${SLOT_BYTES} + ${SLOT * 4}, ${ARGS});
  let gen = Atomics.load(ctl, ${GEN});
  Atomics.store(ctl, ${READY}, 1);
  for (;;) {
    let s = 0;
    while (Atomics.load(ctl, ${GEN}) === gen) {
      if (++s > spin) {
        Atomics.wait(ctl, ${GEN}, gen);
        s = 0;
      }
    }
    gen = Atomics.load(ctl, ${GEN});
    let r = 0;
    switch (ctl[${OP}]) {
      case ${OP_STOP}: return;
      case ${OP_DRIVE4}: r = ex.driveAbove4(a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8]); break;
      case ${OP_DRIVEK}: r = ex.driveAboveK(a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8]); break;
      case ${OP_SUMS}: ex.purkinjeSum(a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7]); break;
      case ${OP_UPDATES}: ex.updateWeights(a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8], a[9] !== 0); break;
    }
    ctl[${RESULT}] = r;
    Atomics.store(ctl, ${DONE}, gen);
    Atomics.notify(ctl, ${DONE});
  }
}
`;
const callLoop = "shouldaHelper(d.module, d.memory, d.control, d.index, d.spin);";

/** Node: CommonJS evaluated by worker_threads; the data comes as workerData. */
const nodeWorkerSource = `"use strict";
${loopSource}
const d = require("node:worker_threads").workerData;
${callLoop}
`;

/** Browser: a classic Web Worker from a Blob URL; the data comes as its first message. */
const webWorkerSource = `"use strict";
${loopSource}
self.onmessage = (e) => {
  self.onmessage = null;
  const d = e.data;
  ${callLoop}
};
`;

/** The browser helpers' script, made once per page (or worker) and kept: it is small. */
let helperUrl: string | undefined;

/** How a runtime starts helpers (and how many cores it has), or why it cannot. */
export type HelperHost = { spawn: Spawn; cores: number } | { reason: string };

/** How this runtime (`g`: globalThis, or a stand-in in tests) starts helpers, or why it cannot. */
export function helperHost(g: WebHost = globalThis as WebHost): HelperHost {
  const nodeThreads = g.process?.getBuiltinModule?.("node:worker_threads") as
    | { Worker?: NodeWorkerCtor }
    | undefined;
  const NodeWorker = nodeThreads?.Worker;
  if (NodeWorker) {
    const os = g.process?.getBuiltinModule?.("node:os") as
      | { availableParallelism?: () => number }
      | undefined;
    const spawn: Spawn = (workerData) => {
      const worker = new NodeWorker(nodeWorkerSource, { eval: true, workerData });
      worker.unref();
      return worker;
    };
    return { spawn, cores: os?.availableParallelism?.() ?? 1 };
  }
  const { Worker, Blob, URL } = g;
  if (!Worker || !Blob || !URL) return { reason: "no worker_threads or Web Workers here" };
  if (g.crossOriginIsolated !== true || typeof SharedArrayBuffer === "undefined") {
    return {
      reason:
        "the page is not cross-origin isolated, so there is no shared memory (serve it with COOP/COEP headers, as `shoulda serve` does)",
    };
  }
  if (g.WorkerGlobalScope === undefined) {
    return {
      reason:
        "a browser main thread may not wait (Atomics.wait) for helpers: use the kernel in a Web Worker",
    };
  }
  const spawn: Spawn = (data, failed) => {
    helperUrl ??= URL.createObjectURL(new Blob([webWorkerSource], { type: "text/javascript" }));
    const worker = new Worker(helperUrl);
    worker.addEventListener("error", (e) => failed(e.message ?? "script error"));
    worker.addEventListener("messageerror", () => failed("could not receive its data"));
    worker.postMessage(data);
    return worker;
  };
  return { spawn, cores: g.navigator?.hardwareConcurrency ?? 1 };
}

export interface ThreadedWasmOptions {
  name?: string;
  /** Threads in all, the calling one included (default: available cores, at most 8). */
  threads?: number;
  /** Fewest granule cells for which the drive is split (default 20,000). */
  minCells?: number;
  /** Fewest weights (rows × P) for which sums and updates are split (default 16,384). */
  minWeights?: number;
  /** Polls before a waiting thread sleeps (default 1,000: a few µs; a spinning thread takes a core from others on a busy machine). */
  spin?: number;
  /** See WasmKernelOptions.smallWork. */
  smallWork?: number;
  /** Time both ways and keep to the faster (default true); false splits every call above the thresholds. */
  adaptive?: boolean;
  /** Where helpers come from (default: this runtime's, see helperHost; tests pass a stand-in). */
  host?: HelperHost;
}

/**
 * Picks, per kind of call, whether splitting pays: running means of the time per unit of work
 * with and without the workers, and every EXPLORE-th call tries the other way. On a loaded
 * machine a sleeping worker can cost milliseconds to wake, and then one thread is faster; the
 * results do not depend on the choice (both are bit-identical).
 */
class SplitChooser {
  private split = Number.NaN;
  private alone = Number.NaN;
  private calls = 0;

  /** `always`: split every call (no timing). */
  constructor(private readonly always: boolean) {}

  /** Whether the next call should split. */
  next(): boolean {
    if (this.always) return true;
    this.calls++;
    if (Number.isNaN(this.split)) return true;
    if (Number.isNaN(this.alone)) return false;
    const better = this.split <= this.alone;
    return this.calls % EXPLORE === 0 ? !better : better;
  }

  record(split: boolean, ms: number, work: number): void {
    const v = ms / Math.max(1, work);
    if (split) this.split = Number.isNaN(this.split) ? v : this.split + 0.25 * (v - this.split);
    else this.alone = Number.isNaN(this.alone) ? v : this.alone + 0.25 * (v - this.alone);
  }
}
const EXPLORE = 64;

interface Pool {
  workers: WorkerLike[];
  control: Int32Array;
  args: Float64Array[];
  slots: Int32Array[];
  /** Why each helper that will never be ready failed to start (browsers report it by event). */
  failures: string[];
}

/** Stops the workers of kernels that were dropped without dispose(). */
const reaper = new FinalizationRegistry<Pool>((pool) => stopPool(pool));

function stopPool(pool: Pool): void {
  for (let i = 0; i < pool.workers.length; i++) {
    const ctl = pool.slots[i];
    ctl[OP] = OP_STOP;
    Atomics.add(ctl, GEN, 1);
    Atomics.notify(ctl, GEN);
    void pool.workers[i].terminate();
  }
  pool.workers.length = 0;
}

/** Start of slice t of n cells in `parts` slices of whole 16-cell blocks (t = parts gives n). */
function cellEdge(n: number, t: number, parts: number): number {
  return Math.min(n, Math.ceil((n * t) / parts / 16) * 16);
}

/** How a kernel used its threads so far (`threadUsage` gives this for any kernel). */
export interface ThreadUsage {
  /** Threads in all that the kernel may use, the calling one included (1 = no helpers). */
  threads: number;
  /** Helpers started and ready now. */
  readyHelpers: number;
  /** Kernel calls that were split across threads, and the most threads one call ran on. */
  splitCalls: number;
  mostThreads: number;
  /** Why the kernel runs on one thread although threads were asked for; null when it need not. */
  fallbackReason: string | null;
}

export class ThreadedWasmKernel extends WasmKernel {
  /** The dense drive, which the threads split by cells. */
  protected override readonly sparseDrive: boolean = false;
  /** Threads in all, the calling one included: 1 where helpers cannot run (see fallbackReason). */
  readonly threads: number;
  private readonly pool: Pool | null;
  private readonly hostReason: string | null;
  private readonly minCells: number;
  private readonly minWeights: number;
  private readonly spin: number;
  /** Workers ready for the current call, and how many. */
  private readonly ready: number[] = [];
  private readonly chooseDrive: SplitChooser;
  private readonly chooseSums: SplitChooser;
  private readonly chooseUpdates: SplitChooser;
  private splitCalls = 0;
  private mostThreads = 1;

  constructor(options: ThreadedWasmOptions = {}) {
    const host = options.host ?? helperHost();
    const spawn = "spawn" in host ? host.spawn : null;
    super({
      name: options.name ?? "wasm-threads",
      // Helpers need a shared memory; without them, the same memory as `wasm` would use.
      shared: spawn ? true : undefined,
      smallWork: options.smallWork,
    });
    this.hostReason = "reason" in host ? host.reason : null;
    const wanted = options.threads ?? Math.min(8, "cores" in host ? host.cores : 1);
    this.threads = spawn ? Math.max(1, Math.floor(wanted)) : 1;
    this.minCells = options.minCells ?? 20_000;
    this.minWeights = options.minWeights ?? 16_384;
    this.spin = options.spin ?? 1000;
    const always = options.adaptive === false;
    this.chooseDrive = new SplitChooser(always);
    this.chooseSums = new SplitChooser(always);
    this.chooseUpdates = new SplitChooser(always);
    const helpers = this.threads - 1;
    if (!spawn || helpers === 0) {
      this.pool = null;
      return;
    }
    const control = new SharedArrayBuffer(helpers * SLOT_BYTES);
    const pool: Pool = {
      workers: [],
      control: new Int32Array(control),
      args: [],
      slots: [],
      failures: [],
    };
    const module = wasmModule(true);
    for (let i = 0; i < helpers; i++) {
      pool.slots.push(new Int32Array(control, i * SLOT_BYTES, SLOT));
      pool.args.push(new Float64Array(control, i * SLOT_BYTES + SLOT * 4, ARGS));
      // The callback holds the pool only, never the kernel (the reaper needs the kernel freed).
      const failed = (why: string) => {
        pool.failures[i] = why;
      };
      pool.workers.push(
        spawn({ module, memory: this.memory, control, index: i, spin: this.spin }, failed),
      );
    }
    this.pool = pool;
    reaper.register(this, pool, this);
  }

  /** Why this kernel runs on one thread although more were asked for (null: it need not). */
  get fallbackReason(): string | null {
    if (this.hostReason) return this.hostReason;
    const pool = this.pool;
    if (!pool || pool.workers.length === 0) return null;
    const failures = pool.failures.filter((f) => f !== undefined);
    if (failures.length < pool.workers.length) return null;
    return `helper workers failed to start: ${failures[0]}`;
  }

  /** Threads asked for and actually used so far. */
  usage(): ThreadUsage {
    return {
      threads: this.threads,
      readyHelpers: this.readyWorkers().length,
      splitCalls: this.splitCalls,
      mostThreads: this.mostThreads,
      fallbackReason: this.fallbackReason,
    };
  }

  /** Ends the worker threads; the kernel keeps working on the calling thread. */
  override dispose(): void {
    if (this.pool) {
      reaper.unregister(this);
      stopPool(this.pool);
    }
  }

  /**
   * Resolves once every worker has started or failed to (calls before that run on fewer
   * threads). In a browser, helpers start only while the creating thread is idle: await this
   * before a long synchronous run to use them from its first step.
   */
  async whenReady(timeoutMs = 30_000): Promise<void> {
    const end = Date.now() + timeoutMs;
    const pool = this.pool;
    while (pool) {
      const failed = pool.failures.filter((f) => f !== undefined).length;
      if (this.readyWorkers().length + failed >= pool.workers.length) return;
      if (Date.now() > end) throw new Error("wasm-threads: workers did not start");
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  /** Counts a call split across `parts` threads. */
  private counted(parts: number): void {
    this.splitCalls++;
    if (parts > this.mostThreads) this.mostThreads = parts;
  }

  /** No workers: the call runs on the calling thread. */
  private none(): number[] {
    this.ready.length = 0;
    return this.ready;
  }

  /** Indices of the workers that have started and are not stopped. */
  private readyWorkers(): number[] {
    const ready = this.ready;
    ready.length = 0;
    const pool = this.pool;
    if (!pool) return ready;
    for (let i = 0; i < pool.workers.length; i++) {
      if (Atomics.load(pool.slots[i], READY) === 1) ready.push(i);
    }
    return ready;
  }

  /** Starts job `op` on worker i (arguments already in pool.args[i]). */
  private start(i: number, op: number): void {
    const ctl = this.pool!.slots[i];
    ctl[OP] = op;
    Atomics.add(ctl, GEN, 1);
    Atomics.notify(ctl, GEN, 1);
  }

  /** Waits for worker i's current job; returns its result. */
  private join(i: number): number {
    const ctl = this.pool!.slots[i];
    const gen = Atomics.load(ctl, GEN);
    let s = 0;
    for (;;) {
      const done = Atomics.load(ctl, DONE);
      if (done === gen) break;
      if (++s > this.spin) {
        Atomics.wait(ctl, DONE, done);
        s = 0;
      }
    }
    return ctl[RESULT];
  }

  protected override driveAbove(
    plan: WasmPlan,
    units: number,
    drive: number,
    n: number,
    floor: number,
    above: number,
    aboveDrive: number,
  ): number {
    const split = n >= this.minCells && this.chooseDrive.next();
    const ready = split ? this.readyWorkers() : this.none();
    const t0 = performance.now();
    if (ready.length === 0) {
      const count = super.driveAbove(plan, units, drive, n, floor, above, aboveDrive);
      if (n >= this.minCells) this.chooseDrive.record(false, performance.now() - t0, n);
      return count;
    }
    const parts = ready.length + 1;
    this.counted(parts);
    const args = this.pool!.args;
    for (let k = 0; k < ready.length; k++) {
      const i = ready[k];
      const a = args[i];
      const from = cellEdge(n, k + 1, parts);
      const to = cellEdge(n, k + 2, parts);
      // driveAbove4(table, wiring, indexBytes, …) and driveAboveK(units, wiring, fanIn, …).
      a[0] = plan.indexBytes > 0 ? plan.table : units;
      a[1] = plan.ptr;
      a[2] = plan.indexBytes > 0 ? plan.indexBytes : plan.fanIn;
      a[3] = drive;
      a[4] = from;
      a[5] = to;
      a[6] = floor;
      a[7] = above;
      a[8] = aboveDrive;
      this.start(i, plan.indexBytes > 0 ? OP_DRIVE4 : OP_DRIVEK);
    }
    const ex = this.exports;
    const to0 = cellEdge(n, 1, parts);
    let count =
      plan.indexBytes > 0
        ? ex.driveAbove4(
            plan.table,
            plan.ptr,
            plan.indexBytes,
            drive,
            0,
            to0,
            floor,
            above,
            aboveDrive,
          )
        : ex.driveAboveK(units, plan.ptr, plan.fanIn, drive, 0, to0, floor, above, aboveDrive);
    // Join the lists in slice order: slice k's list starts at entry edge(k + 1).
    for (let k = 0; k < ready.length; k++) {
      const c = this.join(ready[k]);
      const from = cellEdge(n, k + 1, parts);
      if (c > 0 && from !== count) {
        ex.move(above + count * 4, above + from * 4, c * 4);
        ex.move(aboveDrive + count * 4, aboveDrive + from * 4, c * 4);
      }
      count += c;
    }
    this.chooseDrive.record(true, performance.now() - t0, n);
    return count;
  }

  /** Column ranges [edge(t), edge(t + 1)) for `parts` threads, in blocks of 16 (or 4) columns. */
  private columns(purkinje: number, t: number, parts: number): number {
    const block = purkinje >= 16 * parts ? 16 : 4;
    return Math.min(purkinje, Math.ceil((purkinje * t) / parts / block) * block);
  }

  /** Workers to share a column-split job of `count` rows, or none. */
  private columnWorkers(count: number, purkinje: number, chooser: SplitChooser): number[] {
    if (count * purkinje < this.minWeights || purkinje < 8 || !chooser.next()) return this.none();
    const ready = this.readyWorkers();
    // No more threads than 4-column blocks.
    if (ready.length + 1 > purkinje / 4) ready.length = Math.floor(purkinje / 4) - 1;
    return ready;
  }

  /**
   * Starts job `op` on each ready worker for its share of the columns, with arguments `head`,
   * then the share's columns [from, to), then `tail`. Returns the end of the calling thread's
   * own share [0, end); the worker shares follow it in order.
   */
  private startColumnShares(
    ready: number[],
    purkinje: number,
    op: number,
    head: readonly number[],
    tail: readonly number[],
  ): number {
    const parts = ready.length + 1;
    this.counted(parts);
    const args = this.pool!.args;
    for (let k = 0; k < ready.length; k++) {
      const a = args[ready[k]];
      a.set(head);
      a[head.length] = this.columns(purkinje, k + 1, parts);
      a[head.length + 1] = this.columns(purkinje, k + 2, parts);
      a.set(tail, head.length + 2);
      this.start(ready[k], op);
    }
    return this.columns(purkinje, 1, parts);
  }

  protected override sums(
    active: number,
    count: number,
    w: number,
    purkinje: number,
    offset: number,
    out: number,
  ): void {
    const ready = this.columnWorkers(count, purkinje, this.chooseSums);
    const t0 = performance.now();
    if (ready.length === 0) {
      super.sums(active, count, w, purkinje, offset, out);
      if (count * purkinje >= this.minWeights)
        this.chooseSums.record(false, performance.now() - t0, count);
      return;
    }
    const head = [active, count, w, purkinje, offset, out];
    const to = this.startColumnShares(ready, purkinje, OP_SUMS, head, []);
    this.exports.purkinjeSum(active, count, w, purkinje, offset, out, 0, to);
    for (let k = 0; k < ready.length; k++) this.join(ready[k]);
    this.chooseSums.record(true, performance.now() - t0, count);
  }

  protected override updates(
    active: number,
    count: number,
    w: number,
    purkinje: number,
    dw: number,
    lo: number,
    hi: number,
    anyZero: boolean,
    distinctRows: boolean,
  ): void {
    // No row listed twice (the granule lists are strictly increasing): every weight has one
    // writer whichever thread takes its row, so split by rows, and each thread takes the cache and
    // TLB misses of its own rows only. Otherwise by columns, as the sums.
    const big = count * purkinje >= this.minWeights;
    const byRows = big && distinctRows;
    const ready = byRows
      ? this.chooseUpdates.next()
        ? this.readyWorkers()
        : this.none()
      : this.columnWorkers(count, purkinje, this.chooseUpdates);
    const t0 = performance.now();
    if (ready.length === 0) {
      super.updates(active, count, w, purkinje, dw, lo, hi, anyZero, distinctRows);
      if (big) this.chooseUpdates.record(false, performance.now() - t0, count);
      return;
    }
    if (byRows) {
      const parts = ready.length + 1;
      this.counted(parts);
      const args = this.pool!.args;
      for (let k = 0; k < ready.length; k++) {
        const from = cellEdge(count, k + 1, parts);
        const to = cellEdge(count, k + 2, parts);
        const a = args[ready[k]];
        a[0] = active + from * 4;
        a[1] = to - from;
        a[2] = w;
        a[3] = purkinje;
        a[4] = dw;
        a[5] = lo;
        a[6] = hi;
        a[7] = 0;
        a[8] = purkinje;
        a[9] = anyZero ? 1 : 0;
        this.start(ready[k], OP_UPDATES);
      }
      const own = cellEdge(count, 1, parts);
      this.exports.updateWeights(active, own, w, purkinje, dw, lo, hi, 0, purkinje, anyZero);
    } else {
      const head = [active, count, w, purkinje, dw, lo, hi];
      const to = this.startColumnShares(ready, purkinje, OP_UPDATES, head, [anyZero ? 1 : 0]);
      this.exports.updateWeights(active, count, w, purkinje, dw, lo, hi, 0, to, anyZero);
    }
    for (let k = 0; k < ready.length; k++) this.join(ready[k]);
    this.chooseUpdates.record(true, performance.now() - t0, count);
  }
}

/** Thread usage of any kernel: a ThreadedWasmKernel's own, one thread for every other kernel. */
export function threadUsage(kernel: object): ThreadUsage {
  if (kernel instanceof ThreadedWasmKernel) return kernel.usage();
  return { threads: 1, readyHelpers: 0, splitCalls: 0, mostThreads: 1, fallbackReason: null };
}
