/** The thought-assessor paradigm (issue #13 item 5): small runs, two seeds. */
import { describe, expect, it } from "vitest";
import { ConfigError } from "../../src/model/errors.js";
import { getParadigm } from "../../src/paradigms/registry.js";
import { resolveThoughtAssessor } from "../../src/paradigms/thoughtAssessor/config.js";
import { thoughtAssessor } from "../../src/paradigms/thoughtAssessor/index.js";
import { assess } from "../../src/paradigms/thoughtAssessor/metrics.js";
import { scheduleTrials } from "../../src/paradigms/thoughtAssessor/schedule.js";
import { runCondition } from "../../src/paradigms/thoughtAssessor/simulate.js";

/** Few trials of each type, short intervals, a small cerebellum and amygdala. */
const small = (seed: number, trialsPerType = 12) =>
  resolveThoughtAssessor({
    seed,
    protocol: { trialsPerType, itiMinS: 6, itiMaxS: 7 },
    cerebellum: {
      mossy: { count: 128, fibresPerChannel: 4 },
      basis: { bumps: 4 },
      granule: { count: 200 },
    },
    amygdala: { la: { count: 500 }, itc: { count: 500 } },
  });

function fieldOf(input: Record<string, unknown>): string {
  try {
    resolveThoughtAssessor(input);
  } catch (e) {
    if (e instanceof ConfigError) return e.field;
    throw e;
  }
  return "no error";
}

describe("thought-assessor", () => {
  it("is registered and names the field of a bad value", () => {
    expect(getParadigm("thought-assessor")).toBe(thoughtAssessor);
    expect(fieldOf({ protocol: { trialsPerType: 1 } })).toBe("protocol.trialsPerType");
    expect(fieldOf({ protocol: { itiMinS: 8, itiMaxS: 7 } })).toBe("protocol.itiMaxS");
    expect(fieldOf({ protocol: { isiMs: 990 } })).toBe("protocol.isiMs");
    expect(fieldOf({ amygdala: { dtMs: 102 } })).toBe("amygdala.dtMs");
    expect(fieldOf({ cortex: { units: 40 } })).toBe("cerebellum.mossy.count");
    expect(fieldOf({ cortex: { code: "nope" } })).toBe("cortex.code");
  });

  it("with cortex context, the order (AB+ vs B−) and the trace (C+ vs D−) are told apart; from raw cues they are not", () => {
    for (const seed of [1, 2]) {
      const config = small(seed);
      const schedule = scheduleTrials(config);
      const withContext = assess(runCondition(config, "context", schedule), 0.5);
      const raw = assess(runCondition(config, "raw", schedule), 0.5);
      // Fear during B after A exceeds fear during B alone, only with the cortex's context.
      expect(withContext.fear.order.dPrime).toBeGreaterThan(raw.fear.order.dPrime + 1);
      expect(withContext.fear.order.difference).toBeGreaterThan(0);
      // Fear in the trace after C exceeds fear after D, only with the cortex's held state.
      expect(withContext.fear.trace.dPrime).toBeGreaterThan(raw.fear.trace.dPrime + 1);
      // The raw-cue amygdala is at chance on the order task (the same cue B in both).
      expect(Math.abs(raw.fear.order.dPrime)).toBeLessThan(1);
    }
  }, 600_000); // seconds of CPU; the limit only guards against a loaded shared machine

  it("gives the same trials for the same seed, other trials for another", () => {
    const run = (seed: number) => {
      const config = small(seed, 2);
      return runCondition(config, "context", scheduleTrials(config)).trials;
    };
    const a = run(4);
    expect(run(4)).toEqual(a);
    expect(run(5)).not.toEqual(a);
  });
});
