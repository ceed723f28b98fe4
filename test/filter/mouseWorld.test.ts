/** The licking mouse's chewing and head movement, and the filter on them. */
import { describe, expect, it } from "vitest";
import { cancellationDb } from "../../src/analysis/cancellation.js";
import { pearson } from "../../src/analysis/pearson.js";
import { setPath } from "../../src/model/paths.js";
import { Rng } from "../../src/model/rng.js";
import { sourceMasks } from "../../src/paradigms/dcn/experiments.js";
import { dcn } from "../../src/paradigms/dcn/index.js";
import { makeFilter } from "../../src/paradigms/filter/common.js";
import { lickingMouseScene, lickingMouseSchema } from "../../src/world/lickingMouse.js";
import { runScene, type Scene } from "../../src/world/scene.js";
import { fieldOf } from "../configErrors.js";

const DT = 2;
const world = (extra: Record<string, unknown>, seconds = 60, seed = 5) =>
  lickingMouseScene(
    lickingMouseSchema.parse(extra),
    DT,
    seconds * 1000,
    Rng.derive(seed, "mouse-world"),
  );

/** Onsets (steps) where a channel of the context rises from 0. */
function pulseOnsets(s: Scene, channel: string): number[] {
  const c = s.contextNames.indexOf(channel);
  const C = s.contextNames.length;
  const out: number[] = [];
  for (let t = 1; t < s.steps; t++) {
    if (s.context[t * C + c] > 0 && s.context[(t - 1) * C + c] === 0) out.push(t);
  }
  return out;
}

/** Onsets of a sound source: its channel-summed level crossing `level` upward. */
function soundOnsets(s: Scene, source: string, level: number): number[] {
  const n = s.sensoryNames.length;
  const x = s.components[source];
  const out: number[] = [];
  let prev = 0;
  for (let t = 0; t < s.steps; t++) {
    let v = 0;
    for (let j = 0; j < n; j++) v += x[t * n + j];
    if (v > level && prev <= level) out.push(t);
    prev = v;
  }
  return out;
}

/** Rates (Hz) of successive onsets less than `maxGapMs` apart (i.e. within a bout). */
const withinBoutRates = (onsets: number[], maxGapMs: number) =>
  onsets
    .slice(1)
    .map((t, i) => (t - onsets[i]) * DT)
    .filter((ms) => ms < maxGapMs)
    .map((ms) => 1000 / ms);

const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;

describe("licking mouse: chewing", () => {
  const s = world({ chewing: { enabled: true } }, 90);

  it("chews in bouts at 4–6 Hz, measured from the chew command and the chewing sound", () => {
    expect(s.contextNames).toEqual(["lick", "jaw", "chew"]);
    const commandRates = withinBoutRates(pulseOnsets(s, "chew"), 300);
    expect(commandRates.length).toBeGreaterThan(50);
    expect(Math.min(...commandRates)).toBeGreaterThan(4 / 1.08);
    expect(Math.max(...commandRates)).toBeLessThan(6 * 1.08);
    const soundRates = withinBoutRates(soundOnsets(s, "chew", 0.02), 300);
    expect(soundRates.length).toBeGreaterThan(0.8 * commandRates.length);
    expect(mean(soundRates)).toBeGreaterThan(4);
    expect(mean(soundRates)).toBeLessThan(6);
    // Licking keeps its own, faster rhythm.
    const lickRates = withinBoutRates(pulseOnsets(s, "lick"), 200);
    expect(mean(lickRates)).toBeGreaterThan(6);
    expect(mean(lickRates)).toBeLessThan(8);
  });

  it("chewing and licking alternate: no chew sound overlaps a lick window", () => {
    const n = s.sensoryNames.length;
    const licks = s.events.filter((e) => e.kind === "lick");
    let overlap = 0;
    for (const e of licks) {
      for (let t = e.step; t < Math.min(s.steps, e.step + e.length); t++) {
        for (let j = 0; j < n; j++) if (s.components.chew[t * n + j] !== 0) overlap++;
      }
    }
    expect(licks.length).toBeGreaterThan(100);
    expect(overlap).toBe(0);
  });

  it("the chewing sound depends nonlinearly on bite force (a fracture threshold) and on gape", () => {
    const n = s.sensoryNames.length;
    const chews = s.events.filter((e) => e.kind === "chew" && e.step + e.length < s.steps);
    const peak = (step: number) => {
      let v = 0;
      for (let j = 0; j < n; j++) v += s.components.chew[step * n + j];
      return v;
    };
    const points = chews.map((e) => ({ f: Number(e.force), y: peak(e.step), e }));
    // Slope of loudness on force below and above the fracture force (0.9 by default).
    const slope = (lo: number, hi: number) => {
      const p = points.filter((q) => q.f >= lo && q.f < hi);
      const mf = mean(p.map((q) => q.f));
      const my = mean(p.map((q) => q.y));
      const cov = p.reduce((a, q) => a + (q.f - mf) * (q.y - my), 0);
      const varF = p.reduce((a, q) => a + (q.f - mf) ** 2, 0);
      return cov / varF;
    };
    expect(slope(0.9, 1.3)).toBeGreaterThan(4 * slope(0.4, 0.9));
    // A wider gape meets the food later in the cycle and moves the spectrum up.
    const delay = chews.map((e) => (e.step - Number(e.command)) / Number(e.cycle));
    const gape = chews.map((e) => Number(e.gape));
    expect(pearson(gape, delay)).toBeGreaterThan(0.8);
    const centroid = chews.map((e) => {
      let a = 0;
      let b = 0;
      for (let j = 0; j < n; j++) {
        a += j * s.components.chew[e.step * n + j];
        b += s.components.chew[e.step * n + j];
      }
      return a / b;
    });
    expect(pearson(gape, centroid)).toBeGreaterThan(0.8);
  });

  it("off by default, and then the world is exactly what it was without it", () => {
    const plain = world({}, 20);
    const off = world({ chewing: { enabled: false }, head: { enabled: false } }, 20);
    expect(plain.contextNames).toEqual(["lick", "jaw"]);
    expect(off.context).toEqual(plain.context);
    expect(off.components.self).toEqual(plain.components.self);
    expect(plain.events.some((e) => e.kind === "chew" || e.kind === "head")).toBe(false);
  });

  it("bad chewing and head settings name the field", () => {
    expect(fieldOf(() => dcn.resolve({ world: { chewing: { rateMinHz: 6, rateMaxHz: 4 } } }))).toBe(
      "world.chewing.rateMaxHz",
    );
    expect(fieldOf(() => dcn.resolve({ world: { chewing: { foodSize: 0.5 } } }))).toBe(
      "world.chewing.foodSize",
    );
    expect(fieldOf(() => dcn.resolve({ world: { chewing: { bite: 1 } } }))).toBe(
      "world.chewing.bite",
    );
    expect(fieldOf(() => dcn.resolve({ world: { head: { rateHz: -1 } } }))).toBe(
      "world.head.rateHz",
    );
    expect(
      fieldOf(() => dcn.resolve({ world: { head: { durationMinMs: 300, durationMaxMs: 100 } } })),
    ).toBe("world.head.durationMaxMs");
  });
});

describe("dcn config with chewing and head movement", () => {
  it("chews by default and gives each context channel 16 mossy fibres, also when --set adds head movement", () => {
    const c = dcn.resolve({});
    expect(c.world.chewing.enabled).toBe(true);
    expect(c.world.head.enabled).toBe(false);
    expect(c.model.mossy.count).toBe(3 * 16);
    const withHead = dcn.resolve(setPath(c, "world.head.enabled", true) as Record<string, unknown>);
    expect(withHead.model.mossy.count).toBe(6 * 16);
    expect(dcn.resolve(JSON.parse(JSON.stringify(withHead)))).toEqual(withHead);
    // A larger count chosen by the user is kept.
    expect(dcn.resolve({ model: { mossy: { count: 200 } } }).model.mossy.count).toBe(200);
  });
});

describe("licking mouse: head movement", () => {
  it("gives vestibular and neck context and a rustle that grows with speed², whatever the direction", () => {
    const s = world({ head: { enabled: true, rateHz: 1 } }, 60);
    expect(s.contextNames).toEqual(["lick", "jaw", "headLeft", "headRight", "headPosition"]);
    const C = s.contextNames.length;
    const n = s.sensoryNames.length;
    const v: number[] = [];
    const loud: number[] = [];
    for (let t = 0; t < s.steps; t++) {
      const left = s.context[t * C + 2];
      const right = s.context[t * C + 3];
      expect(left + right).toBeCloseTo(1, 6);
      const pos = s.context[t * C + 4];
      expect(pos).toBeGreaterThanOrEqual(0);
      expect(pos).toBeLessThanOrEqual(1);
      v.push(2 * left - 1);
      loud.push(s.components.head[t * n]);
    }
    const turns = s.events.filter((e) => e.kind === "head");
    expect(turns.length).toBeGreaterThan(20);
    expect(turns.some((e) => Number(e.peak) > 0)).toBe(true);
    expect(turns.some((e) => Number(e.peak) < 0)).toBe(true);
    // The rustle is even in velocity: unrelated to its sign, tied to its square.
    expect(Math.abs(pearson(v, loud))).toBeLessThan(0.3);
    expect(
      pearson(
        v.map((x) => x * x),
        loud,
      ),
    ).toBeGreaterThan(0.95);
  });
});

describe("the filter on chewing", () => {
  it("cancels chewing sounds as well as lick sounds; the VCN-like path does not", () => {
    const config = dcn.resolve({ model: { granule: { count: 1000 } } });
    const o = { ...config.world, externalRateHz: 0, playbackRateHz: 0 };
    const train = lickingMouseScene(o, DT, 60_000, Rng.derive(2, "chew-train"));
    const test = lickingMouseScene(o, DT, 20_000, Rng.derive(2, "chew-test"));
    const body = { noiseSd: config.body.noiseSd, restingInput: config.body.restingInput };
    const measure = (plastic: boolean) => {
      const f = makeFilter(train, config.model, { ...config.filter, plastic }, 2);
      runScene(f, train, Rng.derive(2, "noise-train"), body);
      const rec = runScene(f, test, Rng.derive(2, "noise-test"), body);
      const masks = sourceMasks(test);
      return {
        chew: cancellationDb(test.components.chew, rec.prediction, masks.chew),
        lick: cancellationDb(test.components.self, rec.prediction, masks.lick),
      };
    };
    const learned = measure(true);
    const vcn = measure(false);
    expect(learned.chew).toBeGreaterThan(2);
    expect(learned.lick).toBeGreaterThan(4);
    expect(vcn.chew).toBeCloseTo(0, 6);
  }, 60_000);
});
