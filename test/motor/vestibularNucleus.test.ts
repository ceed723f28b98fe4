import { describe, expect, it } from "vitest";
import { ClimbingFibres } from "../../src/circuit/olive.js";
import { VestibularNucleus } from "../../src/circuit/vestibularNucleus.js";
import { cerebellumParamsSchema } from "../../src/model/cerebellum.js";
import { resolveVor } from "../../src/paradigms/vor/index.js";
import { buildVor, darkTest, simulateCondition } from "../../src/paradigms/vor/simulate.js";
import { still } from "../../src/world/motor/stimulus.js";
import { fieldOf } from "../configErrors.js";

const rule = { rate: 0.001, depressionRatio: 3, minWeight: 0.5, maxWeight: 1.2 };

describe("vestibular-nucleus site (circuit/vestibularNucleus.ts)", () => {
  it("one step by hand: Δv_s = dt · x_s · D(p_s) · room_s, each side from its own canal", () => {
    const vn = new VestibularNucleus(rule, 5);
    // Floccular push u_c/S = −0.4 while the + canal fires at 0.5: it adds to side +'s drive
    // (d₊ = −1), so p₊ = 0.4 > 0 potentiates v₊; the silent − canal leaves v₋.
    vn.learn(0.5, 0, -0.4);
    expect(vn.v[0]).toBeCloseTo(1 + 5 * 0.5 * 0.001 * 0.4 * ((1.2 - 1) / (1.2 - 1)), 12);
    expect(vn.v[1]).toBe(1);
    // The same push while the − canal fires opposes side −'s drive: depression at r·η₊.
    vn.learn(0, 0.5, -0.4);
    expect(vn.v[1]).toBeCloseTo(1 - 5 * 0.5 * 3 * 0.001 * 0.4 * ((1 - 0.5) / (1 - 0.5)), 12);
    expect(vn.drive(1, 0)).toBeCloseTo(vn.v[0], 12);
    expect(vn.drive(0, 1)).toBeCloseTo(-vn.v[1], 12);
  });

  it("gain-up is potentiation of both sides, gain-down depression of both; depression is faster", () => {
    const up = new VestibularNucleus(rule, 5);
    const down = new VestibularNucleus(rule, 5);
    for (let t = 0; t < 100; t++) {
      const h = Math.sin((2 * Math.PI * t) / 50);
      const [xPos, xNeg] = [Math.max(0, h), Math.max(0, -h)];
      // Gain-up: the flocculus pushes the eye along the brainstem's (compensatory) command.
      up.learn(xPos, xNeg, -0.2 * h);
      down.learn(xPos, xNeg, 0.2 * h);
    }
    expect(up.v[0]).toBeGreaterThan(1);
    expect(up.v[1]).toBeGreaterThan(1);
    expect(down.v[0]).toBeLessThan(1);
    expect(down.v[1]).toBeLessThan(1);
    expect(1 - down.gain).toBeGreaterThan(2 * (up.gain - 1));
  });

  it("saturates softly at its bounds, with more room below than above", () => {
    const vn = new VestibularNucleus(rule, 5);
    for (let t = 0; t < 20_000; t++) vn.learn(1, 1, 0.5);
    // push > 0: side − potentiates (p₋ = push), side + depresses (p₊ = −push).
    expect(vn.v[1]).toBeLessThanOrEqual(1.2);
    expect(vn.v[1]).toBeGreaterThan(1.19);
    expect(vn.v[0]).toBeGreaterThanOrEqual(0.5);
    expect(vn.v[0]).toBeLessThan(0.51);
  });
});

describe("the site in the VOR paradigm", () => {
  const condition = (optics: "againstHead" | "withHead" | "x0_5", minutes: number) => ({
    name: optics,
    phases: [{ name: "train", optics, head: "moving" as const, minutes }],
  });
  const change = (optics: "againstHead" | "withHead", enabled: boolean, seed = 1) => {
    const config = resolveVor({ seed, body: { vestibularNucleus: { enabled } } });
    const pts = simulateCondition(config, condition(optics, 10)).points;
    return (pts.at(-1)!.gain - pts[0].gain) / pts[0].gain;
  };

  const on = { body: { vestibularNucleus: { enabled: true } } };
  const off = { body: { vestibularNucleus: { enabled: false } } };

  it("is on by default, and off on request; bad bounds are named", () => {
    expect(resolveVor({}).body.vestibularNucleus.enabled).toBe(true);
    expect(buildVor(resolveVor({})).body.nucleus).not.toBeNull();
    expect(buildVor(resolveVor(off)).body.nucleus).toBeNull();
    expect(fieldOf(() => resolveVor({ body: { vestibularNucleus: { minWeight: 1.2 } } }))).toBe(
      "body.vestibularNucleus.minWeight",
    );
    expect(fieldOf(() => resolveVor({ body: { vestibularNucleus: { rate: -1 } } }))).toBe(
      "body.vestibularNucleus.rate",
    );
  });

  it("makes gain-down larger than gain-up (the flocculus alone gives mirror images)", () => {
    const withSite = Math.abs(change("withHead", true)) - Math.abs(change("againstHead", true));
    const cortexOnly = Math.abs(change("withHead", false)) - Math.abs(change("againstHead", false));
    // Measured (seed 1, 10 min): +1.7 points of asymmetry with the site, ≈ 0 without.
    expect(withSite).toBeGreaterThan(0.01);
    expect(withSite - cortexOnly).toBeGreaterThan(0.01);
    expect(Math.abs(cortexOnly)).toBeLessThan(withSite / 2);
  });

  it("transfers the floccular change to the nucleus only while the head moves and learning is on", () => {
    const config = resolveVor({ seed: 1, ...on });
    const rig = buildVor(config);
    rig.body.optics = { vision: true, magnification: 0.5, sceneGain: 0 };
    let slip: number | null = null;
    const steps = (5 * 60_000) / config.timeScale / config.model.dtMs;
    for (let i = 0; i < steps; i++) {
      const errors = slip === null ? null : [slip];
      const u = rig.loop.step(rig.body.sense(), errors);
      slip = rig.body.act(u[0]).slip;
    }
    const nucleus = rig.body.nucleus!;
    const learned = nucleus.gain;
    expect(learned).toBeLessThan(0.998);
    darkTest(rig, config, 2);
    expect(nucleus.gain).toBe(learned);
    expect(rig.body.learning).toBe(true);
    // Head still: no canal input, nothing transferred.
    rig.body.head = still;
    for (let i = 0; i < 2000; i++) {
      const u = rig.loop.step(rig.body.sense(), null);
      rig.body.act(u[0]);
    }
    expect(nucleus.gain).toBe(learned);
  });

  it("same seed → same gains", () => {
    const run = () =>
      simulateCondition(resolveVor({ seed: 3, ...on }), condition("x0_5", 5)).points.map(
        (p) => p.gain,
      );
    expect(run()).toEqual(run());
  });
});

describe("climbing-fibre rate saturating with error size (olive.events.maxHz)", () => {
  const fibres = (maxHz: number) =>
    new ClimbingFibres(
      cerebellumParamsSchema.parse({
        dtMs: 5,
        granule: { count: 100 },
        mossy: { count: 16 },
        olive: { events: { enabled: true, backgroundHz: 1, gainHz: 10, maxHz } },
      }),
      1,
    );

  it("off: π = (r₀ + k·e)·dt; on: rises with e toward r_max·dt and never above it", () => {
    const linear = fibres(0);
    expect(linear.probability(0.5)).toBeCloseTo((1 + 10 * 0.5) * 0.005, 12);
    const sat = fibres(4);
    expect(sat.probability(0)).toBeCloseTo(0.005, 12);
    expect(sat.probability(-0.05)).toBeCloseTo(linear.probability(-0.05), 12);
    const ps = [0.05, 0.2, 1, 10].map((e) => sat.probability(e));
    for (let i = 1; i < ps.length; i++) expect(ps[i]).toBeGreaterThan(ps[i - 1]);
    expect(ps.at(-1)!).toBeLessThanOrEqual(4 * 0.005);
    expect(ps.at(-1)!).toBeGreaterThan(0.99 * 4 * 0.005);
    // A 50× larger error teaches less than 2× more once saturated.
    expect(sat.probability(10) - 0.005).toBeLessThan(2 * (sat.probability(0.2) - 0.005));
  });
});
