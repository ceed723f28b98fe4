/**
 * The per-step front end of a cerebellar module, as plain TypeScript: the mossy-fibre layer
 * (circuit/mossy.ts, with its OU rate noise) and the temporal basis (circuit/basis.ts, with its
 * tonic adaptation). These loops are the definition; `Kernel.frontEndStep` runs both as one
 * operation, and a backend that runs them elsewhere (wasm) must give the same bits: the same
 * float64 operations in the same order, the same float32 stores, the same normal draws.
 */
import type { Rng } from "../model/rng.js";

/** The mossy layer's arrays and constants (what MossyLayer.step reads and writes). */
export interface MossyArrays {
  /** Source channel of each fibre, or −1 (background only). */
  readonly source: Int32Array;
  readonly gain: Float32Array;
  /** θ_m per fibre (threshold encoding), or null (linear). */
  readonly threshold: Float32Array | null;
  readonly rate: Float32Array;
  readonly onset: Float32Array;
  /** OU noise state per fibre. */
  readonly noise: Float32Array;
  /** Channel values at the previous step. */
  readonly previous: Float64Array;
  readonly background: number;
  /** OU decay e^(−dt/τ) and kick SD·√(1 − decay²); kick 0 draws no normals. */
  readonly decay: number;
  readonly kick: number;
}

/** The temporal basis's arrays and constants (what TemporalBasis.step reads and writes). */
export interface BasisArrays {
  readonly bumps: number;
  readonly order: number;
  /** Per (fibre, bump): leak λ and output scale a. */
  readonly leak: Float32Array;
  readonly scale: Float32Array;
  readonly silenced: Uint8Array;
  /** Fibres that carry a channel (the others' bumps stay 0). */
  readonly driven: Int32Array;
  /** M × (1 + B) units, M × B × n cascade stages. */
  readonly units: Float32Array;
  readonly stages: Float32Array;
  /** a_m per fibre, or empty (no tonic adaptation). */
  readonly adaptation: Float32Array;
  readonly adaptStrength: number;
  readonly adaptLeak: number;
  readonly background: number;
}

/** The nuclei's mossy-fibre side (circuit/nucleus.ts): filtered input x̃ and weights v, M × P. */
export interface NucleusArrays {
  readonly v: Float32Array;
  readonly input: Float64Array;
  readonly background: number;
  /** e^(−dt/τ_n), and 1/F (F = fibresPerChannel). */
  readonly leak: number;
  readonly scale: number;
}

/**
 * One module's front end: mossy layer then basis, the basis reading the layer's rate and onset;
 * and the nuclei's mossy drive, which reads the same rates after the Purkinje sums.
 */
export interface FrontEnd {
  readonly mossy: MossyArrays;
  readonly basis: BasisArrays;
  readonly nucleus?: NucleusArrays;
}

/** x, o and the OU noise for this step's channel values; normals drawn fibre by fibre. */
export function mossyStep(s: MossyArrays, channels: ArrayLike<number>, rng: Rng): void {
  const { source, gain, threshold, rate, onset, noise, previous, decay, kick } = s;
  const bg = s.background;
  for (let m = 0; m < rate.length; m++) {
    const n = kick > 0 ? decay * noise[m] + kick * rng.normal() : 0;
    noise[m] = n;
    const c = source[m];
    let drive = bg + n;
    let rise = 0;
    if (c >= 0) {
      let value = channels[c];
      let before = previous[c];
      if (threshold) {
        value = Math.max(0, value - threshold[m]);
        before = Math.max(0, before - threshold[m]);
      }
      drive += gain[m] * value;
      const d = value - before;
      if (d > 0) rise = gain[m] * d;
    }
    // biome-ignore lint/complexity/useMathMinMax: a NaN drive gives 0 here, Math.max would keep it
    rate[m] = drive > 0 ? drive : 0;
    onset[m] = rise;
  }
  for (let c = 0; c < previous.length; c++) previous[c] = channels[c];
}

/** b_{m,0} = [x − a]₊, a ← λ_a·a + (1 − λ_a)·α·(x − x_bg); or b_{m,0} = x without adaptation. */
function tonicStep(s: BasisArrays, rate: Float32Array, width: number): void {
  const { adaptation, adaptStrength, adaptLeak, background, units } = s;
  if (adaptation.length === 0) {
    for (let m = 0; m < rate.length; m++) units[m * width] = rate[m];
    return;
  }
  const gainIn = (1 - adaptLeak) * adaptStrength;
  for (let m = 0; m < rate.length; m++) {
    const a = adaptLeak * adaptation[m] + gainIn * (rate[m] - background);
    adaptation[m] = a;
    const b = rate[m] - a;
    units[m * width] = Math.max(b, 0);
  }
}

/** The basis units for this step's rates and onsets (cascades of the driven fibres). */
export function basisStep(s: BasisArrays, rate: Float32Array, onset: Float32Array): void {
  const { units, stages, bumps, order, silenced, leak, scale, driven } = s;
  const width = 1 + bumps;
  tonicStep(s, rate, width);
  for (let f = 0; f < driven.length; f++) {
    const m = driven[f];
    const drive = onset[m];
    const first = m * bumps;
    const out = m * width + 1;
    for (let j = 0; j < bumps; j++) {
      const u = first + j;
      let k0 = u * order;
      // Skip quiet cascades: after the bump has died away every stage is ~0.
      if (drive === 0 && stages[k0 + order - 1] === 0 && stages[k0] === 0) {
        units[out + j] = 0;
        continue;
      }
      const a = leak[u];
      const gainIn = 1 - a;
      let input = drive;
      for (let k = 0; k < order; k++, k0++) {
        const v = a * stages[k0] + gainIn * input;
        // The stage as stored (float32), without reading it back from the array.
        input = Math.fround(v < 1e-12 ? 0 : v);
        stages[k0] = input;
      }
      units[out + j] = silenced[u] ? 0 : scale[u] * input;
    }
  }
}

/** x̃ ← x̃ + (1 − λ)(([x − x_bg]₊) − x̃) (0 below 10⁻⁹), then z_p += v_mp·x̃_m/F, m increasing. */
export function nucleusStep(n: NucleusArrays, rate: Float32Array, output: Float64Array): void {
  const { v, input, leak, scale } = n;
  const bg = n.background;
  const purkinje = output.length;
  for (let m = 0; m < rate.length; m++) {
    const x = rate[m] > bg ? rate[m] - bg : 0;
    const filtered = leak * input[m] + (1 - leak) * x;
    const value = filtered < 1e-9 ? 0 : filtered;
    input[m] = value;
    if (value === 0) continue;
    const row = m * purkinje;
    for (let q = 0; q < purkinje; q++) output[q] += v[row + q] * value * scale;
  }
}

/** The whole front end, the reference of `Kernel.frontEndStep`. */
export function frontEndStep(f: FrontEnd, channels: ArrayLike<number>, rng: Rng): void {
  mossyStep(f.mossy, channels, rng);
  basisStep(f.basis, f.mossy.rate, f.mossy.onset);
}
