// The per-step front end of src/kernels/frontEnd.ts (mossy layer with OU noise, then temporal
// basis) as one call. The arrays live in the imported memory; `block` is a table of their byte
// offsets and the constants, written once by ../wasmKernel.ts (layout: FE_* below, mirrored
// there). The generator is the sfc32 of src/model/rng.ts: its state is copied in from `rng` and
// back, so the JS Rng goes on where normal() would have left it. log, sin and cos are the host's
// Math functions (imports), so Box–Muller gives JS's bits; sqrt is f64.sqrt (correctly rounded
// in both).

@external("env", "log")
declare function hostLog(x: f64): f64;
@external("env", "sin")
declare function hostSin(x: f64): f64;
@external("env", "cos")
declare function hostCos(x: f64): f64;

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

// The generator while a call runs (rng block: i32 a, b, c, d, hasSpare; f64 spare at byte 24).
let ra: i32 = 0;
let rb: i32 = 0;
let rc: i32 = 0;
let rd: i32 = 0;
let hasSpare = false;
let spare: f64 = 0;

@inline
function word(block: usize, k: i32): i32 {
  return load<i32>(block + ((<usize>k) << 2));
}

@inline
function constant(block: usize, k: i32): f64 {
  return load<f64>(block + FE_F64 + ((<usize>k) << 3));
}

@inline
function nextUint32(): u32 {
  const t = ra + rb + rd;
  rd = rd + 1;
  ra = rb ^ <i32>(<u32>rb >>> 9);
  rb = rc + (rc << 3);
  rc = (rc << 21) | <i32>(<u32>rc >>> 11);
  rc = rc + t;
  return <u32>t;
}

@inline
function uniform(): f64 {
  return <f64>nextUint32() / 4294967296.0;
}

function normal(): f64 {
  if (hasSpare) {
    hasSpare = false;
    return spare;
  }
  let u: f64 = 0;
  while (u == 0) u = uniform();
  const v = uniform();
  const r = Math.sqrt(-2.0 * hostLog(u));
  spare = r * hostSin(2.0 * Math.PI * v);
  hasSpare = true;
  return r * hostCos(2.0 * Math.PI * v);
}

function mossyStep(block: usize): void {
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
  const bg = constant(block, FE_BACKGROUND);
  const decay = constant(block, FE_DECAY);
  const kick = constant(block, FE_KICK);
  for (let m = 0; m < fibres; m++) {
    const o4 = (<usize>m) << 2;
    const n: f64 = kick > 0 ? decay * <f64>load<f32>(noise + o4) + kick * normal() : 0;
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
  for (let f = 0; f < drivenCount; f++) {
    const m = load<i32>(driven + ((<usize>f) << 2));
    const drive = <f64>load<f32>(onset + ((<usize>m) << 2));
    const first = m * bumps;
    const out = m * width + 1;
    for (let j = 0; j < bumps; j++) {
      const u = first + j;
      let s = stages + (<usize>(u * order) << 2);
      const unit = units + (<usize>(out + j) << 2);
      if (drive == 0 && load<f32>(s + ((<usize>(order - 1)) << 2)) == 0 && load<f32>(s) == 0) {
        store<f32>(unit, 0);
        continue;
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
      const quiet = load<u8>(silenced + <usize>u) != 0;
      store<f32>(unit, quiet ? 0 : <f32>(<f64>load<f32>(scale + ((<usize>u) << 2)) * input));
    }
  }
}

/** One step of the front end of `block`, drawing normals from the generator at `rng`. */
export function frontEnd(block: usize, rng: usize): void {
  ra = load<i32>(rng);
  rb = load<i32>(rng, 4);
  rc = load<i32>(rng, 8);
  rd = load<i32>(rng, 12);
  hasSpare = load<i32>(rng, 16) != 0;
  spare = load<f64>(rng, 24);
  mossyStep(block);
  basisStep(block);
  store<i32>(rng, ra);
  store<i32>(rng, rb, 4);
  store<i32>(rng, rc, 8);
  store<i32>(rng, rd, 12);
  store<i32>(rng, hasSpare ? 1 : 0, 16);
  store<f64>(rng, spare, 24);
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
