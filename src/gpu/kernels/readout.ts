/**
 * WGSL for the Purkinje / nuclei / olive phase and the PF→PC update, after the granule kernels
 * have written this step's active list into the activity ring:
 *
 *   sums     partial sums Σ_j (w[active_j, p] − w₀) over fixed groups of active rows
 *            (float32; rows j = g·R·lanes + r·lanes + lane, lanes then added in order)
 *   finish   one workgroup per Purkinje cell p (the phases of Cerebellum.step, same order;
 *            its 128 threads split each sum below, added up as a fixed tree):
 *              pause_p = −(Σ_g partial_g,p)/A, z_p = (1 − ℓ)·G·pause_p + ℓ·T
 *              + (1/F) Σ_m v_mp x̃_m (nucleus, if MF→nucleus is on), z into the output and the
 *              z ring; e_p = errorGain·(s_p − z_p(t − Δ)) into the error ring;
 *              dw_p = −η·E_p·dt with E_p = Σ_τ κ(τ) e_p(t − L + τ) (η_LTD if E > 0, else η_LTP);
 *              MF→nucleus learning v_mp += dt·x̃_m·(η₊[pause]₊ − η₋[−pause]₊), v ∈ [0, vmax]
 *   update   w[row, p] ← clamp(w + dw_p, lo, hi) for the rows active L steps ago (dw_p ≠ 0)
 *   ltp      non-associative LTP: the same with α·dt on the rows active now (only if α > 0)
 *
 * Summing w − w₀ rather than w keeps float32 precise: the deviations are small, Σw is not.
 * The reference sums Σw in float64 and subtracts count·w₀; docs/gpu.md gives the tolerance.
 */
import type { CerebellumParams } from "../../model/cerebellum.js";
import { WORKGROUP } from "../layout.js";
import {
  COMPUTE_ARGS,
  f32,
  GROUP_INDEX,
  type KernelSource,
  kernelSource,
  STEP_STRUCT,
  u32,
  weightChunk,
  weightUse,
} from "../wgsl.js";
import { C_COUNT, C_RING, type EngineConstants, streamOffsets } from "./common.js";

function header(c: EngineConstants): string {
  const { layout } = c;
  return `${STEP_STRUCT}
const P = ${u32(layout.purkinje)};
const COLS = ${u32(layout.columns)};
const LANES = ${u32(layout.lanes)};
const R = ${u32(layout.rowsPerThread)};
const GROUPS = ${u32(layout.sumGroups)};
var<workgroup> red: array<f32, ${WORKGROUP}>;`;
}

/**
 * The entry point of the kernels over the active rows in weight chunk `chunk` (sums, update,
 * ltp): thread t takes column col = t mod COLS of each block of COLS Purkinje cells, and rows
 * j = (g·R + r)·LANES + lane of the slot, j < `count`; `column` is the WGSL run per column p.
 */
function overActiveRows(c: EngineConstants, chunk: number, count: string, column: string): string {
  const { layout } = c;
  return `${weightChunk(chunk, layout.rowsPerChunk, layout.purkinje)}
@compute @workgroup_size(${WORKGROUP})
fn main(${COMPUTE_ARGS}) {
  let g = ${GROUP_INDEX};
  let count = ${count};
  let col = t % COLS;
  let lane = t / COLS;
  for (var p0 = 0u; p0 < P; p0 = p0 + COLS) {
    let p = p0 + col;
${column}
  }
}`;
}

/** Partial sums over the active rows in weight chunk `chunk` (one dispatch per chunk). */
export function sumsKernel(c: EngineConstants, w0: number, chunk: number): KernelSource {
  const uses = [
    { name: "ctrl", type: "array<u32>" },
    { name: "partials", type: "array<f32>" },
    weightUse(chunk),
  ];
  return kernelSource(
    `sums${chunk}`,
    header(c),
    uses,
    true,
    overActiveRows(
      c,
      chunk,
      `ctrl[${C_COUNT}]`,
      `    var s = 0.0f;
    if (lane < LANES && p < P) {
      for (var r = 0u; r < R; r = r + 1u) {
        let j = (g * R + r) * LANES + lane;
        if (j < count) {
          let row = slot[j];
          if (inChunk(row)) { s = s + (wload(row, p) - ${f32(w0)}); }
        }
      }
    }
    red[t] = s;
    workgroupBarrier();
    if (lane == 0u && p < P && g < GROUPS) {
      var total = 0.0f;
      for (var l = 0u; l < LANES; l = l + 1u) { total = total + red[l * COLS + col]; }
      partials[(${u32(chunk)} * GROUPS + g) * P + p] = total;
    }
    workgroupBarrier();`,
    ),
  );
}

export function finishKernel(
  c: EngineConstants,
  p: CerebellumParams,
  kappa: Float64Array,
): KernelSource {
  const { layout } = c;
  const M = layout.mossy;
  const P = layout.purkinje;
  const off = streamOffsets(c);
  const delay = Math.round(p.olive.feedbackDelayMs / p.dtMs);
  const norm = Math.max(1, Math.round(p.granule.codingLevel * p.granule.count));
  const pf = p.plasticity.pfPurkinje;
  const mf = p.plasticity.mfNucleus;
  const errBase = (delay + 1) * P;
  const kappaBase = errBase + kappa.length * P;
  const uses = [
    { name: "partials", type: "array<f32>" },
    { name: "stream", type: "array<f32>" },
    { name: "v", type: "array<f32>" },
    { name: "history", type: "array<f32>" },
    { name: "dw", type: "array<f32>" },
    { name: "outf", type: "array<f32>" },
  ];
  const xin = `stream[${u32(off.xin)} + step.s * ${u32(M)} + m]`;
  const nucleus = mf.enabled
    ? `for (var m = t; m < ${u32(M)}; m = m + WG) {
    let x = ${xin};
    if (x != 0.0f) { y = y + v[m * P + p] * x * ${f32(1 / p.mossy.fibresPerChannel)}; }
  }`
    : "";
  const credit = pf.enabled
    ? `for (var tau = t; tau < L1; tau = tau + WG) {
    let k = history[${u32(kappaBase)} + tau];
    let at = (step.errSlot + 1u + tau) % L1;
    if (k != 0.0f) { e = e + k * select(history[${u32(errBase)} + at * P + p], err, at == step.errSlot); }
  }`
    : "";
  const learnNucleus = mf.enabled
    ? `if (step.learn == 1u) {
    var drive = ${f32(mf.rate * mf.depressionRatio)} * pause;
    if (pause > 0.0f) { drive = ${f32(mf.rate)} * pause; }
    let dv = drive * ${f32(p.dtMs)};
    for (var m = t; m < ${u32(M)}; m = m + WG) {
      let x = ${xin};
      if (drive != 0.0f && x != 0.0f) {
        let value = v[m * P + p] + dv * x;
        v[m * P + p] = select(select(value, ${f32(mf.maxWeight)}, value > ${f32(mf.maxWeight)}), 0.0f, value < 0.0f);
      }
    }
  }`
    : "";
  return kernelSource(
    "finish",
    header(c),
    uses,
    false,
    `const L1 = ${u32(kappa.length)};
const WG = ${u32(WORKGROUP)};
// Sum of x over the workgroup, as a fixed tree (the same order on every run).
fn reduce(t: u32, x: f32) -> f32 {
  red[t] = x;
  workgroupBarrier();
  for (var o = WG / 2u; o > 0u; o = o >> 1u) {
    if (t < o) { red[t] = red[t] + red[t + o]; }
    workgroupBarrier();
  }
  let r = red[0];
  workgroupBarrier();
  return r;
}
// One workgroup per Purkinje cell p; its threads share the sums over groups, fibres and τ.
@compute @workgroup_size(${WORKGROUP})
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) t: u32) {
  let p = wid.x;
  var s = 0.0f;
  for (var g = t; g < GROUPS * ${u32(layout.chunks)}; g = g + WG) { s = s + partials[g * P + p]; }
  let sum = reduce(t, s);
  var y = 0.0f;
  ${nucleus}
  let mossy = reduce(t, y);
  let pause = -sum / ${f32(norm)};
  let z = step.cortex * pause + step.disinhibition + mossy;
  // z(t − Δ); with Δ = 0 that is the z just computed.
  let past = select(history[step.zLag * P + p], z, step.zLag == step.zSlot);
  let teacher = stream[${u32(off.teacher)} + step.s * P + p];
  let err = ${f32(p.olive.errorGain)} * (teacher - past);
  if (t == 0u) {
    history[step.zSlot * P + p] = z;
    outf[step.s * ${u32(P + 1)} + p] = z;
    history[${u32(errBase)} + step.errSlot * P + p] = err;
  }
  var e = 0.0f;
  ${credit}
  let credit = reduce(t, e);
  if (t == 0u && step.learn == 1u && ${pf.enabled}) {
    var d = -${f32(pf.ltp)} * credit;
    if (credit > 0.0f) { d = -${f32(pf.ltd)} * credit; }
    dw[p] = d * ${f32(p.dtMs)};
  }
  ${learnNucleus}
}`,
  );
}

/**
 * The PF→PC weight update: `delayed` credits the rows active L steps ago with dw_p; otherwise
 * (non-associative LTP) the rows active now get `constant`.
 */
export function updateKernel(
  c: EngineConstants,
  p: CerebellumParams,
  mode: { delayed: true } | { delayed: false; constant: number },
  chunk: number,
): KernelSource {
  const rule = p.plasticity.pfPurkinje;
  const uses = [
    { name: "ctrl", type: "array<u32>" },
    { name: "dw", type: "array<f32>" },
    weightUse(chunk),
  ];
  const count = mode.delayed ? `ctrl[${C_RING}u + step.lagSlot]` : `ctrl[${C_COUNT}]`;
  const add = mode.delayed ? "dw[p]" : f32(mode.constant);
  return kernelSource(
    `${mode.delayed ? "update" : "ltp"}${chunk}`,
    header(c),
    uses,
    true,
    overActiveRows(
      c,
      chunk,
      count,
      `    if (lane < LANES && p < P) {
      let d = ${add};
      if (d != 0.0f) {
        for (var r = 0u; r < R; r = r + 1u) {
          let j = (g * R + r) * LANES + lane;
          if (j < count) {
            let row = slot[j];
            if (!inChunk(row)) { continue; }
            var value = wload(row, p) + d;
            if (value < ${f32(rule.minWeight)}) { value = ${f32(rule.minWeight)}; }
            else if (value > ${f32(rule.maxWeight)}) { value = ${f32(rule.maxWeight)}; }
            wstore(row, p, value);
          }
        }
      }
    }`,
    ),
  );
}
