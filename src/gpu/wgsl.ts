/**
 * Small helpers for writing the engine's WGSL: binding declarations, float literals, the
 * workgroup scan and the chunked weight access. Every kernel declares its buffers through
 * `bindings`, so the bind-group layouts in engine.ts and the WGSL cannot drift apart.
 */
import { WORKGROUP } from "./layout.js";

/** A storage buffer a kernel binds in group 0, by name (see Buffers in engine.ts). */
export interface Use {
  name: string;
  /** WGSL type, e.g. "array<f32>" or "array<atomic<u32>>". */
  type: string;
}

/** group 0: the kernel's storage buffers, in order; group 1: the per-step uniform. */
export function bindings(uses: readonly Use[]): string {
  const lines = uses.map(
    (u, i) => `@group(0) @binding(${i}) var<storage, read_write> ${u.name}: ${u.type};`,
  );
  lines.push("@group(1) @binding(0) var<uniform> step: Step;");
  return lines.join("\n");
}

/** The activity ring slot of this step, bound in group 2 (see KernelSource.slot). */
const SLOT_BINDING = "@group(2) @binding(0) var<storage, read_write> slot: array<u32>;";

/** One kernel's WGSL and what it binds (resources.ts builds its layouts from uses and slot). */
export interface KernelSource {
  name: string;
  /** group 0 buffers, in binding order. */
  uses: Use[];
  /** Binds an activity ring slot in group 2. */
  slot: boolean;
  code: string;
}

/** A kernel whose code is `header` (its constants), its binding declarations, then `body`. */
export function kernelSource(
  name: string,
  header: string,
  uses: Use[],
  slot: boolean,
  body: string,
): KernelSource {
  const declarations = slot ? `${bindings(uses)}\n${SLOT_BINDING}` : bindings(uses);
  return { name, uses, slot, code: `${header}\n${declarations}\n${body}` };
}

/** The per-step uniform, one 256-byte record per step of a batch (dynamic offset). */
export const STEP_STRUCT = `
struct Step {
  s: u32,        // step within the batch
  zSlot: u32,    // z ring slot written now, and the slot written Δ steps ago
  zLag: u32,
  errSlot: u32,  // error ring slot written now (the oldest entry is the next one)
  learn: u32,    // 1 while learning is on
  nowSlot: u32,  // activity ring slot of this step (bound in group 2 by the scatter)
  lagSlot: u32,  // the slot written L steps ago (the cells the delayed update credits)
  cortex: f32,   // (1 − lesion) · G
  disinhibition: f32, // lesion · T: the tonic Purkinje inhibition a lesion removes
}`;

/** Bytes per step record (minUniformBufferOffsetAlignment is at most 256). */
export const STEP_BYTES = 256;

/** An exact f32 literal for x (rounded to float32 first). */
export function f32(x: number): string {
  const v = Math.fround(x);
  if (!Number.isFinite(v)) throw new RangeError(`not a finite float32: ${x}`);
  const text = String(v);
  return /[.eE]/.test(text) ? `${text}f` : `${text}.0f`;
}

export function u32(x: number): string {
  if (!Number.isInteger(x) || x < 0 || x > 0xffffffff) throw new RangeError(`not a u32: ${x}`);
  return `${x}u`;
}

/**
 * Exclusive prefix sum over the workgroup's threads (Hillis–Steele in workgroup memory).
 * Call from uniform control flow. Returns vec2(exclusive prefix, workgroup total).
 */
export const SCAN = `
var<workgroup> scanBuf: array<u32, ${WORKGROUP}>;
fn scanExclusive(t: u32, x: u32) -> vec2<u32> {
  scanBuf[t] = x;
  workgroupBarrier();
  for (var o = 1u; o < ${WORKGROUP}u; o = o << 1u) {
    var y = 0u;
    if (t >= o) { y = scanBuf[t - o]; }
    workgroupBarrier();
    scanBuf[t] = scanBuf[t] + y;
    workgroupBarrier();
  }
  let result = vec2<u32>(scanBuf[t] - x, scanBuf[${WORKGROUP - 1}u]);
  workgroupBarrier();
  return result;
}`;

/** The binding of weight chunk c: rows [c·R, (c + 1)·R) of the N × P weights. */
export function weightUse(chunk: number): Use {
  return { name: `w${chunk}`, type: "array<f32>" };
}

/**
 * Access to weight chunk c (declared by `bindings` through weightUse): inChunk(row) says whether
 * a row lives there; wload / wstore take global row indices.
 */
export function weightChunk(chunk: number, rowsPerChunk: number, purkinje: number): string {
  const first = chunk * rowsPerChunk;
  const w = `w${chunk}`;
  return `
fn inChunk(row: u32) -> bool { return row - ${u32(first)} < ${u32(rowsPerChunk)}; }
fn wload(row: u32, p: u32) -> f32 { return ${w}[(row - ${u32(first)}) * ${u32(purkinje)} + p]; }
fn wstore(row: u32, p: u32, v: f32) { ${w}[(row - ${u32(first)}) * ${u32(purkinje)} + p] = v; }`;
}

/** The linear workgroup index of a possibly two-dimensional dispatch (see layout.grid). */
export const GROUP_INDEX = "(wid.x + wid.y * nwg.x)";
export const COMPUTE_ARGS = `@builtin(workgroup_id) wid: vec3<u32>,
  @builtin(num_workgroups) nwg: vec3<u32>,
  @builtin(local_invocation_index) t: u32`;
