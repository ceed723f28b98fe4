/**
 * Chewing, a second self-generated sound of the licking mouse (world/lickingMouse.ts), with a
 * rhythm of its own. Mice chew in rhythmic jaw cycles slower than licking (Kobayashi et al.
 * 2002, Physiol Behav 75:377; Okayasu et al. 2003, J Dent Res 82:318, where the rhythm depends
 * on food texture); the default 4–6 Hz is taken from the task brief and those reports [M: the
 * exact mouse values were not retrieved here].
 *
 * Bouts. After a lick bout, with probability `boutProbability`, the mouse chews: a quiet `gapMs`,
 * then a bout of n ~ U{boutMin … boutMax} chews at a rate f ~ U(rateMinHz, rateMaxHz) (cycle
 * P = 1/f with ±5 % jitter), another gap, then the usual pause before the next lick bout.
 * Chewing and licking thus alternate and never overlap; the bout sizes are illustrative.
 *
 * One chew cycle starting at s: the jaw opens and closes, jaw(t) = G · sin²(π (t − s) / P),
 * with gape G ~ gape · (1 ± gapeSpread). The jaw-closing (masseter) command — the efference copy
 * "chew", a pulse of height B for commandMs — comes at mid-cycle (s + P/2, jaw fully open), with
 * bite force B = exp(σ_B · ξ). The teeth meet the food (thickness h = foodSize) on the way
 * down, when jaw = h: t_c = s + P · (1 − asin(√(h/G)) / π), so a wider gape reaches the food
 * later (nonlinear in jaw position).
 *
 * Chewing sound at t_c, in the same cochlear channels as the lick sound:
 *   crunch  L = crunchLevel · (1 − exp(−[B − B_f]₊ / 0.3))   the food fractures only above the
 *           fracture force B_f: a threshold nonlinearity in force (no sound below it)
 *   thud    thudLevel · B                                     tooth–food contact, linear
 *   centre  κ = (N − 1) · (0.1 + 0.7 · G²)                     spectrum moves with gape²
 * Both are broadband clicks (spectral width `spectralWidth`) decaying with `decayMs`, and pass the
 * same receptor compression as the lick sound. Jaw position reaches the brain through the shared
 * "jaw" proprioceptive channel, which licking also drives.
 */
import { z } from "zod";
import type { Rng } from "../model/rng.js";

export const chewingSchema = z
  .object({
    enabled: z.boolean().default(false).describe("Chew in some pauses between lick bouts"),
    boutProbability: z
      .number()
      .min(0)
      .max(1)
      .default(0.5)
      .describe("Chance that a lick bout is followed by a chewing bout"),
    boutMin: z.number().int().min(1).default(4).describe("Fewest chews per bout"),
    boutMax: z.number().int().min(1).default(12).describe("Most chews per bout"),
    rateMinHz: z.number().positive().default(4).describe("Slowest chewing rate in a bout (Hz)"),
    rateMaxHz: z.number().positive().default(6).describe("Fastest chewing rate in a bout (Hz)"),
    gapMs: z
      .number()
      .min(0)
      .default(150)
      .describe("Quiet gap between a chewing bout and the lick bouts around it (ms)"),
    forceSd: z.number().min(0).default(0.35).describe("σ_B: log-normal spread of bite force"),
    gape: z
      .number()
      .positive()
      .max(1)
      .default(0.6)
      .describe("Mean jaw opening of a chew cycle (jaw units, 0–1)"),
    gapeSpread: z
      .number()
      .min(0)
      .max(0.9)
      .default(0.25)
      .describe("Gape varies uniformly by ± this fraction"),
    foodSize: z
      .number()
      .positive()
      .default(0.25)
      .describe("h: jaw opening at which the teeth meet the food (below the smallest gape)"),
    fractureForce: z
      .number()
      .min(0)
      .default(0.9)
      .describe("B_f: bite force above which the food cracks (crunch)"),
    crunchLevel: z.number().min(0).default(1.2).describe("Loudness scale of the crunch"),
    thudLevel: z
      .number()
      .min(0)
      .default(0.15)
      .describe("Loudness of tooth–food contact per unit force"),
    spectralWidth: z
      .number()
      .positive()
      .default(2)
      .describe("Spectral width of chewing sounds (channels; broader than a lick click)"),
    decayMs: z.number().positive().default(8).describe("Decay time of a chewing sound (ms)"),
    commandMs: z
      .number()
      .positive()
      .default(10)
      .describe("Duration of the chew command pulse (ms)"),
  })
  .strict()
  .superRefine((c, ctx) => {
    if (c.rateMaxHz < c.rateMinHz) {
      ctx.addIssue({
        code: "custom",
        path: ["rateMaxHz"],
        input: c.rateMaxHz,
        message: `got ${c.rateMaxHz}; allowed: a rate in Hz ≥ rateMinHz (${c.rateMinHz})`,
      });
    }
    if (c.boutMax < c.boutMin) {
      ctx.addIssue({
        code: "custom",
        path: ["boutMax"],
        input: c.boutMax,
        message: `got ${c.boutMax}; allowed: an integer ≥ boutMin (${c.boutMin})`,
      });
    }
    const smallest = c.gape * (1 - c.gapeSpread);
    if (c.foodSize >= smallest) {
      ctx.addIssue({
        code: "custom",
        path: ["foodSize"],
        input: c.foodSize,
        message: `got ${c.foodSize}; allowed: a jaw opening > 0 and < the smallest gape, gape · (1 − gapeSpread) = ${smallest.toFixed(3)}, so every chew reaches the food`,
      });
    }
  });

export type ChewingOptions = z.output<typeof chewingSchema>;

/** One chew as the world generated it (steps are scene steps). */
export interface Chew {
  /** Cycle start (jaw begins to open). */
  start: number;
  /** Cycle length in steps. */
  cycle: number;
  /** The jaw-closing command (efference copy onset). */
  command: number;
  /** Tooth–food contact: the sound's onset. */
  contact: number;
  force: number;
  gape: number;
  /** Crunch and thud levels before compression. */
  crunch: number;
  thud: number;
  /** Spectral centre (channel units). */
  centre: number;
}

/** The crunch's loudness: zero below the fracture force, saturating above it. */
export function crunchLevel(force: number, o: ChewingOptions): number {
  return o.crunchLevel * (1 - Math.exp(-Math.max(0, force - o.fractureForce) / 0.3));
}

/** Plan the chews of one chewing bout starting at step `from` (its chews are back to back). */
export function planChewBout(
  from: number,
  channels: number,
  o: ChewingOptions,
  dtMs: number,
  rng: Rng,
): Chew[] {
  const rate = o.rateMinHz + rng.uniform() * (o.rateMaxHz - o.rateMinHz);
  const count = o.boutMin + rng.int(o.boutMax - o.boutMin + 1);
  const chews: Chew[] = [];
  let s = from;
  for (let i = 0; i < count; i++) {
    const cycle = Math.round(((1000 / rate) * (1 + 0.05 * (2 * rng.uniform() - 1))) / dtMs);
    const gape = o.gape * (1 + o.gapeSpread * (2 * rng.uniform() - 1));
    const force = Math.exp(o.forceSd * rng.normal());
    const phase = 1 - Math.asin(Math.sqrt(o.foodSize / gape)) / Math.PI;
    chews.push({
      start: s,
      cycle,
      command: s + Math.round(cycle / 2),
      contact: s + Math.round(phase * cycle),
      force,
      gape,
      crunch: crunchLevel(force, o),
      thud: o.thudLevel * force,
      centre: (channels - 1) * (0.1 + 0.7 * gape * gape),
    });
    s += cycle;
  }
  return chews;
}

/** Write one chew's jaw trajectory (into `jaw`, max with what is there) and command pulse. */
export function chewContext(
  chew: Chew,
  jaw: (t: number, value: number) => void,
  command: (t: number, value: number) => void,
  o: ChewingOptions,
  dtMs: number,
): void {
  for (let k = 0; k < chew.cycle; k++) {
    jaw(chew.start + k, chew.gape * Math.sin((Math.PI * k) / chew.cycle) ** 2);
  }
  const pulse = Math.max(1, Math.round(o.commandMs / dtMs));
  for (let k = 0; k < pulse; k++) command(chew.command + k, chew.force);
}

/**
 * Add one chew's sound (crunch + thud, one broadband click) into a raw, uncompressed steps × N
 * buffer; returns the sound's length in steps from contact.
 */
export function addChewSound(
  raw: Float32Array,
  steps: number,
  n: number,
  chew: Chew,
  o: ChewingOptions,
  dtMs: number,
): number {
  const length = Math.ceil((5 * o.decayMs) / dtMs);
  const level = chew.crunch + chew.thud;
  for (let k = 0; k < length; k++) {
    const t = chew.contact + k;
    if (t < 0 || t >= steps) continue;
    const env = Math.exp(-(k * dtMs) / o.decayMs);
    for (let j = 0; j < n; j++) {
      const spec = Math.exp(-((j - chew.centre) ** 2) / (2 * o.spectralWidth ** 2));
      raw[t * n + j] += level * spec * env;
    }
  }
  return length;
}
