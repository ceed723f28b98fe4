/**
 * model/fdlibmMath.ts, the generator's own ln, sin and cos, against the engine's Math: equal bit
 * for bit on the draws Rng.normal() makes and at their edges. Node 20's Math.log, sin and cos
 * (V8 11, src/base/ieee754.cc) are fdlibm's, and every normal stream before fdlibmMath.ts was
 * drawn with them: so on Node 20 these tests pin that the streams are the historical ones.
 *
 * On an engine whose Math differs (a later V8 may change its sin and cos) they fail while the
 * streams stay right: fdlibmMath.ts does not use Math. There the stored checksum below, and
 * test/model/rng.test.ts's stored sequence, still pin the streams; drop the comparison with Math.
 */
import { describe, expect, it } from "vitest";
import { log, sinCos } from "../../src/model/fdlibmMath.js";
import { Rng } from "../../src/model/rng.js";
import { drawing, edgeU, edgeV } from "./boxMullerDraws.js";

const TURN = 2 ** 32;
const out = new Float64Array(2);

/** Where ours and Math differ over u and v, as "what(value)" strings (the first 5). */
function mismatches(us: Iterable<number>, vs: Iterable<number>): string[] {
  const found: string[] = [];
  for (const u of us) if (!Object.is(log(u), Math.log(u))) found.push(`log(${u})`);
  for (const v of vs) {
    const x = 2 * Math.PI * v;
    sinCos(x, out);
    if (!Object.is(out[0], Math.sin(x))) found.push(`sin(2π·${v})`);
    if (!Object.is(out[1], Math.cos(x))) found.push(`cos(2π·${v})`);
  }
  return found.slice(0, 5);
}

/** The u and v of `pairs` Box–Muller pairs from a generator of `seed`, as normal() draws them. */
function draws(seed: number, pairs: number): { u: Float64Array; v: Float64Array } {
  const rng = new Rng(seed);
  const u = new Float64Array(pairs);
  const v = new Float64Array(pairs);
  for (let i = 0; i < pairs; i++) {
    while (u[i] === 0) u[i] = rng.uniform();
    v[i] = rng.uniform();
  }
  return { u, v };
}

describe("fdlibmMath: the Box–Muller log, sin and cos", () => {
  it("equal Math's bits (Node 20: the historical streams) on 10⁶ draws of the generator", () => {
    // The full check before this code replaced Math: 10⁸ pairs over four seeds, no difference.
    for (const seed of [1, 20261208]) {
      const { u, v } = draws(seed, 500_000);
      expect(mismatches(u, v), `seed ${seed}`).toEqual([]);
    }
  });

  it("equal Math's bits (Node 20: the historical streams) at the edges of u and v", () => {
    const us = edgeU.map((w) => w / TURN);
    // 2¹⁶ steps of 2⁻³² either side of every eighth of a turn, and the ends.
    const vs: number[] = [...edgeV.map((w) => w / TURN)];
    for (let q = 0; q <= 8; q++)
      for (let d = -65536; d <= 65536; d++) {
        const w = (q * TURN) / 8 + d;
        if (w >= 0 && w < TURN) vs.push(w / TURN);
      }
    for (let w = 1; w <= 65536; w++) us.push(w / TURN, (TURN - w) / TURN);
    expect(mismatches(us, vs)).toEqual([]);
  });

  it("edge draws: drawing(U, V) draws u = U/2³², then v = V/2³²", () => {
    for (const U of edgeU.slice(0, 40))
      for (const V of edgeV) {
        const rng = drawing(U, V);
        expect([rng.uniform(), rng.uniform()]).toEqual([U / TURN, V / TURN]);
      }
  });

  it("give the known values at exact points", () => {
    expect(log(0.5)).toBe(-Math.LN2);
    expect(log(2 ** -32)).toBe(-32 * Math.LN2);
    sinCos(0, out);
    expect([...out]).toEqual([0, 1]);
    sinCos(Math.PI / 2, out);
    expect(out[0]).toBe(1);
    expect(Math.abs(out[1])).toBeLessThan(1e-16);
  });

  it("reproduce a stored checksum of their bits at the edges (pins the streams on any engine)", () => {
    const bits = new Uint32Array(out.buffer);
    let h = 0x811c9dc5;
    const mix = (x: number) => {
      out[0] = x;
      h = Math.imul(h ^ bits[0], 0x01000193) >>> 0;
      h = Math.imul(h ^ bits[1], 0x01000193) >>> 0;
    };
    for (const w of edgeU) mix(log(w / TURN));
    const pair = new Float64Array(2);
    for (const w of edgeV) {
      sinCos(2 * Math.PI * (w / TURN), pair);
      mix(pair[0]);
      mix(pair[1]);
    }
    // And the two normals of each edge pair as Rng.normal() makes them.
    for (const U of edgeU.slice(0, 40))
      for (const V of edgeV) {
        const rng = drawing(U, V);
        mix(rng.normal());
        mix(rng.normal());
      }
    expect(h).toBe(CHECKSUM);
  });
});

/** FNV-1a over the bits above, from Node 20's Math.log, sin and cos (before fdlibmMath.ts). */
const CHECKSUM = 0x790c7196;
