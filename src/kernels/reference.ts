/**
 * The TypeScript reference kernels: loops over typed arrays. See kernel.ts for the contract.
 *
 * The loops are written for V8's optimising compiler, and every one of them computes exactly
 * what the plain loop in the contract computes (same float64 operations, same order):
 *
 * - Typed-array stores inside a loop make V8 re-check the arrays' maps, lengths and data pointers
 *   once per iteration, so the hot loops do several cells (or weights) per iteration.
 * - The granule gather reads the units as float64 (a copy made each step: float32 → float64 is
 *   exact) and two 16-bit unit indices per int32 load, when the wiring allows.
 * - Sums over the active rows keep 8 running sums in locals, one block of 8 Purkinje cells at a
 *   time; each sum still adds the rows in list order.
 * - The clamp bounds are read back from a Float64Array, so that V8 keeps `lo`, `hi` and the clamped
 *   value as raw doubles (with the integers 0 and 2 it boxes every clamped weight).
 * - Weight rows of cells active long ago are usually out of cache; rows are touched a batch ahead
 *   so that their cache misses overlap.
 * - Histogram bins use `(x · scale) | 0`, which equals ⌊x · scale⌋ for finite x · scale in
 *   [0, 2³¹); that holds whenever the maximum and the scale are finite (checked, else ⌊⌋ runs).
 */
import { frontEndStep, nucleusStep } from "./frontEnd.js";
import { type FrontEndPlan, type GranulePlan, type Kernel, plainArrays } from "./kernel.js";

function granuleDrive(
  units: Float32Array,
  inputs: Int32Array,
  fanIn: number,
  drive: Float32Array,
): void {
  const n = drive.length;
  if (fanIn === 4) {
    // The default K; unrolled because this loop is a large part of a step's cost.
    for (let i = 0, q = 0; i < n; i++, q += 4) {
      drive[i] =
        units[inputs[q]] + units[inputs[q + 1]] + units[inputs[q + 2]] + units[inputs[q + 3]];
    }
    return;
  }
  for (let i = 0, q = 0; i < n; i++) {
    let h = 0;
    for (let k = 0; k < fanIn; k++, q++) h += units[inputs[q]];
    drive[i] = h;
  }
}

interface ReferencePlan extends GranulePlan {
  /** The wiring as given, N × K. */
  readonly inputs: Int32Array;
  /**
   * K = 4 and every unit index in [0, 2¹⁶): cell i's inputs k = 0, 1 in pairs[2i], k = 2, 3 in
   * pairs[2i + 1], first index in the low 16 bits. Otherwise null.
   */
  readonly pairs: Int32Array | null;
  /** Scratch for the units as float64, one per unit index up to the largest one used. */
  readonly values: Float64Array;
}

function prepareGranule(inputs: Int32Array, fanIn: number): ReferencePlan {
  const cells = fanIn > 0 ? Math.floor(inputs.length / fanIn) : 0;
  let packable = fanIn === 4;
  let top = -1;
  for (let q = 0; packable && q < inputs.length; q++) {
    if (inputs[q] < 0 || inputs[q] > 0xffff) packable = false;
    else if (inputs[q] > top) top = inputs[q];
  }
  let pairs: Int32Array | null = null;
  if (packable) {
    pairs = new Int32Array(cells * 2);
    for (let r = 0; r < pairs.length; r++) pairs[r] = inputs[2 * r] | (inputs[2 * r + 1] << 16);
  }
  return { cells, fanIn, inputs, pairs, values: new Float64Array(packable ? top + 1 : 0) };
}

function granuleDriveAbove(
  units: Float32Array,
  plan: GranulePlan,
  drive: Float32Array,
  floor: number,
  above: Int32Array,
  aboveDrive: Float32Array,
): number {
  const { inputs, pairs, values, fanIn } = plan as ReferencePlan;
  const n = drive.length;
  // The packed path reads only units that exist (an index past the end would give NaN).
  if (pairs !== null && pairs.length === 2 * n && units.length >= values.length) {
    for (let u = 0; u < values.length; u++) values[u] = units[u];
    return drivePairs(values, pairs, drive, floor, above, aboveDrive);
  }
  let count = 0;
  if (fanIn === 4) {
    for (let i = 0, q = 0; i < n; i++, q += 4) {
      const h = Math.fround(
        units[inputs[q]] + units[inputs[q + 1]] + units[inputs[q + 2]] + units[inputs[q + 3]],
      );
      drive[i] = h;
      if (h > floor) {
        above[count] = i;
        aboveDrive[count++] = h;
      }
    }
    return count;
  }
  for (let i = 0, q = 0; i < n; i++) {
    let s = 0;
    for (let k = 0; k < fanIn; k++, q++) s += units[inputs[q]];
    const h = Math.fround(s);
    drive[i] = h;
    if (h > floor) {
      above[count] = i;
      aboveDrive[count++] = h;
    }
  }
  return count;
}

/**
 * granuleDriveAbove for K = 4 with packed index pairs and float64 units, 8 cells a step. Every
 * cell is written to the list and the list grows by +(h > floor): whether a cell is above the
 * floor is as good as random, and a branch on it would be mispredicted often.
 */
function drivePairs(
  u: Float64Array,
  pairs: Int32Array,
  drive: Float32Array,
  floor: number,
  above: Int32Array,
  aboveDrive: Float32Array,
): number {
  const m = pairs.length;
  let count = 0;
  let q = 0;
  for (; q + 16 <= m; q += 16) {
    const i = q >> 1;
    let a = pairs[q];
    let b = pairs[q + 1];
    const h0 = Math.fround(u[a & 0xffff] + u[a >>> 16] + u[b & 0xffff] + u[b >>> 16]);
    a = pairs[q + 2];
    b = pairs[q + 3];
    const h1 = Math.fround(u[a & 0xffff] + u[a >>> 16] + u[b & 0xffff] + u[b >>> 16]);
    a = pairs[q + 4];
    b = pairs[q + 5];
    const h2 = Math.fround(u[a & 0xffff] + u[a >>> 16] + u[b & 0xffff] + u[b >>> 16]);
    a = pairs[q + 6];
    b = pairs[q + 7];
    const h3 = Math.fround(u[a & 0xffff] + u[a >>> 16] + u[b & 0xffff] + u[b >>> 16]);
    a = pairs[q + 8];
    b = pairs[q + 9];
    const h4 = Math.fround(u[a & 0xffff] + u[a >>> 16] + u[b & 0xffff] + u[b >>> 16]);
    a = pairs[q + 10];
    b = pairs[q + 11];
    const h5 = Math.fround(u[a & 0xffff] + u[a >>> 16] + u[b & 0xffff] + u[b >>> 16]);
    a = pairs[q + 12];
    b = pairs[q + 13];
    const h6 = Math.fround(u[a & 0xffff] + u[a >>> 16] + u[b & 0xffff] + u[b >>> 16]);
    a = pairs[q + 14];
    b = pairs[q + 15];
    const h7 = Math.fround(u[a & 0xffff] + u[a >>> 16] + u[b & 0xffff] + u[b >>> 16]);
    drive[i] = h0;
    drive[i + 1] = h1;
    drive[i + 2] = h2;
    drive[i + 3] = h3;
    drive[i + 4] = h4;
    drive[i + 5] = h5;
    drive[i + 6] = h6;
    drive[i + 7] = h7;
    above[count] = i;
    aboveDrive[count] = h0;
    count += +(h0 > floor);
    above[count] = i + 1;
    aboveDrive[count] = h1;
    count += +(h1 > floor);
    above[count] = i + 2;
    aboveDrive[count] = h2;
    count += +(h2 > floor);
    above[count] = i + 3;
    aboveDrive[count] = h3;
    count += +(h3 > floor);
    above[count] = i + 4;
    aboveDrive[count] = h4;
    count += +(h4 > floor);
    above[count] = i + 5;
    aboveDrive[count] = h5;
    count += +(h5 > floor);
    above[count] = i + 6;
    aboveDrive[count] = h6;
    count += +(h6 > floor);
    above[count] = i + 7;
    aboveDrive[count] = h7;
    count += +(h7 > floor);
  }
  for (; q + 2 <= m; q += 2) {
    const i = q >> 1;
    const a = pairs[q];
    const b = pairs[q + 1];
    const h = Math.fround(u[a & 0xffff] + u[a >>> 16] + u[b & 0xffff] + u[b >>> 16]);
    drive[i] = h;
    if (h > floor) {
      above[count] = i;
      aboveDrive[count++] = h;
    }
  }
  return count;
}

/** selectActive from the list of cells above the floor (see kernel.ts). */
function selectAbove(
  above: Int32Array,
  aboveDrive: Float32Array,
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
  // The maximum does not depend on the order of comparison: four running maxima.
  let m0 = floor;
  let m1 = floor;
  let m2 = floor;
  let m3 = floor;
  let j = 0;
  for (; j + 4 <= count; j += 4) {
    const h0 = aboveDrive[j];
    const h1 = aboveDrive[j + 1];
    const h2 = aboveDrive[j + 2];
    const h3 = aboveDrive[j + 3];
    if (h0 > m0) m0 = h0;
    if (h1 > m1) m1 = h1;
    if (h2 > m2) m2 = h2;
    if (h3 > m3) m3 = h3;
  }
  for (; j < count; j++) if (aboveDrive[j] > m0) m0 = aboveDrive[j];
  const max = Math.max(m0, m1, m2, m3);
  const bins = histogram.length;
  const span = max - floor;
  const scale = (bins - 1e-3) / span;
  // (h − floor)·scale lies in [0, bins] for every listed h when these hold, so `| 0` = ⌊⌋.
  if (!(span < Infinity && scale > 0 && scale < Infinity && bins < 2 ** 30)) {
    return selectAboveFloor(above, aboveDrive, count, target, floor, active, histogram, scale);
  }
  histogram.fill(0);
  for (j = 0; j + 4 <= count; j += 4) {
    const b0 = ((aboveDrive[j] - floor) * scale) | 0;
    const b1 = ((aboveDrive[j + 1] - floor) * scale) | 0;
    const b2 = ((aboveDrive[j + 2] - floor) * scale) | 0;
    const b3 = ((aboveDrive[j + 3] - floor) * scale) | 0;
    histogram[b0]++;
    histogram[b1]++;
    histogram[b2]++;
    histogram[b3]++;
  }
  for (; j < count; j++) histogram[((aboveDrive[j] - floor) * scale) | 0]++;
  let cut = bins - 1;
  let fromTop = histogram[cut];
  while (fromTop < target && cut > 0) {
    cut--;
    fromTop += histogram[cut];
  }
  let room = target - (fromTop - histogram[cut]);
  // Cells above the cut bin are taken without a branch (whether one is taken is as good as
  // random): write, then advance by (cut − b) >>> 31, which is 1 exactly when b > cut.
  const length = active.length;
  let n = 0;
  for (j = 0; j < count; j++) {
    const b = ((aboveDrive[j] - floor) * scale) | 0;
    if (b === cut) {
      if (room-- > 0) active[n++] = above[j];
    } else {
      if (n < length) active[n] = above[j];
      n += (cut - b) >>> 31;
    }
  }
  return n;
}

/** selectAbove's binning with Math.floor, for non-finite maxima or scales. */
function selectAboveFloor(
  above: Int32Array,
  aboveDrive: Float32Array,
  count: number,
  target: number,
  floor: number,
  active: Int32Array,
  histogram: Uint32Array,
  scale: number,
): number {
  const bins = histogram.length;
  histogram.fill(0);
  for (let j = 0; j < count; j++) histogram[Math.floor((aboveDrive[j] - floor) * scale)]++;
  let cut = bins - 1;
  let fromTop = histogram[cut];
  while (fromTop < target && cut > 0) {
    cut--;
    fromTop += histogram[cut];
  }
  let room = target - (fromTop - histogram[cut]);
  let n = 0;
  for (let j = 0; j < count; j++) {
    const b = Math.floor((aboveDrive[j] - floor) * scale);
    if (b > cut || (b === cut && room-- > 0)) active[n++] = above[j];
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

/** The clamp bounds as float64 (see the note at the top). */
const bounds = new Float64Array(2);
/** Written only if a touched weight is NaN, so that the touching loads stay. */
const sink = new Float64Array(1);
/** Rows touched ahead of the ones being updated. */
const BATCH = 8;

function updateWeights(
  active: Int32Array,
  count: number,
  w: Float32Array,
  purkinje: number,
  dw: Float64Array,
  lo: number,
  hi: number,
): void {
  bounds[0] = lo;
  bounds[1] = hi;
  // The unrolled loops add every dw_p; adding 0 is not the same as skipping (it clamps a weight
  // that starts outside [lo, hi], and turns −0 into 0), so any zero sends all to the plain loop.
  let zero = false;
  for (let p = 0; p < purkinje; p++) if (dw[p] === 0) zero = true;
  if (purkinje === 1) update1(active, count, w, dw[0]);
  else if (zero || count < 2 * BATCH) updatePlain(active, count, w, purkinje, dw);
  else if (purkinje === 32) update32(active, count, w, dw);
  else if (purkinje % 8 === 0) updateBlocks(active, count, w, purkinje, dw);
  else updatePlain(active, count, w, purkinje, dw);
}

/** P = 1 (the default model): one weight per cell. */
function update1(active: Int32Array, count: number, w: Float32Array, d: number): void {
  if (d === 0) return;
  const lo = bounds[0];
  const hi = bounds[1];
  for (let j = 0; j < count; j++) {
    const i = active[j];
    let v = w[i] + d;
    if (v < lo) v = lo;
    else if (v > hi) v = hi;
    w[i] = v;
  }
}

/** The contract's loop: skips dw_p = 0. */
function updatePlain(
  active: Int32Array,
  count: number,
  w: Float32Array,
  purkinje: number,
  dw: Float64Array,
): void {
  const lo = bounds[0];
  const hi = bounds[1];
  for (let j = 0; j < count; j++) {
    const base = active[j] * purkinje;
    for (let p = 0; p < purkinje; p++) {
      const d = dw[p];
      if (d === 0) continue;
      let v = w[base + p] + d;
      if (v < lo) v = lo;
      else if (v > hi) v = hi;
      w[base + p] = v;
    }
  }
}

/** Loads one weight per 64 bytes of rows j ∈ [from, to), to start their cache misses early. */
function touch(
  active: Int32Array,
  from: number,
  to: number,
  w: Float32Array,
  purkinje: number,
): number {
  let t = 0;
  for (let j = from; j < to; j++) {
    const r = active[j] * purkinje;
    for (let k = 0; k < purkinje; k += 16) t += w[r + k];
    t += w[r + purkinje - 1];
  }
  return t;
}

/** P a multiple of 8, no dw_p = 0. */
function updateBlocks(
  active: Int32Array,
  count: number,
  w: Float32Array,
  purkinje: number,
  dw: Float64Array,
): void {
  const lo = bounds[0];
  const hi = bounds[1];
  let t = touch(active, 0, BATCH, w, purkinje);
  for (let j0 = 0; j0 < count; j0 += BATCH) {
    const j1 = Math.min(j0 + BATCH, count);
    t += touch(active, j1, Math.min(j1 + BATCH, count), w, purkinje);
    for (let j = j0; j < j1; j++) {
      const r = active[j] * purkinje;
      for (let p = 0; p < purkinje; p += 8) {
        const b = r + p;
        let v = w[b] + dw[p];
        if (v < lo) v = lo;
        else if (v > hi) v = hi;
        w[b] = v;
        v = w[b + 1] + dw[p + 1];
        if (v < lo) v = lo;
        else if (v > hi) v = hi;
        w[b + 1] = v;
        v = w[b + 2] + dw[p + 2];
        if (v < lo) v = lo;
        else if (v > hi) v = hi;
        w[b + 2] = v;
        v = w[b + 3] + dw[p + 3];
        if (v < lo) v = lo;
        else if (v > hi) v = hi;
        w[b + 3] = v;
        v = w[b + 4] + dw[p + 4];
        if (v < lo) v = lo;
        else if (v > hi) v = hi;
        w[b + 4] = v;
        v = w[b + 5] + dw[p + 5];
        if (v < lo) v = lo;
        else if (v > hi) v = hi;
        w[b + 5] = v;
        v = w[b + 6] + dw[p + 6];
        if (v < lo) v = lo;
        else if (v > hi) v = hi;
        w[b + 6] = v;
        v = w[b + 7] + dw[p + 7];
        if (v < lo) v = lo;
        else if (v > hi) v = hi;
        w[b + 7] = v;
      }
    }
  }
  if (Number.isNaN(t)) sink[0] = t;
}

/** P = 32 (the bench's size), no dw_p = 0: the 32 increments stay in locals. */
function update32(active: Int32Array, count: number, w: Float32Array, dw: Float64Array): void {
  const lo = bounds[0];
  const hi = bounds[1];
  const d0 = dw[0];
  const d1 = dw[1];
  const d2 = dw[2];
  const d3 = dw[3];
  const d4 = dw[4];
  const d5 = dw[5];
  const d6 = dw[6];
  const d7 = dw[7];
  const d8 = dw[8];
  const d9 = dw[9];
  const d10 = dw[10];
  const d11 = dw[11];
  const d12 = dw[12];
  const d13 = dw[13];
  const d14 = dw[14];
  const d15 = dw[15];
  const d16 = dw[16];
  const d17 = dw[17];
  const d18 = dw[18];
  const d19 = dw[19];
  const d20 = dw[20];
  const d21 = dw[21];
  const d22 = dw[22];
  const d23 = dw[23];
  const d24 = dw[24];
  const d25 = dw[25];
  const d26 = dw[26];
  const d27 = dw[27];
  const d28 = dw[28];
  const d29 = dw[29];
  const d30 = dw[30];
  const d31 = dw[31];
  let t = touch(active, 0, BATCH, w, 32);
  for (let j0 = 0; j0 < count; j0 += BATCH) {
    const j1 = Math.min(j0 + BATCH, count);
    t += touch(active, j1, Math.min(j1 + BATCH, count), w, 32);
    for (let j = j0; j < j1; j++) {
      const b = active[j] * 32;
      let v = w[b] + d0;
      if (v < lo) v = lo;
      else if (v > hi) v = hi;
      w[b] = v;
      v = w[b + 1] + d1;
      if (v < lo) v = lo;
      else if (v > hi) v = hi;
      w[b + 1] = v;
      v = w[b + 2] + d2;
      if (v < lo) v = lo;
      else if (v > hi) v = hi;
      w[b + 2] = v;
      v = w[b + 3] + d3;
      if (v < lo) v = lo;
      else if (v > hi) v = hi;
      w[b + 3] = v;
      v = w[b + 4] + d4;
      if (v < lo) v = lo;
      else if (v > hi) v = hi;
      w[b + 4] = v;
      v = w[b + 5] + d5;
      if (v < lo) v = lo;
      else if (v > hi) v = hi;
      w[b + 5] = v;
      v = w[b + 6] + d6;
      if (v < lo) v = lo;
      else if (v > hi) v = hi;
      w[b + 6] = v;
      v = w[b + 7] + d7;
      if (v < lo) v = lo;
      else if (v > hi) v = hi;
      w[b + 7] = v;
      v = w[b + 8] + d8;
      if (v < lo) v = lo;
      else if (v > hi) v = hi;
      w[b + 8] = v;
      v = w[b + 9] + d9;
      if (v < lo) v = lo;
      else if (v > hi) v = hi;
      w[b + 9] = v;
      v = w[b + 10] + d10;
      if (v < lo) v = lo;
      else if (v > hi) v = hi;
      w[b + 10] = v;
      v = w[b + 11] + d11;
      if (v < lo) v = lo;
      else if (v > hi) v = hi;
      w[b + 11] = v;
      v = w[b + 12] + d12;
      if (v < lo) v = lo;
      else if (v > hi) v = hi;
      w[b + 12] = v;
      v = w[b + 13] + d13;
      if (v < lo) v = lo;
      else if (v > hi) v = hi;
      w[b + 13] = v;
      v = w[b + 14] + d14;
      if (v < lo) v = lo;
      else if (v > hi) v = hi;
      w[b + 14] = v;
      v = w[b + 15] + d15;
      if (v < lo) v = lo;
      else if (v > hi) v = hi;
      w[b + 15] = v;
      v = w[b + 16] + d16;
      if (v < lo) v = lo;
      else if (v > hi) v = hi;
      w[b + 16] = v;
      v = w[b + 17] + d17;
      if (v < lo) v = lo;
      else if (v > hi) v = hi;
      w[b + 17] = v;
      v = w[b + 18] + d18;
      if (v < lo) v = lo;
      else if (v > hi) v = hi;
      w[b + 18] = v;
      v = w[b + 19] + d19;
      if (v < lo) v = lo;
      else if (v > hi) v = hi;
      w[b + 19] = v;
      v = w[b + 20] + d20;
      if (v < lo) v = lo;
      else if (v > hi) v = hi;
      w[b + 20] = v;
      v = w[b + 21] + d21;
      if (v < lo) v = lo;
      else if (v > hi) v = hi;
      w[b + 21] = v;
      v = w[b + 22] + d22;
      if (v < lo) v = lo;
      else if (v > hi) v = hi;
      w[b + 22] = v;
      v = w[b + 23] + d23;
      if (v < lo) v = lo;
      else if (v > hi) v = hi;
      w[b + 23] = v;
      v = w[b + 24] + d24;
      if (v < lo) v = lo;
      else if (v > hi) v = hi;
      w[b + 24] = v;
      v = w[b + 25] + d25;
      if (v < lo) v = lo;
      else if (v > hi) v = hi;
      w[b + 25] = v;
      v = w[b + 26] + d26;
      if (v < lo) v = lo;
      else if (v > hi) v = hi;
      w[b + 26] = v;
      v = w[b + 27] + d27;
      if (v < lo) v = lo;
      else if (v > hi) v = hi;
      w[b + 27] = v;
      v = w[b + 28] + d28;
      if (v < lo) v = lo;
      else if (v > hi) v = hi;
      w[b + 28] = v;
      v = w[b + 29] + d29;
      if (v < lo) v = lo;
      else if (v > hi) v = hi;
      w[b + 29] = v;
      v = w[b + 30] + d30;
      if (v < lo) v = lo;
      else if (v > hi) v = hi;
      w[b + 30] = v;
      v = w[b + 31] + d31;
      if (v < lo) v = lo;
      else if (v > hi) v = hi;
      w[b + 31] = v;
    }
  }
  if (Number.isNaN(t)) sink[0] = t;
}

/**
 * Graded rows (see Kernel.purkinjeSumGraded): plain loops, the contract's order. A float32 gain
 * times a float32 weight is exact in float64, so only the sums round. G is summed in the pass
 * over column 0 (two independent chains of additions, each in list order).
 */
function purkinjeSumGraded(
  active: Int32Array,
  gain: Float32Array,
  count: number,
  w: Float32Array,
  purkinje: number,
  w0: number,
  out: Float64Array,
): void {
  let total = 0;
  let first = 0;
  for (let j = 0; j < count; j++) {
    const g = gain[j];
    total += g;
    first += g * w[active[j] * purkinje];
  }
  const offset = total * w0;
  if (purkinje > 0) out[0] = first - offset;
  for (let p = 1; p < purkinje; p++) {
    let s = 0;
    for (let j = 0; j < count; j++) s += gain[j] * w[active[j] * purkinje + p];
    out[p] = s - offset;
  }
  if (out.length > purkinje) out.fill(0, purkinje);
}

function updateWeightsGraded(
  active: Int32Array,
  gain: Float32Array,
  count: number,
  w: Float32Array,
  purkinje: number,
  dw: Float64Array,
  lo: number,
  hi: number,
): void {
  bounds[0] = lo;
  bounds[1] = hi;
  const low = bounds[0];
  const high = bounds[1];
  if (purkinje === 1) {
    // One column (the eyeblink's P): dw_0 read once, one weight per row.
    const d = dw[0];
    if (d === 0) return;
    for (let j = 0; j < count; j++) {
      const r = active[j];
      let v = w[r] + gain[j] * d;
      if (v < low) v = low;
      else if (v > high) v = high;
      w[r] = v;
    }
    return;
  }
  for (let j = 0; j < count; j++) {
    const g = gain[j];
    const row = active[j] * purkinje;
    for (let p = 0; p < purkinje; p++) {
      const d = dw[p];
      if (d === 0) continue;
      let v = w[row + p] + g * d;
      if (v < low) v = low;
      else if (v > high) v = high;
      w[row + p] = v;
    }
  }
}

export const referenceKernel: Kernel = {
  name: "ts",
  alloc: plainArrays,
  granuleDrive,
  prepareGranule,
  granuleDriveAbove,
  selectActive,
  selectAbove,
  purkinjeSum,
  updateWeights,
  purkinjeSumGraded,
  updateWeightsGraded,
  prepareFrontEnd: (front) => ({ front }),
  frontEndStep: (plan: FrontEndPlan, channels, rng) => frontEndStep(plan.front, channels, rng),
  nucleusStep: (plan: FrontEndPlan, output) => {
    const { nucleus, mossy } = plan.front;
    if (!nucleus) throw new Error("nucleusStep: the front end was prepared without its nucleus");
    nucleusStep(nucleus, mossy.rate, output);
  },
};
