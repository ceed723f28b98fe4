/** The mouse with the learning cortex (issue #13 item 8): wiring, and the ablation summary. */
import { describe, expect, it } from "vitest";
import { learningSummary, mouse } from "../../src/paradigms/mouse/index.js";
import { liveLife } from "../../src/paradigms/mouse/life.js";
import { smallMouse } from "./helpers.js";

/** 15 s of life; seed 8 starts at the spout (11 s of licking), so the filter has sounds to cancel. */
const short = (extra: Record<string, unknown> = {}) =>
  smallMouse({ seed: 8, durationMin: 0.25, analysis: { windowS: 5, probeS: 1 }, ...extra });

describe("mouse with the learning cortex", () => {
  it("is off by default; when on, its thought channels reach all three modules", () => {
    expect(mouse.resolve({}).thoughts.enabled).toBe(false);
    const config = short({ thoughts: { enabled: true } });
    const life = liveLife(config);
    const { brain } = life;
    expect(brain.thoughts).not.toBeNull();
    expect(brain.filter.spec.context).toEqual(expect.arrayContaining(["cortex0", "cortex5"]));
    expect(brain.amygdala.channels.map((c) => c.name)).toContain("thought5");
    // It steps at the life's events: at least once per tone and per visit.
    const tones = life.tones.length;
    expect(brain.thoughts!.steps).toBeGreaterThanOrEqual(tones + life.plan.visits.length);
  });

  it("silencing a module's cortex channels changes that module, and the ablation summary reads it", async () => {
    const config = short({
      thoughts: { enabled: true },
      analysis: { windowS: 5, probeS: 1, ablation: true },
    });
    const out = await mouse.run(config);
    const ctx = out.summary.cortexContext;
    expect(ctx.cortex).toMatch(/learning cortex/);
    const isi = config.life.isiMs;
    const cut = learningSummary(
      liveLife({
        ...config,
        wiring: { ...config.wiring, cortexTo: { filter: false, cerebellum: true, amygdala: true } },
      }),
      isi,
    );
    const lick = ctx.filter!.lateLickCancellationDb;
    expect(lick.with).toBe(out.summary.learning.dcn.lateLickCancellationDb);
    expect(lick.without).toBe(cut.dcn.lateLickCancellationDb);
    expect(lick.added).toBeCloseTo(lick.with - lick.without, 3);
    // The filter without its cortex channels is a different filter.
    expect(lick.without).not.toBe(lick.with);
    // The other modules' fields are there (a 15-s life is too short to judge them: NaN is allowed).
    expect(typeof ctx.cerebellum!.lateCrRate.added).toBe("number");
    expect(typeof ctx.amygdala!.lateFreezingCue.added).toBe("number");
  });
});
