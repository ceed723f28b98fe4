import { describe, expect, it } from "vitest";
import { Amygdala } from "../../src/brain/amygdala.js";
import {
  type AmygdalaChannel,
  type AmygdalaParamsInput,
  amygdalaParamsSchema,
} from "../../src/model/amygdala.js";

const CHANNELS: AmygdalaChannel[] = [
  { name: "tone", role: "cue" },
  { name: "light", role: "cue" },
  { name: "thought", role: "cortex" },
  { name: "context-A", role: "context" },
  { name: "context-B", role: "context" },
];

function build(overrides: AmygdalaParamsInput = {}, seed = 1) {
  const params = amygdalaParamsSchema.parse({
    la: { count: 800 },
    itc: { count: 800 },
    inputs: { count: 256 },
    ...overrides,
  });
  return new Amygdala({ kind: "amygdala", params, channels: CHANNELS, outputs: ["fear"], seed });
}

/**
 * One trial in a context: 20 s alone, a 10-s cue, the shock 9 s into it (if `shock`), 30 s
 * after. Returns the mean fear output over the cue's first 9 s (before any shock).
 */
function trial(a: Amygdala, cue: string | null, place: string, shock: boolean): number {
  const context = new Float64Array(CHANNELS.length);
  context[a.channelIndex(place)] = 1;
  let sum = 0;
  for (let k = 0; k < 600; k++) {
    const on = k >= 200 && k < 300;
    if (cue) context[a.channelIndex(cue)] = on ? 1 : 0;
    const z = a.step(context, [shock && k >= 290 && k < 300 ? 1 : 0]);
    if (k >= 200 && k < 290) sum += z[0];
  }
  return sum / 90;
}

describe("amygdala: supervised fear learning with context-gated extinction", () => {
  it("is deterministic: the same seed gives bit-identical outputs and weights", () => {
    const run = (seed: number) => {
      const a = build({}, seed);
      const out = [trial(a, "tone", "context-A", true), trial(a, "tone", "context-A", false)];
      return { out, w: Array.from(a.la.w), u: Array.from(a.itcCue.w) };
    };
    expect(run(1)).toEqual(run(1));
    expect(run(2).out).not.toEqual(run(1).out);
  });

  it("needs a place and a cue channel", () => {
    const params = amygdalaParamsSchema.parse({});
    expect(
      () =>
        new Amygdala({
          kind: "amygdala",
          params,
          channels: [{ name: "tone", role: "cue" }],
          outputs: ["fear"],
          seed: 1,
        }),
    ).toThrow(/role "context"/);
    expect(
      () =>
        new Amygdala({
          kind: "amygdala",
          params,
          channels: [{ name: "context-A", role: "context" }],
          outputs: ["fear"],
          seed: 1,
        }),
    ).toThrow(/"cue" or "cortex"/);
  });

  it("learns to fear a cue in one or two pairings (its output nears the shock's magnitude)", () => {
    const a = build();
    const z = [0, 1, 2, 3].map(() => trial(a, "tone", "context-A", true));
    expect(z[0]).toBeCloseTo(0, 5);
    expect(z[1]).toBeGreaterThan(0.5);
    expect(z[3]).toBeGreaterThan(0.8);
    expect(z[3]).toBeLessThan(1.3);
  });

  it("predicts ahead: fear rises at cue onset, before the shock, and is gone well after the cue", () => {
    const a = build();
    for (let k = 0; k < 4; k++) trial(a, "tone", "context-A", true);
    const context = new Float64Array(CHANNELS.length);
    context[a.channelIndex("context-A")] = 1;
    const z: number[] = [];
    for (let k = 0; k < 600; k++) {
      context[a.channelIndex("tone")] = k >= 200 && k < 300 ? 1 : 0;
      z.push(a.step(context, [0])[0]);
    }
    expect(z[150]).toBeLessThan(0.2);
    expect(z[201]).toBeGreaterThan(0.7);
    expect(z[450]).toBeLessThan(0.2);
  });

  it("extinguishes by new ITC learning, not by erasing LA: fear returns in another context", () => {
    const a = build();
    for (let k = 0; k < 4; k++) trial(a, "tone", "context-A", true);
    const laBefore = a.la.w.reduce((s, w) => s + w, 0);
    const extinction = Array.from({ length: 20 }, () => trial(a, "tone", "context-B", false));
    const laAfter = a.la.w.reduce((s, w) => s + w, 0);
    expect(extinction[19]).toBeLessThan(0.4 * extinction[0]);
    expect(a.itcCue.w.reduce((s, w) => s + w, 0)).toBeGreaterThan(0);
    expect(laAfter).toBeGreaterThan(0.6 * laBefore);
    // ABA renewal: the extinction memory is bound to context B.
    a.rest(2 * 3.6e6);
    const renewal = trial(a, "tone", "context-A", false);
    expect(renewal).toBeGreaterThan(2 * extinction[19]);
  });

  it("a box with unsignalled shocks keeps a standing fear near the true risk (the LA bound does not cap it)", () => {
    // A 1-s shock every 40 s in context A, no cue: a shock falls within the next Δ = 10 s a
    // quarter of the time. Returns the mean fear over the shock-free 19 s before the last shock.
    const contextFear = (overrides: AmygdalaParamsInput) => {
      const a = build(overrides);
      const context = new Float64Array(CHANNELS.length);
      context[a.channelIndex("context-A")] = 1;
      let sum = 0;
      for (let cycle = 0; cycle < 30; cycle++) {
        sum = 0;
        for (let k = 0; k < 400; k++) {
          const z = a.step(context, [k >= 200 && k < 210 ? 1 : 0]);
          if (k < 190) sum += z[0];
        }
      }
      return sum / 190;
    };
    const fear = contextFear({});
    expect(fear).toBeGreaterThan(0.15);
    expect(fear).toBeLessThan(0.35);
    // With the old bound (3) the place's few LA cells saturate near 0.75 and ITC-place, still
    // learning from every shock-free second, pulls the box's fear down to a fraction of the risk.
    expect(contextFear({ plasticity: { la: { maxWeight: 3 } } })).toBeLessThan(0.5 * fear);
  });

  it("learns from cortex state: a thought that precedes shocks comes to evoke fear (a thought assessor)", () => {
    const a = build();
    for (let k = 0; k < 3; k++) trial(a, "thought", "context-A", true);
    expect(trial(a, "thought", "context-A", false)).toBeGreaterThan(0.5);
    expect(trial(a, "light", "context-A", false)).toBeLessThan(0.2);
  });

  it("rests without learning; the temporal context drifts over days, not within a session", () => {
    const a = build();
    trial(a, "tone", "context-A", true);
    const w = Array.from(a.la.w);
    const before = Array.from(a.temporal.value);
    a.rest(10 * 60 * 1000);
    expect(Array.from(a.temporal.value)).toEqual(before);
    a.rest(30 * 24 * 3.6e6);
    expect(Array.from(a.temporal.value)).not.toEqual(before);
    expect(Array.from(a.la.w)).toEqual(w);
  });

  it("gives the same learning at dt = 50 ms and dt = 100 ms (rates are per second)", () => {
    const zAt = (dtMs: number) => {
      const a = build({ dtMs });
      const steps = (s: number) => Math.round((s * 1000) / dtMs);
      const context = new Float64Array(CHANNELS.length);
      context[a.channelIndex("context-A")] = 1;
      let last = 0;
      for (let n = 0; n < 3; n++) {
        let sum = 0;
        for (let k = 0; k < steps(60); k++) {
          const t = k * dtMs;
          context[a.channelIndex("tone")] = t >= 20_000 && t < 30_000 ? 1 : 0;
          const z = a.step(context, [t >= 29_000 && t < 30_000 ? 1 : 0]);
          if (t >= 20_000 && t < 29_000) sum += z[0];
        }
        last = sum / steps(9);
      }
      return last;
    };
    expect(zAt(50)).toBeCloseTo(zAt(100), 1);
  });
});
