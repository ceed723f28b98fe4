/**
 * WGSL for the granule phase: drive h = Σ_k b_{u(i,k)} and the Golgi selection of
 * src/kernels/kernel.ts (`selectActive`), as six dispatches with no read-back:
 *
 *   drive       h_i for every cell (float32, k = 0 up); count the cells above the floor θ₀ and
 *               their largest drive (workgroup reduction, then one atomic per workgroup)
 *   histogram   if more than `target` are above θ₀: bin b_i = ⌊(h_i − θ₀)·scale⌋ into 1024 bins,
 *               scale = (1024 − 10⁻³)/(max − θ₀) (workgroup histograms, then atomics)
 *   cut         the highest bin where the count from the top reaches `target`, and the room
 *               left in it (one thread)
 *   blockCount  per block of BLOCK cells: cells above the cut bin, cells in it
 *   blockScan   exclusive prefix sums over blocks: where each block's active cells go, and how
 *               many of its cut-bin cells still fit (the cut bin fills in index order)
 *   scatter     each block writes its active cells, in increasing index order, into the
 *               activity ring slot of this step (prefix sums within the workgroup)
 *
 * The active list is compacted by prefix sums, not by atomic appends, so it comes out in
 * increasing index order and the same on every run.
 *
 * Differences from the float64 reference, documented in docs/gpu.md: h is summed in float32
 * (three roundings for K = 4 instead of one, so it can differ by a few ulp), and the bin index is
 * computed in float32, so a cell within ~10⁻⁴ of a bin edge can land in the neighbouring bin;
 * either can change which cells fill the cut bin. The floor test itself is exact.
 */
import { BINS, BLOCK, CELLS_PER_THREAD, WORKGROUP } from "../layout.js";
import {
  COMPUTE_ARGS,
  f32,
  GROUP_INDEX,
  type KernelSource,
  kernelSource,
  SCAN,
  STEP_STRUCT,
  u32,
} from "../wgsl.js";
import {
  aboveFloor,
  C_ABOVE,
  C_ALL,
  C_COUNT,
  C_CUT,
  C_HIST,
  C_MAX,
  C_RING,
  C_ROOM,
  C_SCALE,
  type EngineConstants,
} from "./common.js";

function header(c: EngineConstants): string {
  return `${STEP_STRUCT}
const N = ${u32(c.layout.cells)};
const TARGET = ${u32(c.layout.target)};
const FLOOR32 = ${f32(c.floor)};
const BLOCK = ${u32(BLOCK)};
const CELLS = ${u32(CELLS_PER_THREAD)};
const WG = ${u32(WORKGROUP)};`;
}

/** The bin of drive h (see the file comment); `scale` ≤ 0 or not finite puts every cell on top. */
const BIN_OF = `
fn binOf(h: f32, scale: f32) -> u32 {
  let x = (h - FLOOR32) * scale;
  if (!(x < ${f32(BINS)})) { return ${BINS - 1}u; }
  return min(u32(floor(x)), ${BINS - 1}u);
}`;

export function driveKernel(c: EngineConstants): KernelSource {
  const { fanIn, wordsPerCell, packed, units } = c.layout;
  const terms: string[] = [];
  for (let k = 0; k < fanIn; k++) {
    const word = packed ? `wiring[q + ${k >> 1}u]` : `wiring[q + ${k}u]`;
    const index = packed ? (k % 2 === 0 ? `(${word} & 0xffffu)` : `(${word} >> 16u)`) : word;
    terms.push(`stream[uo + ${index}]`);
  }
  const sum = terms.map((term, k) => (k === 0 ? `var h = ${term};` : `h = h + ${term};`));
  const uses = [
    { name: "wiring", type: "array<u32>" },
    { name: "stream", type: "array<f32>" },
    { name: "drive", type: "array<f32>" },
    { name: "ctrl", type: "array<atomic<u32>>" },
  ];
  return kernelSource(
    "drive",
    header(c),
    uses,
    false,
    `var<workgroup> wmax: atomic<u32>;
var<workgroup> wcount: atomic<u32>;
@compute @workgroup_size(${WORKGROUP})
fn main(${COMPUTE_ARGS}) {
  let base = ${GROUP_INDEX} * BLOCK;
  let uo = step.s * ${u32(units)};
  var top = 0u;
  var n = 0u;
  for (var v = 0u; v < CELLS; v = v + 1u) {
    let i = base + v * WG + t;
    if (i < N) {
      let q = i * ${u32(wordsPerCell)};
      ${sum.join("\n      ")}
      drive[i] = h;
      if ${aboveFloor(c.floor)} {
        n = n + 1u;
        top = max(top, bitcast<u32>(h));
      }
    }
  }
  atomicMax(&wmax, top);
  atomicAdd(&wcount, n);
  workgroupBarrier();
  if (t == 0u) {
    atomicMax(&ctrl[${C_MAX}], atomicLoad(&wmax));
    atomicAdd(&ctrl[${C_ABOVE}], atomicLoad(&wcount));
  }
}`,
  );
}

export function histogramKernel(c: EngineConstants): KernelSource {
  const uses = [
    { name: "drive", type: "array<f32>" },
    { name: "ctrl", type: "array<atomic<u32>>" },
  ];
  return kernelSource(
    "histogram",
    header(c),
    uses,
    false,
    `${BIN_OF}
var<workgroup> local: array<atomic<u32>, ${BINS}>;
@compute @workgroup_size(${WORKGROUP})
fn main(${COMPUTE_ARGS}) {
  let g = ${GROUP_INDEX};
  let need = atomicLoad(&ctrl[${C_ABOVE}]) > TARGET;
  let top = bitcast<f32>(atomicLoad(&ctrl[${C_MAX}]));
  let scale = ${f32(BINS - 1e-3)} / (top - FLOOR32);
  if (g == 0u && t == 0u) { atomicStore(&ctrl[${C_SCALE}], bitcast<u32>(scale)); }
  let base = g * BLOCK;
  for (var v = 0u; v < CELLS; v = v + 1u) {
    let i = base + v * WG + t;
    if (need && i < N) {
      let h = drive[i];
      if ${aboveFloor(c.floor)} { atomicAdd(&local[binOf(h, scale)], 1u); }
    }
  }
  workgroupBarrier();
  for (var b = t; b < ${BINS}u; b = b + WG) {
    let k = atomicLoad(&local[b]);
    if (k > 0u) { atomicAdd(&ctrl[${C_HIST}u + b], k); }
  }
}`,
  );
}

export function cutKernel(c: EngineConstants): KernelSource {
  const uses = [{ name: "ctrl", type: "array<u32>" }];
  const per = BINS / WORKGROUP;
  return kernelSource(
    "cut",
    header(c),
    uses,
    false,
    `${SCAN}
var<workgroup> cutBin: atomic<u32>;
// One workgroup: thread t owns bins [t·${per}, (t + 1)·${per}). fromTop(b), the count in bins ≥ b,
// falls as b grows, so the cut (the highest b with fromTop(b) ≥ target) is a maximum over threads.
@compute @workgroup_size(${WORKGROUP})
fn main(@builtin(local_invocation_index) t: u32) {
  let above = ctrl[${C_ABOVE}];
  var mine = 0u;
  for (var j = 0u; j < ${per}u; j = j + 1u) { mine = mine + ctrl[${C_HIST}u + t * ${per}u + j]; }
  // Bins above this thread's range: an exclusive scan over threads taken from the top.
  let higher = scanExclusive(${WORKGROUP - 1}u - t, mine).x;
  var fromTop = higher;
  for (var j = ${per}u; j > 0u; j = j - 1u) {
    let b = t * ${per}u + j - 1u;
    fromTop = fromTop + ctrl[${C_HIST}u + b];
    if (fromTop >= TARGET) { atomicMax(&cutBin, b); break; }
  }
  workgroupBarrier();
  let cut = atomicLoad(&cutBin);
  if (above <= TARGET) {
    if (t == 0u) {
      ctrl[${C_ALL}] = 1u;
      ctrl[${C_CUT}] = 0u;
      ctrl[${C_ROOM}] = 0u;
    }
    return;
  }
  // The owner of the cut bin knows the count above it.
  if (cut / ${per}u == t) {
    var over = higher;
    for (var b = t * ${per}u + ${per - 1}u; b > cut; b = b - 1u) { over = over + ctrl[${C_HIST}u + b]; }
    ctrl[${C_ALL}] = 0u;
    ctrl[${C_CUT}] = cut;
    ctrl[${C_ROOM}] = TARGET - over;
  }
}`,
  );
}

/** Shared by blockCount and scatter: is cell i definitely active (1), in the cut bin (2), or not (0). */
const CLASSIFY = `
fn classify(i: u32, all: bool, cut: u32, scale: f32) -> u32 {
  if (i >= N) { return 0u; }
  let h = drive[i];
  if (!ABOVE(h)) { return 0u; }
  if (all) { return 1u; }
  let b = binOf(h, scale);
  if (b > cut) { return 1u; }
  if (b == cut) { return 2u; }
  return 0u;
}`;

/** The buffers of the kernels that classify cells (blockCount and scatter). */
function classifyUses(): KernelSource["uses"] {
  return [
    { name: "drive", type: "array<f32>" },
    { name: "ctrl", type: "array<u32>" },
    { name: "blocks", type: "array<u32>" },
  ];
}

/** WGSL statements reading classify's arguments, as the cut kernel left them in ctrl. */
const READ_CUT = `let all = ctrl[${C_ALL}] == 1u;
  let cut = ctrl[${C_CUT}];
  let scale = bitcast<f32>(ctrl[${C_SCALE}]);`;

function classifyCode(c: EngineConstants): string {
  return `fn ABOVE(h: f32) -> bool { return ${aboveFloor(c.floor)}; }
${BIN_OF}
${CLASSIFY}`;
}

export function blockCountKernel(c: EngineConstants): KernelSource {
  const uses = classifyUses();
  return kernelSource(
    "blockCount",
    header(c),
    uses,
    false,
    `${classifyCode(c)}
var<workgroup> sure: atomic<u32>;
var<workgroup> maybe: atomic<u32>;
@compute @workgroup_size(${WORKGROUP})
fn main(${COMPUTE_ARGS}) {
  let g = ${GROUP_INDEX};
  ${READ_CUT}
  var a = 0u;
  var b = 0u;
  for (var v = 0u; v < CELLS; v = v + 1u) {
    let k = classify(g * BLOCK + v * WG + t, all, cut, scale);
    if (k == 1u) { a = a + 1u; }
    if (k == 2u) { b = b + 1u; }
  }
  atomicAdd(&sure, a);
  atomicAdd(&maybe, b);
  workgroupBarrier();
  if (t == 0u && g < ${u32(c.layout.blocks)}) {
    blocks[4u * g] = atomicLoad(&sure);
    blocks[4u * g + 1u] = atomicLoad(&maybe);
  }
}`,
  );
}

export function blockScanKernel(c: EngineConstants): KernelSource {
  const P = c.layout.purkinje;
  const uses = [
    { name: "ctrl", type: "array<u32>" },
    { name: "blocks", type: "array<u32>" },
    { name: "out", type: "array<u32>" },
  ];
  const per = Math.ceil(c.layout.blocks / WORKGROUP);
  return kernelSource(
    "blockScan",
    header(c),
    uses,
    false,
    `${SCAN}
const NB = ${u32(c.layout.blocks)};
const PER = ${u32(per)};
@compute @workgroup_size(${WORKGROUP})
fn main(@builtin(local_invocation_index) t: u32) {
  let first = min(t * PER, NB);
  let end = min(first + PER, NB);
  let room = ctrl[${C_ROOM}];
  var inCut = 0u;
  for (var b = first; b < end; b = b + 1u) { inCut = inCut + blocks[4u * b + 1u]; }
  var cutBefore = scanExclusive(t, inCut).x;
  // Quota: how many of the block's cut-bin cells fit (the cut bin fills in index order).
  var mine = 0u;
  for (var b = first; b < end; b = b + 1u) {
    let k = blocks[4u * b + 1u];
    var quota = 0u;
    if (room > cutBefore) { quota = min(k, room - cutBefore); }
    blocks[4u * b + 3u] = quota;
    cutBefore = cutBefore + k;
    mine = mine + blocks[4u * b] + quota;
  }
  let s = scanExclusive(t, mine);
  var at = s.x;
  for (var b = first; b < end; b = b + 1u) {
    blocks[4u * b + 2u] = at;
    at = at + blocks[4u * b] + blocks[4u * b + 3u];
  }
  if (t == 0u) {
    ctrl[${C_COUNT}] = s.y;
    ctrl[${C_RING}u + step.nowSlot] = s.y;
    out[step.s * ${u32(P + 1)} + ${u32(P)}] = s.y;
  }
}`,
  );
}

export function scatterKernel(c: EngineConstants): KernelSource {
  const uses = classifyUses();
  return kernelSource(
    "scatter",
    header(c),
    uses,
    true,
    `${classifyCode(c)}
${SCAN}
@compute @workgroup_size(${WORKGROUP})
fn main(${COMPUTE_ARGS}) {
  let g = ${GROUP_INDEX};
  ${READ_CUT}
  let gb = min(g, ${u32(c.layout.blocks - 1)});
  let at = blocks[4u * gb + 2u];
  let quota = blocks[4u * gb + 3u];
  var sureSeen = 0u;
  var cutSeen = 0u;
  for (var v = 0u; v < CELLS; v = v + 1u) {
    let i = g * BLOCK + v * WG + t;
    let k = classify(i, all, cut, scale);
    var flags = 0u;
    if (k == 1u) { flags = 1u; }
    if (k == 2u) { flags = 0x10000u; }
    let r = scanExclusive(t, flags);
    let sureBefore = sureSeen + (r.x & 0xffffu);
    let cutBefore = cutSeen + (r.x >> 16u);
    if (k == 1u) {
      slot[at + sureBefore + min(cutBefore, quota)] = i;
    } else if (k == 2u && cutBefore < quota) {
      slot[at + sureBefore + cutBefore] = i;
    }
    sureSeen = sureSeen + (r.y & 0xffffu);
    cutSeen = cutSeen + (r.y >> 16u);
  }
}`,
  );
}

/** End of step: clear the per-step atomics and the histogram for the next step. */
export function tickKernel(c: EngineConstants): KernelSource {
  const uses = [{ name: "ctrl", type: "array<u32>" }];
  return kernelSource(
    "tick",
    header(c),
    uses,
    false,
    `@compute @workgroup_size(${WORKGROUP})
fn main(${COMPUTE_ARGS}) {
  let b = ${GROUP_INDEX} * WG + t;
  if (b == 0u) {
    ctrl[${C_MAX}] = 0u;
    ctrl[${C_ABOVE}] = 0u;
  }
  if (b < ${BINS}u) { ctrl[${C_HIST}u + b] = 0u; }
}`,
  );
}
