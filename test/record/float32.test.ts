/** Recorded float32 values are written as the shortest decimals that read back exactly. */
import { describe, expect, it } from "vitest";
import { Rng } from "../../src/model/rng.js";
import { float32Json, float32Text } from "../../src/record/float32.js";

describe("float32Text", () => {
  it("reads back as the same float32, with no shorter decimal that would", () => {
    const rng = new Rng(7);
    const a = new Float32Array(1);
    for (let i = 0; i < 2000; i++) {
      a[0] = (rng.uniform() - 0.5) * 10 ** (rng.uniform() * 12 - 6);
      const text = float32Text(a[0]);
      expect(Math.fround(Number(text))).toBe(a[0]);
      const digits = text.replace(/^-|e.*$|\./g, "").replace(/^0+/, "").length;
      if (digits > 1) expect(Math.fround(Number(a[0].toPrecision(digits - 1)))).not.toBe(a[0]);
    }
  });

  it("writes 0 as 0 and a non-finite value as null; arrays as JSON", () => {
    expect(float32Json(Float32Array.of(0, 0.5, Number.NaN, 0.1))).toBe("[0,0.5,null,0.1]");
  });
});
