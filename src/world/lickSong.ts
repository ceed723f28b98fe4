/**
 * A learned pattern of actions with its own sound: the spectral centre of each lick's sound
 * follows a fixed sequence over the licks of a bout (restarting at each bout), instead of the jaw
 * position. The body's context (lick command, jaw) is the same for every lick, so only a memory
 * of the sequence (the cortex's) can tell which sound comes next — the "internally generated
 * rhythm" of issue #13 item 3.
 *
 *   κ_i = (N − 1) · centres[i mod len]     i: the lick's index in its bout
 *
 * After `switchAtS` (if > 0) the pattern becomes `centresAfter`: a new self-generated sound.
 */
import { z } from "zod";

export const lickSongSchema = z
  .object({
    enabled: z.boolean().default(false).describe("Lick sounds follow the pattern `centres`"),
    centres: z
      .array(z.number().min(0).max(1))
      .min(1)
      .max(64)
      .default([0.1, 0.5, 0.1, 0.9])
      .describe("Spectral centre of each lick in a bout, as a fraction of the cochlea (cycled)"),
    switchAtS: z
      .number()
      .min(0)
      .default(0)
      .describe("Time (s) at which the pattern changes to `centresAfter`; 0 = never"),
    centresAfter: z
      .array(z.number().min(0).max(1))
      .min(1)
      .max(64)
      .default([0.9, 0.3, 0.9, 0.6])
      .describe("The pattern after `switchAtS`"),
  })
  .strict();

export type LickSong = z.output<typeof lickSongSchema>;

/** Spectral centre (channels) of the lick with index `i` in its bout at step `t`, or null (off). */
export function songCentre(
  song: LickSong,
  channels: number,
  i: number,
  t: number,
  dtMs: number,
): number | null {
  if (!song.enabled) return null;
  const after = song.switchAtS > 0 && t * dtMs >= song.switchAtS * 1000;
  const pattern = after ? song.centresAfter : song.centres;
  return (channels - 1) * pattern[i % pattern.length];
}
