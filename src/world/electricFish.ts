/**
 * A mormyrid electric fish (after Bell 1981, Science 214:450; Kennedy et al. 2014; Enikolopov
 * et al. 2018), with an optional second, proprioceptive source (after the skate of Bodznick,
 * Montgomery & Carey 1999).
 *
 * The EOD motor command fires at intervals ~ U(intervalMin, intervalMax). Each command reaches
 * the brain as a corollary discharge: context channel "eod" = 1 for commandMs. What the
 * electroreceptors then see (N channels, deviation from rest; sources add):
 *   "self"     reafference of the fish's own discharge: in channel j a sum of Gaussian bumps
 *              a·exp(−(t − t_eod − d)² / 2σ²) with per-channel amplitude (reafference list)
 *   "paired"   an artificial stimulus paired with the command (Bell's experiments): the same
 *              bump form at a chosen delay, in chosen channels
 *   "tail"     reafference of tail bends: channel j gets c_j · tail(t − tailLagMs), where
 *              tail(t) ∈ [0, 1] is the bend (context channel "tail", proprioception), bends at
 *              Poisson times, each sin²-shaped over tailBendMs
 *   "prey"     small external signals at random times: a bump of width preyWidthMs in one random
 *              channel (prey-like, Enikolopov et al. 2018)
 */
import { z } from "zod";
import type { Rng } from "../model/rng.js";
import { emptyScene, type Scene } from "./scene.js";

const bumpSchema = z
  .object({
    delayMs: z.number().min(0).describe("Delay of the bump's peak after the command (ms)"),
    widthMs: z.number().positive().default(8).describe("σ of the bump (ms)"),
    amplitude: z.number().describe("Peak deviation (negative = a decrease)"),
    channels: z
      .array(z.number().int().min(0))
      .default([0])
      .describe("Electrosensory channels it reaches"),
  })
  .strict();

export type Bump = z.output<typeof bumpSchema>;

export const electricFishSchema = z
  .object({
    channels: z.number().int().min(1).max(64).default(4).describe("N: electrosensory channels"),
    intervalMinMs: z.number().positive().default(250).describe("Shortest inter-EOD interval (ms)"),
    intervalMaxMs: z.number().positive().default(400).describe("Longest inter-EOD interval (ms)"),
    commandMs: z
      .number()
      .positive()
      .default(4)
      .describe("Duration of the corollary-discharge pulse (ms)"),
    reafference: z
      .array(bumpSchema)
      .default([
        { delayMs: 12, widthMs: 5, amplitude: 0.5, channels: [0, 1, 2, 3] },
        { delayMs: 60, widthMs: 15, amplitude: 0.25, channels: [1, 2] },
      ])
      .describe("The fish's own EOD reafference (source 'self')"),
    paired: z
      .array(bumpSchema)
      .default([])
      .describe("Artificial stimuli paired with the command (source 'paired')"),
    pairedProbability: z
      .number()
      .min(0)
      .max(1)
      .default(1)
      .describe("Chance that a given EOD carries the paired stimulus"),
    tailRateHz: z
      .number()
      .min(0)
      .default(0)
      .describe("Rate of tail bends (Poisson, per s); 0 = none"),
    tailBendMs: z.number().positive().default(200).describe("Duration of one tail bend (ms)"),
    tailLagMs: z.number().min(0).default(10).describe("Bend → electrosensory reafference lag (ms)"),
    tailGain: z
      .array(z.number())
      .default([0.5, 0.3, 0.1, 0])
      .describe("c_j: tail reafference per channel"),
    preyRateHz: z
      .number()
      .min(0)
      .default(0)
      .describe("Rate of prey-like external signals (Poisson, per s)"),
    preyAmplitude: z.number().min(0).default(0.12).describe("Peak of a prey signal"),
    preyWidthMs: z.number().positive().default(10).describe("σ of a prey signal (ms)"),
  })
  .strict();

export type ElectricFishOptions = z.output<typeof electricFishSchema>;
export const FISH_CONTEXT = ["eod", "tail"];
export const FISH_SOURCES = ["self", "paired", "tail", "prey"];

export function electrosensoryNames(n: number): string[] {
  return Array.from({ length: n }, (_, j) => `electro${j}`);
}

function addBump(
  buffer: Float32Array,
  steps: number,
  n: number,
  at: number,
  b: Bump,
  dtMs: number,
  channels?: number[],
): number {
  const from = Math.max(0, Math.floor((b.delayMs - 4 * b.widthMs) / dtMs));
  const to = Math.ceil((b.delayMs + 4 * b.widthMs) / dtMs);
  for (let k = from; k <= to; k++) {
    const t = at + k;
    if (t >= steps) break;
    const v = b.amplitude * Math.exp(-((k * dtMs - b.delayMs) ** 2) / (2 * b.widthMs ** 2));
    for (const j of channels ?? b.channels) if (j < n) buffer[t * n + j] += v;
  }
  return to + 1;
}

/** Generate `durationMs` of an electric fish's world. */
export function electricFishScene(
  o: ElectricFishOptions,
  dtMs: number,
  durationMs: number,
  rng: Rng,
): Scene {
  const n = o.channels;
  const steps = Math.round(durationMs / dtMs);
  const scene = emptyScene(dtMs, steps, FISH_CONTEXT, electrosensoryNames(n), FISH_SOURCES);
  const C = FISH_CONTEXT.length;
  const pulse = Math.max(1, Math.round(o.commandMs / dtMs));
  let t = Math.round((o.intervalMinMs * rng.uniform()) / dtMs);
  while (t < steps) {
    for (let k = 0; k < pulse && t + k < steps; k++) scene.context[(t + k) * C] = 1;
    let length = 0;
    for (const b of o.reafference)
      length = Math.max(length, addBump(scene.components.self, steps, n, t, b, dtMs));
    const paired = o.paired.length > 0 && rng.uniform() < o.pairedProbability;
    if (paired)
      for (const b of o.paired)
        length = Math.max(length, addBump(scene.components.paired, steps, n, t, b, dtMs));
    scene.events.push({ kind: "eod", step: t, length, paired: paired ? 1 : 0 });
    t += Math.round((o.intervalMinMs + rng.uniform() * (o.intervalMaxMs - o.intervalMinMs)) / dtMs);
  }
  if (o.tailRateHz > 0) {
    const bend = Math.max(2, Math.round(o.tailBendMs / dtMs));
    const lag = Math.round(o.tailLagMs / dtMs);
    let s = Math.round((-Math.log(1 - rng.uniform()) * 1000) / o.tailRateHz / dtMs);
    while (s < steps) {
      const size = 0.5 + 0.5 * rng.uniform();
      for (let k = 0; k < bend && s + k < steps; k++) {
        const v = size * Math.sin((Math.PI * k) / bend) ** 2;
        const i = (s + k) * C + 1;
        scene.context[i] = Math.max(scene.context[i], v);
      }
      scene.events.push({ kind: "tail", step: s, length: bend + lag, size });
      s += bend + Math.round((-Math.log(1 - rng.uniform()) * 1000) / o.tailRateHz / dtMs);
    }
    for (let t2 = lag; t2 < steps; t2++) {
      const v = scene.context[(t2 - lag) * C + 1];
      if (v === 0) continue;
      for (let j = 0; j < n; j++) scene.components.tail[t2 * n + j] = (o.tailGain[j] ?? 0) * v;
    }
  }
  if (o.preyRateHz > 0) {
    let s = Math.round((-Math.log(1 - rng.uniform()) * 1000) / o.preyRateHz / dtMs);
    while (s < steps) {
      const channel = rng.int(n);
      const b = {
        delayMs: 3 * o.preyWidthMs,
        widthMs: o.preyWidthMs,
        amplitude: o.preyAmplitude,
        channels: [channel],
      };
      const length = addBump(scene.components.prey, steps, n, s, b, dtMs);
      scene.events.push({
        kind: "prey",
        step: s,
        length,
        channel,
        peak: s + Math.round(b.delayMs / dtMs),
      });
      s += length + Math.round((-Math.log(1 - rng.uniform()) * 1000) / o.preyRateHz / dtMs);
    }
  }
  scene.events.sort((a, b) => a.step - b.step);
  return scene;
}
