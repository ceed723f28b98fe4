/**
 * Sizes of the GPU engine's buffers and how the large ones are split to fit the device's
 * limits. Pure arithmetic over the resolved params: no device needed, so it is unit-tested and
 * used by bench/gpu.sh to say in advance what will not fit.
 *
 * Two arrays grow with N past one binding at 10⁷–10⁸ cells:
 *   - the PF→PC weights, N × P float32 (12.8 GB at N = 10⁸, P = 32): split by rows into W chunk
 *     buffers of at most `rowsPerChunk` rows; the weight kernels run once per chunk, each
 *     dispatch binding one chunk and touching only the active rows that live there;
 *   - the activity ring, (L + 1) slots × capacity uint32 (the active lists of the last L + 1
 *     steps, 7.2 GB at 10⁸): one slot is bound at a time, slots packed into as few buffers as
 *     maxBufferSize allows.
 */
import type { CerebellumParams } from "../model/cerebellum.js";
import { ConfigError } from "../model/errors.js";

/** Threads per workgroup in every kernel (Mesa's software backend wants ≤ 128). */
export const WORKGROUP = 128;
/** Granule cells per thread in the granule kernels; a block is WORKGROUP · CELLS_PER_THREAD. */
export const CELLS_PER_THREAD = 16;
export const BLOCK = WORKGROUP * CELLS_PER_THREAD;
/** Histogram bins of the Golgi selection (as GranuleLayer). */
export const BINS = 1024;
/** Fewest active rows per thread in the Purkinje partial sums and the weight update. */
export const ROWS_PER_THREAD = 16;
/** Storage buffers bound by the kernel that binds the most. */
export const MOST_BINDINGS = 6;
/** Most workgroups of partial sums (the finishing workgroup adds them all up). */
export const MAX_SUM_GROUPS = 1024;

export interface GpuLimits {
  maxStorageBufferBindingSize: number;
  maxBufferSize: number;
  maxStorageBuffersPerShaderStage: number;
  maxComputeWorkgroupsPerDimension: number;
}

export interface GpuLayout {
  cells: number;
  fanIn: number;
  /** Basis units U = M · (1 + B). */
  units: number;
  mossy: number;
  purkinje: number;
  /** Most cells active in one step (= the Golgi target, as GranuleLayer.capacity). */
  capacity: number;
  target: number;
  /** Granule blocks of BLOCK cells. */
  blocks: number;
  /** Wiring words per cell: two 16-bit unit indices per word when U ≤ 2¹⁶, else one. */
  wordsPerCell: number;
  packed: boolean;
  /** Columns of Purkinje cells handled at once, and rows handled side by side. */
  columns: number;
  lanes: number;
  /** Active rows per thread in the partial sums and the weight update. */
  rowsPerThread: number;
  /** Workgroups of the Purkinje partial sums (fixed: the active count is known only on the GPU). */
  sumGroups: number;
  /** Weight rows per chunk buffer, and the number of chunks W. */
  rowsPerChunk: number;
  chunks: number;
  /** Activity ring: slots (L + 1), bytes per slot (aligned), slots per ring buffer. */
  ringSlots: number;
  slotBytes: number;
  slotsPerBuffer: number;
  ringBuffers: number;
  /** Bytes on the device (weights, ring, wiring, drive and the small rest), for reports. */
  deviceBytes: number;
}

export interface LayoutOptions {
  /** Cap on one weight chunk in bytes (tests use it to exercise several chunks). */
  maxChunkBytes?: number;
  /** Steps per submission S (sizes the per-batch input and output buffers). */
  batchSteps: number;
}

export function planLayout(
  p: CerebellumParams,
  windowLength: number,
  limits: GpuLimits,
  options: LayoutOptions,
): GpuLayout {
  const cells = p.granule.count;
  const fanIn = p.granule.fanIn;
  const units = p.mossy.count * (1 + p.basis.bumps);
  const purkinje = p.purkinje.count;
  const target =
    p.granule.golgi === "quantile" ? Math.max(1, Math.round(p.granule.codingLevel * cells)) : cells;
  const capacity = target;
  const packed = units <= 0x10000;
  const wordsPerCell = packed ? Math.ceil(fanIn / 2) : fanIn;
  const columns = Math.min(purkinje, WORKGROUP);
  const lanes = Math.floor(WORKGROUP / columns);
  const rowsPerThread = Math.max(ROWS_PER_THREAD, Math.ceil(capacity / (lanes * MAX_SUM_GROUPS)));
  const sumGroups = Math.max(1, Math.ceil(capacity / (lanes * rowsPerThread)));
  const binding = Math.min(limits.maxStorageBufferBindingSize, limits.maxBufferSize);
  const chunkBytes = Math.min(binding, options.maxChunkBytes ?? Infinity);
  const rowsPerChunk = Math.floor(chunkBytes / (purkinje * 4));
  if (rowsPerChunk < 1) {
    throw new ConfigError("purkinje.count", `${purkinje} weights per row exceed one GPU binding`);
  }
  const chunks = Math.ceil(cells / rowsPerChunk);
  const ringSlots = windowLength;
  const slotBytes = Math.ceil((capacity * 4) / 256) * 256;
  const slotsPerBuffer = Math.max(1, Math.floor(limits.maxBufferSize / slotBytes));
  const ringBuffers = Math.ceil(ringSlots / slotsPerBuffer);
  const wiringBytes = cells * wordsPerCell * 4;
  const blocks = Math.ceil(cells / BLOCK);
  const checks: [string, number][] = [
    ["granule wiring (N × words)", wiringBytes],
    ["granule drive (N)", cells * 4],
    ["one active-list slot", slotBytes],
    ["Purkinje partial sums", Math.ceil(cells / rowsPerChunk) * sumGroups * purkinje * 4],
    ["batch units (S × U)", options.batchSteps * units * 4],
  ];
  for (const [what, bytes] of checks) {
    if (bytes > binding) {
      throw new ConfigError(
        "granule.count",
        `${what} needs ${bytes} bytes, above this device's largest storage binding ` +
          `(${binding} bytes); allowed: a smaller N (or batch)`,
      );
    }
  }
  // Storage bindings of the kernel that binds the most (finish: partials, stream, v, history,
  // dw, outputs). The weight kernels bind one chunk each and run once per chunk.
  if (MOST_BINDINGS > limits.maxStorageBuffersPerShaderStage) {
    throw new ConfigError(
      "device",
      `the engine needs ${MOST_BINDINGS} storage buffers per kernel; this device allows ` +
        `${limits.maxStorageBuffersPerShaderStage}`,
    );
  }
  const deviceBytes =
    cells * purkinje * 4 + ringSlots * slotBytes + wiringBytes + cells * 4 + blocks * 16;
  return {
    cells,
    fanIn,
    units,
    mossy: p.mossy.count,
    purkinje,
    capacity,
    target,
    blocks,
    wordsPerCell,
    packed,
    columns,
    lanes,
    rowsPerThread,
    sumGroups,
    rowsPerChunk,
    chunks,
    ringSlots,
    slotBytes,
    slotsPerBuffer,
    ringBuffers,
    deviceBytes,
  };
}

/** Workgroup counts [x, y] for `groups` workgroups, x within the per-dimension limit. */
export function grid(groups: number, maxPerDimension: number): [number, number] {
  if (groups <= maxPerDimension) return [Math.max(1, groups), 1];
  const y = Math.ceil(groups / maxPerDimension);
  return [Math.ceil(groups / y), y];
}
