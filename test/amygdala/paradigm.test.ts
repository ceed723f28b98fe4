import { describe, expect, it } from "vitest";
import { extinctionDesign } from "../../src/paradigms/fear/designs.js";
import {
  averageRows,
  fearDesign,
  fearTrial,
  usAlone,
} from "../../src/paradigms/fear/experiments.js";
import { fear, fearDesignOf } from "../../src/paradigms/fear/index.js";
import { csWindow } from "../../src/paradigms/fear/simulate.js";
import { getParadigm } from "../../src/paradigms/registry.js";

describe("fear paradigm", () => {
  it("is registered and resolves its defaults (preset renewal: A, B, B, A)", () => {
    expect(getParadigm("fear")).toBe(fear);
    const config = fear.resolve({});
    expect(config.preset).toBe("renewal");
    expect(config.experiment).toBeNull();
    expect(config.steering.dtMs).toBe(config.model.dtMs);
    const design = fearDesignOf(config);
    expect(design.experiment.phases.map((p) => p.context)).toEqual(["A", "B", "B", "A"]);
    expect(design.gapsHours).toEqual([0, 24, 24, 2]);
    // Resolving a resolved config changes nothing (the CLI re-resolves after each --set).
    expect(fear.resolve(structuredClone(config) as unknown as Record<string, unknown>)).toEqual(
      config,
    );
  });

  it("runs design strings with per-phase contexts and gaps, and names bad fields", () => {
    const t = "cs=10s, isi=9s, usdur=1s, pre=20s, post=20s, iti=60s";
    const config = fear.resolve({
      experiment: { design: `cond: 2 T+(${t}) > ext: 2 T-(${t})` },
      contexts: ["A", "B"],
      gapsHours: [0, 48],
    });
    const design = fearDesignOf(config);
    expect(design.experiment.phases.map((p) => p.context)).toEqual(["A", "B"]);
    expect(design.gapsHours).toEqual([0, 48]);
    expect(() => fear.resolve({ contexts: ["A"] })).toThrow(/contexts: got 1 entries/);
    expect(() => fear.resolve({ preset: "nope" })).toThrow(/preset/);
    expect(() => fear.resolve({ model: { dtMs: 5 } })).toThrow(/model\.dtMs/);
    const shocks = fear.resolve({ experiment: { design: "2 T+(isi=1s)" } });
    expect(fearDesignOf(shocks).experiment.phases[0].trialTypes[0].us[0].channel).toBe("us");
  });

  it("writes trials, traces and plots; the same seed gives the same run", async () => {
    const config = fear.resolve({
      experiment: fearDesign([
        { name: "cond", trials: 3, types: [fearTrial({ cues: "T", us: 1 })] },
        { name: "shock", trials: 1, types: [usAlone()], gapHours: 0 },
        { name: "test", trials: 2, types: [fearTrial({ cues: "T" })], context: "B" },
      ]).experiment,
    });
    const a = await fear.run(config);
    const b = await fear.run(config);
    expect(a.files.map((f) => f.name)).toEqual([
      "trials.csv",
      "traces.csv",
      "freezing.svg",
      "drives.svg",
      "freezing-raster.svg",
    ]);
    expect(a.files[0].data).toBe(b.files[0].data);
    const lines = a.files[0].data.trim().split("\n");
    expect(lines).toHaveLength(7);
    expect(lines[0]).toContain("csFreezing");
    const phases = a.summary.phases as {
      phase: string;
      context: string;
      lastCsFreezing: number | null;
    }[];
    expect(phases.map((p) => p.context)).toEqual(["A", "A", "B"]);
    expect(phases[0].lastCsFreezing).toBeGreaterThan(50);
    expect(phases[1].lastCsFreezing).toBeNull();
  });

  it("scores freezing in the CS before the shock, and averages groups trial by trial", () => {
    expect(csWindow(fearTrial({ cues: "T", us: 1 }))).toEqual({ startMs: 30_000, endMs: 39_000 });
    expect(csWindow(usAlone())).toBeNull();
    const rows = (f: number) =>
      [0, 1].map((i) => ({
        index: i,
        phase: "p",
        indexInPhase: i,
        trialType: i ? "B-" : "A-",
        context: "A",
        cues: [],
        reinforced: false,
        csFreezing: f + i,
        preFreezing: 0,
        strength: 0,
      }));
    const swapped = rows(10).reverse();
    expect(averageRows([rows(0), swapped]).map((r) => r.csFreezing)).toEqual([5, 6]);
    expect(extinctionDesign({ testContext: "C" }).experiment.phases.map((p) => p.context)).toEqual([
      "A",
      "B",
      "C",
    ]);
  });
});
