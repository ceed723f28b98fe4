import { describe, expect, it } from "vitest";
import { cancellationDb } from "../../src/analysis/cancellation.js";
import { dPrime } from "../../src/analysis/dprime.js";
import { fitExponential } from "../../src/analysis/exponentialFit.js";
import { pearson } from "../../src/analysis/pearson.js";
import { passThroughDb, templateGain } from "../../src/analysis/templateGain.js";
import { filterEngineParams, filterOptionsSchema, InputFilter } from "../../src/brain/filter.js";
import { NlmsCanceller, nlmsOptionsSchema } from "../../src/brain/nlms.js";
import { ConfigError } from "../../src/model/errors.js";
import { deepMerge } from "../../src/model/merge.js";
import { Rng } from "../../src/model/rng.js";
import { FILTER_MODEL_DEFAULTS } from "../../src/paradigms/dcn/config.js";
import { electricFishScene, electricFishSchema } from "../../src/world/electricFish.js";
import { lickingMouseScene, lickingMouseSchema } from "../../src/world/lickingMouse.js";
import { runScene } from "../../src/world/scene.js";

const params = (extra = {}) => filterEngineParams(deepMerge(FILTER_MODEL_DEFAULTS, extra));

describe("analysis helpers", () => {
  it("cancellation dB, template gain and pass-through", () => {
    const x = [1, -1, 2, 0.5];
    expect(
      cancellationDb(
        x,
        x.map((v) => 0.9 * v),
      ),
    ).toBeCloseTo(20, 6);
    expect(cancellationDb(x, [0, 0, 0, 0])).toBeCloseTo(0, 9);
    expect(
      templateGain(
        x.map((v) => 0.5 * v),
        x,
      ),
    ).toBeCloseTo(0.5, 9);
    expect(passThroughDb(x, x)).toBeCloseTo(0, 9);
    expect(templateGain([1, 1], [0, 0])).toBeNaN();
  });
  it("d′, Pearson r and exponential fits", () => {
    expect(dPrime([2, 3, 4], [0, 1, 2])).toBeCloseTo(2, 9);
    expect(pearson([1, 2, 3], [2, 4, 6])).toBeCloseTo(1, 9);
    expect(pearson([1, 2, 3], [3, 2, 1])).toBeCloseTo(-1, 9);
    const t = Array.from({ length: 30 }, (_, i) => i);
    const fit = fitExponential(
      t,
      t.map((i) => 0.2 + 0.8 * Math.exp(-i / 7)),
    );
    expect(fit.tau).toBeCloseTo(7, 3);
    expect(fit.yInf).toBeCloseTo(0.2, 4);
  });
});

describe("worlds", () => {
  it("licking mouse: bouts at 6–8 Hz, lick sounds depend on force, external sounds at random times", () => {
    const o = lickingMouseSchema.parse({ playbackRateHz: 0.5 });
    const s = lickingMouseScene(o, 2, 60_000, Rng.derive(3, "w"));
    const licks = s.events.filter((e) => e.kind === "lick");
    const ilis = licks
      .slice(1)
      .map((e, i) => (e.step - licks[i].step) * 2)
      .filter((ms) => ms < 300);
    expect(Math.min(...ilis)).toBeGreaterThanOrEqual(1000 / 8 / 1.04);
    expect(Math.max(...ilis)).toBeLessThanOrEqual((1000 / 6) * 1.04);
    expect(s.events.some((e) => e.kind === "external")).toBe(true);
    expect(s.events.some((e) => e.kind === "playback")).toBe(true);
    // Louder licks make louder sounds (peak over channels within each lick's window).
    const n = s.sensoryNames.length;
    const peak = (e: (typeof licks)[number]) => {
      let m = 0;
      for (let t = e.step; t < e.step + e.length && t < s.steps; t++)
        for (let j = 0; j < n; j++) m = Math.max(m, s.components.self[t * n + j]);
      return m;
    };
    const byForce = [...licks].sort((a, b) => Number(a.force) - Number(b.force));
    const q = Math.floor(byForce.length / 4);
    const weak = byForce.slice(0, q).reduce((a, e) => a + peak(e), 0) / q;
    const strong = byForce.slice(-q).reduce((a, e) => a + peak(e), 0) / q;
    expect(strong).toBeGreaterThan(1.3 * weak);
    // Same seed, same world.
    const again = lickingMouseScene(o, 2, 60_000, Rng.derive(3, "w"));
    expect(again.components.self).toEqual(s.components.self);
    expect(again.context).toEqual(s.context);
  });
  it("electric fish: the command precedes its reafference; prey at random times", () => {
    const o = electricFishSchema.parse({ preyRateHz: 2 });
    const s = electricFishScene(o, 2, 20_000, Rng.derive(3, "f"));
    const eods = s.events.filter((e) => e.kind === "eod");
    expect(eods.length).toBeGreaterThan(40);
    const n = s.sensoryNames.length;
    const e = eods[3];
    // Channel 0 peaks ~12 ms after the command.
    let best = 0;
    for (let k = 0; k < 50; k++)
      if (s.components.self[(e.step + k) * n] > s.components.self[(e.step + best) * n]) best = k;
    expect(best * 2).toBeGreaterThanOrEqual(8);
    expect(best * 2).toBeLessThanOrEqual(16);
    expect(s.events.filter((x) => x.kind === "prey").length).toBeGreaterThan(10);
  });
});

describe("input filter", () => {
  const fish = electricFishSchema.parse({});
  const run = (plastic: boolean, seed = 1) => {
    const scene = electricFishScene(fish, 2, 30_000, Rng.derive(seed, "w"));
    const f = new InputFilter({
      sensory: scene.sensoryNames,
      context: scene.contextNames,
      params: params(),
      options: filterOptionsSchema.parse({ restingInput: 0.5, plastic }),
      seed,
    });
    const rec = runScene(f, scene, Rng.derive(seed, "n"), { noiseSd: 0.02, restingInput: 0.5 });
    const half = (scene.steps / 2) * scene.sensoryNames.length;
    const late = (a: Float32Array) => a.subarray(half);
    return { db: cancellationDb(late(scene.components.self), late(rec.prediction)), rec, f };
  };

  it("learns to cancel command-locked reafference; without plasticity it passes unchanged", () => {
    const learned = run(true);
    const off = run(false);
    expect(learned.db).toBeGreaterThan(10);
    expect(off.db).toBeCloseTo(0, 9);
    expect(learned.f.output.length).toBe(4);
  });

  it("is deterministic for a seed", () => {
    expect(run(true, 5).rec.unexpected).toEqual(run(true, 5).rec.unexpected);
  });

  it("codes residuals as non-negative rates: baseline or on/off pairs, with a gain on the unexpected part", () => {
    const base = (options: object) =>
      new InputFilter({
        sensory: ["a", "b"],
        context: ["c"],
        params: params(),
        options: filterOptionsSchema.parse({ restingInput: 0.5, ...options }),
        seed: 1,
      });
    const b = base({ unexpectedGain: 2, outputBaseline: 1 });
    const out = b.step([0.8, 0], [0]);
    expect(out[0]).toBeCloseTo(1 + 2 * 0.3, 9); // ŷ = 0 before learning
    expect(out[1]).toBe(0); // 1 + 2·(−0.5) = 0, clipped at 0
    const onoff = base({ coding: "onoff" });
    const r = onoff.step([0.8, 0.1], [0]);
    expect(Array.from(r).map((v) => Number(v.toFixed(9)))).toEqual([0.3, 0, 0, 0.4]);
  });

  it("rejects bad options naming the field", () => {
    expect(() => filterEngineParams({ granule: { count: 5 } })).toThrow(ConfigError);
    try {
      filterEngineParams({ granule: { count: 5 } });
    } catch (err) {
      expect((err as ConfigError).field).toBe("model.granule.count");
    }
  });
});

describe("NLMS baseline", () => {
  it("cancels a signal linear in its reference, and not an external one", () => {
    const nl = new NlmsCanceller(
      1,
      1,
      nlmsOptionsSchema.parse({ taps: 10, tapSpacingMs: 1, stepSize: 0.5 }),
      1,
    );
    const rng = new Rng(4);
    let before = 0;
    let after = 0;
    for (let t = 0; t < 20_000; t++) {
      const c = rng.uniform();
      nl.step([2 * c], [c]);
      if (t < 100) before += nl.unexpected[0] ** 2;
      if (t >= 19_900) after += nl.unexpected[0] ** 2;
    }
    expect(after).toBeLessThan(0.01 * before);
    expect(() => new NlmsCanceller(0, 1, nlmsOptionsSchema.parse({}), 1)).toThrow(ConfigError);
  });
});
