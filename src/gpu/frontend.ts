/**
 * The CPU side of the GPU engine: phases 1–2 of Cerebellum.step (mossy fibres and temporal
 * basis), the nucleus's input filter x̃ and the olive's drive by the shoulda signal (s itself, or
 * with olive.usDrive = onset its adapting transient d). None of them reads anything the GPU
 * computes, so a whole batch of S steps is computed ahead and uploaded at once. They are the very
 * classes the CPU engine uses, built from the same seed in the same order, so the units b(t), x̃(t)
 * and drive d(t) the GPU sees are bit for bit those of `new Cerebellum(spec)` (before float32).
 */
import { shapeBasis, TemporalBasis } from "../circuit/basis.js";
import { wireGranule } from "../circuit/granule.js";
import { MossyLayer, wireMossy } from "../circuit/mossy.js";
import { NucleusMossy } from "../circuit/nucleus.js";
import { OnsetDrive } from "../circuit/usDrive.js";
import type { CerebellumParams, CerebellumSpec } from "../model/cerebellum.js";
import { ConfigError } from "../model/errors.js";
import { Rng } from "../model/rng.js";

export class FrontEnd {
  readonly params: CerebellumParams;
  readonly mossy: MossyLayer;
  readonly basis: TemporalBasis;
  /** Only its input filter is used (its weights stay zero; the GPU holds the real ones). */
  private readonly filter: NucleusMossy;
  private readonly scratch: Float64Array;
  /** The olive's adapting drive (olive.usDrive = onset), else null: the GPU gets s itself. */
  readonly usDrive: OnsetDrive | null;
  readonly noiseRng: Rng;
  /** The N × K granule wiring, as Cerebellum.granuleInputs. */
  readonly granuleInputs: Int32Array;

  constructor(spec: CerebellumSpec) {
    const p = spec.params;
    this.params = p;
    // The GPU engine implements the binary quantile/fixed layer only.
    if (p.granule.output !== "binary")
      throw new ConfigError(
        "model.granule.output",
        `"${p.granule.output}" is not implemented on the GPU engine; allowed there: "binary"`,
      );
    if (p.granule.golgi === "feedback" || p.granule.golgi === "recurrent")
      throw new ConfigError(
        "model.granule.golgi",
        `"${p.granule.golgi}" is not implemented on the GPU engine; allowed there: "quantile", "fixed"`,
      );
    if (p.olive.events.enabled)
      throw new ConfigError(
        "model.olive.events.enabled",
        "climbing-fibre events are not implemented on the GPU engine; allowed there: false",
      );
    if (p.plasticity.pfPurkinje.relaxation > 0)
      throw new ConfigError(
        "model.plasticity.pfPurkinje.relaxation",
        `${p.plasticity.pfPurkinje.relaxation} is not implemented on the GPU engine; allowed there: 0`,
      );
    if (p.plasticity.pfPurkinje.bounds !== "hard")
      throw new ConfigError(
        "model.plasticity.pfPurkinje.bounds",
        `"${p.plasticity.pfPurkinje.bounds}" is not implemented on the GPU engine; allowed there: "hard"`,
      );
    // Same derivations in the same order as the Cerebellum constructor.
    const wiringRng = Rng.derive(spec.seed, "wiring");
    const mossyWiring = wireMossy(p, spec.channels.length, wiringRng);
    const basisShape = shapeBasis(p, wiringRng);
    this.granuleInputs = wireGranule(p, wiringRng);
    this.noiseRng = Rng.derive(spec.seed, "noise");
    this.mossy = new MossyLayer(p, mossyWiring, spec.channels.length);
    const driven = Int32Array.from(
      Array.from(mossyWiring.source).flatMap((source, m) => (source >= 0 ? [m] : [])),
    );
    this.basis = new TemporalBasis(p, basisShape, driven);
    this.filter = new NucleusMossy(p);
    this.scratch = new Float64Array(p.purkinje.count);
    this.usDrive = p.olive.usDrive === "onset" ? new OnsetDrive(p) : null;
  }

  /** Advance one step; write the units b(t) to `units` and x̃(t) to `input`. */
  step(context: ArrayLike<number>, units: Float32Array, input: Float32Array): void {
    this.mossy.step(context, this.noiseRng);
    this.basis.step(this.mossy.rate, this.mossy.onset);
    units.set(this.basis.units);
    if (this.params.plasticity.mfNucleus.enabled) {
      this.filter.step(this.mossy.rate, this.scratch);
      for (let m = 0; m < input.length; m++) input[m] = this.filter.input[m];
    }
  }

  /**
   * This step's olive drive for the shoulda signal s(t) (P values), written to `drive`: s itself,
   * or OnsetDrive's d(t) (advancing its adaptation), as Cerebellum.step compares with z(t − Δ).
   */
  drive(teacher: ArrayLike<number>, drive: Float32Array): void {
    const d = this.usDrive ? this.usDrive.step(teacher) : teacher;
    for (let q = 0; q < drive.length; q++) drive[q] = d[q] ?? 0;
  }
}

/**
 * The wiring as the GPU reads it: two 16-bit unit indices per word (k even low, k odd high)
 * when packed, else one index per word.
 */
export function packWiring(inputs: Int32Array, fanIn: number, packed: boolean): Uint32Array {
  if (!packed) return new Uint32Array(inputs.buffer, inputs.byteOffset, inputs.length);
  const cells = inputs.length / fanIn;
  const words = Math.ceil(fanIn / 2);
  const out = new Uint32Array(cells * words);
  for (let i = 0; i < cells; i++) {
    for (let k = 0; k < fanIn; k += 2) {
      const lo = inputs[i * fanIn + k];
      const hi = k + 1 < fanIn ? inputs[i * fanIn + k + 1] : 0;
      out[i * words + (k >> 1)] = (lo | (hi << 16)) >>> 0;
    }
  }
  return out;
}
