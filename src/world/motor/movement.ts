/**
 * Discrete movements as pure functions of time since onset (ms): the command a fixed (brainstem,
 * spinal) path sends for one movement of amplitude A (deg or cm) lasting T ms.
 *
 *   pulseStep:   v(t) = A/T for 0 ≤ t < T, else 0      (the saccadic burst; the step that holds
 *                                                        the eye afterwards is the plant's own
 *                                                        position, see FirstOrderPlant)
 *   minimumJerk: x(t) = A·(10s³ − 15s⁴ + 6s⁵), s = t/T  (a point-to-point reach; Flash & Hogan 1985)
 *                v(t) = (A/T)·(30s² − 60s³ + 30s⁴)
 *
 * Velocities are in amplitude units per second (deg/s, cm/s), so they feed a FirstOrderPlant.
 */
export interface Movement {
  /** Movement amplitude A (deg for an eye, cm for a hand). */
  readonly amplitude: number;
  /** Duration T of the movement command (ms). */
  readonly durationMs: number;
  /** Commanded velocity (units/s) at t ms after onset; 0 outside [0, T). */
  velocity(tMs: number): number;
  /** Commanded position (units) at t ms after onset (A after the end). */
  position(tMs: number): number;
  readonly label: string;
}

function checkMovement(amplitude: number, durationMs: number): void {
  if (!Number.isFinite(amplitude))
    throw new RangeError(`movement amplitude must be finite, got ${amplitude}`);
  if (!(durationMs > 0 && Number.isFinite(durationMs)))
    throw new RangeError(`movement durationMs must be > 0, got ${durationMs}`);
}

/** A saccade's pulse: constant velocity A/T for T ms (the burst neurons' pulse, Robinson 1975). */
export function pulseStep(amplitude: number, durationMs: number): Movement {
  checkMovement(amplitude, durationMs);
  const v = (1000 * amplitude) / durationMs;
  return {
    amplitude,
    durationMs,
    label: `pulse–step ${amplitude} in ${durationMs} ms`,
    velocity: (t) => (t >= 0 && t < durationMs ? v : 0),
    position: (t) => (t <= 0 ? 0 : t >= durationMs ? amplitude : (amplitude * t) / durationMs),
  };
}

/** A reach: the minimum-jerk trajectory from 0 to A in T ms (Flash & Hogan 1985). */
export function minimumJerk(amplitude: number, durationMs: number): Movement {
  checkMovement(amplitude, durationMs);
  return {
    amplitude,
    durationMs,
    label: `minimum-jerk ${amplitude} in ${durationMs} ms`,
    velocity(t) {
      if (t < 0 || t >= durationMs) return 0;
      const s = t / durationMs;
      return ((1000 * amplitude) / durationMs) * (30 * s ** 2 - 60 * s ** 3 + 30 * s ** 4);
    },
    position(t) {
      if (t <= 0) return 0;
      if (t >= durationMs) return amplitude;
      const s = t / durationMs;
      return amplitude * (10 * s ** 3 - 15 * s ** 4 + 6 * s ** 5);
    },
  };
}
