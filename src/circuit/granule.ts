/**
 * Granule layer: N cells, each summing K randomly chosen basis units (K distinct mossy fibres;
 * for each, its tonic unit with probability tonicProbability, else one of its B bumps):
 *
 *   h_i(t) = Σ_k b_{u(i,k)}(t)  [− Golgi inhibition, recurrent mode]
 *   g_i(t) = out(h_i(t) − θ(t)) if h_i(t) > θ(t), else 0
 *
 * out is 1 (binary) or min(1, (h − θ)/gradedWidth) (graded: a rate, so how strongly a context
 * drives a cell is coded too). θ(t) models Golgi inhibition:
 *   quantile   θ(t) is the drive of the ⌈f·N⌉-th most driven cell (never below the floor θ₀), so
 *              the coding level stays at f whatever the input — the ideal of the feedback loop;
 *   fixed      θ = θ₀;
 *   feedback   one Golgi pool: c ← λc + (1 − λ)·(Σ_i g_i / N)/f, θ = θ₀ + J·c, λ = e^(−dt/τ_G)
 *              (the loop itself, one step late: the coding level settles near f, not exactly);
 *   recurrent  G Golgi cells: r_j ← λr_j + (1 − λ)·(Σ_{i→j} g_i)/(f·N·T/G), each granule cell
 *              excites T of them and is inhibited by F of them, h_i −= J·mean_{j→i} r_j, θ = θ₀.
 *              A steady mossy input then gives a population that keeps changing with time since
 *              its onset (Yamazaki & Tanaka 2005, 2007; Medina & Mauk 2000): a timing code that
 *              comes from the circuit, not from delays built into the basis.
 * The recurrent inhibition enters the kernels' drive as extra inputs: Golgi unit j is appended to
 * the basis units as −J·r_j/F and each cell gets F more wiring entries.
 */
import { BUILT_FROM_SEED, type GranulePlan, type Kernel, kernelArrays } from "../kernels/kernel.js";
import type { CerebellumParams } from "../model/cerebellum.js";
import type { Rng } from "../model/rng.js";

export function wireGranule(p: CerebellumParams, rng: Rng): Int32Array {
  const n = p.granule.count;
  const k = Math.min(p.granule.fanIn, p.mossy.count);
  const bumps = p.basis.bumps;
  const width = 1 + bumps;
  const inputs = new Int32Array(n * p.granule.fanIn);
  const chosen = new Int32Array(k);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < p.granule.fanIn; j++) {
      let m: number;
      // Distinct fibres per cell while possible (K ≤ M).
      do {
        m = rng.int(p.mossy.count);
      } while (j < k && chosen.subarray(0, j).includes(m));
      if (j < k) chosen[j] = m;
      const unit = bumps === 0 || rng.uniform() < p.basis.tonicProbability ? 0 : 1 + rng.int(bumps);
      inputs[i * p.granule.fanIn + j] = m * width + unit;
    }
  }
  return inputs;
}

/** Recurrent Golgi wiring: which Golgi cells inhibit (F per cell) and are excited by (T) each. */
export interface GolgiWiring {
  inhibitors: Int32Array;
  targets: Int32Array;
}

/** Draws the recurrent Golgi wiring (only for golgi = "recurrent"; after the other wiring). */
export function wireGolgi(p: CerebellumParams, rng: Rng): GolgiWiring | null {
  if (p.granule.golgi !== "recurrent") return null;
  const { count: n, golgiCells, golgiFanIn, golgiTargets } = p.granule;
  const inhibitors = new Int32Array(n * golgiFanIn);
  const targets = new Int32Array(n * golgiTargets);
  for (let i = 0; i < inhibitors.length; i++) inhibitors[i] = rng.int(golgiCells);
  for (let i = 0; i < targets.length; i++) targets[i] = rng.int(golgiCells);
  return { inhibitors, targets };
}

/** Basis units per module: M × (1 + B). */
export function basisUnitCount(p: CerebellumParams): number {
  return p.mossy.count * (1 + p.basis.bumps);
}

export class GranuleLayer {
  /** The Golgi wiring, drawn from the seed; a checkpoint saves only its hash (not the kernel plan:
   * some kernels keep scratch values in it). */
  readonly [BUILT_FROM_SEED] = ["golgiWiring"];
  readonly drive: Float32Array;
  /** Indices of active cells, increasing; the first `count` entries are valid. */
  readonly active: Int32Array;
  /** Graded output: the rate g of active[j] (null when binary: every active cell fires 1). */
  readonly gain: Float32Array | null;
  count = 0;
  /** Most cells that can be active in one step. */
  readonly capacity: number;
  /** Golgi state: c (feedback, one value) or r_j (recurrent); empty otherwise. */
  readonly golgi: Float64Array;
  private readonly target: number;
  private readonly histogram: Uint32Array;
  /** Scratch: the cells above the floor this step (`active` itself when it has room for all). */
  private readonly above: Int32Array;
  /** Scratch: their drives. */
  private readonly aboveDrive: Float32Array;
  /** The kernel's copy of the wiring: `inputs` is read once, here. */
  private readonly plan: GranulePlan;
  /** Recurrent: basis units followed by the Golgi units −J·r_j/F. */
  private readonly units: Float32Array | null;
  private readonly golgiInput: Float64Array;
  private readonly golgiLeak: number;

  constructor(
    private readonly p: CerebellumParams,
    inputs: Int32Array,
    private readonly kernel: Kernel,
    private readonly golgiWiring: GolgiWiring | null = null,
  ) {
    const g = p.granule;
    const n = g.count;
    const arrays = kernelArrays(kernel);
    this.drive = arrays.float32(n);
    this.target = g.golgi === "quantile" ? Math.max(1, Math.round(g.codingLevel * n)) : n;
    this.capacity = this.target;
    this.active = arrays.int32(this.capacity);
    this.gain = g.output === "graded" ? arrays.float32(this.capacity) : null;
    this.above = this.capacity >= n ? this.active : arrays.int32(n);
    this.aboveDrive = arrays.float32(n);
    this.histogram = arrays.uint32(1024);
    this.golgiLeak = Math.exp(-p.dtMs / g.golgiTauMs);
    const recurrent = g.golgi === "recurrent";
    if (recurrent && golgiWiring === null)
      throw new Error("a recurrent Golgi layer needs its wiring (wireGolgi)");
    this.golgi = new Float64Array(recurrent ? g.golgiCells : g.golgi === "feedback" ? 1 : 0);
    this.golgiInput = new Float64Array(recurrent ? g.golgiCells : 0);
    if (recurrent && golgiWiring) {
      const unitCount = basisUnitCount(p);
      this.units = new Float32Array(unitCount + g.golgiCells);
      this.plan = kernel.prepareGranule(
        withGolgiInputs(inputs, g.fanIn, golgiWiring.inhibitors, g.golgiFanIn, unitCount),
        g.fanIn + g.golgiFanIn,
      );
    } else {
      this.units = null;
      this.plan = kernel.prepareGranule(inputs, g.fanIn);
    }
  }

  step(basisUnits: Float32Array): void {
    const { kernel, drive, above, aboveDrive, p } = this;
    const g = p.granule;
    let floor = g.threshold;
    let units = basisUnits;
    if (g.golgi === "feedback") floor += g.golgiGain * this.golgi[0];
    if (this.units) {
      units = this.units;
      units.set(basisUnits);
      const base = basisUnits.length;
      const scale = -g.golgiGain / g.golgiFanIn;
      for (let j = 0; j < this.golgi.length; j++) units[base + j] = scale * this.golgi[j];
    }
    const count = kernel.granuleDriveAbove(units, this.plan, drive, floor, above, aboveDrive);
    this.count = kernel.selectAbove(
      above,
      aboveDrive,
      count,
      this.target,
      floor,
      this.active,
      this.histogram,
    );
    const total = this.grade(floor);
    if (this.golgi.length > 0) this.updateGolgi(total);
  }

  /**
   * g_j = min(1, (h − θ)/width) for the active cells; returns Σ_j g_j (float64, j increasing),
   * the feedback Golgi pool's input, summed in the same pass (the count when binary: every g is 1).
   */
  private grade(floor: number): number {
    const { gain, active, drive, count } = this;
    if (!gain) return count;
    const width = this.p.granule.gradedWidth;
    let total = 0;
    for (let j = 0; j < count; j++) {
      const rate = Math.fround(Math.min(1, (drive[active[j]] - floor) / width));
      gain[j] = rate;
      total += rate;
    }
    return total;
  }

  /**
   * The Golgi cells integrate this step's granule output (they inhibit from the next step).
   * `total`: Σ_j g_j over the active cells (their count when binary).
   */
  private updateGolgi(total: number): void {
    const { golgi, golgiInput, active, gain, count, p } = this;
    const g = p.granule;
    const leak = this.golgiLeak;
    const atTarget = g.codingLevel * g.count;
    if (g.golgi === "feedback") {
      golgi[0] = leak * golgi[0] + (1 - leak) * (total / atTarget);
      return;
    }
    const targets = this.golgiWiring?.targets;
    if (!targets) return;
    const t = g.golgiTargets;
    golgiInput.fill(0);
    for (let j = 0; j < count; j++) {
      const rate = gain ? gain[j] : 1;
      const base = active[j] * t;
      for (let k = 0; k < t; k++) golgiInput[targets[base + k]] += rate;
    }
    const expected = (atTarget * t) / g.golgiCells;
    for (let j = 0; j < golgi.length; j++)
      golgi[j] = leak * golgi[j] + (1 - leak) * (golgiInput[j] / expected);
  }
}

/** N × (K + F) wiring: each cell's K basis inputs, then its F Golgi units (after the basis). */
function withGolgiInputs(
  inputs: Int32Array,
  fanIn: number,
  inhibitors: Int32Array,
  golgiFanIn: number,
  unitCount: number,
): Int32Array {
  const n = inputs.length / fanIn;
  const width = fanIn + golgiFanIn;
  const out = new Int32Array(n * width);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < fanIn; k++) out[i * width + k] = inputs[i * fanIn + k];
    for (let k = 0; k < golgiFanIn; k++)
      out[i * width + fanIn + k] = unitCount + inhibitors[i * golgiFanIn + k];
  }
  return out;
}
