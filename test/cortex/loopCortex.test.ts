import { describe, expect, it } from "vitest";
import { LoopCortex, loopCortexOptionsSchema } from "../../src/paradigms/cortexLoop/loopCortex.js";

const zero = new Float64Array(2);

describe("loop cortex (cortex-loop's sampling and feedback)", () => {
  it("steps at lick onsets and after idle time, and pulses its feedback after each step", () => {
    const o = loopCortexOptionsSchema.parse({ feedback: "pulse", idleMs: 100, pulseMs: 10 });
    const cx = new LoopCortex(2, o, 2, 1);
    const on: number[] = [];
    for (let t = 0; t < 200; t++) {
      // Lick commands (5 steps high) at steps 20 and 90.
      const lick = (t >= 20 && t < 25) || (t >= 90 && t < 95) ? 1 : 0;
      if (cx.beforeStep(t, lick)[0] > 0) on.push(t);
      cx.afterStep(zero, zero);
    }
    // Steps: 0, the lick at 20, idle at 70 (50 steps = 100 ms later), the lick at 90, idle at 140
    // and 190 (a window is recorded when the next step closes it).
    expect(cx.windows.map((w) => w.step)).toEqual([0, 20, 70, 90, 140]);
    // The feedback is on for pulseMs = 10 ms (5 steps) after each step.
    const expected = [0, 20, 70, 90, 140, 190].flatMap((s) => [s, s + 1, s + 2, s + 3, s + 4]);
    expect(on).toEqual(expected.filter((t) => t < 200));
  });

  it("stops learning its representation at freezeAtS", () => {
    const o = loopCortexOptionsSchema.parse({ freezeAtS: 0.1, idleMs: 20 });
    const cx = new LoopCortex(2, o, 2, 1);
    for (let t = 0; t < 40; t++) cx.beforeStep(t, 0);
    expect(cx.memory.learning).toBe(true);
    for (let t = 40; t < 80; t++) cx.beforeStep(t, 0);
    expect(cx.memory.learning).toBe(false);
  });
});
