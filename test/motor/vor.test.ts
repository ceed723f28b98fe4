import { describe, expect, it } from "vitest";
import { getParadigm } from "../../src/paradigms/registry.js";
import { resolveVor, vor } from "../../src/paradigms/vor/index.js";
import { simulateCondition } from "../../src/paradigms/vor/simulate.js";
import { fieldOf } from "../configErrors.js";

const short = (optics: "x2" | "x0_5", minutes = 10) => ({
  name: optics,
  phases: [{ name: "training", optics, head: "moving" as const, minutes }],
});

describe("vor paradigm", () => {
  it("is registered and resolves every default once", () => {
    expect(getParadigm("vor")).toBe(vor);
    const c = resolveVor({});
    expect(c.model.dtMs).toBe(5);
    expect(c.model.plasticity.pfPurkinje.windowPeakMs).toBe(120);
    expect(c.loop.errorDelayMs).toBe(100);
    expect(c.conditions.map((x) => x.name)).toEqual(["gain-up", "gain-down"]);
    // A partial override keeps the paradigm's other loop defaults.
    expect(resolveVor({ loop: { errorDelayMs: 80 } }).loop.motorGain).toBe(30);
  });

  it("bad config → ConfigError naming the field", () => {
    expect(fieldOf(() => resolveVor({ stimulus: { frequencyHz: -1 } }))).toBe(
      "stimulus.frequencyHz",
    );
    expect(
      fieldOf(() =>
        resolveVor({
          conditions: [{ name: "x", phases: [{ name: "p", optics: "x3", minutes: 1 }] }],
        }),
      ),
    ).toMatch(/^conditions\[0\]\.phases\[0\]\.optics/);
    expect(fieldOf(() => resolveVor({ loop: { olivaryFeedback: 3 } }))).toBe(
      "loop.olivaryFeedback",
    );
    expect(fieldOf(() => resolveVor({ body: { plantTau: 3 } }))).toBe("body.plantTau");
  });

  it("gain-up training raises and gain-down lowers the dark VOR gain; same seed → same result", () => {
    const config = resolveVor({ test: { everyMinutes: 5 } });
    const up = simulateCondition(config, short("x2"));
    const down = simulateCondition(config, short("x0_5"));
    const base = up.points[0].gain;
    expect(base).toBeGreaterThan(0.9);
    expect(base).toBeLessThan(1.1);
    expect(down.points[0].gain).toBe(base);
    expect(up.points.at(-1)!.gain).toBeGreaterThan(base + 0.05);
    expect(down.points.at(-1)!.gain).toBeLessThan(base - 0.05);
    // Slip falls as the gain adapts.
    expect(up.points.at(-1)!.rmsSlip).toBeLessThan(up.points[1].rmsSlip);
    const again = simulateCondition(config, short("x2"));
    expect(again.points).toEqual(up.points);
    const other = simulateCondition(
      resolveVor({ seed: 2, test: { everyMinutes: 5 } }),
      short("x2"),
    );
    expect(other.points.at(-1)!.gain).not.toBe(up.points.at(-1)!.gain);
  });

  it("soft bounds (the default) slow a gain-up as it grows; hard bounds keep it near linear", () => {
    // V7's gain-up (+34.7 % at 30 min with hard bounds, published +10…+25 %) came from a change
    // that grew linearly with training; the soft rule's room shrinks as the synapses move.
    // Measured (seed 1, ×2, site off): hard +0.156 then +0.162 per 15 min (ratio 1.04), soft
    // +0.138 then +0.113 (0.82).
    const growth = (bounds: "hard" | "soft") => {
      const config = resolveVor({
        seed: 1,
        test: { everyMinutes: 15 },
        model: { plasticity: { pfPurkinje: { bounds } } },
        body: { vestibularNucleus: { enabled: false } },
      });
      const g = simulateCondition(config, short("x2", 30)).points.map((p) => p.gain);
      return { first: g[1] - g[0], second: g[2] - g[1] };
    };
    expect(resolveVor({}).model.plasticity.pfPurkinje.bounds).toBe("soft");
    const hard = growth("hard");
    const soft = growth("soft");
    expect(soft.first).toBeGreaterThan(0.05);
    expect(hard.second / hard.first).toBeGreaterThan(0.85);
    expect(soft.second / soft.first).toBeLessThan(hard.second / hard.first - 0.1);
  });

  it("learns at 0.5 Hz as at 1 Hz from the canal rates; 10–400-ms delay bumps starve 0.5 Hz", () => {
    // Measured (seed 1, 15 min of ×2): no bumps (the default) +13.9 % at 1 Hz, +15.6 % at 0.5 Hz;
    // with the former 8 bumps of 10–400 ms +14.3 % and +4.0 %.
    const change = (frequencyHz: number, bumps: number) => {
      const config = resolveVor({
        seed: 1,
        stimulus: { frequencyHz },
        test: { everyMinutes: 15 },
        model: { basis: { bumps } },
      });
      const g = simulateCondition(config, short("x2", 15)).points.map((p) => p.gain);
      return (g[1] - g[0]) / g[0];
    };
    expect(resolveVor({}).model.basis.bumps).toBe(0);
    const slow = change(0.5, 0);
    expect(change(1, 0)).toBeGreaterThan(0.07);
    expect(slow).toBeGreaterThan(0.07);
    expect(slow / change(1, 0)).toBeGreaterThan(0.8);
    expect(change(0.5, 8) / change(1, 8)).toBeLessThan(0.5);
  });

  it("run() writes gains, traces and plots", async () => {
    const config = resolveVor({ conditions: [short("x2", 5)], test: { everyMinutes: 5 } });
    const out = await vor.run(config);
    const names = out.files.map((f) => f.name);
    expect(names).toEqual([
      "gains.csv",
      "traces.csv",
      "gain.svg",
      "phase.svg",
      "traces.svg",
      "window.svg",
    ]);
    expect(out.files[0].data.split("\n")[0]).toBe(
      "condition,phase,minute,gain,phase_deg,rms_slip_deg_s,required_gain",
    );
    expect(out.files[2].data).toContain("<svg");
    expect((out.summary.conditions as Record<string, unknown>).x2).toBeDefined();
  });
});
