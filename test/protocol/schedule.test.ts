import { describe, expect, it } from "vitest";
import { Rng } from "../../src/model/rng.js";
import {
  allocateCounts,
  type Experiment,
  parseDesign,
  parseExperiment,
  scheduleTrials,
} from "../../src/protocol/index.js";

const names = (e: Experiment, seed: number) =>
  scheduleTrials(e, new Rng(seed)).map((t) => t.trialType.name);

describe("allocateCounts", () => {
  it("splits exactly by largest remainder, ties to the earlier weight", () => {
    expect(allocateCounts(10, [1, 2, 3])).toEqual([2, 3, 5]);
    expect(allocateCounts(10, [1, 1, 1])).toEqual([4, 3, 3]);
    expect(allocateCounts(7, [0.1, 0.2, 0.7])).toEqual([1, 1, 5]);
    expect(allocateCounts(1, [1, 1])).toEqual([1, 0]);
    expect(allocateCounts(400, [200, 200])).toEqual([200, 200]);
  });

  it("always sums to the total", () => {
    for (let total = 1; total < 60; total++) {
      const w = [0.3, 1 / 3, 2.7, 1e-3, 5];
      expect(allocateCounts(total, w).reduce((a, b) => a + b, 0)).toBe(total);
    }
  });
});

describe("scheduleTrials", () => {
  const design = parseDesign("acq: 300 T+ / 100 T- > ext: 50 T-(iti=2000, jitter=500)");

  it("gives each phase its trials, split by proportion", () => {
    const s = scheduleTrials(design, new Rng(1));
    expect(s).toHaveLength(450);
    expect(s.map((t) => t.index)).toEqual([...Array(450).keys()]);
    const acq = s.filter((t) => t.phase === "acq");
    expect(acq).toHaveLength(300 + 100);
    expect(acq.filter((t) => t.trialType.name === "T+")).toHaveLength(300);
    expect(acq.map((t) => t.indexInPhase)).toEqual([...Array(400).keys()]);
    const ext = s.slice(400);
    expect(ext.every((t) => t.phaseIndex === 1 && t.phase === "ext")).toBe(true);
    expect(ext[0].indexInPhase).toBe(0);
    // Trial types are shared with the experiment, not copied.
    expect(ext[0].trialType).toBe(design.phases[1].trialTypes[0]);
  });

  it("draws whole-ms ITIs within mean ± jitter", () => {
    const s = scheduleTrials(design, new Rng(2));
    for (const t of s) {
      const [lo, hi] = t.phase === "acq" ? [800, 1200] : [1500, 2500];
      expect(Number.isInteger(t.itiMs)).toBe(true);
      expect(t.itiMs).toBeGreaterThanOrEqual(lo);
      expect(t.itiMs).toBeLessThanOrEqual(hi);
    }
    expect(new Set(s.map((t) => t.itiMs)).size).toBeGreaterThan(50);
    const fixed = scheduleTrials(parseDesign("5 T+(iti=700, jitter=0)"), new Rng(3));
    expect(fixed.map((t) => t.itiMs)).toEqual([700, 700, 700, 700, 700]);
  });

  it("is deterministic for a seed, and the order depends on it", () => {
    expect(scheduleTrials(design, new Rng(42))).toEqual(scheduleTrials(design, new Rng(42)));
    expect(names(design, 42)).not.toEqual(names(design, 43));
    expect(scheduleTrials(design, new Rng(42)).map((t) => t.itiMs)).not.toEqual(
      scheduleTrials(design, new Rng(43)).map((t) => t.itiMs),
    );
  });

  it("shuffles random order so both types appear early", () => {
    const first = names(parseDesign("100 A+ / 100 B+"), 7).slice(0, 20);
    expect(first).toContain("A+");
    expect(first).toContain("B+");
  });

  it("alternates round-robin in listed order, by remaining counts", () => {
    const e = parseExperiment({
      phases: [
        {
          name: "alt",
          trials: 6,
          order: "alternate",
          context: "boxB",
          trialTypes: ["A", "B"].map((ch, i) => ({
            name: ch,
            proportion: i === 0 ? 2 : 1,
            durationMs: 100,
            cues: [{ channel: ch, onsetMs: 0, durationMs: 50 }],
            us: [],
          })),
        },
      ],
    });
    const s = scheduleTrials(e, new Rng(9));
    expect(s.map((t) => t.trialType.name)).toEqual(["A", "B", "A", "B", "A", "A"]);
    expect(s.every((t) => t.context === "boxB")).toBe(true);
    expect(names(e, 1)).toEqual(names(e, 2));
  });

  it("omits context when the phase has none", () => {
    expect("context" in scheduleTrials(design, new Rng(1))[0]).toBe(false);
  });
});
