import { describe, expect, it } from "vitest";
import { CorticalOutput } from "../../src/brain/corticalOutput.js";
import { SequenceMemory, sequenceMemoryOptionsSchema } from "../../src/brain/sequenceMemory.js";
import { ConfigError } from "../../src/model/errors.js";

const options = sequenceMemoryOptionsSchema.parse({});
const RANGES: [number, number][] = [
  [0, 1],
  [0, 1],
];

/** A high-order sequence: after "A" comes B or C depending on what came before A. */
const A = [0.1, 0.9];
const B = [0.9, 0.1];
const C = [0.5, 0.5];
const SILENCE = [0, 0];
const SONG = [SILENCE, A, B, A, C];

function run(learning: boolean, steps = 300, o = options) {
  const m = new SequenceMemory(RANGES, 2, o, 7);
  m.learning = learning;
  const anomaly: number[] = [];
  const error: number[] = [];
  for (let t = 0; t < steps; t++) {
    const x = SONG[t % SONG.length];
    m.step(x, x);
    anomaly.push(m.anomaly);
    error.push(m.predictionError);
  }
  return { m, anomaly, error };
}

const mean = (a: number[]) => a.reduce((s, x) => s + x, 0) / a.length;

describe("sequence memory (HTM-style cortex)", () => {
  it("has the documented defaults", () => {
    expect(options).toMatchObject({
      columns: 256,
      activeColumns: 12,
      cellsPerColumn: 6,
      activationThreshold: 6,
      readoutRate: 0.5,
    });
  });

  it("learns a high-order sequence: anomaly and next-input error fall; frozen it does not", () => {
    const learnt = run(true);
    expect(mean(learnt.anomaly.slice(0, 10))).toBeGreaterThan(0.8);
    expect(mean(learnt.anomaly.slice(-50))).toBeLessThan(0.1);
    // The readout predicts B after the first A and C after the second (a first-order memory
    // cannot): the late error is far below the early error.
    expect(mean(learnt.error.slice(-50))).toBeLessThan(0.1 * mean(learnt.error.slice(1, 51)));
    const frozen = run(false);
    expect(mean(frozen.anomaly.slice(-50))).toBe(1);
    // One cell per column is a first-order memory: it cannot tell the two A's apart.
    const firstOrder = run(true, 300, { ...options, cellsPerColumn: 1 });
    expect(mean(firstOrder.error.slice(-50))).toBeGreaterThan(3 * mean(learnt.error.slice(-50)));
  });

  it("is deterministic from its seed", () => {
    const a = run(true, 120);
    const b = run(true, 120);
    expect(a.error).toEqual(b.error);
    expect(Array.from(a.m.prediction)).toEqual(Array.from(b.m.prediction));
  });

  it("rejects inconsistent settings and inputs, naming the field", () => {
    const bad = sequenceMemoryOptionsSchema.parse({ activeBits: 30, bitsPerInput: 24 });
    expect(() => new SequenceMemory(RANGES, 2, bad, 1)).toThrow(/cortex\.activeBits/);
    const m = new SequenceMemory(RANGES, 2, options, 1);
    expect(() => m.step([0.1], [0.1, 0.2])).toThrow(ConfigError);
  });
});

describe("cortical output layer", () => {
  it("gives different states different winners and none to an empty state", () => {
    const out = new CorticalOutput(4, 20, 0.2, 0.3, 50, 3);
    const s1 = new Uint8Array(20).fill(1, 0, 5);
    const s2 = new Uint8Array(20).fill(1, 10, 15);
    const w1: number[] = [];
    const w2: number[] = [];
    for (let k = 0; k < 40; k++) {
      w1.push(out.compute(s1));
      w2.push(out.compute(s2));
    }
    expect(w1.at(-1)).not.toBe(w2.at(-1));
    // Once learnt, each state keeps its unit.
    expect(new Set(w1.slice(-10)).size).toBe(1);
    expect(new Set(w2.slice(-10)).size).toBe(1);
    expect(out.compute(new Uint8Array(20))).toBe(-1);
  });
});
