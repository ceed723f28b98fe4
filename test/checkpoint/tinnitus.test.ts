import { describe, it } from "vitest";
import { tinnitus } from "../../src/paradigms/tinnitus/index.js";
import { expectResumeIdentical } from "./helpers.js";

describe("tinnitus checkpoint and resume", () => {
  it("a run resumed between its two animals writes the files of one that never stopped", async () => {
    const config = tinnitus.resolve({
      model: { granule: { count: 300 } },
      protocol: { trainS: 4, afterS: 3, blocks: 3, homeostasis: true },
    });
    await expectResumeIdentical(tinnitus, config, 1, 1);
  });
});
