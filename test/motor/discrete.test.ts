/**
 * Discrete movements and late end-point errors (world/motor/movement.ts, discrete.ts;
 * paradigms/lateError). Margins come from `shoulda run late-error` (5 animals, 50 trials;
 * docs/motor.md "Discrete movements"): at a 200-ms gap the persistent plan removes 0.92–1.08 of
 * the deficit and the transient plan 0.12–0.20; the ungated module drifts 2.4° on average.
 */
import { describe, expect, it } from "vitest";
import { Cerebellum } from "../../src/brain/cerebellum.js";
import { AdaptiveMotorLoop } from "../../src/brain/motorLoop.js";
import { motor } from "../../src/index.js";
import { cerebellumParamsSchema } from "../../src/model/cerebellum.js";
import { ConfigError } from "../../src/model/errors.js";
import { deepMerge } from "../../src/model/merge.js";
import {
  LATE_ERROR_MODEL_DEFAULTS,
  resolveLateError,
} from "../../src/paradigms/lateError/config.js";
import { lateError } from "../../src/paradigms/lateError/index.js";
import { adaptation, buildRig } from "../../src/paradigms/lateError/rig.js";
import { DISCRETE_CHANNELS, DiscreteTrials } from "../../src/world/motor/discrete.js";
import { minimumJerk, pulseStep } from "../../src/world/motor/movement.js";
import { FirstOrderPlant } from "../../src/world/motor/plant.js";
import { fieldOf } from "../configErrors.js";

const integral = (v: (t: number) => number, T: number) => {
  let s = 0;
  for (let t = 0; t < T + 50; t += 0.1) s += (v(t) * 0.1) / 1000;
  return s;
};

describe("movements", () => {
  it("pulse–step and minimum-jerk commands reach the amplitude and stop", () => {
    for (const m of [pulseStep(10, 50), minimumJerk(20, 400)]) {
      expect(integral(m.velocity, m.durationMs)).toBeCloseTo(m.amplitude, 1);
      expect(m.position(m.durationMs + 10)).toBe(m.amplitude);
      expect(m.velocity(m.durationMs)).toBe(0);
      expect(m.velocity(-1)).toBe(0);
    }
    const reach = minimumJerk(20, 400);
    // Bell-shaped: peak at mid-movement, 1.875·A/T (Flash & Hogan 1985).
    expect(reach.velocity(200)).toBeCloseTo((1.875 * 20 * 1000) / 400, 9);
    expect(reach.velocity(100)).toBeLessThan(reach.velocity(200));
    expect(reach.position(200)).toBeCloseTo(10, 9);
    expect(() => pulseStep(10, 0)).toThrow(/durationMs must be > 0/);
    expect(() => minimumJerk(Number.NaN, 100)).toThrow(/amplitude must be finite/);
  });

  it("are in the public motor API", () => {
    expect(motor.pulseStep).toBe(pulseStep);
    expect(motor.DiscreteTrials).toBe(DiscreteTrials);
  });
});

function smallTrials(params: Record<string, unknown> = {}) {
  const p = cerebellumParamsSchema.parse({
    dtMs: 5,
    mossy: { count: 24, fibresPerChannel: 4 },
    granule: { count: 300 },
    plasticity: { mfNucleus: { enabled: false } },
    olive: { feedbackDelayMs: 20 },
  });
  const brain = new Cerebellum({
    kind: "cerebellum",
    params: p,
    channels: [...DISCRETE_CHANNELS],
    seed: 2,
  });
  const loop = new AdaptiveMotorLoop(brain, { errorDelayMs: 100, errorScale: 10, motorGain: 200 });
  return new DiscreteTrials(loop, new FirstOrderPlant(20, 5), params);
}

describe("DiscreteTrials", () => {
  it("names a bad field and its allowed values", () => {
    expect(fieldOf(() => smallTrials({ gapMs: -1 }))).toBe("trials.gapMs");
    expect(fieldOf(() => smallTrials({ planContext: "always" }))).toBe("trials.planContext");
    expect(() => smallTrials({ planContext: "always" })).toThrow(/persistent.*movement/);
    expect(() => resolveLateError({ animals: 0 })).toThrow(ConfigError);
    expect(fieldOf(() => resolveLateError({ gapsMs: [10, -5] }))).toBe("gapsMs[1]");
    expect(() => resolveLateError({ visibleMsList: [0] })).toThrow(/visibleMsList\[0\].*> 0/);
  });

  it("shows the error once, after the gap, for visibleMs; the olive hears it a latency later", () => {
    const trials = smallTrials({ gapMs: 150, visibleMs: 50, itiMs: 300, fixedGain: 0.5 });
    const seen: number[] = [];
    const loop = trials.loop;
    const step = loop.step.bind(loop);
    loop.step = (c, e) => {
      const out = step(c, e);
      seen.push(loop.received[0]);
      return out;
    };
    const r = trials.trial(pulseStep(10, 50), { learn: false });
    const heard = seen.flatMap((x, i) => (x !== 0 ? [i * 5] : []));
    // Shown 50 + 150 = 200 ms after onset for 50 ms; heard 100 ms later.
    expect(heard[0]).toBe(300);
    expect(heard.at(-1)).toBe(345);
    expect(heard).toHaveLength(10);
    expect(r.gain).toBeCloseTo(0.5, 2);
    expect(r.error).toBeCloseTo(5, 1);
  });
});

/** A 20-cm, 400-ms minimum-jerk reach with a weak arm (80 %), error shown 200 ms after it ends. */
function reachAdaptation(planContext: "persistent" | "movement", seed: number) {
  const params = cerebellumParamsSchema.parse(
    deepMerge(LATE_ERROR_MODEL_DEFAULTS, {
      plasticity: { pfPurkinje: { ltd: 0.0005, ltp: 0.0005 } },
    }),
  );
  const brain = new Cerebellum({
    kind: "cerebellum",
    params,
    channels: [...DISCRETE_CHANNELS],
    seed,
  });
  const loop = new AdaptiveMotorLoop(brain, { errorDelayMs: 100, errorScale: 20, motorGain: 100 });
  const trials = new DiscreteTrials(loop, new FirstOrderPlant(30, 5), {
    fixedGain: 0.8,
    gapMs: 200,
    planContext,
    planScale: 20,
    burstScale: 100,
  });
  const reach = minimumJerk(20, 400);
  const before = trials.trial(reach, { learn: false });
  for (let i = 0; i < 50; i++) trials.trial(reach);
  const after = trials.trial(reach, { learn: false });
  return (after.gain - before.gain) / (1 - before.gain);
}

describe("late end-point errors (late-error paradigm)", () => {
  it("the same parts build a reach: a held plan learns from an error 200 ms after it", () => {
    // Measured, seeds 1–3: held 0.98–1.00, transient 0.06–0.08.
    expect(reachAdaptation("persistent", 1)).toBeGreaterThan(0.8);
    expect(reachAdaptation("movement", 1)).toBeLessThan(0.3);
  });

  const config = resolveLateError({ trainingTrials: 50 });

  it("a persistent plan learns from an error 150–200 ms after the movement; a transient one does not", () => {
    for (const gapMs of [150, 200]) {
      const held = adaptation(config, { seed: 1, gapMs, planContext: "persistent" });
      const brief = adaptation(config, { seed: 1, gapMs, planContext: "movement" });
      expect(held.gainBefore).toBeCloseTo(0.7, 2);
      // Measured (5 animals): held 0.85–1.08, brief 0.12–0.39 at these gaps.
      expect(held.adaptation, `held, gap ${gapMs}`).toBeGreaterThan(0.7);
      expect(brief.adaptation, `brief, gap ${gapMs}`).toBeLessThan(0.5);
      expect(held.adaptation - brief.adaptation).toBeGreaterThan(0.4);
    }
  });

  it("gated output stops at the end point; ungated learned output drives the eye on", () => {
    const gated = adaptation(config, { seed: 2, gapMs: 200, planContext: "persistent" });
    const ungated = adaptation(config, {
      seed: 2,
      gapMs: 200,
      planContext: "persistent",
      gateOutput: false,
    });
    expect(Math.abs(gated.driftAfter)).toBeLessThan(0.1); // the plant's own settling (≈ 0.02°)
    expect(ungated.driftAfter).toBeGreaterThan(1); // measured 2.4° mean
  });

  it("longer visibility teaches more; same seed, same result", () => {
    const at = (visibleMs: number) =>
      adaptation(config, { seed: 3, gapMs: 150, planContext: "persistent", visibleMs }).adaptation;
    const short = at(25);
    expect(at(100)).toBeGreaterThan(short + 0.2); // measured 0.48 → 0.96 (means)
    expect(at(25)).toBe(short);
  });

  it("commands outside the movement are the fixed path's alone when gated", () => {
    const rig = buildRig(config, { seed: 1, gapMs: 100, planContext: "persistent" });
    for (let i = 0; i < 20; i++) rig.trials.trial(rig.saccade);
    const trace = { tMs: [] as number[], position: [] as number[], command: [] as number[] };
    rig.trials.trial(rig.saccade, { learn: false, trace });
    trace.tMs.forEach((t, i) => {
      if (t >= rig.saccade.durationMs) expect(trace.command[i]).toBe(0);
    });
    const during = trace.command.filter((_, i) => trace.tMs[i] < rig.saccade.durationMs);
    expect(Math.max(...during)).toBeGreaterThan(0.7 * 200 + 10); // the module adds to the pulse
  });

  it("the paradigm writes its curves and summary", async () => {
    const small = resolveLateError({
      animals: 2,
      trainingTrials: 5,
      gapsMs: [0, 200],
      visibleMsList: [50],
    });
    const out = await lateError.run(small);
    expect(out.files.map((f) => f.name)).toEqual([
      "adaptation.csv",
      "curves.csv",
      "delay.svg",
      "visibility.svg",
    ]);
    // 4 conditions × 2 gaps + 2 conditions × 1 visibility, each over 2 animals.
    expect(out.summary.curves).toHaveLength(10);
    const rows = String(out.files[0].data).trim().split("\n");
    expect(rows).toHaveLength(1 + 20);
  }, 60_000);
});
