/**
 * The WebAssembly backend: the kernels of assembly/kernels.ts (SIMD) over one WebAssembly
 * memory per kernel instance. `alloc` hands out typed arrays in that memory, so the circuit's big
 * arrays (wiring, drives, active lists, weights) are read in place; arrays from elsewhere are
 * copied into scratch space and back. Inputs the wasm loops cannot take safely (indices out of
 * range, lists longer than their arrays, a plain memory that is full) go to the reference kernels,
 * which define the results anyway: every path is bit-identical to `referenceKernel`.
 *
 * Memory. A shared WebAssembly.Memory (Node, cross-origin-isolated pages) can grow without
 * detaching the views already handed out, so it grows on demand up to 4 GiB. A plain memory
 * (ordinary browser pages) would detach them, so it is made at a fixed size (`reserveBytes`) and
 * `alloc` returns plain typed arrays once that is used up (correct, with copies).
 */

import type { Rng } from "../../model/rng.js";
import type { FrontEnd } from "../frontEnd.js";
import { type IntWeightKernel, referenceIntKernel } from "../intWeights.js";
import {
  type FrontEndPlan,
  type GranulePlan,
  type Kernel,
  type KernelArrays,
  NOT_RUN_STATE,
} from "../kernel.js";
import { referenceKernel } from "../reference.js";
import { plainWasm, sharedWasm } from "./bytes.generated.js";
import { type FrontEndBlock, frontEndBlock } from "./frontEndBlock.js";

/** The graded integer updates' signature (hard and soft bounds; pointers into the memory). */
type GradedIntUpdate = (
  active: number,
  rates: number,
  count: number,
  w: number,
  purkinje: number,
  d: number,
  lo: number,
  hi: number,
  key: number,
) => void;

/** The exports of assembly/kernels.ts (pointers are byte offsets). */
export interface WasmExports {
  granuleDrive(
    units: number,
    inputs: number,
    fanIn: number,
    drive: number,
    from: number,
    to: number,
  ): void;
  driveAboveK(
    units: number,
    inputs: number,
    fanIn: number,
    drive: number,
    from: number,
    to: number,
    floor: number,
    above: number,
    aboveDrive: number,
  ): number;
  unitsTable(units: number, count: number, table: number): void;
  driveAbove4(
    table: number,
    wiring: number,
    indexBytes: number,
    drive: number,
    from: number,
    to: number,
    floor: number,
    above: number,
    aboveDrive: number,
  ): number;
  selectAbove(
    above: number,
    aboveDrive: number,
    count: number,
    target: number,
    floor: number,
    active: number,
    length: number,
    histogram: number,
    bins: number,
    counts: number,
  ): number;
  selectActive(
    drive: number,
    cells: number,
    target: number,
    floor: number,
    active: number,
    length: number,
    histogram: number,
    bins: number,
  ): number;
  purkinjeSum(
    active: number,
    count: number,
    w: number,
    purkinje: number,
    offset: number,
    out: number,
    from: number,
    to: number,
  ): void;
  updateWeights(
    active: number,
    count: number,
    w: number,
    purkinje: number,
    dw: number,
    lo: number,
    hi: number,
    from: number,
    to: number,
    anyZero: boolean,
  ): void;
  purkinjeSumGraded(
    active: number,
    gain: number,
    count: number,
    w: number,
    purkinje: number,
    w0: number,
    out: number,
  ): void;
  updateWeightsGraded(
    active: number,
    gain: number,
    count: number,
    w: number,
    purkinje: number,
    dw: number,
    lo: number,
    hi: number,
  ): void;
  purkinjeSumInt16(active: number, count: number, w: number, purkinje: number, out: number): void;
  updateWeightsInt16(
    active: number,
    count: number,
    w: number,
    purkinje: number,
    d: number,
    lo: number,
    hi: number,
    key: number,
    mask: number,
    acc: number,
  ): void;
  quantiseRates(gain: number, count: number, rates: number): number;
  purkinjeSumInt16Graded(
    active: number,
    rates: number,
    count: number,
    w: number,
    purkinje: number,
    out: number,
  ): void;
  updateWeightsInt16Graded: GradedIntUpdate;
  updateWeightsInt16GradedSoft: GradedIntUpdate;
  driveSparse(
    units: number,
    mask: number,
    unitCount: number,
    groups: number,
    cells: number,
    idx: number,
    n: number,
    drive: number,
    floor: number,
    above: number,
    aboveDrive: number,
  ): number;
  frontEnd(block: number, rng: number): void;
  /** `count` of Rng.normal()'s deviates from the generator block at `rng` (for tests). */
  normals(rng: number, out: number, count: number): void;
  nucleusDrive(block: number, output: number, purkinje: number): void;
  move(dst: number, src: number, bytes: number): void;
  maxIndex(list: number, count: number): number;
  increasingTop(list: number, count: number): number;
}

/**
 * The parts of the WebAssembly JS API used here, typed locally: the library's tsconfig has
 * neither the DOM lib nor (in @types/node 20) a WebAssembly namespace.
 */
export interface WasmMemory {
  readonly buffer: ArrayBuffer | SharedArrayBuffer;
  grow(pages: number): number;
}
export type WasmModule = object;
interface WasmApi {
  Module: new (bytes: Uint8Array) => WasmModule;
  Instance: new (
    module: WasmModule,
    imports: { env: WasmImports },
  ) => { exports: Record<string, unknown> };
  Memory: new (d: { initial: number; maximum: number; shared?: boolean }) => WasmMemory;
}
/**
 * What the module imports: its memory alone (the front end's Box–Muller draws compute their own
 * log, sin and cos, assembly/fdlibmMath.ts, the same code as the reference's model/fdlibmMath.ts).
 */
export interface WasmImports {
  memory: WasmMemory;
}

export function wasmImports(memory: WasmMemory): { env: WasmImports } {
  return { env: { memory } };
}

export const WA = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

const PAGE = 65536;
/** A stand-in vector of length ∞ for checks that take one. */
const out1 = { length: Number.POSITIVE_INFINITY };

/** Allocation starts past the first page (the module has no data, but keep 0 unused). */
const BASE = PAGE;
const MAX_BYTES = 65536 * PAGE;

function decode(base64: string): Uint8Array {
  const text = atob(base64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

const modules: { shared?: WasmModule; plain?: WasmModule } = {};

/** The compiled module (cached; synchronous compile is fine in Node and in workers). */
export function wasmModule(shared: boolean): WasmModule {
  const key = shared ? "shared" : "plain";
  modules[key] ??= new WA.Module(decode(shared ? sharedWasm : plainWasm));
  return modules[key];
}

/** Whether this JS environment can make a shared WebAssembly memory. */
export function sharedMemoryAvailable(): boolean {
  if (typeof SharedArrayBuffer === "undefined") return false;
  const g = globalThis as { crossOriginIsolated?: boolean; process?: unknown };
  return g.process !== undefined || g.crossOriginIsolated === true;
}

type Typed = Float32Array | Float64Array | Int32Array | Uint32Array | Int16Array | Uint8Array;
type TypedCtor<T extends Typed> = new (
  buffer: ArrayBufferLike,
  offset: number,
  length: number,
) => T;

export interface WasmKernelOptions {
  /** Registry name (default "wasm"). */
  name?: string;
  /** Use a shared memory (default: where available). */
  shared?: boolean;
  /** Size of a plain memory, fixed at creation (default 256 MiB; pages are committed on use). */
  reserveBytes?: number;
  /**
   * Weights (rows × P) below which sums and updates run the reference loops on the same arrays
   * (default 1,024): for little work (e.g. P = 1) a wasm call's checks cost more than they save.
   */
  smallWork?: number;
  /** Offer the integer-weight tier (`intWeights`: int16 weights, exact sums); default false. */
  intWeights?: boolean;
}

export interface WasmPlan extends GranulePlan {
  readonly inputs: Int32Array;
  /**
   * Wiring in wasm memory: packed (K = 4, indices < 2¹⁶: four u8 or u16 per cell) or N × K
   * int32; −1 if none.
   */
  readonly ptr: number;
  /** Bytes per packed index: 1 if every index < 256, 2 if < 2¹⁶ (0: not packed, int32 wiring). */
  readonly indexBytes: number;
  /** Room for the units as float64 (maxUnit + 1 of them) that the packed drive reads; −1 if none. */
  readonly table: number;
  /** Largest unit index, or −1 if some index is negative (then the reference runs). */
  readonly maxUnit: number;
  /** The reference's plan, made when first needed. */
  reference?: GranulePlan;
  /**
   * The sparse layout of a packed plan (driveSparse), made on the first call: null when it does
   * not pay or does not fit; undefined before the first call.
   */
  sparse?: SparseLayout | null;
}

/**
 * A packed plan's wiring without the inputs that read units at +0 (assembly/kernels.ts,
 * `driveSparse`). `mask` marks the units left out: those that were +0 at every call so far; a
 * call that finds one of them not +0 clears it (it is never left out again) and lays the wiring
 * out anew, so a plan is laid out at most once per unit.
 */
interface SparseLayout {
  /** u32 per unit (maxUnit + 1): all bits set = left out. */
  readonly mask: Uint32Array;
  /** Cells per group c = 0 … 4 (kept inputs). */
  readonly groups: Int32Array;
  /** The cells, group after group. */
  readonly cells: Int32Array;
  /** Their kept unit indices, in wiring order. */
  readonly idx: Uint16Array;
  /** Layouts made so far. */
  layouts: number;
}

/**
 * The sparse layout pays while the kept inputs average at most this many per cell (the dense
 * loop reads four, but streams the wiring and the drives in order, converts each unit once and
 * lists the cells in the same pass: at 10⁵ cells and 2.3 kept inputs per cell it was the faster).
 */
const SPARSE_MAX_KEPT = 1.5;
/**
 * Layouts per plan before the sparse layout is given up (each costs a pass over the wiring): units
 * that keep waking up one after another (the bench workload) make it a loss.
 */
const SPARSE_MAX_LAYOUTS = 32;

/** How much more a graded integer weight costs the reference than a binary one (rowsCallPays). */
const GRADED_INT_WORK = 16;

export class WasmKernel implements Kernel {
  readonly [NOT_RUN_STATE] = true;
  /**
   * Whether packed plans use the sparse layout (driveSparse) when it pays; the threaded kernel,
   * which splits the dense loop by cells, does not.
   */
  protected readonly sparseDrive: boolean = true;
  readonly name: string;
  readonly alloc: KernelArrays;
  readonly memory: WasmMemory;
  readonly shared: boolean;
  readonly exports: WasmExports;
  /** The integer tier's operations (intWeights.ts), when this kernel offers that tier. */
  readonly intWeights?: IntWeightKernel;
  private readonly smallWork: number;
  /** Buffers of this memory that views were made on (a shared memory's buffer object changes as it grows). */
  private readonly own = new WeakSet<ArrayBufferLike>();
  private top = BASE;
  private readonly limit: number;
  /** Scratch for arrays from outside the memory: [scratch, scratch + scratchSize), reused per call. */
  private scratch = 0;
  private scratchSize = 0;
  private scratchTop = 0;
  /** Arrays copied in for the current call that must be copied back, and where. */
  private readonly pendingArrays: Typed[] = [];
  private readonly pendingPtrs: number[] = [];
  /** Views on scratch made by earlier calls: the same foreign arrays land at the same places each step, so a step makes no new views. */
  private readonly views: Typed[] = [];
  private nextView = 0;
  /** The last granuleDriveAbove's units, drive, above and aboveDrive, when all four lie in this memory. */
  private lastDriveArrays: [Float32Array, Float32Array, Int32Array, Float32Array] | null = null;
  /** The last nucleusStep's plan and output that passed its checks. */
  private lastNucleus: [FrontEndPlan, Float64Array] | null = null;
  /** Scratch for the integer tier's quantised rates of a graded call (`quantisedRates`). */
  private rates = 0;
  private ratesLength = 0;
  /** selectAbove's scratch (binCounts): where, and for how many bins. */
  private counts = 0;
  private countsBins = 0;

  constructor(options: WasmKernelOptions = {}) {
    this.name = options.name ?? "wasm";
    this.shared = options.shared ?? sharedMemoryAvailable();
    this.smallWork = options.smallWork ?? 1024;
    const reserve = Math.min(MAX_BYTES, options.reserveBytes ?? 256 * 2 ** 20);
    const initial = this.shared ? 16 : Math.ceil(reserve / PAGE);
    this.memory = new WA.Memory(
      this.shared ? { initial, maximum: 65536, shared: true } : { initial, maximum: 65536 },
    );
    this.limit = this.shared ? MAX_BYTES : initial * PAGE;
    const instance = new WA.Instance(wasmModule(this.shared), wasmImports(this.memory));
    this.exports = instance.exports as unknown as WasmExports;
    const make =
      <T extends Typed>(Ctor: TypedCtor<T>, bytes: number, plain: (n: number) => T) =>
      (n: number): T => {
        const ptr = this.reserve(n * bytes);
        return ptr < 0 ? plain(n) : new Ctor(this.buffer(), ptr, n);
      };
    this.alloc = {
      float32: make(Float32Array, 4, (n) => new Float32Array(n)),
      float64: make(Float64Array, 8, (n) => new Float64Array(n)),
      int32: make(Int32Array, 4, (n) => new Int32Array(n)),
      uint32: make(Uint32Array, 4, (n) => new Uint32Array(n)),
      int16: make(Int16Array, 2, (n) => new Int16Array(n)),
      uint8: make(Uint8Array, 1, (n) => new Uint8Array(n)),
    };
    if (options.intWeights) this.intWeights = this.intOps();
  }

  /**
   * The integer tier on this memory: the wasm loops where every array can be placed and every
   * listed row lies inside the weights, else the reference (the same results either way).
   */
  private intOps(): IntWeightKernel {
    return {
      purkinjeSumInt: (active, count, wq, purkinje, out) => {
        if (this.rowsCallPays(active, count, purkinje, out)) {
          const pa = this.place(active, false);
          const pw = pa < 0 ? -1 : this.place(wq, false);
          const po = pw < 0 ? -1 : this.place(out, true);
          if (po >= 0 && this.rowList(pa, count, wq, purkinje) !== null) {
            this.exports.purkinjeSumInt16(pa, count, pw, purkinje, po);
            this.finish();
            return;
          }
          this.abandon();
        }
        referenceIntKernel.purkinjeSumInt(active, count, wq, purkinje, out);
      },
      updateWeightsInt: (active, count, wq, purkinje, d, lo, hi, key, mask, acc) => {
        const track = mask !== null && acc !== null;
        const ok =
          d.length >= purkinje &&
          (!track || (acc.length >= purkinje && mask.length * purkinje >= wq.length));
        if (ok && count > 0 && this.rowsCallPays(active, count, purkinje, acc ?? out1)) {
          const pa = this.place(active, false);
          const pd = pa < 0 ? -1 : this.place(d, false);
          const pm = pd < 0 || !track ? 0 : this.place(mask, false);
          const pc = pm < 0 || !track ? 0 : this.place(acc, true);
          const pw = pd < 0 || pm < 0 || pc < 0 ? -1 : this.place(wq, true);
          if (pw >= 0 && this.rowList(pa, count, wq, purkinje) === "distinct") {
            this.exports.updateWeightsInt16(pa, count, pw, purkinje, pd, lo, hi, key | 0, pm, pc);
            this.finish();
            return;
          }
          this.abandon();
        }
        referenceIntKernel.updateWeightsInt(active, count, wq, purkinje, d, lo, hi, key, mask, acc);
      },
      purkinjeSumIntGraded: (active, gain, count, wq, purkinje, out) => {
        if (
          gain.length >= count &&
          this.rowsCallPays(active, count, purkinje, out, GRADED_INT_WORK)
        ) {
          const pr = this.quantisedRates(gain, count);
          const pa = pr < 0 ? -1 : this.place(active, false);
          const pw = pa < 0 ? -1 : this.place(wq, false);
          const po = pw < 0 ? -1 : this.place(out, true);
          if (po >= 0 && this.rowList(pa, count, wq, purkinje) !== null) {
            this.exports.purkinjeSumInt16Graded(pa, pr, count, pw, purkinje, po);
            this.finish();
            return;
          }
          this.abandon();
        }
        referenceIntKernel.purkinjeSumIntGraded(active, gain, count, wq, purkinje, out);
      },
      updateWeightsIntGraded: (active, gain, count, wq, purkinje, d, lo, hi, key, soft) => {
        // Soft bounds divide by −lo and hi: the wasm loop takes them only when both are non-zero.
        const ok = d.length >= purkinje && (!soft || (lo < 0 && hi > 0));
        const pays =
          gain.length >= count && this.rowsCallPays(active, count, purkinje, d, GRADED_INT_WORK);
        if (ok && count > 0 && pays) {
          const pr = this.quantisedRates(gain, count);
          const pa = pr < 0 ? -1 : this.place(active, false);
          const pd = pa < 0 ? -1 : this.place(d, false);
          const pw = pd < 0 ? -1 : this.place(wq, true);
          if (pw >= 0 && this.rowList(pa, count, wq, purkinje) === "distinct") {
            const run = soft
              ? this.exports.updateWeightsInt16GradedSoft
              : this.exports.updateWeightsInt16Graded;
            run(pa, pr, count, pw, purkinje, pd, lo, hi, key | 0);
            this.finish();
            return;
          }
          this.abandon();
        }
        referenceIntKernel.updateWeightsIntGraded(
          active,
          gain,
          count,
          wq,
          purkinje,
          d,
          lo,
          hi,
          key,
          soft,
        );
      },
    };
  }

  /**
   * gq_j = quantisedRate(gain[j]) for j < count (assembly/kernels.ts, quantiseRates) in scratch of
   * this memory: its byte offset, or −1 when gain cannot be placed, the memory is full, or some gq
   * lies outside [0, 2⁸] (a rate outside [0, 1], NaN: the wasm loops' i32 bounds need the range,
   * so the reference runs). Places gain as an input of the current call.
   */
  private quantisedRates(gain: Float32Array, count: number): number {
    if (this.ratesLength < count) {
      const n = Math.max(count, 2 * this.ratesLength, 1024);
      const ptr = this.reserve(n * 4);
      if (ptr < 0) return -1;
      this.rates = ptr;
      this.ratesLength = n;
    }
    const pg = this.place(gain, false);
    if (pg < 0) return -1;
    return this.exports.quantiseRates(pg, count, this.rates) ? this.rates : -1;
  }

  /** Nothing to release on one thread (the memory goes with the kernel). */
  dispose(): void {}

  /** Bytes of wasm memory handed out so far (arrays, wiring, scratch). */
  get allocatedBytes(): number {
    return this.top - BASE;
  }

  /** The memory's current buffer, remembered as ours. */
  protected buffer(): ArrayBufferLike {
    const b = this.memory.buffer;
    this.own.add(b);
    return b;
  }

  /**
   * `bytes` zeroed bytes that are never released, aligned to 64 (a cache line: threads that
   * split a row of weights by columns then write different lines); −1 if the memory is full.
   */
  protected reserve(bytes: number): number {
    const ptr = this.top;
    const end = ptr + Math.ceil(Math.max(bytes, 0) / 64) * 64;
    if (!(end <= this.limit)) return -1;
    const have = this.memory.buffer.byteLength;
    if (end > have) {
      if (!this.shared) return -1;
      // Grow by at least an eighth, so that many small arrays do not grow it page by page.
      const want = Math.max(end, Math.min(this.limit, have + have / 8));
      try {
        this.memory.grow(Math.ceil((want - have) / PAGE));
      } catch {
        return -1;
      }
    }
    this.top = end;
    return ptr;
  }

  /** Whether `a` lies in this kernel's memory (kernels read it in place). */
  holds(a: Typed): boolean {
    return this.own.has(a.buffer);
  }

  /**
   * The byte offset of `a` in wasm memory: its own, or a scratch copy (copied back after the call
   * when `out`). −1 when it is not in memory and scratch cannot hold it.
   */
  protected place(a: Typed, out: boolean): number {
    if (this.own.has(a.buffer)) return a.byteOffset;
    const bytes = Math.ceil(a.byteLength / 16) * 16;
    if (this.scratchTop + bytes > this.scratch + this.scratchSize) {
      // A new, larger scratch block; copies placed earlier in this call stay where they are.
      const size = Math.max(2 * this.scratchSize, bytes, 4096);
      const ptr = this.reserve(size);
      if (ptr < 0) return -1;
      this.scratch = ptr;
      this.scratchSize = size;
      this.scratchTop = ptr;
    }
    const ptr = this.scratchTop;
    this.scratchTop += bytes;
    this.viewAt(a, ptr).set(a);
    if (out) {
      this.pendingArrays.push(a);
      this.pendingPtrs.push(ptr);
    }
    return ptr;
  }

  /** A view like `a` at byte `ptr` of the memory, reused from the cache when there is one. */
  private viewAt(a: Typed, ptr: number): Typed {
    const views = this.views;
    const buffer = this.memory.buffer;
    for (let k = 0; k < views.length; k++) {
      const v = views[k];
      if (
        v.byteOffset === ptr &&
        v.length === a.length &&
        v.constructor === a.constructor &&
        v.buffer === buffer
      ) {
        return v;
      }
    }
    const Ctor = a.constructor as TypedCtor<Typed>;
    const v = new Ctor(this.buffer(), ptr, a.length);
    // A few slots, replaced in turn.
    if (views.length < 16) views.push(v);
    else {
      views[this.nextView] = v;
      this.nextView = (this.nextView + 1) % 16;
    }
    return v;
  }

  /** Copies the outputs placed in scratch back, and frees the scratch for the next call. */
  protected finish(): void {
    const arrays = this.pendingArrays;
    for (let k = 0; k < arrays.length; k++) {
      arrays[k].set(this.viewAt(arrays[k], this.pendingPtrs[k]));
    }
    this.abandon();
  }

  /** Abandons the current call's scratch copies (the reference runs instead). */
  protected abandon(): void {
    this.pendingArrays.length = 0;
    this.pendingPtrs.length = 0;
    this.scratchTop = this.scratch;
  }

  /**
   * The front end in wasm when every array of it lies in this memory and its indices are in
   * range (frontEndBlock.ts checks); else the plan runs the reference loops on the same arrays.
   */
  prepareFrontEnd(front: FrontEnd): FrontEndPlan {
    const block = frontEndBlock(
      front,
      (a) => this.holds(a),
      (bytes) => this.reserve(bytes),
      () => this.buffer(),
    );
    return block ?? { front };
  }

  frontEndStep(plan: FrontEndPlan, channels: ArrayLike<number>, rng: Rng): void {
    const b = plan as FrontEndBlock;
    if (b.block === undefined) {
      referenceKernel.frontEndStep(plan, channels, rng);
      return;
    }
    const values = b.values;
    for (let c = 0; c < values.length; c++) values[c] = channels[c];
    rng.writeTo(b.words, b.spare);
    this.exports.frontEnd(b.block, b.rng);
    rng.readFrom(b.words, b.spare);
  }

  /**
   * Whether `a` (in this memory) shares a byte with `b` (nucleusDrive keeps a single output's
   * running sum in a register: the reference's sum only while the loop's stores do not reach it).
   */
  private overlaps(a: Typed, b: Typed | undefined): boolean {
    if (b === undefined || !(this.holds(b) || a.buffer === b.buffer)) return false;
    return a.byteOffset < b.byteOffset + b.byteLength && b.byteOffset < a.byteOffset + a.byteLength;
  }

  /**
   * In wasm when the plan is and `output` lies in this memory with v holding its M × P rows (and,
   * for P = 1, overlaps none of the arrays the loop reads or writes).
   */
  nucleusStep(plan: FrontEndPlan, output: Float64Array): void {
    const b = plan as FrontEndBlock;
    const last = this.lastNucleus;
    if (last !== null && last[0] === plan && last[1] === output && b.block !== undefined) {
      this.exports.nucleusDrive(b.block, output.byteOffset, output.length);
      return;
    }
    const v = plan.front.nucleus?.v;
    const purkinje = output.length;
    if (
      b.block !== undefined &&
      v &&
      this.holds(output) &&
      v.length >= b.fibres * purkinje &&
      (purkinje !== 1 ||
        !(
          this.overlaps(output, plan.front.nucleus?.input) ||
          this.overlaps(output, v) ||
          this.overlaps(output, plan.front.mossy.rate)
        ))
    ) {
      this.lastNucleus = [plan, output];
      this.exports.nucleusDrive(b.block, output.byteOffset, purkinje);
      return;
    }
    referenceKernel.nucleusStep(plan, output);
  }

  granuleDrive(units: Float32Array, inputs: Int32Array, fanIn: number, drive: Float32Array): void {
    const n = drive.length;
    // Indices must be in range for a wasm load; anything else goes to the reference.
    if (!(fanIn > 0 && inputs.length >= n * fanIn && n > 0)) {
      referenceKernel.granuleDrive(units, inputs, fanIn, drive);
      return;
    }
    const pi = this.place(inputs, false);
    const top = pi < 0 ? -1 : this.exports.maxIndex(pi, n * fanIn);
    const pu = top >= 0 && top < units.length ? this.place(units, false) : -1;
    const pd = pu < 0 ? -1 : this.place(drive, true);
    if (pd < 0) {
      this.abandon();
      referenceKernel.granuleDrive(units, inputs, fanIn, drive);
      return;
    }
    this.exports.granuleDrive(pu, pi, fanIn, pd, 0, n);
    this.finish();
  }

  prepareGranule(inputs: Int32Array, fanIn: number): GranulePlan {
    const cells = fanIn > 0 ? Math.floor(inputs.length / fanIn) : 0;
    let maxUnit = -1;
    let packed = fanIn === 4;
    for (let q = 0; q < cells * fanIn; q++) {
      const u = inputs[q];
      if (u < 0) {
        maxUnit = -1;
        packed = false;
        break;
      }
      if (u > maxUnit) maxUnit = u;
    }
    if (maxUnit > 0xffff) packed = false;
    let ptr = -1;
    let table = -1;
    const indexBytes = !packed ? 0 : maxUnit < 256 ? 1 : 2;
    if (maxUnit >= 0 && cells > 0) {
      if (packed) {
        table = this.reserve((maxUnit + 1) * 8);
        ptr = table < 0 ? -1 : this.reserve(cells * 4 * indexBytes);
        if (ptr >= 0) {
          const n = cells * 4;
          const wiring =
            indexBytes === 1
              ? new Uint8Array(this.buffer(), ptr, n)
              : new Uint16Array(this.buffer(), ptr, n);
          wiring.set(inputs.subarray(0, n));
        }
      } else {
        ptr = this.reserve(cells * fanIn * 4);
        if (ptr >= 0) {
          new Int32Array(this.buffer(), ptr, cells * fanIn).set(inputs.subarray(0, cells * fanIn));
        }
      }
    }
    const plan: WasmPlan = { cells, fanIn, inputs, ptr, indexBytes, table, maxUnit };
    return plan;
  }

  granuleDriveAbove(
    units: Float32Array,
    plan: GranulePlan,
    drive: Float32Array,
    floor: number,
    above: Int32Array,
    aboveDrive: Float32Array,
  ): number {
    const wp = plan as WasmPlan;
    const n = drive.length;
    const ok =
      wp.ptr >= 0 &&
      n === wp.cells &&
      wp.maxUnit < units.length &&
      above.length >= n &&
      aboveDrive.length >= n;
    if (ok) {
      // The granule layer passes the same four arrays, in this memory, every step.
      const last = this.lastDriveArrays;
      const same =
        last !== null &&
        last[0] === units &&
        last[1] === drive &&
        last[2] === above &&
        last[3] === aboveDrive;
      const own =
        !same &&
        this.holds(units) &&
        this.holds(drive) &&
        this.holds(above) &&
        this.holds(aboveDrive);
      if (own) this.lastDriveArrays = [units, drive, above, aboveDrive];
      const pu = same ? units.byteOffset : this.place(units, false);
      const pd = same ? drive.byteOffset : pu < 0 ? -1 : this.place(drive, true);
      const pa = same ? above.byteOffset : pd < 0 ? -1 : this.place(above, true);
      const pad = same ? aboveDrive.byteOffset : pa < 0 ? -1 : this.place(aboveDrive, true);
      if (pad >= 0) {
        if (wp.indexBytes > 0 && this.sparseDrive) {
          const count = this.driveSparse(wp, units, pu, pd, floor, pa, pad);
          if (count >= 0) {
            this.finish();
            return count;
          }
        }
        if (wp.indexBytes > 0) this.exports.unitsTable(pu, wp.maxUnit + 1, wp.table);
        const count = this.driveAbove(wp, pu, pd, n, floor, pa, pad);
        this.finish();
        return count;
      }
      this.abandon();
    }
    wp.reference ??= referenceKernel.prepareGranule(wp.inputs, wp.fanIn);
    return referenceKernel.granuleDriveAbove(units, wp.reference, drive, floor, above, aboveDrive);
  }

  /**
   * The drive and the list above the floor on the plan's sparse layout (all pointers in memory),
   * laying it out on the first call and after a left-out unit stopped being +0. −1 when the plan
   * has no sparse layout (it does not pay, or the memory is full): the dense loop runs.
   */
  private driveSparse(
    plan: WasmPlan,
    units: Float32Array,
    pu: number,
    drive: number,
    floor: number,
    above: number,
    aboveDrive: number,
  ): number {
    if (plan.sparse === undefined) plan.sparse = this.sparseLayout(plan, units);
    for (;;) {
      const s = plan.sparse;
      if (s === null) return -1;
      const count = this.exports.driveSparse(
        pu,
        s.mask.byteOffset,
        s.mask.length,
        s.groups.byteOffset,
        s.cells.byteOffset,
        s.idx.byteOffset,
        plan.cells,
        drive,
        floor,
        above,
        aboveDrive,
      );
      if (count >= 0) return count;
      // A left-out unit is not +0 now: keep it (and every other such unit) from now on.
      const mask = s.mask;
      for (let u = 0; u < mask.length; u++)
        if (mask[u] !== 0 && !Object.is(units[u], 0)) mask[u] = 0;
      if (++s.layouts > SPARSE_MAX_LAYOUTS || !this.layOut(plan, s)) plan.sparse = null;
    }
  }

  /** A sparse layout for `plan` leaving out the units at +0 now; null if it does not fit. */
  private sparseLayout(plan: WasmPlan, units: Float32Array): SparseLayout | null {
    const n = plan.cells;
    const count = plan.maxUnit + 1;
    const pm = this.reserve(count * 4);
    const pg = pm < 0 ? -1 : this.reserve(5 * 4);
    const pc = pg < 0 ? -1 : this.reserve(n * 4);
    const pi = pc < 0 ? -1 : this.reserve(n * 4 * 2);
    if (pi < 0) return null;
    const b = this.buffer();
    const s: SparseLayout = {
      mask: new Uint32Array(b, pm, count),
      groups: new Int32Array(b, pg, 5),
      cells: new Int32Array(b, pc, n),
      idx: new Uint16Array(b, pi, n * 4),
      layouts: 1,
    };
    for (let u = 0; u < count; u++) s.mask[u] = Object.is(units[u], 0) ? 0xffffffff : 0;
    return this.layOut(plan, s) ? s : null;
  }

  /** Fills the layout's groups from the plan's wiring and mask; false if it does not pay. */
  private layOut(plan: WasmPlan, s: SparseLayout): boolean {
    const { inputs } = plan;
    const { mask, groups, cells, idx } = s;
    const n = plan.cells;
    const kept = new Int32Array(n);
    groups.fill(0);
    let total = 0;
    for (let i = 0; i < n; i++) {
      let c = 0;
      for (let k = 0; k < 4; k++) if (mask[inputs[4 * i + k]] === 0) c++;
      kept[i] = c;
      groups[c]++;
      total += c;
    }
    if (total > SPARSE_MAX_KEPT * n) return false;
    // Where each group starts in `cells` and in `idx`.
    const at = new Int32Array(5);
    const idxAt = new Int32Array(5);
    for (let c = 1; c < 5; c++) {
      at[c] = at[c - 1] + groups[c - 1];
      idxAt[c] = idxAt[c - 1] + (c - 1) * groups[c - 1];
    }
    for (let i = 0; i < n; i++) {
      const c = kept[i];
      cells[at[c]++] = i;
      for (let k = 0; k < 4; k++) {
        const u = inputs[4 * i + k];
        if (mask[u] === 0) idx[idxAt[c]++] = u;
      }
    }
    return true;
  }

  /**
   * The drive and the list above the floor, all pointers in memory (threads override this). A
   * packed plan reads its units from `plan.table`, filled from `units` by the caller.
   */
  protected driveAbove(
    plan: WasmPlan,
    units: number,
    drive: number,
    n: number,
    floor: number,
    above: number,
    aboveDrive: number,
  ): number {
    return plan.indexBytes > 0
      ? this.exports.driveAbove4(
          plan.table,
          plan.ptr,
          plan.indexBytes,
          drive,
          0,
          n,
          floor,
          above,
          aboveDrive,
        )
      : this.exports.driveAboveK(
          units,
          plan.ptr,
          plan.fanIn,
          drive,
          0,
          n,
          floor,
          above,
          aboveDrive,
        );
  }

  selectActive(
    drive: Float32Array,
    target: number,
    floor: number,
    active: Int32Array,
    histogram: Uint32Array,
  ): number {
    const bins = histogram.length;
    if (
      !(bins > 0 && bins < 2 ** 30 && Number.isInteger(target) && target >= 0 && target < 2 ** 31)
    ) {
      return referenceKernel.selectActive(drive, target, floor, active, histogram);
    }
    const pd = this.place(drive, false);
    const pa = pd < 0 ? -1 : this.place(active, true);
    const ph = pa < 0 ? -1 : this.place(histogram, true);
    if (ph < 0) {
      this.abandon();
      return referenceKernel.selectActive(drive, target, floor, active, histogram);
    }
    const n = this.exports.selectActive(
      pd,
      drive.length,
      target,
      floor,
      pa,
      active.length,
      ph,
      bins,
    );
    this.finish();
    return n;
  }

  selectAbove(
    above: Int32Array,
    aboveDrive: Float32Array,
    count: number,
    target: number,
    floor: number,
    active: Int32Array,
    histogram: Uint32Array,
  ): number {
    const bins = histogram.length;
    if (count <= target) {
      // Nothing to choose: the reference's copy is all there is to do.
      return referenceKernel.selectAbove(
        above,
        aboveDrive,
        count,
        target,
        floor,
        active,
        histogram,
      );
    }
    const ok =
      count <= above.length &&
      count <= aboveDrive.length &&
      bins > 0 &&
      bins < 2 ** 30 &&
      Number.isInteger(target) &&
      target >= 0;
    if (ok) {
      const same = active === above;
      const pa = this.place(above, same);
      const pd = pa < 0 ? -1 : this.place(aboveDrive, false);
      const pact = pd < 0 ? -1 : same ? pa : this.place(active, true);
      const ph = pact < 0 ? -1 : this.place(histogram, true);
      if (ph >= 0) {
        const n = this.exports.selectAbove(
          pa,
          pd,
          count,
          target,
          floor,
          pact,
          active.length,
          ph,
          bins,
          this.binCounts(bins),
        );
        this.finish();
        return n;
      }
      this.abandon();
    }
    return referenceKernel.selectAbove(above, aboveDrive, count, target, floor, active, histogram);
  }

  /** Scratch for selectAbove's four interleaved histograms of `bins` bins (0 if none can be had). */
  private binCounts(bins: number): number {
    if (bins > this.countsBins) {
      const ptr = this.reserve(bins * 16);
      if (ptr < 0) return 0;
      this.counts = ptr;
      this.countsBins = bins;
    }
    return this.counts;
  }

  /**
   * Whether a call over rows active[0 … count) with a per-column vector (purkinjeSum's out,
   * updateWeights' dw) is valid and worth going to wasm for. Little work (e.g. P = 1): the
   * reference on the same arrays costs less than a wasm call's checks. `work`: how many times a
   * binary weight's cost the reference spends on one weight (GRADED_INT_WORK for the integer
   * tier's graded loops, which quantise a rate per row and take a product and a floor per weight).
   */
  private rowsCallPays(
    active: Int32Array,
    count: number,
    purkinje: number,
    vector: { length: number },
    work = 1,
  ): boolean {
    const ok = count >= 0 && count <= active.length && purkinje > 0 && vector.length >= purkinje;
    return ok && count * purkinje * work >= this.smallWork;
  }

  /**
   * Rows active[0 … count) of a `purkinje`-wide matrix w: null if some cannot be read in wasm,
   * "distinct" if no row is listed twice, else "repeats". The granule layer's lists are strictly
   * increasing, which one pass tells (with their last row as the largest).
   */
  private rowList(
    active: number,
    count: number,
    w: { length: number },
    purkinje: number,
  ): "distinct" | "repeats" | null {
    if (count === 0) return "distinct";
    let top = this.exports.increasingTop(active, count);
    const distinct = top >= 0;
    if (!distinct) top = this.exports.maxIndex(active, count);
    if (!(top >= 0 && (top + 1) * purkinje <= w.length)) return null;
    return distinct ? "distinct" : "repeats";
  }

  purkinjeSum(
    active: Int32Array,
    count: number,
    w: Float32Array,
    purkinje: number,
    w0: number,
    out: Float64Array,
  ): void {
    if (this.rowsCallPays(active, count, purkinje, out)) {
      const pa = this.place(active, false);
      const pw = pa < 0 ? -1 : this.place(w, false);
      const po = pw < 0 ? -1 : this.place(out, true);
      if (po >= 0 && this.rowList(pa, count, w, purkinje) !== null) {
        this.sums(pa, count, pw, purkinje, count * w0, po);
        this.finish();
        if (out.length > purkinje) out.fill(0, purkinje);
        return;
      }
      this.abandon();
    }
    referenceKernel.purkinjeSum(active, count, w, purkinje, w0, out);
  }

  /** purkinjeSum over all columns, pointers in memory (threads override this). */
  protected sums(
    active: number,
    count: number,
    w: number,
    purkinje: number,
    offset: number,
    out: number,
  ): void {
    this.exports.purkinjeSum(active, count, w, purkinje, offset, out, 0, purkinje);
  }

  updateWeights(
    active: Int32Array,
    count: number,
    w: Float32Array,
    purkinje: number,
    dw: Float64Array,
    lo: number,
    hi: number,
  ): void {
    if (this.rowsCallPays(active, count, purkinje, dw)) {
      const pa = this.place(active, false);
      const pd = pa < 0 ? -1 : this.place(dw, false);
      const pw = pd < 0 ? -1 : this.place(w, true);
      const rows = pw < 0 ? null : this.rowList(pa, count, w, purkinje);
      if (rows !== null) {
        // Whether some dw_p is 0 (those columns keep their bits): without any, no masking.
        let anyZero = false;
        for (let p = 0; p < purkinje; p++) if (dw[p] === 0) anyZero = true;
        if (count > 0) {
          this.updates(pa, count, pw, purkinje, pd, lo, hi, anyZero, rows === "distinct");
        }
        this.finish();
        return;
      }
      this.abandon();
    }
    referenceKernel.updateWeights(active, count, w, purkinje, dw, lo, hi);
  }

  /**
   * updateWeights over all columns, pointers in memory (threads override this; `distinctRows`:
   * no row is listed twice).
   */
  protected updates(
    active: number,
    count: number,
    w: number,
    purkinje: number,
    dw: number,
    lo: number,
    hi: number,
    anyZero: boolean,
    _distinctRows: boolean,
  ): void {
    this.exports.updateWeights(active, count, w, purkinje, dw, lo, hi, 0, purkinje, anyZero);
  }

  /** Graded rows: one thread (threads do not override these), same checks as the binary ones. */
  purkinjeSumGraded(
    active: Int32Array,
    gain: Float32Array,
    count: number,
    w: Float32Array,
    purkinje: number,
    w0: number,
    out: Float64Array,
  ): void {
    if (this.rowsCallPays(active, count, purkinje, out) && gain.length >= count) {
      const pa = this.place(active, false);
      const pg = pa < 0 ? -1 : this.place(gain, false);
      const pw = pg < 0 ? -1 : this.place(w, false);
      const po = pw < 0 ? -1 : this.place(out, true);
      if (po >= 0 && this.rowList(pa, count, w, purkinje) !== null) {
        this.exports.purkinjeSumGraded(pa, pg, count, pw, purkinje, w0, po);
        this.finish();
        if (out.length > purkinje) out.fill(0, purkinje);
        return;
      }
      this.abandon();
    }
    referenceKernel.purkinjeSumGraded(active, gain, count, w, purkinje, w0, out);
  }

  updateWeightsGraded(
    active: Int32Array,
    gain: Float32Array,
    count: number,
    w: Float32Array,
    purkinje: number,
    dw: Float64Array,
    lo: number,
    hi: number,
  ): void {
    if (this.rowsCallPays(active, count, purkinje, dw) && gain.length >= count) {
      const pa = this.place(active, false);
      const pg = pa < 0 ? -1 : this.place(gain, false);
      const pd = pg < 0 ? -1 : this.place(dw, false);
      const pw = pd < 0 ? -1 : this.place(w, true);
      if (pw >= 0 && this.rowList(pa, count, w, purkinje) !== null) {
        this.exports.updateWeightsGraded(pa, pg, count, pw, purkinje, pd, lo, hi);
        this.finish();
        return;
      }
      this.abandon();
    }
    referenceKernel.updateWeightsGraded(active, gain, count, w, purkinje, dw, lo, hi);
  }
}
