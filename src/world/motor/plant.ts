/**
 * A first-order plant: the effector's velocity v follows the motor command u with time constant τ,
 *
 *   τ dv/dt = u − v,   discretised exactly: v ← u + (v − u)·e^(−dt/τ),
 *
 * and its position integrates v. For the eye, τ is the residual lag left after the brainstem's
 * pulse–step compensation of the orbital mechanics (the raw orbital τ ≈ 200 ms is cancelled by
 * the neural integrator); τ = 0 makes the plant follow the command exactly.
 */
export class FirstOrderPlant {
  /** Velocity (units/s, e.g. deg/s). */
  velocity = 0;
  /** Position (units, e.g. deg). */
  position = 0;
  private readonly decay: number;

  constructor(
    readonly tauMs: number,
    readonly dtMs: number,
  ) {
    if (!(tauMs >= 0)) throw new RangeError(`plant tauMs must be ≥ 0, got ${tauMs}`);
    if (!(dtMs > 0)) throw new RangeError(`plant dtMs must be > 0, got ${dtMs}`);
    this.decay = tauMs === 0 ? 0 : Math.exp(-dtMs / tauMs);
  }

  /** Advance dt under command u; returns the new velocity. */
  step(command: number): number {
    this.velocity = command + (this.velocity - command) * this.decay;
    this.position += (this.velocity * this.dtMs) / 1000;
    return this.velocity;
  }

  reset(): void {
    this.velocity = 0;
    this.position = 0;
  }
}
