import { describe, expect, it } from "vitest";
import { VestibularNucleus } from "../../src/circuit/vestibularNucleus.js";
import { resolveVor } from "../../src/paradigms/vor/index.js";
import { buildVor, darkTest, type VorRig } from "../../src/paradigms/vor/simulate.js";
import { still } from "../../src/world/motor/stimulus.js";
import { fieldOf } from "../configErrors.js";

const rule = { rate: 0.001, depressionRatio: 3, minWeight: 0.5, maxWeight: 1.2 };

/** Steps of the closed loop (the paradigm's own step, learning as set on the rig). */
function run(rig: VorRig, steps: number): void {
  let slip: number | null = null;
  for (let i = 0; i < steps; i++) {
    const u = rig.loop.step(rig.body.sense(), slip === null ? null : [slip]);
    slip = rig.body.act(u[0]).slip;
  }
}

describe("rest transfer (circuit/restTransfer.ts)", () => {
  it("by hand: rest applies the online rule with the held product; a naive site transfers nothing", () => {
    const naive = new VestibularNucleus({ ...rule, transfer: "rest" }, 5);
    for (let i = 0; i < 1000; i++) naive.rest();
    expect([...naive.v]).toEqual([1, 1]);

    const vn = new VestibularNucleus({ ...rule, transfer: "rest", replayWindowMs: 5 }, 5);
    // A gain-down push (floccular output opposing side +'s drive) while the + canal fires:
    // "rest" mode learns nothing online, it only holds the product p₊·x₊ = −0.4·0.5.
    vn.learn(0.5, 0, 0.4);
    expect([...vn.v]).toEqual([1, 1]);
    const held = (1 - Math.exp(-1)) * -0.4 * 0.5;
    expect(vn.replay!.held[0]).toBeCloseTo(held, 12);
    vn.rest();
    // Depression at r·η₊ with full room, x = 1 and p = the held product.
    expect(vn.v[0]).toBeCloseTo(1 + 5 * 3 * 0.001 * held, 12);
    expect(vn.v[1]).toBe(1);
  });

  it('"online" (the default) never learns at rest; "both" learns online and at rest', () => {
    const online = new VestibularNucleus(rule, 5);
    online.learn(0.5, 0, 0.4);
    const after = online.v[0];
    expect(after).toBeLessThan(1);
    for (let i = 0; i < 100; i++) online.rest();
    expect(online.v[0]).toBe(after);

    const both = new VestibularNucleus({ ...rule, transfer: "both" }, 5);
    both.learn(0.5, 0, 0.4);
    expect(both.v[0]).toBe(after);
    both.rest();
    expect(both.v[0]).toBeLessThan(after);
  });

  it("in the paradigm: after gain-down training a still rest depresses the canal weights; a naive rig's rest does not", () => {
    const config = resolveVor({
      seed: 1,
      body: { vestibularNucleus: { enabled: true, transfer: "rest" } },
    });
    const stepsPerMinute = 60_000 / config.timeScale / config.model.dtMs;
    const rest = (rig: VorRig) => {
      rig.body.optics = { vision: false, magnification: 1, sceneGain: 0 };
      rig.body.head = still;
      run(rig, 10 * stepsPerMinute);
    };

    const naive = buildVor(config);
    rest(naive);
    expect([...naive.body.nucleus!.v]).toEqual([1, 1]);

    const trained = buildVor(config);
    trained.body.optics = { vision: true, magnification: 0.5, sceneGain: 0 };
    run(trained, 10 * stepsPerMinute);
    const nucleus = trained.body.nucleus!;
    // "rest" mode: 10 min of training moved nothing in the nucleus, only the held products.
    expect([...nucleus.v]).toEqual([1, 1]);
    expect(nucleus.replay!.held[0]).toBeLessThan(0);
    expect(nucleus.replay!.held[1]).toBeLessThan(0);
    // A dark test (learning frozen) transfers nothing either.
    darkTest(trained, config, 2);
    expect([...nucleus.v]).toEqual([1, 1]);
    rest(trained);
    expect(nucleus.v[0]).toBeLessThan(0.999);
    expect(nucleus.v[1]).toBeLessThan(0.999);
  });

  it("bad settings are named", () => {
    expect(resolveVor({}).body.vestibularNucleus.transfer).toBe("online");
    expect(fieldOf(() => resolveVor({ body: { vestibularNucleus: { transfer: "sleep" } } }))).toBe(
      "body.vestibularNucleus.transfer",
    );
    expect(fieldOf(() => resolveVor({ body: { vestibularNucleus: { replayWindowMs: 0 } } }))).toBe(
      "body.vestibularNucleus.replayWindowMs",
    );
  });
});
