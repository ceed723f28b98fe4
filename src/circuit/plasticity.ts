/**
 * Plasticity sites.
 *
 * PF→PC (climbing-fibre supervised, DESIGN.md §2):
 *   Δw_pi = −η · E_p(t) · g_i(t − L),   E_p(t) = Σ_{τ=0..L} κ(τ) e_p(t − L + τ)
 * (g_i ∈ {0,1}, or a graded layer's rate, kept in the history beside the indices)
 * which equals Σ_τ κ(τ)·e_p(t′)·g_i(t′ − τ) summed over time, applied L steps late so that only
 * the cells active at one past step are touched per step (sparse). η = η_LTD when E > 0 (LTD),
 * η_LTP when E < 0 (LTP). Optional non-associative LTP adds α to every active PF synapse.
 * Weights stay in [minWeight, maxWeight]: clamped (bounds: hard), or with every step scaled by
 * the room left toward its bound (bounds: soft, softBounds.ts). Rates are per ms, so results do
 * not depend on dt.
 *
 * Relaxation (optional, ρ = `relaxation`): every active PF synapse also moves toward w₀,
 *   Δw_pi = ρ · dt · g_i(t) · (w₀ − w_pi),
 * with or without an error. It stands for two processes that balance at the baseline weight:
 * LTP from parallel-fibre activity alone and LTD from the olive's background complex spikes
 * (~1 Hz), so a cortical change that no error keeps up fades each time its context recurs — the
 * fast, poorly retained process of motor adaptation (Medina & Mauk 2000 [M]; Smith et al. 2006).
 * Decay is per use, not per second: a memory whose context stays off is kept.
 * (The mossy fibre → nucleus site is in nucleus.ts.)
 */
import { type Kernel, kernelArrays } from "../kernels/kernel.js";
import type { CerebellumParams } from "../model/cerebellum.js";
import { ActivityHistory, ValueHistory } from "./history.js";
import type { IntPfWeights } from "./intPfWeights.js";
import { type SoftBounds, softBounds, updateWeightsSoft } from "./softBounds.js";

export class PfPurkinjePlasticity {
  readonly activity: ActivityHistory;
  readonly errors: ValueHistory;
  readonly kappa: Float64Array;
  private readonly credit: Float64Array;
  private readonly dw: Float64Array;
  private readonly lag: number;
  /** The soft-bound rule's constants (bounds: soft), else null: the kernel's clamped updates. */
  private readonly soft: SoftBounds | null;

  constructor(
    private readonly p: CerebellumParams,
    private readonly kernel: Kernel,
    kappa: Float64Array,
    capacity: number,
    graded = false,
  ) {
    this.kappa = kappa;
    this.lag = kappa.length - 1;
    const arrays = kernelArrays(kernel);
    this.activity = new ActivityHistory(
      kappa.length,
      capacity,
      arrays.int32,
      graded ? arrays.float32 : null,
    );
    this.errors = new ValueHistory(kappa.length, p.purkinje.count);
    this.credit = new Float64Array(p.purkinje.count);
    this.dw = kernelArrays(kernel).float64(p.purkinje.count);
    const rule = p.plasticity.pfPurkinje;
    this.soft =
      rule.bounds === "soft"
        ? softBounds(rule.minWeight, rule.maxWeight, p.purkinje.initialWeight)
        : null;
  }

  /**
   * Record this step's activity and error, then (if `learn`) credit the cells active L steps
   * ago. History is kept while learning is paused, so resuming credits the right cells.
   * `gain`: a graded layer's rates of the active cells (null: binary).
   */
  step(
    active: Int32Array,
    count: number,
    error: Float64Array,
    w: Float32Array | IntPfWeights,
    learn: boolean,
    gain: Float32Array | null = null,
  ): void {
    const rule = this.p.plasticity.pfPurkinje;
    const purkinje = this.p.purkinje.count;
    this.activity.push(active, count, gain);
    this.errors.push(error);
    if (!learn) return;
    const { credit, dw } = this;
    this.computeCredit();
    const dt = this.p.dtMs;
    let any = false;
    for (let q = 0; q < purkinje; q++) {
      const e = credit[q];
      const d = (e > 0 ? -rule.ltd * e : -rule.ltp * e) * dt;
      dw[q] = d;
      if (d !== 0) any = true;
    }
    const { activity } = this;
    const s = activity.index(this.lag);
    const pastCount = activity.counts[s];
    if (!(w instanceof Float32Array)) {
      // The integer tier: the same three updates, rounded stochastically to its resolution.
      const rates = activity.gains ? activity.gainRows[s] : null;
      if (any && pastCount > 0) w.update(activity.rows[s], pastCount, dw, this.soft, rates);
      if (rule.nonAssociativeLtp > 0 && count > 0) {
        dw.fill(rule.nonAssociativeLtp * dt);
        w.update(active, count, dw, this.soft, gain);
      }
      if (rule.relaxation > 0 && count > 0)
        w.relax(active, count, Math.min(1, rule.relaxation * dt), gain);
      return;
    }
    if (any && pastCount > 0) {
      const rates = activity.gains ? activity.gainRows[s] : null;
      this.updateRows(activity.rows[s], rates, pastCount, w);
    }
    if (rule.nonAssociativeLtp > 0 && count > 0) {
      dw.fill(rule.nonAssociativeLtp * dt);
      this.updateRows(active, gain, count, w);
    }
    if (rule.relaxation > 0 && count > 0) this.relax(active, count, gain, w);
  }

  /**
   * Adds this step's dw to the listed rows (g_j·dw with a graded layer's rates): the kernel's
   * clamped update, or the soft-bound loop (bounds: soft).
   */
  private updateRows(rows: Int32Array, rates: Float32Array | null, count: number, w: Float32Array) {
    const { kernel, dw, soft } = this;
    const purkinje = this.p.purkinje.count;
    if (soft) {
      updateWeightsSoft(rows, rates, count, w, purkinje, dw, soft);
      return;
    }
    const { minWeight: lo, maxWeight: hi } = this.p.plasticity.pfPurkinje;
    if (rates) kernel.updateWeightsGraded(rows, rates, count, w, purkinje, dw, lo, hi);
    else kernel.updateWeights(rows, count, w, purkinje, dw, lo, hi);
  }

  /** w ← w + ρ·dt·g·(w₀ − w) on the synapses of the cells active now (a plain loop over rows). */
  private relax(active: Int32Array, count: number, gain: Float32Array | null, w: Float32Array) {
    const purkinje = this.p.purkinje.count;
    const w0 = this.p.purkinje.initialWeight;
    const k = this.p.plasticity.pfPurkinje.relaxation * this.p.dtMs;
    for (let j = 0; j < count; j++) {
      const f = Math.min(1, gain ? k * gain[j] : k);
      const row = active[j] * purkinje;
      for (let q = 0; q < purkinje; q++) w[row + q] += f * (w0 - w[row + q]);
    }
  }

  /**
   * credit_q = E_q(t) = Σ_{τ=0..L} κ(τ)·e_q(t − L + τ), summed in float64 from 0, τ increasing,
   * terms with κ(τ) = 0 skipped. The error ring holds L + 1 rows, so τ = 0 is the row after
   * the newest (the oldest) and τ walks forward through the ring, wrapping once. Eight outputs
   * at a time, with running sums in locals.
   */
  private computeCredit(): void {
    const { kappa, credit } = this;
    const { values, head, length, width } = this.errors;
    const first = head + 1 === length ? 0 : head + 1;
    let q = 0;
    for (; q + 8 <= width; q += 8) {
      let e0 = 0;
      let e1 = 0;
      let e2 = 0;
      let e3 = 0;
      let e4 = 0;
      let e5 = 0;
      let e6 = 0;
      let e7 = 0;
      let r = first * width + q;
      for (let tau = 0; tau < length; tau++) {
        const k = kappa[tau];
        if (k !== 0) {
          e0 += k * values[r];
          e1 += k * values[r + 1];
          e2 += k * values[r + 2];
          e3 += k * values[r + 3];
          e4 += k * values[r + 4];
          e5 += k * values[r + 5];
          e6 += k * values[r + 6];
          e7 += k * values[r + 7];
        }
        r += width;
        if (r >= values.length) r -= values.length;
      }
      credit[q] = e0;
      credit[q + 1] = e1;
      credit[q + 2] = e2;
      credit[q + 3] = e3;
      credit[q + 4] = e4;
      credit[q + 5] = e5;
      credit[q + 6] = e6;
      credit[q + 7] = e7;
    }
    for (; q < width; q++) {
      let e = 0;
      let r = first * width + q;
      for (let tau = 0; tau < length; tau++) {
        const k = kappa[tau];
        if (k !== 0) e += k * values[r];
        r += width;
        if (r >= values.length) r -= values.length;
      }
      credit[q] = e;
    }
  }
}
