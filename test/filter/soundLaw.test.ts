/** Pluggable lick-sound laws (world/soundLaw.ts) and threshold-encoded mossy fibres. */
import { describe, expect, it } from "vitest";
import { MossyLayer, wireMossy } from "../../src/circuit/mossy.js";
import { cerebellumParamsSchema } from "../../src/model/cerebellum.js";
import { Rng } from "../../src/model/rng.js";
import { filterVsNlms } from "../../src/paradigms/filterVsNlms/index.js";
import { lickingMouseScene, lickingMouseSchema } from "../../src/world/lickingMouse.js";
import type { Scene } from "../../src/world/scene.js";
import { type LickSoundLaw, soundLaw, soundLawSchema } from "../../src/world/soundLaw.js";
import { fieldOf } from "../configErrors.js";

const DT = 2;
const scene = (world: Record<string, unknown>, law?: LickSoundLaw, seconds = 20) =>
  lickingMouseScene(
    lickingMouseSchema.parse({ externalRateHz: 0, ...world }),
    DT,
    seconds * 1000,
    Rng.derive(3, "sound-law"),
    law,
  );

/** Per lick: force, jaw at contact (from the event), peak level and loudest channel at contact. */
function licks(s: Scene) {
  const n = s.sensoryNames.length;
  return s.events
    .filter((e) => e.kind === "lick")
    .map((e) => {
      const t = Number(e.contact);
      let peak = 0;
      let at = 0;
      for (let j = 0; j < n; j++) {
        const v = s.components.self[t * n + j];
        if (v > peak) [peak, at] = [v, j];
      }
      return { force: Number(e.force), jaw: Number(e.jaw), peak, at };
    });
}

describe("lick-sound laws", () => {
  it("the default law is the world's old formula, and a function law replaces it through the API", () => {
    const old: LickSoundLaw = (b) => ({
      level: Math.tanh(b.force * b.force) / Math.tanh(1),
      centre: (b.channels - 1) * (0.2 + 0.6 * b.jawAtContact * b.jawAtContact),
    });
    const plain = scene({ playbackRateHz: 1 });
    expect(scene({ playbackRateHz: 1 }, old).components.self).toEqual(plain.components.self);
    expect(scene({ playbackRateHz: 1 }, old).components.playback).toEqual(
      plain.components.playback,
    );
    const silent = scene({}, () => ({ level: 0, centre: 3 }));
    expect(silent.components.self.every((v) => v === 0)).toBe(true);
    // The body is the same whatever the law: only the sound changes.
    expect(silent.context).toEqual(plain.context);
    expect(() => scene({}, () => ({ level: Number.NaN, centre: 1 }))).toThrow(/sound law/);
  });

  it("threshold: licks softer than θ are silent, licks past F_sat all sound the same", () => {
    const spec = soundLawSchema.parse({ kind: "threshold" });
    const all = licks(scene({ soundLaw: spec }, undefined, 40));
    const soft = all.filter((l) => l.force < spec.threshold);
    const hard = all.filter((l) => l.force > spec.saturation);
    expect(soft.length).toBeGreaterThan(5);
    expect(hard.length).toBeGreaterThan(5);
    expect(soft.every((l) => l.peak === 0)).toBe(true);
    const middle = all.filter((l) => l.force > spec.threshold + 0.1 && l.force < spec.saturation);
    expect(middle.every((l) => l.peak > 0)).toBe(true);
    // Saturated licks differ only through the jaw (spectral centre), not in loudness: their
    // summed sound is nearly constant, unlike the graded middle.
    const spread = (v: number[]) => Math.max(...v) / Math.min(...v);
    expect(spread(hard.map((l) => l.peak))).toBeLessThan(spread(middle.map((l) => l.peak)));
  });

  it("jawForce grows with jaw·force²; gated is silent below the jaw gate and bright for hard licks", () => {
    const jf = licks(scene({ soundLaw: { kind: "jawForce" } }, undefined, 40));
    const sorted = [...jf].sort((a, b) => a.force - b.force);
    const q = Math.floor(sorted.length / 4);
    const meanPeak = (v: typeof jf) => v.reduce((a, l) => a + l.peak, 0) / v.length;
    expect(meanPeak(sorted.slice(-q))).toBeGreaterThan(2 * meanPeak(sorted.slice(0, q)));

    const law = soundLaw(soundLawSchema.parse({ kind: "gated" }), 1);
    const body = { jawMax: 1, index: 0, channels: 8 };
    expect(law({ ...body, force: 1, jawAtContact: 0.3 }).level).toBe(0);
    expect(law({ ...body, force: 1, jawAtContact: 0.6 }).level).toBe(1);
    expect(law({ ...body, force: 1.5, jawAtContact: 0.6 }).centre).toBeCloseTo(7 * 0.8);
    expect(law({ ...body, force: 1, jawAtContact: 0.6 }).centre).toBeCloseTo(7 * 0.2);
    const gated = licks(scene({ soundLaw: { kind: "gated" } }, undefined, 40));
    const loud = gated.filter((l) => l.peak > 0);
    expect(loud.length).toBeGreaterThan(0);
    expect(loud.length).toBeLessThan(gated.length);
    const high = loud.filter((l) => l.force >= 1.3);
    const low = loud.filter((l) => l.force < 1.3);
    expect(high.every((l) => l.at >= 5)).toBe(true);
    expect(low.every((l) => l.at <= 2)).toBe(true);
  });

  it("bad laws name the field and what is allowed", () => {
    expect(fieldOf(() => filterVsNlms.resolve({ world: { soundLaw: { kind: "square" } } }))).toBe(
      "world.soundLaw.kind",
    );
    expect(
      fieldOf(() =>
        filterVsNlms.resolve({
          protocol: { laws: [{ kind: "threshold", threshold: 1, saturation: 0.5 }] },
        }),
      ),
    ).toBe("protocol.laws[0].saturation");
  });
});

describe("threshold-encoded mossy fibres", () => {
  const params = (encoding: string) =>
    cerebellumParamsSchema.parse({
      mossy: { count: 16, fibresPerChannel: 16, noiseSd: 0, encoding, thresholdMax: 1.6 },
    });

  it("x_m = background + gain·[c − θ_m]₊: a larger value recruits more fibres (one step by hand)", () => {
    const p = params("threshold");
    const wiring = wireMossy(p, 1, Rng.derive(1, "wiring"));
    const th = wiring.threshold as Float32Array;
    // Stratified: fibre k of the channel has θ in [k, k + 1)·0.1.
    const sortedTh = Array.from(th).sort((a, b) => a - b);
    sortedTh.forEach((v, k) => {
      expect(v).toBeGreaterThanOrEqual(k * 0.1 - 1e-6);
      expect(v).toBeLessThan((k + 1) * 0.1 + 1e-6);
    });
    const layer = new MossyLayer(p, wiring, 1);
    const rng = new Rng(1);
    const recruited = (c: number) => {
      layer.step([c], rng);
      for (let m = 0; m < 16; m++) {
        const expected = p.mossy.background + wiring.gain[m] * Math.max(0, c - th[m]);
        expect(layer.rate[m]).toBeCloseTo(expected, 5);
      }
      return Array.from(layer.rate).filter((r) => r > p.mossy.background + 1e-6).length;
    };
    const counts = [0.2, 0.6, 1.0, 1.4].map(recruited);
    expect(counts).toEqual([...counts].sort((a, b) => a - b));
    expect(counts[3]).toBeGreaterThan(counts[0] + 6);
  });

  it("linear encoding has no thresholds and the wiring it had before", () => {
    const lin = wireMossy(params("linear"), 1, Rng.derive(1, "wiring"));
    const th = wireMossy(params("threshold"), 1, Rng.derive(1, "wiring"));
    expect(lin.threshold).toBeNull();
    expect(lin.gain).toEqual(th.gain);
    expect(lin.source).toEqual(th.source);
  });
});
