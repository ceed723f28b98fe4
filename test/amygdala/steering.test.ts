import { describe, expect, it } from "vitest";
import {
  STEERING_EVENTS,
  STEERING_RESPONSES,
  Steering,
  steeringParamsSchema,
} from "../../src/brain/steering.js";

const event = (name: (typeof STEERING_EVENTS)[number], value = 1) => {
  const e = new Float64Array(STEERING_EVENTS.length);
  e[STEERING_EVENTS.indexOf(name)] = value;
  return e;
};
const none = new Float64Array(STEERING_EVENTS.length);
const response = (s: Steering, name: (typeof STEERING_RESPONSES)[number]) =>
  s.responses[STEERING_RESPONSES.indexOf(name)];

/** Steps until `name` first exceeds 0.5 after a one-step event at step 0. */
function latencySteps(
  dtMs: number,
  ev: (typeof STEERING_EVENTS)[number],
  name: (typeof STEERING_RESPONSES)[number],
): number {
  const s = new Steering(steeringParamsSchema.parse({ dtMs }));
  for (let t = 0; t < 2000; t++) {
    s.sense(t === 0 ? event(ev) : none);
    s.act();
    if (response(s, name) > 0.5) return t;
  }
  return Number.POSITIVE_INFINITY;
}

describe("steering subsystem: innate reflexes and shoulda signals", () => {
  it("gives each unconditioned response its published latency (rounded to steps)", () => {
    expect(latencySteps(5, "puff", "blink") * 5).toBe(15);
    expect(latencySteps(10, "shock", "withdrawal") * 10).toBe(30);
    expect(latencySteps(10, "looming", "freezing") * 10).toBe(250);
    expect(latencySteps(10, "bitter", "gape") * 10).toBe(300);
  });

  it("holds the activity burst after a shock, and it excludes freezing", () => {
    const s = new Steering(steeringParamsSchema.parse({ dtMs: 100 }));
    for (let t = 0; t < 10; t++) {
      s.sense(event("shock"));
      s.act([2]);
    }
    expect(response(s, "withdrawal")).toBe(1);
    expect(response(s, "freezing")).toBe(0);
    // 2 s after the shock the burst is still held; by 10 s it has decayed and fear freezes.
    for (let t = 0; t < 15; t++) {
      s.sense(none);
      s.act([2]);
    }
    expect(response(s, "withdrawal")).toBe(1);
    for (let t = 0; t < 80; t++) {
      s.sense(none);
      s.act([2]);
    }
    expect(response(s, "withdrawal")).toBeLessThan(0.5);
    expect(response(s, "freezing")).toBeGreaterThan(0.9);
  });

  it("turns a shock into the threat shoulda signal, after its latency, at the shock's magnitude", () => {
    const s = new Steering(steeringParamsSchema.parse({ dtMs: 100 }));
    const threat = s.signalIndex("threat");
    const seen: number[] = [];
    for (let t = 0; t < 15; t++) seen.push(s.sense(t < 10 ? event("shock", 0.8) : none)[threat]);
    expect(seen[0]).toBe(0);
    expect(seen[1]).toBeCloseTo(0.8);
    expect(seen[10]).toBeCloseTo(0.8);
    expect(seen[11]).toBe(0);
    expect(() => s.signalIndex("nope")).toThrow(/unknown shoulda signal/);
  });

  it("integrates trace signals: a longer bitter taste gives more aversion", () => {
    const run = (steps: number) => {
      const s = new Steering(steeringParamsSchema.parse({ dtMs: 100 }));
      let v = 0;
      for (let t = 0; t < steps + 5; t++)
        v = s.sense(t < steps ? event("bitter") : none)[s.signalIndex("aversion")];
      return v;
    };
    expect(run(20)).toBeGreaterThan(run(10));
    expect(run(10)).toBeCloseTo(1, 1);
  });

  it("executes learned predictions: freezing follows the fear output through a Hill readout", () => {
    const s = new Steering(steeringParamsSchema.parse({}));
    expect(s.freezingFromFear(0)).toBe(0);
    expect(s.freezingFromFear(-1)).toBe(0);
    expect(s.freezingFromFear(0.45)).toBeCloseTo(0.5);
    expect(s.freezingFromFear(2)).toBeGreaterThan(0.9);
    s.sense(none);
    s.act([0, 0.5, 0.7]);
    expect(response(s, "arousal")).toBeCloseTo(0.5);
    expect(response(s, "blink")).toBeCloseTo(0.7);
  });

  it("rejects unknown events and duplicate signals", () => {
    expect(() =>
      steeringParamsSchema.parse({
        reflexes: [{ event: "tickle", response: "blink", latencyMs: 1 }],
      }),
    ).toThrow();
    const dup = steeringParamsSchema.parse({
      signals: [
        { name: "x", kind: "pulse", weights: { shock: 1 } },
        { name: "x", kind: "pulse", weights: { puff: 1 } },
      ],
    });
    expect(() => new Steering(dup)).toThrow(/listed twice/);
  });
});
