/**
 * The stability map's boundary in real runs (docs/cortex.md, "Stability map"): short runs (40 s,
 * 12 blocks, learning condition only, seed 1, n = 1 per setting) so the test stays cheap. The map
 * itself (120 s, seeds 1–3) is in the docs; here the default must be classified settled, and a
 * filter rate and a cortex rate beyond the boundary must not be, each for the reason the map found.
 */
import { describe, expect, it } from "vitest";
import { classifyLoopStability } from "../../src/analysis/loopStability.js";
import type { ConfigError } from "../../src/model/errors.js";
import { cortexLoopParadigm } from "../../src/paradigms/cortexLoop/index.js";

async function learningRun(overrides: Record<string, unknown> = {}) {
  const input = {
    seed: 1,
    protocol: { durationS: 40, blocks: 12, conditions: ["learning"] },
    ...overrides,
  };
  const out = await cortexLoopParadigm.run(cortexLoopParadigm.resolve(input));
  const run = out.summary.learning;
  if (!run) throw new Error("the learning condition did not run");
  expect(out.summary.none).toBeUndefined();
  return {
    run,
    report: classifyLoopStability({
      power: run.blockPower,
      cancellationDb: run.blockCancellationDb,
      predictionError: run.predictionError,
    }),
  };
}

describe("cortex-loop stability map, at its boundary", () => {
  it("classifies the default loop settled", async () => {
    const { report } = await learningRun();
    expect(report.verdict, report.reason).toBe("settled");
    expect(report.lastCancellationDb).toBeGreaterThan(1);
  });

  it("classifies a filter rate past the LMS step bound (×1024) diverged: it adds sound", async () => {
    const rate = 2.048;
    const { report } = await learningRun({
      model: { plasticity: { pfPurkinje: { ltd: rate, ltp: rate } } },
    });
    expect(report.verdict).toBe("diverged");
    expect(report.lastCancellationDb).toBeLessThan(0);
  });

  it("classifies a cortex rate past the readout's NLMS bound (s = 16, η = 8) diverged in its error only", async () => {
    const { report } = await learningRun({ cortex: { learningRateScale: 16 } });
    expect(report.verdict).toBe("diverged");
    expect(report.reason).toMatch(/prediction error/);
    // The filter hears a category, not the runaway prediction, so it still cancels.
    expect(report.lastCancellationDb).toBeGreaterThan(1);
  });

  it("rejects bad stability-axis config naming the field", () => {
    const field = (input: Record<string, unknown>) => {
      try {
        cortexLoopParadigm.resolve(input);
      } catch (err) {
        return (err as ConfigError).field;
      }
      return null;
    };
    expect(field({ cortex: { residualGain: -1 } })).toBe("cortex.residualGain");
    expect(field({ cortex: { learningRateScale: 0 } })).toBe("cortex.learningRateScale");
    expect(field({ protocol: { conditions: ["learning", "learning"] } })).toBe(
      "protocol.conditions",
    );
    expect(field({ protocol: { conditions: ["loop"] } })).toMatch(/^protocol\.conditions/);
  });
});
