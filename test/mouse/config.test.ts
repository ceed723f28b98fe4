/** The mouse paradigm's config, plan and determinism (short lives, small brain). */
import { describe, expect, it } from "vitest";
import { ConfigError } from "../../src/model/errors.js";
import { Rng } from "../../src/model/rng.js";
import { learningSummary, mouse } from "../../src/paradigms/mouse/index.js";
import { liveLife } from "../../src/paradigms/mouse/life.js";
import { getParadigm } from "../../src/paradigms/registry.js";
import { EventSweep, mouseLifeSchema, planLife } from "../../src/world/mouseLife.js";
import { smallMouse } from "./helpers.js";

function configError(input: Record<string, unknown>): ConfigError {
  try {
    mouse.resolve(input);
  } catch (e) {
    if (e instanceof ConfigError) return e;
    throw e;
  }
  throw new Error("no ConfigError");
}

describe("mouse config", () => {
  it("is registered, resolves its defaults once, and re-resolves to itself", () => {
    expect(getParadigm("mouse")).toBe(mouse);
    const config = mouse.resolve({});
    expect(config.durationMin).toBe(60);
    expect(config.filterModel.dtMs).toBe(2.5);
    expect(config.cerebellum.dtMs).toBe(5);
    expect(config.amygdala.dtMs).toBe(100);
    expect(config.steering.dtMs).toBe(config.cerebellum.dtMs);
    expect(config.filterModel.olive.feedbackDelayMs).toBe(0);
    expect(mouse.resolve(structuredClone(config) as Record<string, unknown>)).toEqual(config);
  });

  it("names the field of a bad value", () => {
    expect(configError({ durationMin: -1 }).field).toBe("durationMin");
    expect(configError({ life: { isiMs: 10 } }).field).toBe("life.isiMs");
    expect(configError({ life: { shockProbability: 2 } }).field).toBe("life.shockProbability");
    expect(configError({ cortex: { units: 0 } }).field).toBe("cortex.units");
    expect(configError({ nope: 1 }).field).toBe("nope");
    const clock = configError({ cerebellum: { dtMs: 4 } });
    expect(clock.field).toBe("cerebellum.dtMs");
    expect(clock.message).toMatch(/whole multiple of filterModel.dtMs \(2.5\)/);
    expect(configError({ amygdala: { dtMs: 102 } }).field).toBe("amygdala.dtMs");
  });

  it("chews by default, and names bad chewing settings and a filter too small for its context", () => {
    const config = mouse.resolve({});
    expect(config.world.chewing.enabled).toBe(true);
    expect(mouse.resolve({ world: { chewing: { enabled: false } } }).world.chewing.enabled).toBe(
      false,
    );
    const rate = configError({ world: { chewing: { rateMinHz: 6, rateMaxHz: 4 } } });
    expect(rate.field).toBe("world.chewing.rateMaxHz");
    expect(configError({ world: { chewing: { boutProbability: 2 } } }).field).toBe(
      "world.chewing.boutProbability",
    );
    // lick, jaw, chew + 10 cortex units = 13 channels × 8 fibres > 96.
    const mossy = configError({ cortex: { units: 10 } });
    expect(mossy.field).toBe("filterModel.mossy.count");
    expect(mossy.message).toMatch(/allowed: ≥ 104 \(13 context channels/);
    expect(
      mouse.resolve({ cortex: { units: 10 }, filterModel: { mossy: { count: 104 } } }),
    ).toBeTruthy();
  });
});

describe("mouse life plan", () => {
  const o = mouseLifeSchema.parse({ cornerShocksPerMin: 3 });
  const plan = planLife(o, 20 * 60_000, new Rng(7));

  it("covers the life with visits and puts puffs and shocks where the rules say", () => {
    expect(plan.visits[0].startMs).toBe(0);
    expect(plan.visits.at(-1)!.endMs).toBe(20 * 60_000);
    for (let i = 1; i < plan.visits.length; i++) {
      expect(plan.visits[i].startMs).toBe(plan.visits[i - 1].endMs);
      expect(plan.visits[i].place).not.toBe(plan.visits[i - 1].place);
    }
    const of = (kind: string) => plan.events.filter((e) => e.kind === kind);
    const tones = of("tone");
    for (const p of of("puff"))
      expect(tones.some((t) => t.paired && t.startMs + o.isiMs === p.startMs)).toBe(true);
    expect(of("puff").length).toBe(tones.filter((t) => t.paired).length);
    for (const s of of("shock")) {
      if (s.cause === "light") {
        expect(of("light").some((l) => l.startMs + o.shockAtS * 1000 === s.startMs)).toBe(true);
      } else {
        const v = plan.visits.find((v) => v.startMs <= s.startMs && s.startMs < v.endMs)!;
        expect(v.place).toBe("corner");
      }
    }
    for (let i = 1; i < plan.events.length; i++)
      expect(plan.events[i].startMs).toBeGreaterThanOrEqual(plan.events[i - 1].startMs);
  });

  it("sweeps the plan into levels per kind", () => {
    const sweep = new EventSweep(plan.events);
    const tone = plan.events.find((e) => e.kind === "tone")!;
    sweep.advance(tone.startMs - 1);
    sweep.advance(tone.startMs);
    expect(sweep.level.tone).toBe(1);
    expect(sweep.started).toContain(tone);
    sweep.advance(tone.endMs);
    expect(sweep.level.tone).toBe(0);
  });
});

describe("mouse determinism and output", () => {
  it("lives the same life for the same seed, and another for another seed", () => {
    const config = smallMouse({ durationMin: 0.25, analysis: { windowS: 5, probeS: 1 } });
    const facts = (life: ReturnType<typeof liveLife>) => ({
      windows: life.windows,
      tones: life.tones,
      traces: life.traces,
      final: life.final,
      learning: learningSummary(life, config.life.isiMs),
    });
    const a = facts(liveLife(config));
    expect(facts(liveLife(config))).toEqual(a);
    expect(facts(liveLife({ ...config, seed: 4 }))).not.toEqual(a);
  });

  it("writes its tables and plots", async () => {
    const out = await mouse.run(smallMouse({ durationMin: 0.25, analysis: { probeS: 1 } }));
    const names = out.files.map((f) => f.name);
    for (const n of ["windows.csv", "tones.csv", "traces.csv", "life.svg", "final-fear.svg"])
      expect(names).toContain(n);
    const speed = out.summary.speed;
    expect(speed.simulatedSeconds).toBe(15);
    expect(out.files.find((f) => f.name === "life.svg")!.data).toMatch(/^<svg/);
    const header = String(out.files.find((f) => f.name === "windows.csv")!.data).split("\n")[0];
    for (const column of ["licks", "chews", "lickCancellationDb", "chewCancellationDb"])
      expect(header.split(",")).toContain(column);
    const dcn = out.summary.learning.dcn;
    expect(Object.keys(dcn)).toEqual(
      expect.arrayContaining(["earlyChewCancellationDb", "lateChewCancellationDb"]),
    );
  });
});
