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
