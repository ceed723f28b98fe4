import type { Cerebellum } from "../../src/brain/cerebellum.js";

/**
 * Steps a one-channel ("tone") module through delay trials of 200 steps (CS 0–120, US 100–120)
 * from step `from`, and returns its first output per step: what save/restore tests compare.
 */
export function runToneTrials(brain: Cerebellum, from: number, steps: number): number[] {
  const out: number[] = [];
  for (let t = from; t < from + steps; t++) {
    const phase = t % 200;
    out.push(brain.step([phase < 120 ? 1 : 0], [phase >= 100 && phase < 120 ? 1 : 0, 0])[0]);
  }
  return out;
}
