/**
 * The generator's Box–Muller draws at their edges (u = U/2³², v = V/2³² for u32 words U, V), and
 * a generator whose next normal() draws a chosen pair: for the tests of model/fdlibmMath.ts and
 * of its wasm port.
 */
import { Rng } from "../../src/model/rng.js";

const TURN = 2 ** 32;

/** Words U for u: the smallest, the largest, and either side of every power of 2. */
export const edgeU: number[] = [
  ...[1, 2, 3, 4, 5, 7, 1000, 65535, 65536, 65537],
  ...Array.from({ length: 32 }, (_, e) => [2 ** e - 1, 2 ** e, 2 ** e + 1]).flat(),
  ...[TURN - 3, TURN - 2, TURN - 1, TURN - 4096, TURN - 4097, 0xb504f333, 0xb504f334],
].filter((w, i, all) => w > 0 && w < TURN && all.indexOf(w) === i);

/**
 * Words V for v: 0, the largest, and either side of every eighth of a turn (2πv at multiples of
 * π/4, where the argument reduction changes branch, and the exact π/2, π, 3π/2 where it cancels).
 */
export const edgeV: number[] = [
  ...[0, 1, 2, TURN - 2, TURN - 1],
  ...Array.from({ length: 9 }, (_, q) =>
    [-3, -2, -1, 0, 1, 2, 3].map((d) => (q * TURN) / 8 + d),
  ).flat(),
].filter((w, i, all) => w >= 0 && w < TURN && all.indexOf(w) === i);

/**
 * A generator whose next normal() draws u = U/2³² (U > 0) and v = V/2³². sfc32's first output is
 * a + b + d and, from a = b = d = 0 but c, its second is 9c + 1: so a = U, c = (V − 1)·9⁻¹ mod 2³²
 * (9⁻¹ = 0x38e38e39).
 */
export function drawing(U: number, V: number): Rng {
  return Rng.fromState({
    a: U | 0,
    b: 0,
    c: Math.imul((V - 1) | 0, 0x38e38e39),
    d: 0,
    spare: null,
  });
}
