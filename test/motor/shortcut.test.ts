import { describe, expect, it } from "vitest";
import { getParadigm } from "../../src/paradigms/registry.js";
import {
  resolveShortcut,
  shortcut,
  simulateLookahead,
} from "../../src/paradigms/shortcut/index.js";
import { fieldOf } from "./helpers.js";

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
});
