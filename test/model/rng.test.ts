import { describe, expect, it } from "vitest";
import { deriveSeed, Rng } from "../../src/model/rng.js";

describe("Rng", () => {
  it("gives the same sequence for the same seed and a different one for another seed", () => {
    const a = new Rng(42);
    const b = new Rng(42);
    const c = new Rng(43);
    const xs = Array.from({ length: 5 }, () => a.uniform());
    expect(Array.from({ length: 5 }, () => b.uniform())).toEqual(xs);
    expect(Array.from({ length: 5 }, () => c.uniform())).not.toEqual(xs);
  });

  it("continues identically after saving and restoring its state", () => {
    const a = new Rng(7);
    a.normal(); // leaves a spare deviate cached
    const copy = Rng.fromState(a.getState());
    expect(Array.from({ length: 6 }, () => copy.normal())).toEqual(
      Array.from({ length: 6 }, () => a.normal()),
    );
  });

  it("draws uniforms in [0, 1) and normals with mean ≈ 0 and SD ≈ 1", () => {
    const r = new Rng(1);
    const u = Array.from({ length: 20000 }, () => r.uniform());
    expect(Math.min(...u)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...u)).toBeLessThan(1);
    const n = Array.from({ length: 20000 }, () => r.normal());
    const mean = n.reduce((s, x) => s + x, 0) / n.length;
    const sd = Math.sqrt(n.reduce((s, x) => s + (x - mean) ** 2, 0) / n.length);
    expect(Math.abs(mean)).toBeLessThan(0.03);
    expect(Math.abs(sd - 1)).toBeLessThan(0.03);
  });

  it("draws the stored normals of a fixed seed (made before model/fdlibmMath.ts, with Math)", () => {
    // Rng.normal() of main at 2a795c0 (Node 20's Math.log, sin and cos), printed in full.
    const r = new Rng(20261208);
    expect(Array.from({ length: 12 }, () => r.normal())).toEqual([
      -0.1975735002175999, -1.499726282392077, 0.5921429648992111, -0.5183043526075265,
      -1.4705796543381016, -0.42405940050337704, -0.8191947685453812, -1.4562256297614593,
      -0.551193553998104, -1.9001815795275514, -0.7155922243973895, -1.5294887054249882,
    ]);
    const noise = Rng.derive(1, "noise");
    expect(Array.from({ length: 6 }, () => noise.normal())).toEqual([
      -0.7210362193610496, 0.3103601581069642, 0.6588895966197851, 1.0220386015406144,
      -0.3632385049360035, 1.847773259951338,
    ]);
  });

  it("derives independent named seeds", () => {
    expect(deriveSeed(1, "wiring")).not.toBe(deriveSeed(1, "noise"));
    expect(deriveSeed(1, "wiring")).toBe(deriveSeed(1, "wiring"));
    expect(deriveSeed(2, "wiring")).not.toBe(deriveSeed(1, "wiring"));
  });
});
