/**
 * The law that turns one lick's body state into its sound (issue #13 item 6): loudness and
 * spectral centre of the contact click from the lick's force F, the jaw opening at contact
 * J_c, the peak opening J and the lick's index in its bout. A world takes either a declared law
 * (`world.soundLaw`, serialisable, below) or any function of the same shape through the public
 * API (`lickingMouseScene(options, dt, duration, rng, law)`).
 *
 * Declared laws (L = `level`, N channels, κ₀(J_c) = (N − 1)·(0.2 + 0.6·J_c²)):
 *   singla     loudness L·tanh(F²)/tanh(1), centre κ₀              the default world's law
 *   jawForce   loudness L·(J_c/jawRef)·F², centre κ₀               sound ∝ jaw·force²
 *   threshold  loudness L·min(1, [F − θ]₊/(F_sat − θ)), centre κ₀  silent below θ, saturating at F_sat
 *   gated      loudness L·F if J_c ≥ jawGate else 0;               the tongue reaches the spout only
 *              centre (N − 1)·0.8 if F ≥ hardForce else (N − 1)·0.2   with the jaw open wide, and a
 *                                                                  hard lick strikes a brighter sound
 * Every law but singla is a nonlinear function of context (efference copy F and jaw) that no
 * linear filter of those channels can follow: a product, a threshold, a gate.
 */
import { z } from "zod";

/** What a sound law sees of one lick. */
export interface LickBody {
  /** F: the lick's force (also the height of its efference-copy pulse). */
  force: number;
  /** J_c: jaw opening when the tongue meets the spout. */
  jawAtContact: number;
  /** J: the lick's peak jaw opening. */
  jawMax: number;
  /** Index of the lick in its bout (0 = first; playback sounds: 0). */
  index: number;
  /** N: cochlear channels. */
  channels: number;
}

/** The contact click's loudness (before receptor compression) and spectral centre (channels). */
export interface LickSound {
  level: number;
  centre: number;
}

export type LickSoundLaw = (lick: LickBody) => LickSound;

export const soundLawSchema = z
  .object({
    kind: z
      .enum(["singla", "jawForce", "threshold", "gated"])
      .default("singla")
      .describe(
        "singla: L·tanh(F²); jawForce: L·(J_c/jawRef)·F²; threshold: L·min(1, [F − θ]₊/(F_sat − θ)); " +
          "gated: L·F only when J_c ≥ jawGate, centre high when F ≥ hardForce (see world/soundLaw.ts)",
      ),
    jawRef: z
      .number()
      .positive()
      .default(0.55)
      .describe("jawForce: jaw opening at contact that gives loudness L at F = 1"),
    threshold: z.number().min(0).default(0.9).describe("threshold: θ, the softest audible force"),
    saturation: z
      .number()
      .positive()
      .default(1.4)
      .describe("threshold: F_sat, the force at which the sound saturates (> θ)"),
    jawGate: z
      .number()
      .min(0)
      .max(1)
      .default(0.45)
      .describe("gated: the jaw opening at contact below which the lick is silent"),
    hardForce: z
      .number()
      .positive()
      .default(1.3)
      .describe("gated: force from which the click moves to the high band"),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.kind === "threshold" && v.saturation <= v.threshold)
      ctx.addIssue({
        code: "custom",
        path: ["saturation"],
        message: `must exceed threshold (${v.threshold}); got ${v.saturation}`,
      });
  });

export type SoundLawSpec = z.output<typeof soundLawSchema>;

const defaultCentre = (b: LickBody) =>
  (b.channels - 1) * (0.2 + 0.6 * b.jawAtContact * b.jawAtContact);

/** The function of a declared law; `level` is the world's L. */
export function soundLaw(spec: SoundLawSpec, level: number): LickSoundLaw {
  switch (spec.kind) {
    case "singla":
      return (b) => ({
        level: (level * Math.tanh(b.force * b.force)) / Math.tanh(1),
        centre: defaultCentre(b),
      });
    case "jawForce":
      return (b) => ({
        level: (level * b.jawAtContact * b.force * b.force) / spec.jawRef,
        centre: defaultCentre(b),
      });
    case "threshold":
      return (b) => ({
        level:
          level *
          Math.min(1, Math.max(0, b.force - spec.threshold) / (spec.saturation - spec.threshold)),
        centre: defaultCentre(b),
      });
    case "gated":
      return (b) => ({
        level: b.jawAtContact >= spec.jawGate ? level * b.force : 0,
        centre: (b.channels - 1) * (b.force >= spec.hardForce ? 0.8 : 0.2),
      });
  }
}
