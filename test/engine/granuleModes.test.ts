import { describe, expect, it } from "vitest";
import { Cerebellum } from "../../src/brain/cerebellum.js";
import { restoreCerebellum, saveCerebellum } from "../../src/brain/state.js";
import { type CerebellumParamsInput, cerebellumParamsSchema } from "../../src/model/cerebellum.js";

function build(granule: CerebellumParamsInput["granule"], seed = 1, extra = {}) {
  const params = cerebellumParamsSchema.parse({
    granule: { count: 2000, ...granule },
    mossy: { count: 64, noiseSd: 0 },
    ...extra,
  });
  return new Cerebellum({ kind: "cerebellum", params, channels: ["tone"], seed });
}

/** Active sets (as sets of cell indices) over `steps` steps of a steady tone. */
function activeSets(brain: Cerebellum, steps: number): Set<number>[] {
  const sets: Set<number>[] = [];
  for (let t = 0; t < steps; t++) {
    brain.step([1], [0]);
    sets.push(new Set(brain.granule.active.subarray(0, brain.granule.count)));
  }
  return sets;
}

function overlap(a: Set<number>, b: Set<number>): number {
  let shared = 0;
  for (const i of a) if (b.has(i)) shared++;
  return shared / Math.max(1, Math.min(a.size, b.size));
}

describe("granule layer: Golgi modes and graded output", () => {
  it("feedback: the Golgi pool brings the coding level near f under a strong steady input", () => {
    const f = 0.05;
    // A low floor θ₀, so that without inhibition the tone drives far more cells than f.
    const fixed = build({ golgi: "fixed", codingLevel: f, threshold: 0.3 });
    const feedback = build({
      golgi: "feedback",
      codingLevel: f,
      threshold: 0.3,
      golgiGain: 2,
      golgiTauMs: 20,
    });
    const fixedLevel = activeSets(fixed, 200).at(-1)?.size ?? 0;
    const levels = activeSets(feedback, 400).map((s) => s.size / 2000);
    const settled = levels.slice(-100);
    const mean = settled.reduce((a, b) => a + b, 0) / settled.length;
    expect(fixedLevel / 2000).toBeGreaterThan(3 * f);
    expect(mean).toBeLessThan(fixedLevel / 2000 / 2);
    expect(mean).toBeGreaterThan(f / 4);
    expect(mean).toBeLessThan(4 * f);
    // Settled: no oscillation larger than the level itself over the last 100 steps.
    expect(Math.max(...settled) - Math.min(...settled)).toBeLessThan(mean);
    expect(feedback.granule.golgi[0]).toBeGreaterThan(0);
  });

  for (const output of ["graded", "binary"] as const) {
    it(`feedback (${output}): c ← λc + (1 − λ)·(Σ_j g_j / N)/f, the step's rates summed in order`, () => {
      const brain = build({ golgi: "feedback", output, threshold: 0.2, golgiTauMs: 20 });
      const { dtMs, granule: g } = brain.params;
      const leak = Math.exp(-dtMs / g.golgiTauMs);
      let active = 0;
      for (let t = 0; t < 60; t++) {
        const before = brain.granule.golgi[0];
        brain.step([t < 40 ? 1 : 0], [0]);
        const { gain, count } = brain.granule;
        let total = 0;
        for (let j = 0; j < count; j++) total += gain ? gain[j] : 1;
        const expected = leak * before + (1 - leak) * (total / (g.codingLevel * g.count));
        expect(brain.granule.golgi[0], `step ${t}`).toBe(expected);
        active += count;
      }
      expect(active).toBeGreaterThan(0);
    });
  }

  it("recurrent: with a steady input the active population keeps changing; quantile's does not", () => {
    const quantile = activeSets(build({ golgi: "quantile" }), 400);
    const recurrent = activeSets(
      build({ golgi: "recurrent", golgiGain: 1.5, golgiTauMs: 50, threshold: 0.3 }),
      400,
    );
    const uninhibited = activeSets(
      build({ golgi: "recurrent", golgiGain: 0, threshold: 0.3 }),
      400,
    );
    // Overlap of the active sets 250 and 399 ms after onset: the basis alone changes little so
    // late; the Golgi loop moves the population on.
    const late = (sets: Set<number>[]) => overlap(sets[250], sets[399]);
    expect(recurrent[399].size).toBeGreaterThan(0);
    expect(late(recurrent)).toBeLessThan(late(quantile));
    expect(late(recurrent)).toBeLessThan(late(uninhibited) - 0.15);
  });

  it("graded: an active cell's rate is (h − θ)/width capped at 1, and a stronger cue drives more", () => {
    const brain = build({ golgi: "fixed", output: "graded", gradedWidth: 0.5, threshold: 0.5 });
    let weak = 0;
    let strong = 0;
    for (let t = 0; t < 100; t++) {
      brain.step([0.5], [0]);
      const { gain, active, count, drive } = brain.granule;
      if (!gain) throw new Error("graded output has rates");
      for (let j = 0; j < count; j++) {
        expect(gain[j]).toBeCloseTo(Math.min(1, (drive[active[j]] - 0.5) / 0.5), 5);
        expect(gain[j]).toBeGreaterThan(0);
        expect(gain[j]).toBeLessThanOrEqual(1);
      }
      if (t === 99) for (let j = 0; j < count; j++) weak += gain[j];
    }
    for (let t = 0; t < 100; t++) brain.step([1], [0]);
    const { gain, count } = brain.granule;
    for (let j = 0; j < count; j++) strong += gain?.[j] ?? 0;
    expect(strong).toBeGreaterThan(weak);
  });

  it("graded binary-equivalent: gradedWidth → 0 gives the binary layer's active set and output", () => {
    const binary = build({});
    const graded = build({ output: "graded", gradedWidth: 1e-9 });
    for (let t = 0; t < 300; t++) {
      const teach = [t % 300 >= 200 && t % 300 < 220 ? 1 : 0];
      const a = binary.step([t % 300 < 250 ? 1 : 0], teach);
      const b = graded.step([t % 300 < 250 ? 1 : 0], teach);
      expect(b[0]).toBeCloseTo(a[0], 9);
    }
    expect(Array.from(graded.granule.active.subarray(0, graded.granule.count))).toEqual(
      Array.from(binary.granule.active.subarray(0, binary.granule.count)),
    );
  });

  for (const granule of [
    { output: "graded" as const },
    { golgi: "feedback" as const, output: "graded" as const },
    { golgi: "recurrent" as const, golgiGain: 1.5 },
  ]) {
    const name = JSON.stringify(granule);
    it(`${name}: deterministic, and continues bit-identically after save and restore`, () => {
      const extra = { plasticity: { pfPurkinje: { ltd: 0.001, ltp: 0.001 } } };
      const run = (brain: Cerebellum, from: number, steps: number) => {
        const out: number[] = [];
        for (let t = from; t < from + steps; t++) {
          const z = brain.step([t % 500 < 300 ? 1 : 0], [t % 500 >= 200 && t % 500 < 230 ? 1 : 0]);
          out.push(z[0]);
        }
        return out;
      };
      const a = build(granule, 3, extra);
      const b = build(granule, 3, extra);
      const first = run(a, 0, 1200);
      expect(run(b, 0, 1200)).toEqual(first);
      expect(first.some((z) => z !== 0)).toBe(true);
      const restored = restoreCerebellum(JSON.parse(JSON.stringify(saveCerebellum(a))));
      expect(run(restored, 1200, 800)).toEqual(run(a, 1200, 800));
      expect(restored.purkinje.w).toEqual(a.purkinje.w);
      expect(Array.from(restored.granule.golgi)).toEqual(Array.from(a.granule.golgi));
    });
  }

  it("restore rejects a graded rate outside 0..1, naming the field", () => {
    const a = build({ output: "graded" });
    for (let t = 0; t < 50; t++) a.step([1], [0]);
    const saved = saveCerebellum(a);
    const rates = new Float32Array(
      Buffer.from(saved.arrays.activityGains, "base64").buffer.slice(0),
    );
    rates[0] = 2;
    saved.arrays.activityGains = Buffer.from(rates.buffer).toString("base64");
    expect(() => restoreCerebellum(saved)).toThrow(/activityGains/);
  });
});
