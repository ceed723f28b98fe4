/**
 * Deterministic pseudo-random numbers (sfc32), with state that can be saved and restored.
 *
 * Every random draw in shoulda comes from an Rng derived from the run's root seed, so that the
 * same seed gives bit-identical results. Never use Math.random.
 */
import { log, sinCos } from "./fdlibmMath.js";

export interface RngState {
  a: number;
  b: number;
  c: number;
  d: number;
  /** A cached second normal deviate from the Box–Muller pair, or null. */
  spare: number | null;
}

/** 32-bit FNV-1a hash of a string, used to derive named sub-seeds. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** A seed for a named part of a run: derived from the root seed, independent across names. */
export function deriveSeed(rootSeed: number, name: string): number {
  return (hashString(`${rootSeed >>> 0}:${name}`) ^ Math.imul(rootSeed >>> 0, 0x9e3779b1)) >>> 0;
}

/** sinCos's output: sin, cos. */
const trig = new Float64Array(2);

export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  // The Box–Muller spare as a plain number and a flag, not `number | null`: a field that is
  // sometimes null holds each double as a fresh heap object, one allocation per normal().
  private spare = 0;
  private hasSpare = false;

  constructor(seed: number) {
    this.a = 0x9e3779b9;
    this.b = 0x243f6a88;
    this.c = 0xb7e15162;
    this.d = seed >>> 0;
    for (let i = 0; i < 15; i++) this.nextUint32();
  }

  /** A new generator for a named part, seeded from this one's root seed and the name. */
  static derive(rootSeed: number, name: string): Rng {
    return new Rng(deriveSeed(rootSeed, name));
  }

  static fromState(state: RngState): Rng {
    const rng = new Rng(0);
    rng.setState(state);
    return rng;
  }

  nextUint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform on [0, 1). */
  uniform(): number {
    return this.nextUint32() / 4294967296;
  }

  /** Uniform integer on [0, n). */
  int(n: number): number {
    return Math.floor(this.uniform() * n);
  }

  /**
   * Standard normal deviate (Box–Muller): u drawn while 0, then v; r = √(−2 ln u); returns
   * r·cos 2πv and keeps r·sin 2πv as the spare for the next call. ln, sin and cos are
   * fdlibmMath.ts's, not the engine's Math, so the stream does not depend on the engine (and
   * equals what Node 20's Math gave).
   */
  normal(): number {
    if (this.hasSpare) {
      this.hasSpare = false;
      return this.spare;
    }
    let u = 0;
    while (u === 0) u = this.uniform();
    const v = this.uniform();
    const r = Math.sqrt(-2 * log(u));
    sinCos(2 * Math.PI * v, trig);
    this.spare = r * trig[0];
    this.hasSpare = true;
    return r * trig[1];
  }

  /** In-place Fisher–Yates shuffle. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const tmp = items[i];
      items[i] = items[j];
      items[j] = tmp;
    }
    return items;
  }

  /**
   * Copies the state into a kernel's memory, words[0..4] = a, b, c, d, words[4] = 1 if a spare
   * is held, spare[0] = the spare; `readFrom` takes it back. For a backend that draws these
   * numbers itself (kernels/frontEnd.ts) and must leave this generator where normal() would.
   */
  writeTo(words: Int32Array, spare: Float64Array): void {
    words[0] = this.a;
    words[1] = this.b;
    words[2] = this.c;
    words[3] = this.d;
    words[4] = this.hasSpare ? 1 : 0;
    spare[0] = this.spare;
  }

  readFrom(words: Int32Array, spare: Float64Array): void {
    this.a = words[0];
    this.b = words[1];
    this.c = words[2];
    this.d = words[3];
    this.hasSpare = words[4] !== 0;
    this.spare = spare[0];
  }

  getState(): RngState {
    return { a: this.a, b: this.b, c: this.c, d: this.d, spare: this.hasSpare ? this.spare : null };
  }

  setState(state: RngState): void {
    this.a = state.a | 0;
    this.b = state.b | 0;
    this.c = state.c | 0;
    this.d = state.d | 0;
    this.hasSpare = state.spare !== null;
    this.spare = state.spare ?? 0;
  }
}
