// The hot loops of src/kernels/kernel.ts in AssemblyScript, compiled to WebAssembly with SIMD
// (see scripts/build-wasm.js). Every argument that names an array is a byte offset into the
// imported memory; the JS side (../wasmKernel.ts) owns allocation and checks lengths. Each loop
// does the contract's float64 operations in the contract's order, so results are bit-identical
// to the TypeScript reference. Ranges [from, to) let worker threads split the work: by cells for
// the granule drive, by Purkinje columns p for the sums and the updates (each column's sum keeps
// its order).

// ---- granule drive --------------------------------------------------------------------------

/** h_i = Σ_k units[inputs[i·K + k]] for i in [from, to), K-generic wiring (int32 indices). */
export function granuleDrive(
  units: usize,
  inputs: usize,
  fanIn: i32,
  drive: usize,
  from: i32,
  to: i32,
): void {
  // K = 4 unrolled (the bench's and the default fan-in): the general loop below costs more here.
  if (fanIn == 4) {
    for (let i = from; i < to; i++) {
      const q = inputs + ((<usize>i) << 4);
      const h =
        <f64>load<f32>(units + ((<usize>load<i32>(q)) << 2)) +
        <f64>load<f32>(units + ((<usize>load<i32>(q, 4)) << 2)) +
        <f64>load<f32>(units + ((<usize>load<i32>(q, 8)) << 2)) +
        <f64>load<f32>(units + ((<usize>load<i32>(q, 12)) << 2));
      store<f32>(drive + ((<usize>i) << 2), <f32>h);
    }
    return;
  }
  for (let i = from; i < to; i++) {
    let h: f64 = 0;
    const q = inputs + (<usize>i) * (<usize>fanIn << 2);
    for (let k = 0; k < fanIn; k++) {
      h += <f64>load<f32>(units + ((<usize>load<i32>(q + ((<usize>k) << 2))) << 2));
    }
    store<f32>(drive + ((<usize>i) << 2), <f32>h);
  }
}

/**
 * granuleDriveAbove for cells [from, to) with K-generic int32 wiring. The list of cells above
 * the floor is written from entry `from` of `above`/`aboveDrive` on; returns its length.
 */
export function driveAboveK(
  units: usize,
  inputs: usize,
  fanIn: i32,
  drive: usize,
  from: i32,
  to: i32,
  floor: f64,
  above: usize,
  aboveDrive: usize,
): i32 {
  granuleDrive(units, inputs, fanIn, drive, from, to);
  return listAbove(drive, from, to, floor, above, aboveDrive);
}

function listAbove(
  drive: usize,
  from: i32,
  to: i32,
  floor: f64,
  above: usize,
  aboveDrive: usize,
): i32 {
  let count: i32 = 0;
  const a = above + ((<usize>from) << 2);
  const d = aboveDrive + ((<usize>from) << 2);
  for (let i = from; i < to; i++) {
    const h = load<f32>(drive + ((<usize>i) << 2));
    // Written unconditionally, kept by advancing: whether a cell is above is as good as random.
    store<i32>(a + ((<usize>count) << 2), i);
    store<f32>(d + ((<usize>count) << 2), h);
    count += i32(<f64>h > floor);
  }
  return count;
}

/**
 * granuleDriveAbove for K = 4 with packed wiring: cell i's unit indices in two u32 at
 * pairs + 8i (k = 0, 1 then k = 2, 3; the first index of each in the low 16 bits).
 */
export function driveAbove4(
  units: usize,
  pairs: usize,
  drive: usize,
  from: i32,
  to: i32,
  floor: f64,
  above: usize,
  aboveDrive: usize,
): i32 {
  let count: i32 = 0;
  const lst = above + ((<usize>from) << 2);
  const lsd = aboveDrive + ((<usize>from) << 2);
  let i = from;
  // Two cells per iteration (their loads overlap), then the odd last cell: the same sums in the same order.
  for (; i + 2 <= to; i += 2) {
    const pr = pairs + ((<usize>i) << 3);
    const a0 = load<u32>(pr);
    const b0 = load<u32>(pr, 4);
    const a1 = load<u32>(pr, 8);
    const b1 = load<u32>(pr, 12);
    const h0 = <f32>(
      (<f64>load<f32>(units + ((<usize>(a0 & 0xffff)) << 2)) +
        <f64>load<f32>(units + ((<usize>(a0 >>> 16)) << 2)) +
        <f64>load<f32>(units + ((<usize>(b0 & 0xffff)) << 2)) +
        <f64>load<f32>(units + ((<usize>(b0 >>> 16)) << 2)))
    );
    const h1 = <f32>(
      (<f64>load<f32>(units + ((<usize>(a1 & 0xffff)) << 2)) +
        <f64>load<f32>(units + ((<usize>(a1 >>> 16)) << 2)) +
        <f64>load<f32>(units + ((<usize>(b1 & 0xffff)) << 2)) +
        <f64>load<f32>(units + ((<usize>(b1 >>> 16)) << 2)))
    );
    const dp = drive + ((<usize>i) << 2);
    store<f32>(dp, h0);
    store<f32>(dp, h1, 4);
    store<i32>(lst + ((<usize>count) << 2), i);
    store<f32>(lsd + ((<usize>count) << 2), h0);
    count += i32(<f64>h0 > floor);
    store<i32>(lst + ((<usize>count) << 2), i + 1);
    store<f32>(lsd + ((<usize>count) << 2), h1);
    count += i32(<f64>h1 > floor);
  }
  for (; i < to; i++) {
    const pr = pairs + ((<usize>i) << 3);
    const a0 = load<u32>(pr);
    const b0 = load<u32>(pr, 4);
    const h0 = <f32>(
      (<f64>load<f32>(units + ((<usize>(a0 & 0xffff)) << 2)) +
        <f64>load<f32>(units + ((<usize>(a0 >>> 16)) << 2)) +
        <f64>load<f32>(units + ((<usize>(b0 & 0xffff)) << 2)) +
        <f64>load<f32>(units + ((<usize>(b0 >>> 16)) << 2)))
    );
    store<f32>(drive + ((<usize>i) << 2), h0);
    store<i32>(lst + ((<usize>count) << 2), i);
    store<f32>(lsd + ((<usize>count) << 2), h0);
    count += i32(<f64>h0 > floor);
  }
  return count;
}


// ---- Golgi selection ------------------------------------------------------------------------

/** Bin of x·scale as ⌊⌋, or −1 where ⌊x·scale⌋ is not a bin (a typed-array store ignores it). */
@inline
function binOf(x: f64, bins: i32): i32 {
  const b = Math.floor(x);
  return b >= 0 && b < <f64>bins ? <i32>b : -1;
}

/** One more cell in bin b of the histogram. */
@inline
function countInBin(histogram: usize, b: i32): void {
  const hp = histogram + ((<usize>b) << 2);
  store<u32>(hp, load<u32>(hp) + 1);
}

/**
 * The cut bin of the selection: the highest bin whose count from the top (that bin and all above
 * it) reaches `target`, or bin 0 if none does.
 */
@inline
function cutBin(histogram: usize, bins: i32, target: i32): i32 {
  let cut = bins - 1;
  let fromTop: u32 = load<u32>(histogram + ((<usize>cut) << 2));
  while (fromTop < <u32>target && cut > 0) {
    cut--;
    fromTop += load<u32>(histogram + ((<usize>cut) << 2));
  }
  return cut;
}

/** Places left in the cut bin: `target` minus the cells in the bins above it (may be ≤ 0). */
@inline
function roomInCut(histogram: usize, bins: i32, cut: i32, target: i32): i64 {
  let over: u32 = 0;
  for (let b = cut + 1; b < bins; b++) over += load<u32>(histogram + ((<usize>b) << 2));
  return <i64>target - <i64>over;
}

/**
 * selectAbove (kernel.ts) for count > target. Returns how many cells fire; writes at most
 * `length` of them to `active` (which may be `above`).
 */
export function selectAbove(
  above: usize,
  aboveDrive: usize,
  count: i32,
  target: i32,
  floor: f64,
  active: usize,
  length: i32,
  histogram: usize,
  bins: i32,
): i32 {
  let max: f64 = floor;
  for (let j = 0; j < count; j++) {
    const h = <f64>load<f32>(aboveDrive + ((<usize>j) << 2));
    if (h > max) max = h;
  }
  const span = max - floor;
  const scale = (<f64>bins - 1e-3) / span;
  memory.fill(histogram, 0, (<usize>bins) << 2);
  // Then every x below lies in [0, bins], so ⌊x⌋ is an i32 truncation (as the reference's `| 0`).
  const fast = span < Infinity && scale > 0 && scale < Infinity && bins < 1 << 30;
  for (let j = 0; j < count; j++) {
    const x = (<f64>load<f32>(aboveDrive + ((<usize>j) << 2)) - floor) * scale;
    const b = fast ? <i32>x : binOf(x, bins);
    if (b >= 0) countInBin(histogram, b);
  }
  const cut = cutBin(histogram, bins, target);
  let room = roomInCut(histogram, bins, cut, target);
  let n: i32 = 0;
  for (let j = 0; j < count; j++) {
    const x = (<f64>load<f32>(aboveDrive + ((<usize>j) << 2)) - floor) * scale;
    const cell = load<i32>(above + ((<usize>j) << 2));
    if (fast) {
      // Branch-free outside the cut bin (whether a cell is kept is as good as random).
      const b = <i32>x;
      if (b == cut) {
        if (room-- > 0) {
          if (n < length) store<i32>(active + ((<usize>n) << 2), cell);
          n++;
        }
      } else {
        if (n < length) store<i32>(active + ((<usize>n) << 2), cell);
        n += (cut - b) >>> 31;
      }
    } else {
      // ⌊x⌋ compared as a float64, NaN never selected: the reference's Math.floor path.
      const b = Math.floor(x);
      if (b > <f64>cut || (b == <f64>cut && room-- > 0)) {
        if (n < length) store<i32>(active + ((<usize>n) << 2), cell);
        n++;
      }
    }
  }
  return n;
}

/**
 * selectActive (kernel.ts), the three-pass definition. Returns how many fire; at most `length`
 * are written to `active`.
 */
export function selectActive(
  drive: usize,
  cells: i32,
  target: i32,
  floor: f64,
  active: usize,
  length: i32,
  histogram: usize,
  bins: i32,
): i32 {
  let count: i32 = 0;
  let max: f64 = floor;
  for (let i = 0; i < cells; i++) {
    const h = <f64>load<f32>(drive + ((<usize>i) << 2));
    if (h > floor) {
      if (count < length) store<i32>(active + ((<usize>count) << 2), i);
      count++;
      if (h > max) max = h;
    }
  }
  if (count <= target) return count;
  memory.fill(histogram, 0, (<usize>bins) << 2);
  const scale = (<f64>bins - 1e-3) / (max - floor);
  for (let i = 0; i < cells; i++) {
    const h = <f64>load<f32>(drive + ((<usize>i) << 2));
    if (h > floor) {
      const b = binOf((h - floor) * scale, bins);
      if (b >= 0) countInBin(histogram, b);
    }
  }
  const cut = cutBin(histogram, bins, target);
  let room = roomInCut(histogram, bins, cut, target);
  count = 0;
  for (let i = 0; i < cells; i++) {
    const h = <f64>load<f32>(drive + ((<usize>i) << 2));
    if (h <= floor || isNaN(h)) continue;
    const b = Math.floor((h - floor) * scale);
    if (b > <f64>cut || (b == <f64>cut && room-- > 0)) {
      if (count < length) store<i32>(active + ((<usize>count) << 2), i);
      count++;
    }
  }
  return count;
}

// ---- Purkinje sums --------------------------------------------------------------------------

/**
 * out_p = Σ_j w[active[j]·P + p] − offset for p in [from, to), each sum in float64 from 0 with j
 * increasing. Blocks of 16 columns keep 8 float64x2 sums in registers over one pass of the rows.
 */
export function purkinjeSum(
  active: usize,
  count: i32,
  w: usize,
  purkinje: i32,
  offset: f64,
  out: usize,
  from: i32,
  to: i32,
): void {
  const rowBytes = (<usize>purkinje) << 2;
  let p = from;
  for (; p + 16 <= to; p += 16) {
    let s0 = f64x2.splat(0);
    let s1 = f64x2.splat(0);
    let s2 = f64x2.splat(0);
    let s3 = f64x2.splat(0);
    let s4 = f64x2.splat(0);
    let s5 = f64x2.splat(0);
    let s6 = f64x2.splat(0);
    let s7 = f64x2.splat(0);
    const col = w + ((<usize>p) << 2);
    for (let j = 0; j < count; j++) {
      const b = col + (<usize>load<i32>(active + ((<usize>j) << 2))) * rowBytes;
      const v0 = v128.load(b);
      const v1 = v128.load(b, 16);
      const v2 = v128.load(b, 32);
      const v3 = v128.load(b, 48);
      s0 = f64x2.add(s0, f64x2.promote_low_f32x4(v0));
      s1 = f64x2.add(s1, f64x2.promote_low_f32x4(i32x4.shuffle(v0, v0, 2, 3, 0, 1)));
      s2 = f64x2.add(s2, f64x2.promote_low_f32x4(v1));
      s3 = f64x2.add(s3, f64x2.promote_low_f32x4(i32x4.shuffle(v1, v1, 2, 3, 0, 1)));
      s4 = f64x2.add(s4, f64x2.promote_low_f32x4(v2));
      s5 = f64x2.add(s5, f64x2.promote_low_f32x4(i32x4.shuffle(v2, v2, 2, 3, 0, 1)));
      s6 = f64x2.add(s6, f64x2.promote_low_f32x4(v3));
      s7 = f64x2.add(s7, f64x2.promote_low_f32x4(i32x4.shuffle(v3, v3, 2, 3, 0, 1)));
    }
    const o = f64x2.splat(offset);
    const op = out + ((<usize>p) << 3);
    v128.store(op, f64x2.sub(s0, o));
    v128.store(op, f64x2.sub(s1, o), 16);
    v128.store(op, f64x2.sub(s2, o), 32);
    v128.store(op, f64x2.sub(s3, o), 48);
    v128.store(op, f64x2.sub(s4, o), 64);
    v128.store(op, f64x2.sub(s5, o), 80);
    v128.store(op, f64x2.sub(s6, o), 96);
    v128.store(op, f64x2.sub(s7, o), 112);
  }
  // The columns left: blocks of 4 (two float64x2 sums), then one at a time; each is the same sum.
  for (; p + 4 <= to; p += 4) {
    let s0 = f64x2.splat(0);
    let s1 = f64x2.splat(0);
    const col = w + ((<usize>p) << 2);
    for (let j = 0; j < count; j++) {
      const v0 = v128.load(col + (<usize>load<i32>(active + ((<usize>j) << 2))) * rowBytes);
      s0 = f64x2.add(s0, f64x2.promote_low_f32x4(v0));
      s1 = f64x2.add(s1, f64x2.promote_low_f32x4(i32x4.shuffle(v0, v0, 2, 3, 0, 1)));
    }
    const o = f64x2.splat(offset);
    const op = out + ((<usize>p) << 3);
    v128.store(op, f64x2.sub(s0, o));
    v128.store(op, f64x2.sub(s1, o), 16);
  }
  for (; p < to; p++) {
    let s: f64 = 0;
    const col = w + ((<usize>p) << 2);
    for (let j = 0; j < count; j++) {
      s += <f64>load<f32>(col + (<usize>load<i32>(active + ((<usize>j) << 2))) * rowBytes);
    }
    store<f64>(out + ((<usize>p) << 3), s - offset);
  }
}

// ---- weight updates -------------------------------------------------------------------------

/** Rows touched ahead of the one being updated. */
const AHEAD = 16;

/** clamp(v, lo, hi) as `v < lo ? lo : v > hi ? hi : v`, two lanes at a time. */
@inline
function clamp2(v: v128, lo: v128, hi: v128): v128 {
  return v128.bitselect(lo, v128.bitselect(hi, v, f64x2.gt(v, hi)), f64x2.lt(v, lo));
}

/**
 * w[active[j]·P + p] ← clamp(w + dw_p) for p in [from, to), rows in list order; columns with
 * dw_p = 0 keep their bits. Four columns per step: float32x4 → two float64x2, add, clamp,
 * round back, and keep the old lanes where dw is 0 (`anyZero`: some dw_p in [from, to) is 0).
 */
export function updateWeights(
  active: usize,
  count: i32,
  w: usize,
  purkinje: i32,
  dw: usize,
  lo: f64,
  hi: f64,
  from: i32,
  to: i32,
  anyZero: bool,
): void {
  const rowBytes = (<usize>purkinje) << 2;
  const vlo = f64x2.splat(lo);
  const vhi = f64x2.splat(hi);
  const zero = f64x2.splat(0);
  const vecEnd = from + ((to - from) & ~3);
  const first = (<usize>from) << 2;
  const last = (<usize>(to - 1)) << 2;
  let touched: u32 = 0;
  for (let j = 0; j < count; j++) {
    const row = w + (<usize>load<i32>(active + ((<usize>j) << 2))) * rowBytes;
    // Rows of cells active long ago are out of cache: touch the row AHEAD entries on, so that
    // its misses overlap with this row's work (wasm has no prefetch instruction).
    if (j + AHEAD < count) {
      const ahead = w + (<usize>load<i32>(active + ((<usize>(j + AHEAD)) << 2))) * rowBytes;
      touched ^= load<u32>(ahead + first) ^ load<u32>(ahead + last);
    }
    for (let p = from; p < vecEnd; p += 4) {
      const b = row + ((<usize>p) << 2);
      const d = dw + ((<usize>p) << 3);
      const d0 = v128.load(d);
      const d1 = v128.load(d, 16);
      const old = v128.load(b);
      const lo2 = f64x2.add(f64x2.promote_low_f32x4(old), d0);
      const hi2 = f64x2.add(f64x2.promote_low_f32x4(i32x4.shuffle(old, old, 2, 3, 0, 1)), d1);
      const r0 = f32x4.demote_f64x2_zero(clamp2(lo2, vlo, vhi));
      const r1 = f32x4.demote_f64x2_zero(clamp2(hi2, vlo, vhi));
      const fresh = i32x4.shuffle(r0, r1, 0, 1, 4, 5);
      if (anyZero) {
        const skip = i32x4.shuffle(f64x2.eq(d0, zero), f64x2.eq(d1, zero), 0, 2, 4, 6);
        v128.store(b, v128.bitselect(old, fresh, skip));
      } else {
        v128.store(b, fresh);
      }
    }
    for (let p = vecEnd; p < to; p++) {
      const dv = load<f64>(dw + ((<usize>p) << 3));
      if (dv == 0) continue;
      const b = row + ((<usize>p) << 2);
      let v = <f64>load<f32>(b) + dv;
      if (v < lo) v = lo;
      else if (v > hi) v = hi;
      store<f32>(b, <f32>v);
    }
  }
  // Keeps the touching loads (page 0 is never handed out).
  store<u32>(0, touched);
}

// ---- helpers for the JS side ----------------------------------------------------------------

/** memmove: joins the threads' lists of cells above the floor. */
export function move(dst: usize, src: usize, bytes: usize): void {
  memory.copy(dst, src, bytes);
}

/** The largest of count int32 at `list`, or −1 if any is negative (or count is 0). */
export function maxIndex(list: usize, count: i32): i32 {
  let max: i32 = -1;
  let min: i32 = 0;
  for (let j = 0; j < count; j++) {
    const v = load<i32>(list + ((<usize>j) << 2));
    max = v > max ? v : max;
    min = v < min ? v : min;
  }
  return min < 0 ? -1 : max;
}
