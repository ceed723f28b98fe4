/**
 * The VOR's second plasticity site: vestibular-nerve (mossy fibre) → vestibular-nucleus
 * synapses, learned under the flocculus's guidance (Miles & Lisberger 1981, Annu Rev Neurosci
 * 4:273: the flocculus teaches the brainstem; Medina & Mauk 2000 and Porrill & Dean 2007 [M]:
 * cortex → nucleus transfer). Each side s ∈ {+, −} of the push–pull pair has one plastic weight
 * v_s on its canal afferent x_s (baseline 1 = the brainstem VOR's own gain):
 *
 *   u_b(t)  = −g_b · S · (v₊ x₊(t) − v₋ x₋(t))          (brainstem command, S = velocityScale)
 *   p_s(t)  = d_s · u_c(t) / S                          (floccular push along side s's drive;
 *                                                        d₊ = −1, d₋ = +1: the signs of u_b)
 *   Δv_s    = dt · x_s · D(p_s) · room_s
 *   D(p)    = η₊ p if p > 0, else r·η₊ p               (nucleus.ts's nuclearDrive; r = depressionRatio)
 *   room_s  = (v_max − v_s)/(v_max − 1) when potentiating, (v_s − v_min)/(1 − v_min) when depressing
 *
 * Why this site is not mirror-symmetric when the flocculus is: a floccular gain change is LTD on
 * the granule cells of one half-cycle plus LTP on those of the other, for gain-up and gain-down
 * alike; here each side's canal synapse carries the whole gain of its half-cycle, so gain-up is
 * potentiation of both sides and gain-down depression of both. Depression and potentiation can
 * then differ in rate (r) and in how far they can go (soft bounds v_min, v_max around 1).
 * Learning is gated by the canal input, so with the head still nothing is transferred online;
 * `transfer` "rest" or "both" adds consolidation during still rest (restTransfer.ts).
 */
import { nuclearDrive } from "./nucleus.js";
import { RestReplay } from "./restTransfer.js";

/** When the site learns: with the head moving (online), while it is still (rest), or both. */
export type TransferMode = "online" | "rest" | "both";

export interface VestibularNucleusParams {
  /** η₊: potentiation per ms per unit floccular push and canal rate. */
  rate: number;
  /** r = η₋/η₊. */
  depressionRatio: number;
  /** Soft lower bound of v (depression slows to 0 there), < 1. */
  minWeight: number;
  /** Soft upper bound of v, > 1. */
  maxWeight: number;
  /** When the site learns (default "online": only while the canal fires). */
  transfer?: TransferMode;
  /** τ of the rest replay's running mean (ms), default 1000 (one cycle at 1 Hz). */
  replayWindowMs?: number;
}

export class VestibularNucleus {
  /** v₊, v₋: canal → vestibular-nucleus weights (1 = the brainstem's baseline gain). */
  readonly v = new Float64Array([1, 1]);
  /** The held teaching products for rest transfer (null when `transfer` is "online"). */
  readonly replay: RestReplay | null;
  private readonly online: boolean;

  constructor(
    readonly p: VestibularNucleusParams,
    private readonly dtMs: number,
  ) {
    const mode = p.transfer ?? "online";
    this.online = mode !== "rest";
    this.replay = mode === "online" ? null : new RestReplay(dtMs, p.replayWindowMs ?? 1000);
  }

  /** The brainstem's head-velocity drive g·(v₊x₊ − v₋x₋) in channel units, before −g_b·S. */
  drive(xPos: number, xNeg: number): number {
    return this.v[0] * xPos - this.v[1] * xNeg;
  }

  /** The effective brainstem gain multiplier (mean of the two sides). */
  get gain(): number {
    return (this.v[0] + this.v[1]) / 2;
  }

  /** One learning step from the canal rates and the floccular push u_c/S (command units / S). */
  learn(xPos: number, xNeg: number, push: number): void {
    this.replay?.observe(-push * xPos, push * xNeg);
    if (!this.online) return;
    this.learnSide(0, xPos, -push);
    this.learnSide(1, xNeg, push);
  }

  /** One step of still rest: replay the last movement's held teaching products (if enabled). */
  rest(): void {
    if (this.replay === null) return;
    this.learnSide(0, 1, this.replay.held[0]);
    this.learnSide(1, 1, this.replay.held[1]);
  }

  /** Δv_s = dt · x · D(p) · room_s; at rest x = 1 and p is the held product m_s. */
  private learnSide(s: number, x: number, p: number): void {
    if (x === 0 || p === 0) return;
    const { rate, depressionRatio, minWeight, maxWeight } = this.p;
    const v = this.v[s];
    const room = p > 0 ? (maxWeight - v) / (maxWeight - 1) : (v - minWeight) / (1 - minWeight);
    const next = v + this.dtMs * x * nuclearDrive(p, rate, depressionRatio) * Math.max(0, room);
    this.v[s] = Math.min(maxWeight, Math.max(minWeight, next));
  }
}
