/**
 * One short life of a small mouse: all four modules learn at once, with nothing reset.
 * Thresholds are ordinal (later > earlier, cue > baseline) with stated margins.
 */
import { beforeAll, describe, expect, it, vi } from "vitest";
import { Amygdala } from "../../src/brain/amygdala.js";
import { learningSummary } from "../../src/paradigms/mouse/index.js";
import { type LifeResult, liveLife } from "../../src/paradigms/mouse/life.js";
import { smallMouse } from "./helpers.js";

describe("mouse: one life, four kinds of learning", () => {
  const config = smallMouse();
  const rest = vi.spyOn(Amygdala.prototype, "rest");
  let life: LifeResult;
  let learning: ReturnType<typeof learningSummary>;
  beforeAll(() => {
    life = liveLife(config);
    learning = learningSummary(life, config.life.isiMs);
  });

  it("never resets or pauses a module: one clock, every step taken once", () => {
    expect(rest).not.toHaveBeenCalled();
    const { brain, ticks } = life;
    const probeTicks = brain.ticks - ticks; // the final probes run after the life
    expect(probeTicks).toBeGreaterThan(0);
    expect(brain.filter.brain.time).toBe(brain.ticks);
    expect(brain.cerebellum.time).toBe(Math.floor(brain.ticks / brain.cerebellumEvery));
    expect(brain.amygdala.time).toBe(
      Math.floor(brain.ticks / (brain.cerebellumEvery * brain.amygdalaEvery)),
    );
    // No phases: every window of life has tones and licking in it.
    for (const w of life.windows) expect(w.ticks).toBeGreaterThan(0);
  });

  it("DCN: cancellation of its own lick sounds rises; external sounds pass", () => {
    const { earlyLickCancellationDb, lateLickCancellationDb, lateExternalGain } = learning.dcn;
    expect(lateLickCancellationDb).toBeGreaterThan(earlyLickCancellationDb + 0.5);
    expect(lateExternalGain).toBeGreaterThan(0.7);
  });

  it("DCN: it chews after lick bouts, and cancels its own chewing sounds too", () => {
    const chews = life.windows.reduce((s, w) => s + w.chews, 0);
    const licks = life.windows.reduce((s, w) => s + w.licks, 0);
    expect(chews).toBeGreaterThan(licks / 10);
    const { earlyChewCancellationDb, lateChewCancellationDb } = learning.dcn;
    expect(lateChewCancellationDb).toBeGreaterThan(1);
    expect(lateChewCancellationDb).toBeGreaterThan(earlyChewCancellationDb + 0.5);
  });

  it("cerebellum: CR rate rises, with the CR peak near the puff", () => {
    const e = learning.eyeblink;
    expect(e.earlyTones).toBeGreaterThan(5);
    expect(e.lateCrRate).toBeGreaterThan(e.earlyCrRate + 0.3);
    expect(Math.abs(e.lateCrTimingErrorMs)).toBeLessThan(50);
    const probe = life.final.blinkProbe;
    expect(Math.abs(probe.peakLatencyMs - config.life.isiMs)).toBeLessThan(50);
  });

  it("amygdala: fear of the light and of the corner rise above the baseline", () => {
    const { early, late } = learning.fear;
    expect(late.freezingCue).toBeGreaterThan(early.freezingCue + 30);
    expect(late.freezingCue).toBeGreaterThan(late.freezingElsewhere + 30);
    expect(late.fearCorner).toBeGreaterThan(late.fearElsewhere);
    const probe = (condition: string) =>
      life.final.fearProbe.find((p) => p.condition === condition)!.freezing;
    expect(probe("light, open")).toBeGreaterThan(probe("no light, open") + 30);
    expect(probe("no light, corner")).toBeGreaterThan(probe("no light, open") + 20);
  });

  it("cortex: its next-input prediction error falls, also relative to the residual", () => {
    const c = learning.cortex;
    expect(c.latePredictionError).toBeLessThan(c.earlyPredictionError);
    expect(c.lateErrorRatio).toBeLessThan(c.earlyErrorRatio);
  });
});
