/**
 * A mouse's daily life, as a seeded plan of what happens when: no trials, no phases.
 *
 * Places. The mouse walks between three places — the water spout, the open field and a corner —
 * staying U(dwellMinS, dwellMaxS) in each, then moving to another one chosen by `placeWeights`.
 * At the spout it licks (world/lickingMouse.ts bouts); elsewhere it does not.
 * Eyeblink. Tones (CS) come as a Poisson process at `tonesPerMin` (at least `toneGapS` apart);
 * each lasts ISI + puff, and with `puffProbability` an air puff starts ISI after tone onset.
 * Fear. A light (cue) comes at `lightsPerMin` (at least `lightGapS` apart), lasts `lightS`, and
 * with `shockProbability` a footshock starts `shockAtS` after its onset (the fear paradigm's
 * 10-s CS with the shock at 9 s). In the corner, unsignalled shocks come at `cornerShocksPerMin`.
 * So the light and the corner both predict shocks; tone-alone and light-alone presentations
 * happen too.
 *
 * The plan is drawn once from the seed, before the life starts. Only one thing in it depends on
 * the animal: whether it licks during a spout visit (a freezing mouse does not), decided when
 * the visit starts (see paradigms/mouse/life.ts).
 */
import { z } from "zod";
import type { Rng } from "../model/rng.js";

export const MOUSE_PLACES = ["spout", "open", "corner"] as const;
export type MousePlace = (typeof MOUSE_PLACES)[number];

export const mouseLifeSchema = z
  .object({
    placeWeights: z
      .object({
        spout: z.number().min(0).default(0.4),
        open: z.number().min(0).default(0.4),
        corner: z.number().min(0).default(0.2),
      })
      .strict()
      .prefault({})
      .describe("Relative chance of walking to each place next"),
    dwellMinS: z.number().positive().default(20).describe("Shortest stay in a place (s)"),
    dwellMaxS: z.number().positive().default(60).describe("Longest stay in a place (s)"),
    tonesPerMin: z.number().min(0).max(30).default(3).describe("Rate of tones (eyeblink CS)"),
    toneGapS: z
      .number()
      .min(0)
      .default(4)
      .describe("Tones start at least this far apart (the basis must not time one from the last)"),
    isiMs: z
      .number()
      .min(50)
      .max(2000)
      .default(250)
      .describe("Tone onset → puff onset (ms); mouse delay conditioning uses ≈ 150–500 ms [M]"),
    puffMs: z.number().positive().max(500).default(50).describe("Air-puff duration (ms)"),
    puffProbability: z
      .number()
      .min(0)
      .max(1)
      .default(0.9)
      .describe("Chance that a tone is followed by a puff (the rest are tone-alone probes)"),
    toneChannel: z.number().int().min(0).default(2).describe("Cochlear channel of the tone"),
    toneLevel: z.number().min(0).default(0.6).describe("Tone level at the cochlea"),
    lightsPerMin: z.number().min(0).max(6).default(0.5).describe("Rate of lights (fear cue)"),
    lightGapS: z.number().min(0).default(30).describe("Lights start at least this far apart (s)"),
    lightS: z.number().positive().max(60).default(10).describe("Light duration (s)"),
    shockAtS: z
      .number()
      .min(0)
      .max(60)
      .default(9)
      .describe("Light onset → shock onset (s), as the fear paradigm's trial"),
    shockS: z.number().positive().max(10).default(1).describe("Shock duration (s)"),
    shockProbability: z
      .number()
      .min(0)
      .max(1)
      .default(0.75)
      .describe("Chance that a light is followed by a shock"),
    cornerShocksPerMin: z
      .number()
      .min(0)
      .max(30)
      .default(2)
      .describe(
        "Unsignalled shocks per minute spent in the corner (at 0.5 the corner's rare shocks are extinguished between them)",
      ),
    shockLevel: z.number().positive().max(5).default(1).describe("Shock magnitude"),
    freezeStopsLicking: z
      .number()
      .min(0)
      .max(1)
      .default(0.5)
      .describe(
        "A spout visit starting with freezing above this has no licking (1 = fear never stops it)",
      ),
  })
  .strict()
  .prefault({});

export type MouseLifeOptions = z.output<typeof mouseLifeSchema>;

export interface Visit {
  place: MousePlace;
  startMs: number;
  endMs: number;
}

export type LifeEventKind = "tone" | "puff" | "light" | "shock";

export interface LifeEvent {
  kind: LifeEventKind;
  startMs: number;
  endMs: number;
  level: number;
  /** Tone followed by a puff / light followed by a shock; a shock's cause ("light" or "corner"). */
  paired?: boolean;
  cause?: "light" | "corner";
}

export interface LifePlan {
  visits: Visit[];
  /** Sorted by start. */
  events: LifeEvent[];
}

/** Onsets of a Poisson process of `perMin` with a minimum gap, over [0, durationMs). */
function poissonOnsets(perMin: number, gapMs: number, durationMs: number, rng: Rng): number[] {
  const out: number[] = [];
  if (perMin <= 0) return out;
  const meanMs = 60_000 / perMin;
  let t = -Math.log(1 - rng.uniform()) * meanMs;
  while (t < durationMs) {
    out.push(Math.round(t));
    t += gapMs - Math.log(1 - rng.uniform()) * meanMs;
  }
  return out;
}

function nextPlace(from: MousePlace | null, o: MouseLifeOptions, rng: Rng): MousePlace {
  const options = MOUSE_PLACES.filter((p) => p !== from && o.placeWeights[p] > 0);
  const list = options.length > 0 ? options : [...MOUSE_PLACES];
  const total = list.reduce((s, p) => s + o.placeWeights[p], 0);
  let u = rng.uniform() * total;
  for (const p of list) {
    u -= o.placeWeights[p];
    if (u < 0) return p;
  }
  return list[list.length - 1];
}

/** Draw the whole life's plan (places, tones, puffs, lights, shocks) from `rng`. */
export function planLife(o: MouseLifeOptions, durationMs: number, rng: Rng): LifePlan {
  const visits: Visit[] = [];
  let place: MousePlace | null = null;
  for (let t = 0; t < durationMs; ) {
    place = nextPlace(place, o, rng);
    const dwell = 1000 * (o.dwellMinS + rng.uniform() * Math.max(0, o.dwellMaxS - o.dwellMinS));
    const end = Math.min(durationMs, Math.round(t + dwell));
    visits.push({ place, startMs: t, endMs: end });
    t = end;
  }
  const events: LifeEvent[] = [];
  for (const onset of poissonOnsets(o.tonesPerMin, o.toneGapS * 1000, durationMs, rng)) {
    const paired = rng.uniform() < o.puffProbability;
    const end = onset + o.isiMs + o.puffMs;
    events.push({ kind: "tone", startMs: onset, endMs: end, level: 1, paired });
    if (paired) events.push({ kind: "puff", startMs: onset + o.isiMs, endMs: end, level: 1 });
  }
  for (const onset of poissonOnsets(o.lightsPerMin, o.lightGapS * 1000, durationMs, rng)) {
    const paired = rng.uniform() < o.shockProbability;
    events.push({
      kind: "light",
      startMs: onset,
      endMs: onset + o.lightS * 1000,
      level: 1,
      paired,
    });
    if (paired) {
      const start = onset + o.shockAtS * 1000;
      events.push({
        kind: "shock",
        startMs: start,
        endMs: start + o.shockS * 1000,
        level: o.shockLevel,
        cause: "light",
      });
    }
  }
  // Unsignalled shocks in the corner: a Poisson process over the time spent there.
  if (o.cornerShocksPerMin > 0) {
    const meanMs = 60_000 / o.cornerShocksPerMin;
    for (const v of visits.filter((v) => v.place === "corner")) {
      let t = v.startMs - Math.log(1 - rng.uniform()) * meanMs;
      while (t + o.shockS * 1000 <= v.endMs) {
        const start = Math.round(t);
        events.push({
          kind: "shock",
          startMs: start,
          endMs: start + o.shockS * 1000,
          level: o.shockLevel,
          cause: "corner",
        });
        t += o.shockS * 1000 - Math.log(1 - rng.uniform()) * meanMs;
      }
    }
  }
  events.sort((a, b) => a.startMs - b.startMs || a.kind.localeCompare(b.kind));
  return { visits, events };
}

/**
 * The events on at time t, as levels per kind: a sweep over the sorted plan, so each call costs
 * only the events that start or end. Times must not go backwards.
 */
export class EventSweep {
  readonly level: Record<LifeEventKind, number> = { tone: 0, puff: 0, light: 0, shock: 0 };
  /** Events that started at the last `advance` (for per-event records). */
  readonly started: LifeEvent[] = [];
  private next = 0;
  private readonly active: LifeEvent[] = [];

  constructor(private readonly events: readonly LifeEvent[]) {}

  advance(tMs: number): void {
    this.started.length = 0;
    while (this.next < this.events.length && this.events[this.next].startMs <= tMs) {
      const e = this.events[this.next++];
      this.active.push(e);
      this.started.push(e);
    }
    for (let i = this.active.length - 1; i >= 0; i--)
      if (this.active[i].endMs <= tMs) this.active.splice(i, 1);
    const l = this.level;
    l.tone = 0;
    l.puff = 0;
    l.light = 0;
    l.shock = 0;
    for (const e of this.active) if (e.level > l[e.kind]) l[e.kind] = e.level;
  }
}
