/**
 * The table that the wasm front end (assembly/frontEnd.ts) reads its arrays and constants from,
 * written once per module: byte offsets of the arrays (i32 words FE_* there, mirrored in WORD
 * here), then the constants as f64 from byte 96; and the generator's state block (five i32 and
 * an f64 at byte 24) and the channel values (f64 each), written by JS before each call.
 * Grown memory never moves these: a plain memory does not grow, a shared one keeps old views valid.
 */
import type { BasisArrays, FrontEnd, MossyArrays, NucleusArrays } from "../frontEnd.js";
import type { FrontEndPlan } from "../kernel.js";

const WORD = {
  fibres: 0,
  channels: 1,
  source: 2,
  gain: 3,
  threshold: 4,
  rate: 5,
  onset: 6,
  noise: 7,
  previous: 8,
  bumps: 9,
  order: 10,
  leak: 11,
  scale: 12,
  silenced: 13,
  driven: 14,
  drivenCount: 15,
  units: 16,
  stages: 17,
  adaptation: 18,
  values: 19,
  nucleusV: 20,
  nucleusInput: 21,
  /** Scratch for the step's normal draws, one f64 per fibre. */
  normals: 22,
} as const;
const F64_AT = 96;
const CONSTANTS = [
  "background",
  "decay",
  "kick",
  "adaptStrength",
  "adaptLeak",
  "basisBackground",
  "nucleusBackground",
  "nucleusLeak",
  "nucleusScale",
];
const BLOCK_BYTES = F64_AT + 8 * CONSTANTS.length;
const RNG_BYTES = 32;

export interface FrontEndBlock extends FrontEndPlan {
  /** Byte offset of the table, of the generator's block; undefined: the reference runs. */
  readonly block?: number;
  readonly rng: number;
  /** Views on the generator's block (a, b, c, d, hasSpare; the spare) and the channel values. */
  readonly words: Int32Array;
  readonly spare: Float64Array;
  readonly values: Float64Array;
  /** The nucleus's weights hold this many rows of P (M·P = v.length), or 0 without a nucleus. */
  readonly fibres: number;
}

type Typed = Float32Array | Float64Array | Int32Array | Uint8Array;

/** Every index the loops follow stays inside its array (else the reference runs instead). */
function inRange(m: MossyArrays, b: BasisArrays, n: NucleusArrays | undefined): boolean {
  const fibres = m.rate.length;
  const { bumps, order } = b;
  const long = (a: Typed | null, n: number) => a === null || a.length >= n;
  if (!(Number.isInteger(bumps) && bumps >= 0 && Number.isInteger(order) && order >= 1))
    return false;
  const sized =
    long(m.source, fibres) &&
    long(m.gain, fibres) &&
    long(m.threshold, fibres) &&
    long(m.onset, fibres) &&
    long(m.noise, fibres) &&
    long(b.leak, fibres * bumps) &&
    long(b.scale, fibres * bumps) &&
    long(b.silenced, fibres * bumps) &&
    long(b.units, fibres * (1 + bumps)) &&
    long(b.stages, fibres * bumps * order) &&
    (b.adaptation.length === 0 || b.adaptation.length >= fibres) &&
    (n === undefined || n.input.length >= fibres);
  if (!sized) return false;
  for (let f = 0; f < fibres; f++) if (m.source[f] >= m.previous.length) return false;
  for (let f = 0; f < b.driven.length; f++) {
    const d = b.driven[f];
    if (!(d >= 0 && d < fibres)) return false;
  }
  return true;
}

/**
 * The plan for `front` in a wasm memory, or null when some array lies outside it (`holds`), an
 * index is out of range, or `reserve` finds no room.
 */
export function frontEndBlock(
  front: FrontEnd,
  holds: (a: Typed) => boolean,
  reserve: (bytes: number) => number,
  buffer: () => ArrayBufferLike,
): FrontEndBlock | null {
  const m = front.mossy;
  const b = front.basis;
  // Wiring, fixed after construction: copied in once unless it already lies in the memory.
  const wiring: [keyof typeof WORD, Typed | null][] = [
    ["source", m.source],
    ["gain", m.gain],
    ["threshold", m.threshold],
    ["leak", b.leak],
    ["scale", b.scale],
    ["driven", b.driven],
  ];
  // State, read and written in place: it must lie in the memory.
  const state: [keyof typeof WORD, Typed | null][] = [
    ["rate", m.rate],
    ["onset", m.onset],
    ["noise", m.noise],
    ["previous", m.previous],
    ["silenced", b.silenced],
    ["units", b.units],
    ["stages", b.stages],
    ["adaptation", b.adaptation.length > 0 ? b.adaptation : null],
    ["nucleusV", front.nucleus?.v ?? null],
    ["nucleusInput", front.nucleus?.input ?? null],
  ];
  // Empty arrays have no place to hold; the loops never read them.
  if (!state.every(([, a]) => a === null || a.length === 0 || holds(a))) return null;
  if (!inRange(m, b, front.nucleus)) return null;
  const channels = m.previous.length;
  const block = reserve(BLOCK_BYTES);
  const rng = block < 0 ? -1 : reserve(RNG_BYTES);
  const values = rng < 0 ? -1 : reserve(8 * channels);
  const normals = values < 0 ? -1 : reserve(8 * m.rate.length);
  if (normals < 0) return null;
  const offsets: [keyof typeof WORD, number][] = [];
  for (const [name, a] of state)
    offsets.push([name, a === null || a.length === 0 ? 0 : a.byteOffset]);
  for (const [name, a] of wiring) {
    if (a === null || a.length === 0) offsets.push([name, 0]);
    else if (holds(a)) offsets.push([name, a.byteOffset]);
    else {
      const at = reserve(a.byteLength);
      if (at < 0) return null;
      new Uint8Array(buffer(), at, a.byteLength).set(
        new Uint8Array(a.buffer, a.byteOffset, a.byteLength),
      );
      offsets.push([name, at]);
    }
  }
  const mem = buffer();
  const words = new Int32Array(mem, block, F64_AT / 4);
  for (const [name, at] of offsets) words[WORD[name]] = at;
  words[WORD.fibres] = m.rate.length;
  words[WORD.channels] = channels;
  words[WORD.bumps] = b.bumps;
  words[WORD.order] = b.order;
  words[WORD.drivenCount] = b.driven.length;
  words[WORD.values] = values;
  words[WORD.normals] = normals;
  const f64 = new Float64Array(mem, block + F64_AT, CONSTANTS.length);
  const n = front.nucleus;
  f64.set([
    ...[m.background, m.decay, m.kick],
    ...[b.adaptStrength, b.adaptLeak, b.background],
    ...(n ? [n.background, n.leak, n.scale] : [0, 0, 0]),
  ]);
  return {
    front,
    block,
    rng,
    words: new Int32Array(mem, rng, 5),
    spare: new Float64Array(mem, rng + 24, 1),
    values: new Float64Array(mem, values, channels),
    fibres: m.rate.length,
  };
}
