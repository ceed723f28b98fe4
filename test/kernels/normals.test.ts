/**
 * The wasm port of the generator's log, sin and cos (kernels/wasm/assembly/fdlibmMath.ts) against
 * the reference (model/fdlibmMath.ts): the module's `normals` export, through which the front
 * end's mossyStep draws, gives Rng.normal()'s bits and leaves the generator where it leaves it, on long
 * seeded streams and on a pair at every edge of u and v (each branch of the argument reduction).
 */
import { describe, expect, it } from "vitest";
import { WasmKernel } from "../../src/kernels/wasm/wasmKernel.js";
import { Rng } from "../../src/model/rng.js";
import { drawing, edgeU, edgeV } from "../model/boxMullerDraws.js";

const kernel = new WasmKernel({ shared: false, reserveBytes: 2 ** 22 });
const N = 1 << 16;
const block = kernel.alloc.float64(4);
const out = kernel.alloc.float64(N);
const words = new Int32Array(block.buffer, block.byteOffset, 5);
const spare = new Float64Array(block.buffer, block.byteOffset + 24, 1);

/** `count` normals from wasm, starting from `rng`'s state (which is left unchanged). */
function wasmNormals(rng: Rng, count: number): { values: Float64Array; after: Rng } {
  rng.writeTo(words, spare);
  kernel.exports.normals(block.byteOffset, out.byteOffset, count);
  const after = new Rng(0);
  after.readFrom(words, spare);
  return { values: out.slice(0, count), after };
}

/** The first index where a and b differ in bits, or −1. */
function firstDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return i;
  return a.length === b.length ? -1 : a.length;
}

describe("wasm normals (fdlibmMath port)", () => {
  it("equal Rng.normal() bit for bit on seeded streams, and leave the generator as it does", () => {
    for (const seed of [1, 7, 20261208]) {
      const rng = new Rng(seed);
      rng.normal(); // start with a spare held
      const { values, after } = wasmNormals(rng, N);
      const expected = Float64Array.from({ length: N }, () => rng.normal());
      expect(firstDifference(values, expected), `seed ${seed}`).toBe(-1);
      expect(after.getState()).toEqual(rng.getState());
    }
  });

  it("equal Rng.normal() at every edge pair of u and v", () => {
    const bad: string[] = [];
    for (const U of edgeU)
      for (const V of edgeV) {
        const { values } = wasmNormals(drawing(U, V), 2);
        const rng = drawing(U, V);
        if (firstDifference(values, [rng.normal(), rng.normal()]) >= 0) bad.push(`U=${U} V=${V}`);
      }
    expect(bad.slice(0, 5)).toEqual([]);
  });
});
