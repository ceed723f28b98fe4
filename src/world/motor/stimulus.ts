/**
 * Head-rotation stimuli: head velocity H(t) (deg/s) and acceleration Ḣ(t) (deg/s²) as pure
 * functions of time, so a run is reproducible and any time can be sampled.
 *
 *   sinusoid:  H(t) = A · sin(2π f t + φ)
 *   sum:       Σ of sinusoids (a pseudo-random "sum of sines" test, as in V4)
 *   still:     H(t) = 0 (head stationary)
 */
export interface SineComponent {
  amplitudeDegS: number;
  frequencyHz: number;
  phaseDeg?: number;
}

export interface HeadStimulus {
  /** Head velocity (deg/s) at time t (ms). */
  velocity(tMs: number): number;
  /** Head acceleration (deg/s²) at time t (ms). */
  acceleration(tMs: number): number;
  /** Human-readable description (for summaries). */
  readonly label: string;
}

export function sumOfSines(components: readonly SineComponent[]): HeadStimulus {
  const parts = components.map((c) => ({
    a: c.amplitudeDegS,
    w: 2 * Math.PI * c.frequencyHz,
    phi: ((c.phaseDeg ?? 0) * Math.PI) / 180,
  }));
  return {
    label:
      components.map((c) => `${c.amplitudeDegS}°/s @ ${c.frequencyHz} Hz`).join(" + ") || "still",
    velocity(tMs) {
      const t = tMs / 1000;
      let v = 0;
      for (const p of parts) v += p.a * Math.sin(p.w * t + p.phi);
      return v;
    },
    acceleration(tMs) {
      const t = tMs / 1000;
      let v = 0;
      for (const p of parts) v += p.a * p.w * Math.cos(p.w * t + p.phi);
      return v;
    },
  };
}

/** H(t) = A sin(2π f t). */
export function sinusoid(amplitudeDegS: number, frequencyHz: number): HeadStimulus {
  return sumOfSines([{ amplitudeDegS, frequencyHz }]);
}

/** The head held still. */
export const still: HeadStimulus = sumOfSines([]);
