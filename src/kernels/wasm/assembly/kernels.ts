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
 * The units as float64 (table[u] = units[u] for u < count), once per step before driveAbove4:
 * the granule drive then reads each unit without converting it, and threads share the table.
 */
export function unitsTable(units: usize, count: i32, table: usize): void {
  for (let u = 0; u < count; u++) {
    store<f64>(table + ((<usize>u) << 3), <f64>load<f32>(units + ((<usize>u) << 2)));
  }
}

/**
 * granuleDriveAbove for K = 4 with packed wiring: cell i's four unit indices at
 * wiring + 4i·indexBytes, k = 0 … 3, as u8 (indexBytes 1: every index < 256) or u16 (2). Reads
 * the units from `table` (unitsTable).
 */
export function driveAbove4(
  table: usize,
  wiring: usize,
  indexBytes: i32,
  drive: usize,
  from: i32,
  to: i32,
  floor: f64,
  above: usize,
  aboveDrive: usize,
): i32 {
  return indexBytes == 1
    ? driveQuads<u8>(table, wiring, drive, from, to, floor, above, aboveDrive)
    : driveQuads<u16>(table, wiring, drive, from, to, floor, above, aboveDrive);
}

/** h = ((u₀ + u₁) + u₂) + u₃ in float64 for the cell whose indices start at q, as float32. */
@inline
function quadSum<T>(table: usize, q: usize): f32 {
  const w = sizeof<T>();
  return <f32>(
    load<f64>(table + ((<usize>load<T>(q)) << 3)) +
      load<f64>(table + ((<usize>load<T>(q + w)) << 3)) +
      load<f64>(table + ((<usize>load<T>(q + 2 * w)) << 3)) +
      load<f64>(table + ((<usize>load<T>(q + 3 * w)) << 3))
  );
}

/**
 * Byte shuffles that move the int32 lanes set in a 4-bit mask to the front, in order (the rest
 * repeat lane 0): row `mask` of 16 bytes. Placed by the compiler below 64 KiB, where the JS side
 * never allocates.
 */
const LEFT_PACK = memory.data<u8>([
  0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3,
  0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3,
  4, 5, 6, 7, 0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3,
  0, 1, 2, 3, 4, 5, 6, 7, 0, 1, 2, 3, 0, 1, 2, 3,
  8, 9, 10, 11, 0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3,
  0, 1, 2, 3, 8, 9, 10, 11, 0, 1, 2, 3, 0, 1, 2, 3,
  4, 5, 6, 7, 8, 9, 10, 11, 0, 1, 2, 3, 0, 1, 2, 3,
  0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 0, 1, 2, 3,
  12, 13, 14, 15, 0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3,
  0, 1, 2, 3, 12, 13, 14, 15, 0, 1, 2, 3, 0, 1, 2, 3,
  4, 5, 6, 7, 12, 13, 14, 15, 0, 1, 2, 3, 0, 1, 2, 3,
  0, 1, 2, 3, 4, 5, 6, 7, 12, 13, 14, 15, 0, 1, 2, 3,
  8, 9, 10, 11, 12, 13, 14, 15, 0, 1, 2, 3, 0, 1, 2, 3,
  0, 1, 2, 3, 8, 9, 10, 11, 12, 13, 14, 15, 0, 1, 2, 3,
  4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 0, 1, 2, 3,
  0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15,
]);

/**
 * The largest float32 f with f ≤ floor: for every float32 h, (float64)h > floor exactly when
 * h > f in float32 (NaN floor gives NaN: nothing is above it, as in float64).
 */
@inline
function float32AtOrBelow(floor: f64): f32 {
  const f = <f32>floor;
  if (!(<f64>f > floor)) return f;
  // One float32 step toward −∞ (from ±0 to the smallest negative subnormal).
  const bits = reinterpret<i32>(f);
  return reinterpret<f32>(f > 0 ? bits - 1 : f == 0 ? 0x80000001 : bits + 1);
}

/**
 * Appends the lanes of four cells' drives `h` (cells `cells`) that are above `limit` to the list
 * at `lst`/`lsd` entry `count` with one left-pack shuffle (no branch on whether a cell is above:
 * that is as good as random); returns the new count. Writes 16 bytes at the list's end.
 */
@inline
function appendAbove4(
  h: v128,
  cells: v128,
  limit: v128,
  lst: usize,
  lsd: usize,
  count: i32,
): i32 {
  const mask = i32x4.bitmask(f32x4.gt(h, limit));
  const pack = v128.load(LEFT_PACK + ((<usize>mask) << 4));
  v128.store(lst + ((<usize>count) << 2), i8x16.swizzle(cells, pack));
  v128.store(lsd + ((<usize>count) << 2), i8x16.swizzle(h, pack));
  return count + popcnt(mask);
}

/**
 * driveAbove4 for one index width. Four cells per step: four scalar float64 sums, rounded and
 * stored as one float32x4, then appended (appendAbove4). The list stores lie inside entries
 * [from, i + 4) of this range.
 */
@inline
function driveQuads<T>(
  table: usize,
  wiring: usize,
  drive: usize,
  from: i32,
  to: i32,
  floor: f64,
  above: usize,
  aboveDrive: usize,
): i32 {
  const w = sizeof<T>();
  const lst = above + ((<usize>from) << 2);
  const lsd = aboveDrive + ((<usize>from) << 2);
  const limit = f32x4.splat(float32AtOrBelow(floor));
  const four = i32x4.splat(4);
  let cells = i32x4(from, from + 1, from + 2, from + 3);
  let count: i32 = 0;
  let i = from;
  for (; i + 4 <= to; i += 4) {
    const q = wiring + (<usize>i) * (w << 2);
    const h0 = quadSum<T>(table, q);
    const h1 = quadSum<T>(table, q + 4 * w);
    const h2 = quadSum<T>(table, q + 8 * w);
    const h3 = quadSum<T>(table, q + 12 * w);
    const h = f32x4.replace_lane(
      f32x4.replace_lane(f32x4.replace_lane(f32x4.splat(h0), 1, h1), 2, h2),
      3,
      h3,
    );
    v128.store(drive + ((<usize>i) << 2), h);
    count = appendAbove4(h, cells, limit, lst, lsd, count);
    cells = i32x4.add(cells, four);
  }
  for (; i < to; i++) {
    const h0 = quadSum<T>(table, wiring + (<usize>i) * (w << 2));
    store<f32>(drive + ((<usize>i) << 2), h0);
    store<i32>(lst + ((<usize>count) << 2), i);
    store<f32>(lsd + ((<usize>count) << 2), h0);
    count += i32(<f64>h0 > floor);
  }
  return count;
}

/** listAbove for cells [0, n) four at a time (appendAbove4); the same list, in cell order. */
function listAbove4(drive: usize, n: i32, floor: f64, above: usize, aboveDrive: usize): i32 {
  const limit = f32x4.splat(float32AtOrBelow(floor));
  const four = i32x4.splat(4);
  let cells = i32x4(0, 1, 2, 3);
  let count: i32 = 0;
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const h = v128.load(drive + ((<usize>i) << 2));
    count = appendAbove4(h, cells, limit, above, aboveDrive, count);
    cells = i32x4.add(cells, four);
  }
  for (; i < n; i++) {
    const h = load<f32>(drive + ((<usize>i) << 2));
    store<i32>(above + ((<usize>count) << 2), i);
    store<f32>(aboveDrive + ((<usize>count) << 2), h);
    count += i32(<f64>h > floor);
  }
  return count;
}

// ---- granule drive over the units that can be nonzero ---------------------------------------

/**
 * Whether every unit u < count with mask[u] ≠ 0 (u32 per unit, all bits set) holds +0 (all bits
 * zero): the units the sparse layout leaves out.
 */
@inline
function zerosHold(units: usize, mask: usize, count: i32): bool {
  let acc = i32x4.splat(0);
  let u = 0;
  for (; u + 4 <= count; u += 4) {
    const o = (<usize>u) << 2;
    acc = v128.or(acc, v128.and(v128.load(units + o), v128.load(mask + o)));
  }
  let tail: u32 = 0;
  for (; u < count; u++) {
    const o = (<usize>u) << 2;
    tail |= load<u32>(units + o) & load<u32>(mask + o);
  }
  return !v128.any_true(acc) && tail == 0;
}

@inline
function unitAt(units: usize, idx: usize): f64 {
  return <f64>load<f32>(units + ((<usize>load<u16>(idx)) << 2));
}

/**
 * granuleDriveAbove for K = 4 on a layout that leaves out the inputs that are +0 (the units with
 * mask[u] set, checked first: returns −1, writing nothing, if one of them is not +0).
 *
 * Cells are grouped by how many of their four inputs are kept (c = 0 … 4, groups[c] cells each):
 * `cells` lists them group after group, each group in increasing order (int32), `idx` their kept
 * unit indices (u16, in wiring order k = 0 … 3, c per cell). A cell's drive is its kept inputs
 * summed in that order in float64, plus +0 when an input was left out, rounded to float32. That
 * is the reference's ((u₀ + u₁) + u₂) + u₃ bit for bit: adding +0 leaves every float64 alone but
 * −0 (which becomes +0), so with the +0 inputs removed the partial sums differ at most in the
 * sign of a zero; the full sum with a +0 term in it is never −0, and the final + 0 turns a −0
 * into +0. The drives of all `n` cells are written first, then listed in cell order
 * (listAbove4): with a floor near 0 many cells are above it, and a branch per cell on that, or
 * merging per-group lists, cost more than one vector pass.
 */
export function driveSparse(
  units: usize,
  mask: usize,
  unitCount: i32,
  groups: usize,
  cells: usize,
  idx: usize,
  n: i32,
  drive: usize,
  floor: f64,
  above: usize,
  aboveDrive: usize,
): i32 {
  if (!zerosHold(units, mask, unitCount)) return -1;
  let c = cells;
  let q = idx;
  // Groups c = 0 … 4 in turn (group 0: drive +0); c kept inputs per cell in `idx`.
  let end = c + ((<usize>load<i32>(groups)) << 2);
  for (; c < end; c += 4) store<f32>(drive + ((<usize>load<i32>(c)) << 2), 0);
  end = c + ((<usize>load<i32>(groups, 4)) << 2);
  for (; c < end; c += 4, q += 2) {
    store<f32>(drive + ((<usize>load<i32>(c)) << 2), <f32>(unitAt(units, q) + 0.0));
  }
  end = c + ((<usize>load<i32>(groups, 8)) << 2);
  for (; c < end; c += 4, q += 4) {
    const h = unitAt(units, q) + unitAt(units, q + 2) + 0.0;
    store<f32>(drive + ((<usize>load<i32>(c)) << 2), <f32>h);
  }
  end = c + ((<usize>load<i32>(groups, 12)) << 2);
  for (; c < end; c += 4, q += 6) {
    const h = unitAt(units, q) + unitAt(units, q + 2) + unitAt(units, q + 4) + 0.0;
    store<f32>(drive + ((<usize>load<i32>(c)) << 2), <f32>h);
  }
  end = c + ((<usize>load<i32>(groups, 16)) << 2);
  for (; c < end; c += 4, q += 8) {
    const h =
      unitAt(units, q) + unitAt(units, q + 2) + unitAt(units, q + 4) + unitAt(units, q + 6);
    store<f32>(drive + ((<usize>load<i32>(c)) << 2), <f32>h);
  }
  return listAbove4(drive, n, floor, above, aboveDrive);
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
 * max(floor, the largest of drives[0 … count)) as `if (h > max) max = h` from max = floor gives
 * it (NaN never wins): four lanes at a time with pmax (a < b ? b : a, which also skips NaN).
 */
@inline
function largestAbove(drives: usize, count: i32, floor: f64): f64 {
  let m4 = f32x4.splat(-Infinity);
  let j = 0;
  for (; j + 4 <= count; j += 4) m4 = f32x4.pmax(m4, v128.load(drives + ((<usize>j) << 2)));
  let m = f32x4.extract_lane(m4, 0);
  const v1 = f32x4.extract_lane(m4, 1);
  const v2 = f32x4.extract_lane(m4, 2);
  const v3 = f32x4.extract_lane(m4, 3);
  if (m < v1) m = v1;
  if (m < v2) m = v2;
  if (m < v3) m = v3;
  for (; j < count; j++) {
    const v = load<f32>(drives + ((<usize>j) << 2));
    if (m < v) m = v;
  }
  return <f64>m > floor ? <f64>m : floor;
}

/** ⌊(h − floor)·scale⌋ in float64 for four float32 drives h, as int32 (all within [0, bins]). */
@inline
function bins4(h: v128, floor: v128, scale: v128): v128 {
  const lo = f64x2.mul(f64x2.sub(f64x2.promote_low_f32x4(h), floor), scale);
  const hi = f64x2.mul(f64x2.sub(f64x2.promote_low_f32x4(i32x4.shuffle(h, h, 2, 3, 0, 1)), floor), scale);
  return i32x4.shuffle(
    i32x4.trunc_sat_f64x2_s_zero(lo),
    i32x4.trunc_sat_f64x2_s_zero(hi),
    0,
    1,
    4,
    5,
  );
}

/**
 * The histogram of bins ⌊(h − floor)·scale⌋ (all within [0, bins)) of drives[0 … count), counted
 * in four interleaved copies at `counts` (4 × bins) and then added up: many drives are equal
 * (sums of the same few units), and one counter incremented back to back waits on its own store.
 */
@inline
function countBins4(
  drives: usize,
  count: i32,
  floor: f64,
  scale: f64,
  histogram: usize,
  bins: i32,
  counts: usize,
): void {
  const stride = (<usize>bins) << 2;
  memory.fill(counts, 0, stride << 2);
  const f = f64x2.splat(floor);
  const sc = f64x2.splat(scale);
  let j = 0;
  for (; j + 4 <= count; j += 4) {
    const b = bins4(v128.load(drives + ((<usize>j) << 2)), f, sc);
    countInBin(counts, i32x4.extract_lane(b, 0));
    countInBin(counts + stride, i32x4.extract_lane(b, 1));
    countInBin(counts + 2 * stride, i32x4.extract_lane(b, 2));
    countInBin(counts + 3 * stride, i32x4.extract_lane(b, 3));
  }
  for (; j < count; j++) {
    countInBin(counts, <i32>((<f64>load<f32>(drives + ((<usize>j) << 2)) - floor) * scale));
  }
  for (let b = 0; b < bins; b++) {
    const o = (<usize>b) << 2;
    store<u32>(
      histogram + o,
      load<u32>(counts + o) +
        load<u32>(counts + stride + o) +
        load<u32>(counts + 2 * stride + o) +
        load<u32>(counts + 3 * stride + o),
    );
  }
}

/**
 * selectAbove (kernel.ts) for count > target. Returns how many cells fire; writes at most
 * `length` of them to `active` (which may be `above`). `counts`: scratch for 4 × bins u32 (or 0:
 * count in `histogram` alone).
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
  counts: usize,
): i32 {
  const max = largestAbove(aboveDrive, count, floor);
  const span = max - floor;
  const scale = (<f64>bins - 1e-3) / span;
  memory.fill(histogram, 0, (<usize>bins) << 2);
  // Then every x below lies in [0, bins], so ⌊x⌋ is an i32 truncation (as the reference's `| 0`).
  const fast = span < Infinity && scale > 0 && scale < Infinity && bins < 1 << 30;
  if (fast && counts != 0) {
    countBins4(aboveDrive, count, floor, scale, histogram, bins, counts);
  } else {
    for (let j = 0; j < count; j++) {
      const x = (<f64>load<f32>(aboveDrive + ((<usize>j) << 2)) - floor) * scale;
      const b = fast ? <i32>x : binOf(x, bins);
      if (b >= 0) countInBin(histogram, b);
    }
  }
  const cut = cutBin(histogram, bins, target);
  let room = roomInCut(histogram, bins, cut, target);
  let n: i32 = 0;
  let j = 0;
  if (fast) {
    // Four cells at a time: those above the cut bin are appended with one left-pack shuffle; a
    // group with a cell in the cut bin goes cell by cell (the bin fills in index order). A
    // store writes 16 bytes at entry n ≤ j, so `active` may still be `above`.
    const f = f64x2.splat(floor);
    const sc = f64x2.splat(scale);
    const cutv = i32x4.splat(cut);
    for (; j + 4 <= count && n + 4 <= length; j += 4) {
      const b = bins4(v128.load(aboveDrive + ((<usize>j) << 2)), f, sc);
      const cells = v128.load(above + ((<usize>j) << 2));
      if (v128.any_true(i32x4.eq(b, cutv))) {
        const b0 = i32x4.extract_lane(b, 0);
        if (b0 > cut || (b0 == cut && room-- > 0)) {
          store<i32>(active + ((<usize>n) << 2), i32x4.extract_lane(cells, 0));
          n++;
        }
        const b1 = i32x4.extract_lane(b, 1);
        if (b1 > cut || (b1 == cut && room-- > 0)) {
          store<i32>(active + ((<usize>n) << 2), i32x4.extract_lane(cells, 1));
          n++;
        }
        const b2 = i32x4.extract_lane(b, 2);
        if (b2 > cut || (b2 == cut && room-- > 0)) {
          store<i32>(active + ((<usize>n) << 2), i32x4.extract_lane(cells, 2));
          n++;
        }
        const b3 = i32x4.extract_lane(b, 3);
        if (b3 > cut || (b3 == cut && room-- > 0)) {
          store<i32>(active + ((<usize>n) << 2), i32x4.extract_lane(cells, 3));
          n++;
        }
        continue;
      }
      const mask = i32x4.bitmask(i32x4.gt_s(b, cutv));
      const pack = v128.load(LEFT_PACK + ((<usize>mask) << 4));
      v128.store(active + ((<usize>n) << 2), i8x16.swizzle(cells, pack));
      n += popcnt(mask);
    }
  }
  for (; j < count; j++) {
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

// ---- reading scattered rows ------------------------------------------------------------------

/**
 * Rows per block. The rows of the sums and updates are scattered over a matrix far larger than
 * the caches (128 MB at 10⁶ cells), so each row costs a cache and TLB miss. Before working on a
 * block, the kernels load one word per cache line of every row of the next block in a short loop:
 * those misses are then in flight together while the block is worked on (wasm has no prefetch
 * instruction). Per row, working and waiting overlap instead of adding up.
 */
const BLOCK = 32;

/**
 * Loads one word per 64-byte line of bytes [offset, offset + span) of rows active[from … to)
 * (row r at base + r·rowBytes) and the span's last word; returns them xor-ed, for `sink`.
 */
@inline
function touchRows(
  active: usize,
  from: i32,
  to: i32,
  base: usize,
  rowBytes: usize,
  span: usize,
): u32 {
  let x: u32 = 0;
  for (let k = from; k < to; k++) {
    const r = base + (<usize>load<i32>(active + ((<usize>k) << 2))) * rowBytes;
    for (let o: usize = 0; o < span; o += 64) x ^= load<u32>(r + o);
    x ^= load<u32>(r + span - 4);
  }
  return x;
}

/** Keeps touching loads from being optimised away: stores at address 0, which is never handed out. */
@inline
function sink(x: u32): void {
  store<u32>(0, x);
}

// ---- Purkinje sums --------------------------------------------------------------------------

/**
 * out_p = Σ_j w[active[j]·P + p] − offset for p in [from, to), each sum in float64 from 0 with j
 * increasing. Blocks of 32 columns (then 16) keep 16 (8) float64x2 sums over one pass of the
 * rows: each pass costs every row a TLB miss, so the fewer passes the better.
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
  let touched: u32 = 0;
  let p = from;
  for (; p + 32 <= to; p += 32) {
    let s0 = f64x2.splat(0);
    let s1 = f64x2.splat(0);
    let s2 = f64x2.splat(0);
    let s3 = f64x2.splat(0);
    let s4 = f64x2.splat(0);
    let s5 = f64x2.splat(0);
    let s6 = f64x2.splat(0);
    let s7 = f64x2.splat(0);
    let t0 = f64x2.splat(0);
    let t1 = f64x2.splat(0);
    let t2 = f64x2.splat(0);
    let t3 = f64x2.splat(0);
    let t4 = f64x2.splat(0);
    let t5 = f64x2.splat(0);
    let t6 = f64x2.splat(0);
    let t7 = f64x2.splat(0);
    const col = w + ((<usize>p) << 2);
    for (let j0 = 0; j0 < count; j0 += BLOCK) {
      touched ^= touchRows(active, j0 + BLOCK, min(count, j0 + 2 * BLOCK), col, rowBytes, 128);
      const end = min(count, j0 + BLOCK);
      for (let j = j0; j < end; j++) {
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
        const u0 = v128.load(b, 64);
        const u1 = v128.load(b, 80);
        const u2 = v128.load(b, 96);
        const u3 = v128.load(b, 112);
        t0 = f64x2.add(t0, f64x2.promote_low_f32x4(u0));
        t1 = f64x2.add(t1, f64x2.promote_low_f32x4(i32x4.shuffle(u0, u0, 2, 3, 0, 1)));
        t2 = f64x2.add(t2, f64x2.promote_low_f32x4(u1));
        t3 = f64x2.add(t3, f64x2.promote_low_f32x4(i32x4.shuffle(u1, u1, 2, 3, 0, 1)));
        t4 = f64x2.add(t4, f64x2.promote_low_f32x4(u2));
        t5 = f64x2.add(t5, f64x2.promote_low_f32x4(i32x4.shuffle(u2, u2, 2, 3, 0, 1)));
        t6 = f64x2.add(t6, f64x2.promote_low_f32x4(u3));
        t7 = f64x2.add(t7, f64x2.promote_low_f32x4(i32x4.shuffle(u3, u3, 2, 3, 0, 1)));
      }
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
    v128.store(op, f64x2.sub(t0, o), 128);
    v128.store(op, f64x2.sub(t1, o), 144);
    v128.store(op, f64x2.sub(t2, o), 160);
    v128.store(op, f64x2.sub(t3, o), 176);
    v128.store(op, f64x2.sub(t4, o), 192);
    v128.store(op, f64x2.sub(t5, o), 208);
    v128.store(op, f64x2.sub(t6, o), 224);
    v128.store(op, f64x2.sub(t7, o), 240);
  }
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
    for (let j0 = 0; j0 < count; j0 += BLOCK) {
      // The 64 bytes read per row span at most two cache lines: touch both for the next block.
      touched ^= touchRows(active, j0 + BLOCK, min(count, j0 + 2 * BLOCK), col, rowBytes, 64);
      const end = min(count, j0 + BLOCK);
      for (let j = j0; j < end; j++) {
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
  sink(touched);
}

// ---- weight updates -------------------------------------------------------------------------

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
  const cols = w + ((<usize>from) << 2);
  const span = (<usize>(to - from)) << 2;
  let touched: u32 = 0;
  for (let j0 = 0; j0 < count; j0 += BLOCK) {
    if (span > 0) {
      touched ^= touchRows(active, j0 + BLOCK, min(count, j0 + 2 * BLOCK), cols, rowBytes, span);
    }
    const end = min(count, j0 + BLOCK);
    for (let j = j0; j < end; j++) {
      const row = w + (<usize>load<i32>(active + ((<usize>j) << 2))) * rowBytes;
      updateRow(row, dw, lo, hi, from, to, anyZero);
    }
  }
  sink(touched);
}

/** One row of updateWeights. */
@inline
function updateRow(
  row: usize,
  dw: usize,
  lo: f64,
  hi: f64,
  from: i32,
  to: i32,
  anyZero: bool,
): void {
  const vlo = f64x2.splat(lo);
  const vhi = f64x2.splat(hi);
  const zero = f64x2.splat(0);
  const vecEnd = from + ((to - from) & ~3);
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

// ---- helpers for the JS side ----------------------------------------------------------------

/** memmove: joins the threads' lists of cells above the floor. */
export function move(dst: usize, src: usize, bytes: usize): void {
  memory.copy(dst, src, bytes);
}

/**
 * The last of the count int32 at `list` if they are strictly increasing from a first entry ≥ 0
 * (then it is the largest, and no entry is there twice), else −1.
 */
export function increasingTop(list: usize, count: i32): i32 {
  if (count <= 0 || load<i32>(list) < 0) return -1;
  let ok = true;
  for (let j = 1; j < count; j++) {
    ok &= load<i32>(list + ((<usize>j) << 2)) > load<i32>(list + ((<usize>(j - 1)) << 2));
  }
  return ok ? load<i32>(list + ((<usize>(count - 1)) << 2)) : -1;
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

// ---- Graded rows ----------------------------------------------------------------------------

/**
 * out_p = Σ_j g_j·w[active[j]·P + p] − (Σ_j g_j)·w0 for every p < P, each sum in float64 from 0
 * with j increasing (the reference's loops; a float32 × float32 product is exact in float64).
 */
export function purkinjeSumGraded(
  active: usize,
  gain: usize,
  count: i32,
  w: usize,
  purkinje: i32,
  w0: f64,
  out: usize,
): void {
  let total: f64 = 0;
  for (let j = 0; j < count; j++) total += <f64>load<f32>(gain + ((<usize>j) << 2));
  const offset = total * w0;
  const rowBytes = (<usize>purkinje) << 2;
  for (let p = 0; p < purkinje; p++) {
    let s: f64 = 0;
    const col = w + ((<usize>p) << 2);
    for (let j = 0; j < count; j++) {
      const row = <usize>load<i32>(active + ((<usize>j) << 2));
      const g = <f64>load<f32>(gain + ((<usize>j) << 2));
      s += g * <f64>load<f32>(col + row * rowBytes);
    }
    store<f64>(out + ((<usize>p) << 3), s - offset);
  }
}

/** w ← clamp(w + g_j·dw_p, lo, hi) row by row in list order; dw_p = 0 leaves the weight alone. */
export function updateWeightsGraded(
  active: usize,
  gain: usize,
  count: i32,
  w: usize,
  purkinje: i32,
  dw: usize,
  lo: f64,
  hi: f64,
): void {
  const rowBytes = (<usize>purkinje) << 2;
  for (let j = 0; j < count; j++) {
    const row = w + (<usize>load<i32>(active + ((<usize>j) << 2))) * rowBytes;
    const g = <f64>load<f32>(gain + ((<usize>j) << 2));
    for (let p = 0; p < purkinje; p++) {
      const d = load<f64>(dw + ((<usize>p) << 3));
      if (d == 0) continue;
      const b = row + ((<usize>p) << 2);
      let v = <f64>load<f32>(b) + g * d;
      if (v < lo) v = lo;
      else if (v > hi) v = hi;
      store<f32>(b, <f32>v);
    }
  }
}

// ---- Integer tier (src/kernels/intWeights.ts): int16 weights, exact integer sums -----------

/**
 * out_p = Σ_j w[active[j]·P + p] over int16 rows, p < P, as float64 (exact). Eight columns at a
 * time widen to two i32x4 sums; they are flushed into the float64 outputs every 32,768 rows,
 * before an i32 could overflow (32,768 · 32,768 = 2³⁰). Rows of the next block are touched
 * first so that their misses overlap (see BLOCK). Columns past the last multiple of 8: scalar.
 */
export function purkinjeSumInt16(
  active: usize,
  count: i32,
  w: usize,
  purkinje: i32,
  out: usize,
): void {
  const rowBytes = (<usize>purkinje) << 1;
  for (let p = 0; p < purkinje; p++) store<f64>(out + ((<usize>p) << 3), 0);
  let touched: u32 = 0;
  const lanes = purkinje & ~7;
  // One pass over the rows per 32 columns (P = 32: one pass, four v128 loads per row).
  for (let p0 = 0; p0 < lanes; p0 += 32) {
    const width = min(32, lanes - p0);
    for (let start = 0; start < count; start += 32768) {
      const end = min(count, start + 32768);
      let a0 = i32x4.splat(0);
      let a1 = i32x4.splat(0);
      let a2 = i32x4.splat(0);
      let a3 = i32x4.splat(0);
      let a4 = i32x4.splat(0);
      let a5 = i32x4.splat(0);
      let a6 = i32x4.splat(0);
      let a7 = i32x4.splat(0);
      for (let b = start; b < end; b += BLOCK) {
        const bEnd = min(end, b + BLOCK);
        touched ^= touchRows(active, bEnd, min(end, bEnd + BLOCK), w, rowBytes, rowBytes);
        for (let j = b; j < bEnd; j++) {
          const r =
            w + (<usize>load<i32>(active + ((<usize>j) << 2))) * rowBytes + ((<usize>p0) << 1);
          const v0 = v128.load(r);
          a0 = i32x4.add(a0, i32x4.extend_low_i16x8_s(v0));
          a1 = i32x4.add(a1, i32x4.extend_high_i16x8_s(v0));
          if (width > 8) {
            const v1 = v128.load(r, 16);
            a2 = i32x4.add(a2, i32x4.extend_low_i16x8_s(v1));
            a3 = i32x4.add(a3, i32x4.extend_high_i16x8_s(v1));
          }
          if (width > 16) {
            const v2 = v128.load(r, 32);
            a4 = i32x4.add(a4, i32x4.extend_low_i16x8_s(v2));
            a5 = i32x4.add(a5, i32x4.extend_high_i16x8_s(v2));
          }
          if (width > 24) {
            const v3 = v128.load(r, 48);
            a6 = i32x4.add(a6, i32x4.extend_low_i16x8_s(v3));
            a7 = i32x4.add(a7, i32x4.extend_high_i16x8_s(v3));
          }
        }
      }
      flushBlock(out + ((<usize>p0) << 3), width, a0, a1, a2, a3, a4, a5, a6, a7);
    }
  }
  for (let p = lanes; p < purkinje; p++) {
    let s: f64 = 0;
    for (let j = 0; j < count; j++) {
      const r = w + (<usize>load<i32>(active + ((<usize>j) << 2))) * rowBytes;
      s += <f64>load<i16>(r + ((<usize>p) << 1));
    }
    store<f64>(out + ((<usize>p) << 3), s);
  }
  sink(touched);
}

/** out[0 … 4) += the four lanes of a (as float64). */
@inline
function flush4(out: usize, a: v128): void {
  store<f64>(out, load<f64>(out) + <f64>i32x4.extract_lane(a, 0));
  store<f64>(out + 8, load<f64>(out + 8) + <f64>i32x4.extract_lane(a, 1));
  store<f64>(out + 16, load<f64>(out + 16) + <f64>i32x4.extract_lane(a, 2));
  store<f64>(out + 24, load<f64>(out + 24) + <f64>i32x4.extract_lane(a, 3));
}

/** out[0 … width) += a block's accumulators a0 … a7 (four columns each; width 8, 16, 24 or 32). */
@inline
function flushBlock(
  out: usize,
  width: i32,
  a0: v128,
  a1: v128,
  a2: v128,
  a3: v128,
  a4: v128,
  a5: v128,
  a6: v128,
  a7: v128,
): void {
  flush4(out, a0);
  flush4(out + 32, a1);
  if (width > 8) {
    flush4(out + 64, a2);
    flush4(out + 96, a3);
  }
  if (width > 16) {
    flush4(out + 128, a4);
    flush4(out + 160, a5);
  }
  if (width > 24) {
    flush4(out + 192, a6);
    flush4(out + 224, a7);
  }
}

/** murmur3's 32-bit finaliser on four lanes. */
@inline
function mix32x4(x: v128): v128 {
  let h = v128.xor(x, i32x4.shr_u(x, 16));
  h = i32x4.mul(h, i32x4.splat(0x85ebca6b));
  h = v128.xor(h, i32x4.shr_u(h, 13));
  h = i32x4.mul(h, i32x4.splat(0xc2b2ae35));
  return v128.xor(h, i32x4.shr_u(h, 16));
}

@inline
function mix32(x: u32): u32 {
  let h = x ^ (x >>> 16);
  h *= 0x85ebca6b;
  h ^= h >>> 13;
  h *= 0xc2b2ae35;
  return h ^ (h >>> 16);
}

/** index·0x9e3779b1 + key for index = base … base + 3: the rounding hashes' inputs for four weights. */
@inline
function hashInputs4(base: i32, key: v128): v128 {
  return i32x4.add(
    i32x4.mul(i32x4.add(i32x4.splat(base), i32x4(0, 1, 2, 3)), i32x4.splat(0x9e3779b1)),
    key,
  );
}

/**
 * Four int16 weights `old` (widened) moved by the fixed-point steps s with rounding noise u:
 * clamp(old + ((s + u) >> 16), lo, hi) where s ≠ 0, old (unclamped) where s = 0, as in the
 * reference; stored at `at`, and returned.
 */
@inline
function roundedStep4(at: usize, old: v128, s: v128, u: v128, vlo: v128, vhi: v128): v128 {
  const moved = i32x4.add(old, i32x4.shr_s(i32x4.add(s, u), 16));
  const next = v128.bitselect(
    old,
    i32x4.max_s(vlo, i32x4.min_s(vhi, moved)),
    i32x4.eq(s, i32x4.splat(0)),
  );
  v128.store64_lane(at, i16x8.narrow_i32x4_s(next, next), 0);
  return next;
}

/**
 * wq ← clamp(wq + ((d_p + u) >> 16), lo, hi), u = mix32(index·0x9e3779b1 + key) >>> 16 with
 * index = cell·P + p, for the listed cells (intWeights.ts, updateWeightsInt). Four weights at a
 * time: the hash, the add and the clamp in i32x4, written back as four int16. With mask ≠ 0, the
 * change of each row whose mask byte is set is added to acc (float64, P).
 */
export function updateWeightsInt16(
  active: usize,
  count: i32,
  w: usize,
  purkinje: i32,
  d: usize,
  lo: i32,
  hi: i32,
  key: i32,
  mask: usize,
  acc: usize,
): void {
  const rowBytes = (<usize>purkinje) << 1;
  const quads = purkinje & ~3;
  const vlo = i32x4.splat(lo);
  const vhi = i32x4.splat(hi);
  const vkey = i32x4.splat(key);
  const step4 = i32x4.splat(<i32>(4 * 0x9e3779b1));
  let touched: u32 = 0;
  for (let b = 0; b < count; b += BLOCK) {
    const bEnd = min(count, b + BLOCK);
    touched ^= touchRows(active, bEnd, min(count, bEnd + BLOCK), w, rowBytes, rowBytes);
    for (let j = b; j < bEnd; j++) {
      const cell = load<i32>(active + ((<usize>j) << 2));
      const base = cell * purkinje;
      const r = w + (<usize>cell) * rowBytes;
      const track = mask != 0 && load<u8>(mask + <usize>cell) != 0;
      // The lanes p … p + 3 (hashInputs4), advanced by 4·0x9e3779b1 per quad.
      let h = hashInputs4(base, vkey);
      let p = 0;
      for (; p < quads; p += 4) {
        const dp = v128.load(d + ((<usize>p) << 2));
        const u = i32x4.shr_u(mix32x4(h), 16);
        h = i32x4.add(h, step4);
        const at = r + ((<usize>p) << 1);
        const old = i32x4.extend_low_i16x8_s(v128.load64_zero(at));
        const next = roundedStep4(at, old, dp, u, vlo, vhi);
        if (track) {
          flush4(acc + ((<usize>p) << 3), i32x4.sub(next, old));
        }
      }
      for (; p < purkinje; p++) {
        const dp = load<i32>(d + ((<usize>p) << 2));
        if (dp == 0) continue;
        const u = <i32>(mix32(<u32>((base + p) * 0x9e3779b1 + key)) >>> 16);
        const at = r + ((<usize>p) << 1);
        const old = <i32>load<i16>(at);
        const v = old + ((dp + u) >> 16);
        const next = v < lo ? lo : v > hi ? hi : v;
        store<i16>(at, <i16>next);
        if (track) {
          const a = acc + ((<usize>p) << 3);
          store<f64>(a, load<f64>(a) + <f64>(next - old));
        }
      }
    }
  }
  sink(touched);
}

// ---- Integer tier, graded rows: quantised rates gq ∈ [0, 2⁸] (intWeights.ts) ---------------

/**
 * rates[j] = gq_j = round(g_j·2⁸) for j < count (JS's Math.round, ties up) from float32 rates g;
 * false, with rates partly written, as soon as some gq lies outside [0, 2⁸] (or g is NaN).
 * ⌊x + ½⌋ is Math.round(x) for x = g·2⁸: x + ½ is exact in float64 unless |x| < 2⁻³⁰ (x has 24
 * significant bits), and then both give 0 (Math.round −0 for x < 0; the same multiplier).
 */
export function quantiseRates(gain: usize, count: i32, rates: usize): bool {
  for (let j = 0; j < count; j++) {
    const q = Math.floor(<f64>load<f32>(gain + ((<usize>j) << 2)) * 256 + 0.5);
    if (!(q >= 0 && q <= 256)) return false;
    store<i32>(rates + ((<usize>j) << 2), <i32>q);
  }
  return true;
}

/** Rows per flush of the graded i32 sums: 128 · 2⁸ · 2¹⁵ = 2³⁰, inside i32. */
const GRADED_FLUSH = 128;

/**
 * out_p = Σ_j gq_j·w[active[j]·P + p] over int16 rows, p < P, as float64 (exact), with gq_j =
 * rates[j] ∈ [0, 2⁸] (i32; the caller checks the range). As purkinjeSumInt16, eight columns at a
 * time widen to two i32x4 sums (i32x4.extmul of the row and gq), flushed into the float64 outputs
 * every GRADED_FLUSH rows; columns past the last multiple of 8: scalar, in float64.
 */
export function purkinjeSumInt16Graded(
  active: usize,
  rates: usize,
  count: i32,
  w: usize,
  purkinje: i32,
  out: usize,
): void {
  const rowBytes = (<usize>purkinje) << 1;
  for (let p = 0; p < purkinje; p++) store<f64>(out + ((<usize>p) << 3), 0);
  let touched: u32 = 0;
  const lanes = purkinje & ~7;
  for (let p0 = 0; p0 < lanes; p0 += 32) {
    const width = min(32, lanes - p0);
    for (let start = 0; start < count; start += GRADED_FLUSH) {
      const end = min(count, start + GRADED_FLUSH);
      let a0 = i32x4.splat(0);
      let a1 = i32x4.splat(0);
      let a2 = i32x4.splat(0);
      let a3 = i32x4.splat(0);
      let a4 = i32x4.splat(0);
      let a5 = i32x4.splat(0);
      let a6 = i32x4.splat(0);
      let a7 = i32x4.splat(0);
      for (let b = start; b < end; b += BLOCK) {
        const bEnd = min(end, b + BLOCK);
        touched ^= touchRows(active, bEnd, min(count, bEnd + BLOCK), w, rowBytes, rowBytes);
        for (let j = b; j < bEnd; j++) {
          const g = i16x8.splat(<i16>load<i32>(rates + ((<usize>j) << 2)));
          const r =
            w + (<usize>load<i32>(active + ((<usize>j) << 2))) * rowBytes + ((<usize>p0) << 1);
          const v0 = v128.load(r);
          a0 = i32x4.add(a0, i32x4.extmul_low_i16x8_s(v0, g));
          a1 = i32x4.add(a1, i32x4.extmul_high_i16x8_s(v0, g));
          if (width > 8) {
            const v1 = v128.load(r, 16);
            a2 = i32x4.add(a2, i32x4.extmul_low_i16x8_s(v1, g));
            a3 = i32x4.add(a3, i32x4.extmul_high_i16x8_s(v1, g));
          }
          if (width > 16) {
            const v2 = v128.load(r, 32);
            a4 = i32x4.add(a4, i32x4.extmul_low_i16x8_s(v2, g));
            a5 = i32x4.add(a5, i32x4.extmul_high_i16x8_s(v2, g));
          }
          if (width > 24) {
            const v3 = v128.load(r, 48);
            a6 = i32x4.add(a6, i32x4.extmul_low_i16x8_s(v3, g));
            a7 = i32x4.add(a7, i32x4.extmul_high_i16x8_s(v3, g));
          }
        }
      }
      flushBlock(out + ((<usize>p0) << 3), width, a0, a1, a2, a3, a4, a5, a6, a7);
    }
  }
  for (let p = lanes; p < purkinje; p++) {
    let s: f64 = 0;
    for (let j = 0; j < count; j++) {
      const gq = load<i32>(rates + ((<usize>j) << 2));
      const r = w + (<usize>load<i32>(active + ((<usize>j) << 2))) * rowBytes;
      s += <f64>(gq * <i32>load<i16>(r + ((<usize>p) << 1)));
    }
    store<f64>(out + ((<usize>p) << 3), s);
  }
  sink(touched);
}

/**
 * The graded hard-bound update (intWeights.ts, updateWeightsIntGraded): cell j's step is
 * s_p = ⌊d_p·gq_j/2⁸⌋, taken in i32 as (d_p >> 8)·gq_j + (((d_p & 255)·gq_j) >> 8) (d_p = 2⁸a + b
 * with 0 ≤ b < 2⁸, so the floor is a·gq + ⌊b·gq/2⁸⌋; |a·gq| ≤ 2²²·2⁸ = 2³⁰ for gq ≤ 2⁸), then
 * wq ← clamp(wq + ((s_p + u) >> 16), lo, hi) with updateWeightsInt16's noise u; s_p = 0 leaves
 * the weight alone. Four weights at a time in i32x4; rows with gq = 0 are skipped (every s_p = 0).
 */
export function updateWeightsInt16Graded(
  active: usize,
  rates: usize,
  count: i32,
  w: usize,
  purkinje: i32,
  d: usize,
  lo: i32,
  hi: i32,
  key: i32,
): void {
  const rowBytes = (<usize>purkinje) << 1;
  const quads = purkinje & ~3;
  const vlo = i32x4.splat(lo);
  const vhi = i32x4.splat(hi);
  const vkey = i32x4.splat(key);
  const low8 = i32x4.splat(255);
  const step4 = i32x4.splat(<i32>(4 * 0x9e3779b1));
  let touched: u32 = 0;
  for (let b = 0; b < count; b += BLOCK) {
    const bEnd = min(count, b + BLOCK);
    touched ^= touchRows(active, bEnd, min(count, bEnd + BLOCK), w, rowBytes, rowBytes);
    for (let j = b; j < bEnd; j++) {
      const gq = load<i32>(rates + ((<usize>j) << 2));
      if (gq == 0) continue;
      const vg = i32x4.splat(gq);
      const cell = load<i32>(active + ((<usize>j) << 2));
      const base = cell * purkinje;
      const r = w + (<usize>cell) * rowBytes;
      let h = hashInputs4(base, vkey);
      let p = 0;
      for (; p < quads; p += 4) {
        const dp = v128.load(d + ((<usize>p) << 2));
        const s = i32x4.add(
          i32x4.mul(i32x4.shr_s(dp, 8), vg),
          i32x4.shr_s(i32x4.mul(v128.and(dp, low8), vg), 8),
        );
        const u = i32x4.shr_u(mix32x4(h), 16);
        h = i32x4.add(h, step4);
        const at = r + ((<usize>p) << 1);
        roundedStep4(at, i32x4.extend_low_i16x8_s(v128.load64_zero(at)), s, u, vlo, vhi);
      }
      for (; p < purkinje; p++) {
        const dp = load<i32>(d + ((<usize>p) << 2));
        const s = (dp >> 8) * gq + (((dp & 255) * gq) >> 8);
        if (s == 0) continue;
        const u = <i32>(mix32(<u32>((base + p) * 0x9e3779b1 + key)) >>> 16);
        const at = r + ((<usize>p) << 1);
        const v = <i32>load<i16>(at) + ((s + u) >> 16);
        store<i16>(at, <i16>(v < lo ? lo : v > hi ? hi : v));
      }
    }
  }
  sink(touched);
}

/**
 * The graded soft-bound update (intWeights.ts, updateWeightsIntGraded with soft): the step s_p of
 * updateWeightsInt16Graded becomes ⌊s_p·room⌋ in float64 (room = (wq − lo)/(−lo) for s_p < 0,
 * (hi − wq)/hi else; IEEE division and product, as in JS), capped at ±2³⁰, then rounded and
 * clamped as there. The caller ensures lo < 0 < hi (a finite room). Scalar.
 */
export function updateWeightsInt16GradedSoft(
  active: usize,
  rates: usize,
  count: i32,
  w: usize,
  purkinje: i32,
  d: usize,
  lo: i32,
  hi: i32,
  key: i32,
): void {
  const rowBytes = (<usize>purkinje) << 1;
  const cap: f64 = 1073741824;
  const down = <f64>-lo;
  const up = <f64>hi;
  for (let j = 0; j < count; j++) {
    const gq = load<i32>(rates + ((<usize>j) << 2));
    if (gq == 0) continue;
    const cell = load<i32>(active + ((<usize>j) << 2));
    const base = cell * purkinje;
    const r = w + (<usize>cell) * rowBytes;
    for (let p = 0; p < purkinje; p++) {
      const dp = load<i32>(d + ((<usize>p) << 2));
      const s = (dp >> 8) * gq + (((dp & 255) * gq) >> 8);
      if (s == 0) continue;
      const at = r + ((<usize>p) << 1);
      const old = <i32>load<i16>(at);
      const room = s < 0 ? <f64>(old - lo) / down : <f64>(hi - old) / up;
      let x = Math.floor(<f64>s * room);
      if (x < -cap) x = -cap;
      else if (x > cap) x = cap;
      if (x == 0) continue;
      const u = <i32>(mix32(<u32>((base + p) * 0x9e3779b1 + key)) >>> 16);
      const v = old + ((<i32>x + u) >> 16);
      store<i16>(at, <i16>(v < lo ? lo : v > hi ? hi : v));
    }
  }
}

// ---- front end (mossy layer and temporal basis, one call per step) ---------------------------

export { frontEnd, normals, nucleusDrive } from "./frontEnd";
