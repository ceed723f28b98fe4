import { describe, expect, it } from "vitest";
import { getParadigm } from "../../src/paradigms/registry.js";
import {
  resolveShortcut,
  type ShortcutResult,
  shortcut,
  simulateLookahead,
  stabilityBoundary,
} from "../../src/paradigms/shortcut/index.js";
import { fieldOf } from "../configErrors.js";

describe("shortcut paradigm", () => {
  it("is registered; bad config → ConfigError naming the field", () => {
    expect(getParadigm("shortcut")).toBe(shortcut);
    expect(resolveShortcut({}).slowDelayMs).toBe(150);
    expect(fieldOf(() => resolveShortcut({ lookaheadsMs: [0] }))).toBe("lookaheadsMs[0]");
    expect(fieldOf(() => resolveShortcut({ loop: { gains: [-1] } }))).toBe("loop.gains[0]");
  });

  it("the module's lead over the slow path grows with the olive lookahead; deterministic", () => {
    const config = resolveShortcut({ trainSeconds: 40, testSeconds: 10, loop: { gains: [0.5] } });
    const near = simulateLookahead(config, 5);
    const far = simulateLookahead(config, 150);
    expect(far.leadMs).toBeGreaterThan(near.leadMs + 50);
    expect(far.accuracy).toBeGreaterThan(0.6);
    expect(simulateLookahead(config, 5)).toEqual(near);
  });

  it("stability boundary: the smallest lookahead beyond D_fb from which every larger one is unstable", () => {
    const config = resolveShortcut({ loop: { delayMs: 50, gains: [1.5] } }); // D_fb = 200 ms
    const at = (lookaheadMs: number, growth: number): ShortcutResult => ({
      lookaheadMs,
      leadMs: 0,
      accuracy: 1,
      closed: [{ gain: 1.5, growth, loopGain: 1, loopPeak: 1 }],
    });
    const [b] = stabilityBoundary(config, [
      at(5, 1.8),
      at(100, 1.1),
      at(250, 1.6),
      at(300, 1.2),
      at(400, 2.5),
      at(500, 5),
    ]);
    expect(b.boundaryBeyondFeedbackDelayMs).toBe(400);
    expect(b.boundaryRatio).toBe(2);
    expect(b.unstableLookaheadsMs).toEqual([5, 250, 400, 500]);
    expect(b.unstableAtOrBelowFeedbackDelayMs).toEqual([5]);
    expect(
      stabilityBoundary(config, [at(5, 1), at(400, 1.2)])[0].boundaryBeyondFeedbackDelayMs,
    ).toBe(null);
  });
});
