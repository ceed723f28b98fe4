import { describe, it } from "vitest";
import { resolveShortcut, shortcut } from "../../src/paradigms/shortcut/index.js";
import { expectResumeIdentical } from "./helpers.js";

describe("shortcut checkpoint and resume", () => {
  it("a run resumed between lookaheads writes the files of one that never stopped", async () => {
    const config = resolveShortcut({
      lookaheadsMs: [50, 150, 300],
      trainSeconds: 4,
      testSeconds: 2,
      loop: { gains: [0.5] },
      model: { granule: { count: 300 } },
    });
    await expectResumeIdentical(shortcut, config, 1, 2);
  });
});
