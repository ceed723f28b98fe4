/**
 * The TypeScript reference kernels: loops over typed arrays. See kernel.ts for the contract.
 *
 * Speed notes (V8): each function is monomorphic (one element type per argument); the inner
 * loops keep running sums in local variables, in blocks of 8 Purkinje cells, instead of in the
 * output array; and histogram bins use `(x · scale) | 0`, which equals ⌊x · scale⌋ for the
 * finite, non-negative values below 2³¹ that occur whenever max and scale are finite (checked,
 * else the ⌊⌋ path runs). Summation order is the one kernel.ts specifies, so results are
 * bit-identical to the plain loops.
 */
import type { Kernel } from "./kernel.js";

function granuleDrive(units: Float32Array, inputs: Int32Array, fanIn: number, drive: Float32Array): void {
  const n = drive.length;
  if (fanIn === 4) {
    // The default K; unrolled because this loop is a large part of a step's cost.
    for (let i = 0, q = 0; i < n; i++, q += 4) {
      drive[i] = units[inputs[q]] + units[inputs[q + 1]] + units[inputs[q + 2]] + units[inputs[q + 3]];
    }
    return;
  }
  for (let i = 0, q = 0; i < n; i++) {
    let h = 0;
    for (let k = 0; k < fanIn; k++, q++) h += units[inputs[q]];
    drive[i] = h;
  }
}

function granuleDriveAbove(
  units: Float32Array,
  inputs: Int32Array,
  fanIn: number,
  drive: Float32Array,
  floor: number,
  above: Int32Array,
): number {
  const n = drive.length;
  let count = 0;
  if (fanIn === 4) {
    for (let i = 0, q = 0; i < n; i++, q += 4) {
      const h = Math.fround(
        units[inputs[q]] + units[inputs[q + 1]] + units[inputs[q + 2]] + units[inputs[q + 3]],
      );
      drive[i] = h;
      if (h > floor) above[count++] = i;
    }
    return count;
  }
  for (let i = 0, q = 0; i < n; i++) {
    let s = 0;
    for (let k = 0; k < fanIn; k++, q++) s += units[inputs[q]];
    const h = Math.fround(s);
    drive[i] = h;
    if (h > floor) above[count++] = i;
  }
  return count;
}

/** The first `target` … (see kernel.ts) of the `count` cells listed in `above`; fast binning. */
function selectAbove(
  drive: Float32Array,
  above: Int32Array,
  count: number,
  target: number,
  floor: number,
  active: Int32Array,
  histogram: Uint32Array,
): number {
  if (count <= target) {
    if (active !== above) {
      const n = Math.min(count, active.length);
      for (let j = 0; j < n; j++) active[j] = above[j];
    }
    return count;
  }
  let max = floor;
  for (let j = 0; j < count; j++) {
    const h = drive[above[j]];
    if (h > max) max = h;
  }
  const bins = histogram.length;
  const span = max - floor;
  const scale = (bins - 1e-3) / span;
  // (h − floor)·scale lies in [0, bins] for every listed h when these hold, so `| 0` = ⌊⌋.
  if (!(span < Infinity && scale > 0 && scale < Infinity && bins < 2 ** 30)) {
    return selectAboveFloor(drive, above, count, target, floor, active, histogram, scale);
  }
  histogram.fill(0);
  for (let j = 0; j < count; j++) histogram[((drive[above[j]] - floor) * scale) | 0]++;
  let cut = bins - 1;
  let fromTop = histogram[cut];
  while (fromTop < target && cut > 0) {
    cut--;
    fromTop += histogram[cut];
  }
  let room = target - (fromTop - histogram[cut]);
  let n = 0;
  for (let j = 0; j < count; j++) {
    const i = above[j];
    const b = ((drive[i] - floor) * scale) | 0;
    if (b > cut || (b === cut && room-- > 0)) active[n++] = i;
  }
  return n;
}

/** selectAbove with Math.floor binning, for non-finite drives or scales. */
function selectAboveFloor(
  drive: Float32Array,
  above: Int32Array,
  count: number,
  target: number,
  floor: number,
  active: Int32Array,
  histogram: Uint32Array,
  scale: number,
): number {
  const bins = histogram.length;
  histogram.fill(0);
  for (let j = 0; j < count; j++) histogram[Math.floor((drive[above[j]] - floor) * scale)]++;
  let cut = bins - 1;
  let fromTop = histogram[cut];
  while (fromTop < target && cut > 0) {
    cut--;
    fromTop += histogram[cut];
  }
  let room = target - (fromTop - histogram[cut]);
  let n = 0;
  for (let j = 0; j < count; j++) {
    const i = above[j];
    const b = Math.floor((drive[i] - floor) * scale);
    if (b > cut || (b === cut && room-- > 0)) active[n++] = i;
  }
  return n;
}

/** The plain three-pass definition of the selection rule (no scratch list). */
function selectActive(
  drive: Float32Array,
  target: number,
  floor: number,
  active: Int32Array,
  histogram: Uint32Array,
): number {
  // Pass 1: cells above the floor (usually a small minority), and the largest drive.
  const n = drive.length;
  let count = 0;
  let max = floor;
  for (let i = 0; i < n; i++) {
    const h = drive[i];
    if (h > floor) {
      if (count < active.length) active[count] = i;
      count++;
      if (h > max) max = h;
    }
  }
  if (count <= target) return count;
  // Too many: histogram the drives above the floor and find the bin where the count from the
  // top reaches `target`. Cells above that bin all fire; cells in it fire in index order.
  const bins = histogram.length;
  histogram.fill(0);
  const scale = (bins - 1e-3) / (max - floor);
  for (let i = 0; i < n; i++) {
    const h = drive[i];
    if (h > floor) histogram[Math.floor((h - floor) * scale)]++;
  }
  let cut = bins - 1;
  let fromTop = histogram[cut];
  while (fromTop < target && cut > 0) {
    cut--;
    fromTop += histogram[cut];
  }
  let room = target - (fromTop - histogram[cut]);
  count = 0;
  for (let i = 0; i < n; i++) {
    const h = drive[i];
    if (h <= floor) continue;
    const b = Math.floor((h - floor) * scale);
    if (b > cut || (b === cut && room-- > 0)) active[count++] = i;
  }
  return count;
}

function purkinjeSum(
  active: Int32Array,
  count: number,
  w: Float32Array,
  purkinje: number,
  w0: number,
  out: Float64Array,
): void {
  const offset = count * w0;
  let p = 0;
  // Blocks of 8 Purkinje cells: 8 running sums in registers, one pass over the active rows.
  for (; p + 8 <= purkinje; p += 8) {
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    let s4 = 0;
    let s5 = 0;
    let s6 = 0;
    let s7 = 0;
    for (let j = 0; j < count; j++) {
      const b = active[j] * purkinje + p;
      s0 += w[b];
      s1 += w[b + 1];
      s2 += w[b + 2];
      s3 += w[b + 3];
      s4 += w[b + 4];
      s5 += w[b + 5];
      s6 += w[b + 6];
      s7 += w[b + 7];
    }
    out[p] = s0 - offset;
    out[p + 1] = s1 - offset;
    out[p + 2] = s2 - offset;
    out[p + 3] = s3 - offset;
    out[p + 4] = s4 - offset;
    out[p + 5] = s5 - offset;
    out[p + 6] = s6 - offset;
    out[p + 7] = s7 - offset;
  }
  for (; p + 4 <= purkinje; p += 4) {
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    for (let j = 0; j < count; j++) {
      const b = active[j] * purkinje + p;
      s0 += w[b];
      s1 += w[b + 1];
      s2 += w[b + 2];
      s3 += w[b + 3];
    }
    out[p] = s0 - offset;
    out[p + 1] = s1 - offset;
    out[p + 2] = s2 - offset;
    out[p + 3] = s3 - offset;
  }
  for (; p < purkinje; p++) {
    let s = 0;
    for (let j = 0; j < count; j++) s += w[active[j] * purkinje + p];
    out[p] = s - offset;
  }
  if (out.length > purkinje) out.fill(0, purkinje);
}

function updateWeights(
  active: Int32Array,
  count: number,
  w: Float32Array,
  purkinje: number,
  dw: Float64Array,
  lo: number,
  hi: number,
): void {
  let p = 0;
  for (; p + 8 <= purkinje; p += 8) {
    const d0 = dw[p];
    const d1 = dw[p + 1];
    const d2 = dw[p + 2];
    const d3 = dw[p + 3];
    const d4 = dw[p + 4];
    const d5 = dw[p + 5];
    const d6 = dw[p + 6];
    const d7 = dw[p + 7];
    if (d0 === 0 || d1 === 0 || d2 === 0 || d3 === 0 || d4 === 0 || d5 === 0 || d6 === 0 || d7 === 0) {
      updateColumns(active, count, w, purkinje, dw, lo, hi, p, p + 8);
      continue;
    }
    for (let j = 0; j < count; j++) {
      const b = active[j] * purkinje + p;
      let v = w[b] + d0;
      w[b] = v < lo ? lo : v > hi ? hi : v;
      v = w[b + 1] + d1;
      w[b + 1] = v < lo ? lo : v > hi ? hi : v;
      v = w[b + 2] + d2;
      w[b + 2] = v < lo ? lo : v > hi ? hi : v;
      v = w[b + 3] + d3;
      w[b + 3] = v < lo ? lo : v > hi ? hi : v;
      v = w[b + 4] + d4;
      w[b + 4] = v < lo ? lo : v > hi ? hi : v;
      v = w[b + 5] + d5;
      w[b + 5] = v < lo ? lo : v > hi ? hi : v;
      v = w[b + 6] + d6;
      w[b + 6] = v < lo ? lo : v > hi ? hi : v;
      v = w[b + 7] + d7;
      w[b + 7] = v < lo ? lo : v > hi ? hi : v;
    }
  }
  if (p < purkinje) updateColumns(active, count, w, purkinje, dw, lo, hi, p, purkinje);
}

/** updateWeights for the columns p ∈ [from, to), skipping dw_p = 0. */
function updateColumns(
  active: Int32Array,
  count: number,
  w: Float32Array,
  purkinje: number,
  dw: Float64Array,
  lo: number,
  hi: number,
  from: number,
  to: number,
): void {
  for (let j = 0; j < count; j++) {
    const base = active[j] * purkinje;
    for (let p = from; p < to; p++) {
      const d = dw[p];
      if (d === 0) continue;
      let v = w[base + p] + d;
      if (v < lo) v = lo;
      else if (v > hi) v = hi;
      w[base + p] = v;
    }
  }
}

export const referenceKernel: Kernel = {
  name: "ts",
  granuleDrive,
  granuleDriveAbove,
  selectActive,
  selectAbove,
  purkinjeSum,
  updateWeights,
};
