import { describe, expect, it } from "vitest";
import { EventCortex, eventCortexOptionsSchema } from "../../src/brain/eventCortex.js";
import { ConfigError } from "../../src/model/errors.js";

/** Present events (index of the input that rises, −1 = none) every `gap` ms for `n` rounds. */
function drive(cx: EventCortex, sequence: number[], gapMs: number, rounds: number): number[][] {
  const v = new Float64Array(cx.inputs);
  const winners: number[][] = [];
  for (let r = 0; r < rounds; r++) {
    const row: number[] = [];
    for (const e of sequence) {
      for (let t = 0; t < gapMs; t += 5) {
        v.fill(0);
        if (e >= 0 && t < 100) v[e] = 1;
        if (cx.observe(v, 5) && t === 0) row.push(cx.winner);
      }
    }
    winners.push(row);
  }
  return winners;
}

describe("event cortex (the thought assessors' cortex)", () => {
  it("steps at input onsets and after idleMs, not at offsets, and holds its thought between steps", () => {
    const cx = new EventCortex(2, eventCortexOptionsSchema.parse({ idleMs: 300 }), 1);
    const v = new Float64Array(2);
    const steps: number[] = [];
    const held: number[] = [];
    for (let t = 0; t < 1000; t += 5) {
      v.fill(0);
      if (t >= 100 && t < 200) v[0] = 1; // onset at 100, offset at 200 (no step)
      if (t >= 700 && t < 750) v[1] = 1; // onset at 700
      if (cx.observe(v, 5)) steps.push(t);
      held.push(cx.thought.indexOf(1));
    }
    // The first observation, the onset at 100, idle at 400, the onset at 700.
    expect(steps).toEqual([0, 100, 400, 700]);
    // One unit on at a time, unchanged from one step to the next (after the cue ended too).
    const at = (t: number) => held[t / 5];
    expect(at(150)).toBe(at(395));
    expect(cx.thought.reduce((a, b) => a + b, 0)).toBe(1);
  });

  it("tells B after A from B after nothing once it has learned, and not when frozen", () => {
    // Sequence: A B, then nothing, B, nothing (B is reached by two orders of events).
    const seq = [0, 1, -1, 1, -1];
    const learned = drive(
      new EventCortex(2, eventCortexOptionsSchema.parse({ idleMs: 400 }), 3),
      seq,
      400,
      60,
    );
    const last = learned.at(-1)!;
    // Steps per round: A, B(after A), none, B(after none), none.
    expect(last[1]).not.toBe(last[3]);
    // The code is stable over the last rounds.
    expect(learned.slice(-5).every((r) => r[1] === last[1] && r[3] === last[3])).toBe(true);
    const frozen = drive(
      new EventCortex(2, eventCortexOptionsSchema.parse({ idleMs: 400, frozen: true }), 3),
      seq,
      400,
      20,
    );
    // A frozen cortex codes the current event only: both Bs look the same.
    expect(frozen.at(-1)![1]).toBe(frozen.at(-1)![3]);
  });

  it("is deterministic and checks that each event has its own encoder bits", () => {
    const run = () =>
      drive(new EventCortex(2, eventCortexOptionsSchema.parse({}), 5), [0, 1, -1], 300, 10);
    expect(run()).toEqual(run());
    expect(
      () => new EventCortex(8, eventCortexOptionsSchema.parse({ memory: { bitsPerInput: 24 } }), 1),
    ).toThrow(ConfigError);
    expect(
      () => new EventCortex(8, eventCortexOptionsSchema.parse({ memory: { bitsPerInput: 24 } }), 1),
    ).toThrow(/cortex\.memory\.bitsPerInput/);
  });
});
