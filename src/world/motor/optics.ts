/**
 * What the eye sees. Retinal slip is the velocity of the visual scene's image on the retina,
 * in head coordinates and deg/s:
 *
 *   slip(t) = m · (W(t) − H(t)) − E(t)
 *
 * H head velocity, E eye-in-head velocity, W the scene's own velocity in space, m the optical
 * magnification of the spectacles (1 none, 2 ×2 telescopes, 0.5 minifying lenses, −1 left–right
 * reversing prisms). A perfect VOR makes slip 0: E = −m·H (gain G = −E/H = m) for a still scene.
 * A scene moving with the head (W = H, "×0" pairing) asks for gain 0; a scene moving against it
 * (W = −k·H) asks for 1 + k. Without vision (darkness) there is no slip signal at all.
 */
export interface Optics {
  /** Light on (a visual scene is seen) or off (darkness: no slip signal). */
  vision: boolean;
  /** Magnification m of the optics (negative = reversing). */
  magnification: number;
  /** Scene velocity in space as a multiple of head velocity: W = sceneGain · H. */
  sceneGain: number;
}

export const OPTICS_PRESETS = {
  /** Normal vision, stationary scene: asks for gain 1. */
  normal: { vision: true, magnification: 1, sceneGain: 0 },
  /** ×2 telescopic spectacles: asks for gain 2 (gain-up). */
  x2: { vision: true, magnification: 2, sceneGain: 0 },
  /** ×0.5 minifying spectacles: asks for gain 0.5 (gain-down). */
  x0_5: { vision: true, magnification: 0.5, sceneGain: 0 },
  /** Left–right reversing (dove) prisms: asks for gain −1. */
  reversal: { vision: true, magnification: -1, sceneGain: 0 },
  /** Scene moves with the head ("×0" visual–vestibular pairing): asks for gain 0. */
  withHead: { vision: true, magnification: 1, sceneGain: 1 },
  /** Scene moves against the head at head speed: asks for gain 2. */
  againstHead: { vision: true, magnification: 1, sceneGain: -1 },
  /** Darkness: no visual scene, no slip signal. */
  dark: { vision: false, magnification: 1, sceneGain: 0 },
} as const satisfies Record<string, Optics>;

export type OpticsName = keyof typeof OPTICS_PRESETS;

/** The VOR gain these optics ask for (−E/H that nulls slip), or NaN in darkness. */
export function requiredGain(optics: Optics): number {
  return optics.vision ? optics.magnification * (1 - optics.sceneGain) : Number.NaN;
}

/** Retinal slip (deg/s) now, or null when there is no vision. */
export function retinalSlip(
  optics: Optics,
  headVelocity: number,
  eyeVelocity: number,
): number | null {
  if (!optics.vision) return null;
  return optics.magnification * (optics.sceneGain * headVelocity - headVelocity) - eyeVelocity;
}
