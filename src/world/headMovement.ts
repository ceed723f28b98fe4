/**
 * Optional head movement of the licking mouse (world/lickingMouse.ts): head turns at random
 * times, sensed by the vestibular system and neck proprioception, and making a faint sound of
 * their own. Deliberately simple; the numbers are illustrative, not fitted to data.
 *
 * Turns start at Poisson times (rate `rateHz`, never overlapping). Turn i lasts D ~ U(durationMin,
 * durationMax) with a bell-shaped angular velocity v(t) = V · sin²(π t / D), peak
 * |V| ~ U(0.3, 1) in units of the fastest turn; its sign turns the head back toward the middle
 * with probability 0.5 + 0.4·|p|, where p ∈ [−1, 1] is head position (a turn that would leave
 * [−1, 1] goes the other way). Position integrates velocity: each turn moves p by
 * V · D · travel / 2, with `travel` the range crossed per second at full speed.
 *
 * Context (non-negative rates around a resting 0.5, like a canal pair's afferents):
 *   headLeft  = 0.5 + 0.5 · v     headRight = 0.5 − 0.5 · v     (push–pull horizontal canals)
 *   headPosition = 0.5 + 0.5 · p                                  (neck proprioception)
 * Sound: a low-frequency rustle (fur and bedding) while the head moves, in channels around
 * `soundCentre`, with loudness soundLevel · v²: the same for left and right turns, so no linear
 * function of the push–pull velocity signals can predict it (a nonlinearity on purpose).
 */
import { z } from "zod";
import type { Rng } from "../model/rng.js";

export const headMovementSchema = z
  .object({
    enabled: z.boolean().default(false).describe("Head turns with their own context and sound"),
    rateHz: z.number().min(0).default(0.4).describe("Head turns per second (Poisson)"),
    durationMinMs: z.number().positive().default(150).describe("Shortest head turn (ms)"),
    durationMaxMs: z.number().positive().default(400).describe("Longest head turn (ms)"),
    travel: z
      .number()
      .positive()
      .default(4)
      .describe("Position range crossed per second at full speed (position spans −1…1)"),
    soundLevel: z
      .number()
      .min(0)
      .default(0.4)
      .describe("Rustle loudness at full speed (scales with speed²)"),
    soundCentre: z
      .number()
      .min(0)
      .default(0.5)
      .describe("Spectral centre of the rustle (channel units; low frequencies)"),
    spectralWidth: z
      .number()
      .positive()
      .default(1.5)
      .describe("Spectral width of the rustle (channels)"),
  })
  .strict()
  .superRefine((h, ctx) => {
    if (h.durationMaxMs < h.durationMinMs) {
      ctx.addIssue({
        code: "custom",
        path: ["durationMaxMs"],
        input: h.durationMaxMs,
        message: `got ${h.durationMaxMs}; allowed: a duration in ms ≥ durationMinMs (${h.durationMinMs})`,
      });
    }
  });

export type HeadMovementOptions = z.output<typeof headMovementSchema>;

export const HEAD_CONTEXT = ["headLeft", "headRight", "headPosition"];

export interface HeadTurn {
  start: number;
  length: number;
  /** Signed peak velocity (units of the fastest turn). */
  peak: number;
}

export interface HeadTrack {
  /** Velocity v(t) in [−1, 1] and position p(t) in [−1, 1], one per step. */
  velocity: Float32Array;
  position: Float32Array;
  turns: HeadTurn[];
}

/** Generate head turns over `steps` steps. */
export function headTrack(
  o: HeadMovementOptions,
  dtMs: number,
  steps: number,
  rng: Rng,
): HeadTrack {
  const velocity = new Float32Array(steps);
  const position = new Float32Array(steps);
  const turns: HeadTurn[] = [];
  const wait = () =>
    o.rateHz > 0 ? Math.round((-Math.log(1 - rng.uniform()) * 1000) / o.rateHz / dtMs) : steps;
  let p = 0;
  let t = wait();
  while (t < steps) {
    const durMs = o.durationMinMs + rng.uniform() * (o.durationMaxMs - o.durationMinMs);
    const length = Math.max(1, Math.round(durMs / dtMs));
    const speed = 0.3 + 0.7 * rng.uniform();
    const shift = (speed * (durMs / 1000) * o.travel) / 2;
    let sign = rng.uniform() < 0.5 + 0.4 * Math.abs(p) ? -Math.sign(p) || 1 : Math.sign(p) || -1;
    if (Math.abs(p + sign * shift) > 1) sign = -sign;
    // Still out of range both ways (a very long turn): scale it down to fit.
    const room = sign > 0 ? 1 - p : 1 + p;
    const scale = shift > room ? room / shift : 1;
    const peak = sign * speed * scale;
    for (let k = 0; k < length && t + k < steps; k++) {
      const v = peak * Math.sin((Math.PI * k) / length) ** 2;
      velocity[t + k] = v;
      p += v * (dtMs / 1000) * o.travel;
      position[t + k] = Math.max(-1, Math.min(1, p));
    }
    p = Math.max(-1, Math.min(1, p));
    turns.push({ start: t, length, peak });
    const end = t + length;
    t = end + wait();
    for (let k = end; k < Math.min(t, steps); k++) position[k] = p;
  }
  // Before the first turn the head rests in the middle (position 0, already zero).
  return { velocity, position, turns };
}

/** The rustle of head movement into a raw steps × N buffer: level ∝ v². */
export function addHeadSound(
  raw: Float32Array,
  n: number,
  track: HeadTrack,
  o: HeadMovementOptions,
): void {
  const spec = Array.from({ length: n }, (_, j) =>
    Math.exp(-((j - o.soundCentre) ** 2) / (2 * o.spectralWidth ** 2)),
  );
  for (let t = 0; t < track.velocity.length; t++) {
    const v = track.velocity[t];
    if (v === 0) continue;
    const level = o.soundLevel * v * v;
    for (let j = 0; j < n; j++) raw[t * n + j] += level * spec[j];
  }
}
