// The per-step front end of src/kernels/frontEnd.ts (mossy layer with OU noise, then temporal
// basis) as one call. The arrays live in the imported memory; `block` is a table of their byte
// offsets and the constants, written once by ../wasmKernel.ts (layout: FE_* below, mirrored
// there). The generator is the sfc32 of src/model/rng.ts: `normals` draws from its state block
// `rng` and writes it back, so the JS Rng goes on where normal() would have left it. log, sin and cos are
// ./fdlibmMath.ts, the same code as src/model/fdlibmMath.ts that Rng.normal() uses, so
// Box–Muller gives the reference's bits; sqrt is f64.sqrt (correctly rounded in both).

import { cosine, log, sinCos } from "./fdlibmMath";

// i32 words of the block (pointers are byte offsets; 0 = absent).
const FE_FIBRES = 0;
const FE_CHANNELS = 1;
const FE_SOURCE = 2;
const FE_GAIN = 3;
const FE_THRESHOLD = 4;
const FE_RATE = 5;
const FE_ONSET = 6;
const FE_NOISE = 7;
const FE_PREVIOUS = 8;
const FE_BUMPS = 9;
const FE_ORDER = 10;
const FE_LEAK = 11;
const FE_SCALE = 12;
const FE_SILENCED = 13;
const FE_DRIVEN = 14;
const FE_DRIVEN_COUNT = 15;
const FE_UNITS = 16;
const FE_STAGES = 17;
const FE_ADAPTATION = 18;
const FE_VALUES = 19;
const FE_NUCLEUS_V = 20;
const FE_NUCLEUS_INPUT = 21;
const FE_NORMALS = 22;
// f64 constants from byte 96.
const FE_F64 = 96;
const FE_BACKGROUND = 0;
const FE_DECAY = 1;
const FE_KICK = 2;
const FE_ADAPT_STRENGTH = 3;
const FE_ADAPT_LEAK = 4;
const FE_BASIS_BACKGROUND = 5;
const FE_NUCLEUS_BACKGROUND = 6;
const FE_NUCLEUS_LEAK = 7;
const FE_NUCLEUS_SCALE = 8;

@inline
function word(block: usize, k: i32): i32 {
  return load<i32>(block + ((<usize>k) << 2));
}

@inline
function constant(block: usize, k: i32): f64 {
  return load<f64>(block + FE_F64 + ((<usize>k) << 3));
}

function mossyStep(block: usize, rng: usize): void {
  const fibres = word(block, FE_FIBRES);
  const channels = word(block, FE_CHANNELS);
  const source = <usize>word(block, FE_SOURCE);
  const gain = <usize>word(block, FE_GAIN);
  const threshold = <usize>word(block, FE_THRESHOLD);
  const rate = <usize>word(block, FE_RATE);
  const onset = <usize>word(block, FE_ONSET);
  const noise = <usize>word(block, FE_NOISE);
  const previous = <usize>word(block, FE_PREVIOUS);
  const values = <usize>word(block, FE_VALUES);
  const draws = <usize>word(block, FE_NORMALS);
  const bg = constant(block, FE_BACKGROUND);
  const decay = constant(block, FE_DECAY);
  const kick = constant(block, FE_KICK);
  // One normal per fibre, in fibre order, as the reference's loop draws them.
  if (kick > 0) normals(rng, draws, fibres);
  for (let m = 0; m < fibres; m++) {
    const o4 = (<usize>m) << 2;
    const n: f64 =
      kick > 0 ? decay * <f64>load<f32>(noise + o4) + kick * load<f64>(draws + ((<usize>m) << 3)) : 0;
    store<f32>(noise + o4, <f32>n);
    const c = load<i32>(source + o4);
    let drive = bg + n;
    let rise: f64 = 0;
    if (c >= 0) {
      let value = load<f64>(values + ((<usize>c) << 3));
      let before = load<f64>(previous + ((<usize>c) << 3));
      if (threshold != 0) {
        const th = <f64>load<f32>(threshold + o4);
        value = Math.max(0, value - th);
        before = Math.max(0, before - th);
      }
      const g = <f64>load<f32>(gain + o4);
      drive += g * value;
      const d = value - before;
      if (d > 0) rise = g * d;
    }
    store<f32>(rate + o4, <f32>(drive > 0 ? drive : 0));
    store<f32>(onset + o4, <f32>rise);
  }
  for (let c = 0; c < channels; c++) {
    const o8 = (<usize>c) << 3;
    store<f64>(previous + o8, load<f64>(values + o8));
  }
}

function basisStep(block: usize): void {
  const fibres = word(block, FE_FIBRES);
  const rate = <usize>word(block, FE_RATE);
  const onset = <usize>word(block, FE_ONSET);
  const bumps = word(block, FE_BUMPS);
  const order = word(block, FE_ORDER);
  const leak = <usize>word(block, FE_LEAK);
  const scale = <usize>word(block, FE_SCALE);
  const silenced = <usize>word(block, FE_SILENCED);
  const driven = <usize>word(block, FE_DRIVEN);
  const drivenCount = word(block, FE_DRIVEN_COUNT);
  const units = <usize>word(block, FE_UNITS);
  const stages = <usize>word(block, FE_STAGES);
  const adaptation = <usize>word(block, FE_ADAPTATION);
  const width = 1 + bumps;
  // Tonic units: b = x, or b = [x − a]₊ with adaptation a ← λ_a·a + (1 − λ_a)·α·(x − x_bg).
  if (adaptation == 0) {
    for (let m = 0; m < fibres; m++) {
      store<f32>(units + (<usize>(m * width) << 2), load<f32>(rate + ((<usize>m) << 2)));
    }
  } else {
    const strength = constant(block, FE_ADAPT_STRENGTH);
    const adaptLeak = constant(block, FE_ADAPT_LEAK);
    const background = constant(block, FE_BASIS_BACKGROUND);
    const gainIn = (1 - adaptLeak) * strength;
    for (let m = 0; m < fibres; m++) {
      const o4 = (<usize>m) << 2;
      const x = <f64>load<f32>(rate + o4);
      const a = adaptLeak * <f64>load<f32>(adaptation + o4) + gainIn * (x - background);
      store<f32>(adaptation + o4, <f32>a);
      store<f32>(units + (<usize>(m * width) << 2), <f32>Math.max(x - a, 0));
    }
  }
  // The cascades of the driven fibres; a quiet one (no drive, first and last stage 0) is skipped.
  // Two bumps of a fibre at a time, one per float64 lane (each lane the scalar cascade's
  // operations in its order); a pair with a quiet bump, and an odd last bump, run one by one.
  for (let f = 0; f < drivenCount; f++) {
    const m = load<i32>(driven + ((<usize>f) << 2));
    const drive = <f64>load<f32>(onset + ((<usize>m) << 2));
    const first = m * bumps;
    const out = m * width + 1;
    let j = 0;
    // Eight bumps at a time (four pairs whose dependent chains interleave) when none is quiet,
    // else their pairs one after the other.
    const span = (<usize>order) << 2;
    for (; j + 8 <= bumps; j += 8) {
      const u = first + j;
      const s = stages + (<usize>(u * order) << 2);
      const unit = units + (<usize>(out + j) << 2);
      let anyQuiet = false;
      for (let b = 0; b < 8; b++) anyQuiet = anyQuiet || quiet(drive, s + <usize>b * span, order);
      if (!anyQuiet) {
        cascadeOct(drive, u, s, span, order, leak, scale, silenced, unit);
        continue;
      }
      for (let b = 0; b < 8; b += 2) {
        pairOrSingles(drive, u + b, s + <usize>b * span, span, order, leak, scale, silenced, unit + ((<usize>b) << 2));
      }
    }
    for (; j + 2 <= bumps; j += 2) {
      const u = first + j;
      const s = stages + (<usize>(u * order) << 2);
      pairOrSingles(drive, u, s, span, order, leak, scale, silenced, units + (<usize>(out + j) << 2));
    }
    if (j < bumps) {
      const u = first + j;
      const s = stages + (<usize>(u * order) << 2);
      cascade(drive, u, s, order, leak, scale, silenced, units + (<usize>(out + j) << 2));
    }
  }
}

/** Whether a cascade is quiet: no drive, and its first and last stage 0 (it stays 0). */
@inline
function quiet(drive: f64, s: usize, order: i32): bool {
  return drive == 0 && load<f32>(s + ((<usize>(order - 1)) << 2)) == 0 && load<f32>(s) == 0;
}

/** One cascade u (stages at s): b ← λ·b + (1 − λ)·input stage by stage (0 below 10⁻¹²). */
@inline
function cascade(
  drive: f64,
  u: i32,
  s: usize,
  order: i32,
  leak: usize,
  scale: usize,
  silenced: usize,
  unit: usize,
): void {
  if (quiet(drive, s, order)) {
    store<f32>(unit, 0);
    return;
  }
  const a = <f64>load<f32>(leak + ((<usize>u) << 2));
  const gainIn = 1 - a;
  let input = drive;
  for (let k = 0; k < order; k++, s += 4) {
    const v = a * <f64>load<f32>(s) + gainIn * input;
    const stored = <f32>(v < 1e-12 ? 0 : v);
    store<f32>(s, stored);
    input = <f64>stored;
  }
  const silent = load<u8>(silenced + <usize>u) != 0;
  store<f32>(unit, silent ? 0 : <f32>(<f64>load<f32>(scale + ((<usize>u) << 2)) * input));
}

/** Cascades u and u + 1 (stages at s, s + span): in the two lanes, or one by one if one is quiet. */
@inline
function pairOrSingles(
  drive: f64,
  u: i32,
  s: usize,
  span: usize,
  order: i32,
  leak: usize,
  scale: usize,
  silenced: usize,
  unit: usize,
): void {
  const t = s + span;
  if (quiet(drive, s, order) || quiet(drive, t, order)) {
    cascade(drive, u, s, order, leak, scale, silenced, unit);
    cascade(drive, u + 1, t, order, leak, scale, silenced, unit + 4);
    return;
  }
  cascadePair(drive, u, s, t, order, leak, scale, silenced, unit);
}

/** One pair's lanes: v = λ·b + (1 − λ)·input, +0 where v < 10⁻¹², as float32 (cascadePair). */
@inline
function stagePair(a: v128, gainIn: v128, b: v128, input: v128, floor: v128): v128 {
  const v = f64x2.add(f64x2.mul(a, b), f64x2.mul(gainIn, input));
  return f32x4.demote_f64x2_zero(v128.andnot(v, f64x2.lt(v, floor)));
}

/** Leaks λ of cascades u, u + 1 as float64 lanes. */
@inline
function leakPair(leak: usize, u: i32): v128 {
  const lu = leak + ((<usize>u) << 2);
  return f64x2.promote_low_f32x4(v128.load32_lane(lu + 4, v128.load32_zero(lu), 1));
}

/** Stage values at s and s + span as float64 lanes. */
@inline
function stagesAt(s: usize, span: usize): v128 {
  return f64x2.promote_low_f32x4(v128.load32_lane(s + span, v128.load32_zero(s), 1));
}

/** Stores the two float32 lanes of a stage pair at s and s + span. */
@inline
function storeStages(s: usize, span: usize, v: v128): void {
  v128.store32_lane(s, v, 0);
  v128.store32_lane(s + span, v, 1);
}

/** Unit of cascade u from its last stage: 0 if silenced, else a_u · stage (float32). */
@inline
function unitOut(unit: usize, u: i32, last: f64, scale: usize, silenced: usize): void {
  const silent = load<u8>(silenced + <usize>u) != 0;
  store<f32>(unit, silent ? 0 : <f32>(<f64>load<f32>(scale + ((<usize>u) << 2)) * last));
}

/**
 * cascadePair for the four pairs u … u + 7 (stages `span` bytes apart), none quiet, their stage
 * loops interleaved (four independent chains of dependent operations).
 */
@inline
function cascadeOct(
  drive: f64,
  u: i32,
  s: usize,
  span: usize,
  order: i32,
  leak: usize,
  scale: usize,
  silenced: usize,
  unit: usize,
): void {
  const one = f64x2.splat(1);
  const floor = f64x2.splat(1e-12);
  const a0 = leakPair(leak, u);
  const a1 = leakPair(leak, u + 2);
  const a2 = leakPair(leak, u + 4);
  const a3 = leakPair(leak, u + 6);
  const g0 = f64x2.sub(one, a0);
  const g1 = f64x2.sub(one, a1);
  const g2 = f64x2.sub(one, a2);
  const g3 = f64x2.sub(one, a3);
  let i0 = f64x2.splat(drive);
  let i1 = i0;
  let i2 = i0;
  let i3 = i0;
  const s1 = s + 2 * span;
  const s2 = s + 4 * span;
  const s3 = s + 6 * span;
  for (let k: usize = 0; k < <usize>order << 2; k += 4) {
    const v0 = stagePair(a0, g0, stagesAt(s + k, span), i0, floor);
    const v1 = stagePair(a1, g1, stagesAt(s1 + k, span), i1, floor);
    const v2 = stagePair(a2, g2, stagesAt(s2 + k, span), i2, floor);
    const v3 = stagePair(a3, g3, stagesAt(s3 + k, span), i3, floor);
    storeStages(s + k, span, v0);
    storeStages(s1 + k, span, v1);
    storeStages(s2 + k, span, v2);
    storeStages(s3 + k, span, v3);
    i0 = f64x2.promote_low_f32x4(v0);
    i1 = f64x2.promote_low_f32x4(v1);
    i2 = f64x2.promote_low_f32x4(v2);
    i3 = f64x2.promote_low_f32x4(v3);
  }
  unitOut(unit, u, f64x2.extract_lane(i0, 0), scale, silenced);
  unitOut(unit + 4, u + 1, f64x2.extract_lane(i0, 1), scale, silenced);
  unitOut(unit + 8, u + 2, f64x2.extract_lane(i1, 0), scale, silenced);
  unitOut(unit + 12, u + 3, f64x2.extract_lane(i1, 1), scale, silenced);
  unitOut(unit + 16, u + 4, f64x2.extract_lane(i2, 0), scale, silenced);
  unitOut(unit + 20, u + 5, f64x2.extract_lane(i2, 1), scale, silenced);
  unitOut(unit + 24, u + 6, f64x2.extract_lane(i3, 0), scale, silenced);
  unitOut(unit + 28, u + 7, f64x2.extract_lane(i3, 1), scale, silenced);
}

/**
 * Cascades u (stages at s) and u + 1 (at t), neither quiet, in the two float64 lanes: per lane
 * v = λ·b + (1 − λ)·input, 0 where v < 10⁻¹² (the +0 of the scalar select), stored as float32
 * and read back as the next stage's input, exactly as `cascade` does it.
 */
@inline
function cascadePair(
  drive: f64,
  u: i32,
  s: usize,
  t: usize,
  order: i32,
  leak: usize,
  scale: usize,
  silenced: usize,
  unit: usize,
): void {
  const lu = leak + ((<usize>u) << 2);
  const a = f64x2.promote_low_f32x4(v128.load32_lane(lu + 4, v128.load32_zero(lu), 1));
  const gainIn = f64x2.sub(f64x2.splat(1), a);
  const floor = f64x2.splat(1e-12);
  let input = f64x2.splat(drive);
  for (let k = 0; k < order; k++, s += 4, t += 4) {
    const b = f64x2.promote_low_f32x4(v128.load32_lane(t, v128.load32_zero(s), 1));
    const v = f64x2.add(f64x2.mul(a, b), f64x2.mul(gainIn, input));
    const stored = f32x4.demote_f64x2_zero(v128.andnot(v, f64x2.lt(v, floor)));
    v128.store32_lane(s, stored, 0);
    v128.store32_lane(t, stored, 1);
    input = f64x2.promote_low_f32x4(stored);
  }
  const silent0 = load<u8>(silenced + <usize>u) != 0;
  const silent1 = load<u8>(silenced + <usize>u + 1) != 0;
  const su = scale + ((<usize>u) << 2);
  store<f32>(
    unit,
    silent0 ? 0 : <f32>(<f64>load<f32>(su) * f64x2.extract_lane(input, 0)),
  );
  store<f32>(
    unit + 4,
    silent1 ? 0 : <f32>(<f64>load<f32>(su + 4) * f64x2.extract_lane(input, 1)),
  );
}

/** One step of the front end of `block`, drawing normals from the generator at `rng`. */
export function frontEnd(block: usize, rng: usize): void {
  mossyStep(block, rng);
  basisStep(block);
}

/**
 * `count` normal deviates from the generator block at `rng` into the f64s at `out`: what `count`
 * calls of Rng.normal() return, the block left where they leave the generator. The mossy layer's
 * draws; exported for the tests that pin it to the reference bit for bit. The state stays in
 * locals for the loop, so that it stays in registers.
 */
export function normals(rng: usize, out: usize, count: i32): void {
  let ga = load<i32>(rng);
  let gb = load<i32>(rng, 4);
  let gc = load<i32>(rng, 8);
  let gd = load<i32>(rng, 12);
  let has = load<i32>(rng, 16) != 0;
  let sp = load<f64>(rng, 24);
  for (let k = 0; k < count; k++) {
    let z: f64 = 0;
    if (has) {
      has = false;
      z = sp;
    } else {
      // Uniforms in order: u, drawn again while 0, then v (one sfc32 step per uniform).
      let u: f64 = 0;
      let v: f64 = -1;
      while (v < 0) {
        const t = ga + gb + gd;
        gd = gd + 1;
        ga = gb ^ <i32>(<u32>gb >>> 9);
        gb = gc + (gc << 3);
        gc = (gc << 21) | <i32>(<u32>gc >>> 11);
        gc = gc + t;
        const x = <f64>(<u32>t) / 4294967296.0;
        if (u != 0) v = x;
        else u = x;
      }
      const r = Math.sqrt(-2.0 * log(u));
      sp = r * sinCos(2.0 * Math.PI * v);
      has = true;
      z = r * cosine;
    }
    store<f64>(out + ((<usize>k) << 3), z);
  }
  store<i32>(rng, ga);
  store<i32>(rng, gb, 4);
  store<i32>(rng, gc, 8);
  store<i32>(rng, gd, 12);
  store<i32>(rng, has ? 1 : 0, 16);
  store<f64>(rng, sp, 24);
}

/**
 * The nuclei's mossy drive (circuit/nucleus.ts): x̃ ← λ·x̃ + (1 − λ)·[x − x_bg]₊ (0 below 10⁻⁹),
 * then z_p += v_mp·x̃_m·(1/F) for the `purkinje` entries of `output`, fibres in order.
 */
export function nucleusDrive(block: usize, output: usize, purkinje: i32): void {
  const fibres = word(block, FE_FIBRES);
  const rate = <usize>word(block, FE_RATE);
  const v = <usize>word(block, FE_NUCLEUS_V);
  const input = <usize>word(block, FE_NUCLEUS_INPUT);
  const bg = constant(block, FE_NUCLEUS_BACKGROUND);
  const leak = constant(block, FE_NUCLEUS_LEAK);
  const scale = constant(block, FE_NUCLEUS_SCALE);
  if (purkinje == 1) {
    // One output: its running sum stays in a register (the same additions in the same order).
    let z = load<f64>(output);
    for (let m = 0; m < fibres; m++) {
      const r = <f64>load<f32>(rate + ((<usize>m) << 2));
      const x: f64 = r > bg ? r - bg : 0;
      const at = input + ((<usize>m) << 3);
      const filtered = leak * load<f64>(at) + (1 - leak) * x;
      const value: f64 = filtered < 1e-9 ? 0 : filtered;
      store<f64>(at, value);
      if (value == 0) continue;
      z = z + <f64>load<f32>(v + ((<usize>m) << 2)) * value * scale;
    }
    store<f64>(output, z);
    return;
  }
  for (let m = 0; m < fibres; m++) {
    const r = <f64>load<f32>(rate + ((<usize>m) << 2));
    const x: f64 = r > bg ? r - bg : 0;
    const at = input + ((<usize>m) << 3);
    const filtered = leak * load<f64>(at) + (1 - leak) * x;
    const value: f64 = filtered < 1e-9 ? 0 : filtered;
    store<f64>(at, value);
    if (value == 0) continue;
    const row = v + (<usize>(m * purkinje) << 2);
    for (let q = 0; q < purkinje; q++) {
      const o = output + ((<usize>q) << 3);
      store<f64>(o, load<f64>(o) + <f64>load<f32>(row + ((<usize>q) << 2)) * value * scale);
    }
  }
}
