/** atBlockEnds: a block's callback comes right after its last step, with the record so far. */
import { describe, expect, it } from "vitest";
import { atBlockEnds, type SceneRecord } from "../../src/world/scene.js";

/** Steps after which each block was reported, for `steps` steps in `blocks` blocks. */
function reported(steps: number, blocks: number): number[][] {
  const after: number[][] = [];
  const rec = {} as SceneRecord;
  const seen: SceneRecord[] = [];
  const step = atBlockEnds(steps, blocks, (b, r) => {
    after.push([b, t]);
    seen.push(r);
  });
  let t = 0;
  for (; t < steps; t++) step(t, rec);
  expect(seen.every((r) => r === rec)).toBe(true);
  return after;
}

describe("atBlockEnds", () => {
  it("reports block b after step ⌊(b+1)·steps/blocks⌋ − 1, each block once, in order", () => {
    expect(reported(10, 5)).toEqual([
      [0, 1],
      [1, 3],
      [2, 5],
      [3, 7],
      [4, 9],
    ]);
    // Uneven: 7 steps in 3 blocks are steps 0–1, 2–3, 4–6.
    expect(reported(7, 3)).toEqual([
      [0, 1],
      [1, 3],
      [2, 6],
    ]);
  });

  it("reports empty blocks (more blocks than steps) as soon as their bounds have passed", () => {
    // 2 steps in 4 blocks: blocks 0 and 2 are empty ([0,0) and [1,1)), so both are due by step 0.
    expect(reported(2, 4)).toEqual([
      [0, 0],
      [1, 0],
      [2, 0],
      [3, 1],
    ]);
  });
});
