/**
 * The cerebellar module, built from a plain CerebellumSpec. One call of `step` advances dt and
 * runs these phases in this order (each reads what the earlier ones wrote):
 *
 *   1. mossy      context c(t) → rates x(t), onsets o(t)                 (circuit/mossy.ts)
 *   2. basis      x, o → temporal-basis units b(t)                       (circuit/basis.ts)
 *   3. granule    b → drive h(t) → active cells g(t) at coding level f   (circuit/granule.ts;
 *                 Golgi inhibition from the layer's own past activity in feedback/recurrent modes)
 *   4. purkinje   g → pause(t), nuclei z(t)             (circuit/purkinje.ts, circuit/nucleus.ts)
 *   5. olive      e(t) = errorGain · (d(s)(t) − z(t − Δ))                (here; d(s) = s, or
 *                 its onset transient with olive.usDrive = onset: circuit/usDrive.ts)
 *   6. plasticity PF→PC credit for e, MF→nucleus                          (circuit/plasticity.ts)
 *
 * z(t) is trained to predict s(t + Δ): the shoulda signal arrives late, the output learns to
 * come early. Everything random comes from Rngs derived from spec.seed.
 */
import { type BasisShape, shapeBasis, TemporalBasis } from "../circuit/basis.js";
import { learningWindow } from "../circuit/eligibility.js";
import { type GolgiWiring, GranuleLayer, wireGolgi, wireGranule } from "../circuit/granule.js";
import { ValueHistory } from "../circuit/history.js";
import { MossyLayer, type MossyWiring, wireMossy } from "../circuit/mossy.js";
import { NucleusMossy } from "../circuit/nucleus.js";
import { ClimbingFibres } from "../circuit/olive.js";
import { PfPurkinjePlasticity } from "../circuit/plasticity.js";
import { PurkinjeNuclei } from "../circuit/purkinje.js";
import { OnsetDrive } from "../circuit/usDrive.js";
import { initialAdaptiveWindow, WindowAdaptation } from "../circuit/windowAdaptation.js";
import {
  BUILT_FROM_SEED,
  type FrontEndPlan,
  type Kernel,
  kernelArrays,
} from "../kernels/kernel.js";
import { referenceKernel } from "../kernels/reference.js";
import type { CerebellumParams, CerebellumSpec } from "../model/cerebellum.js";
import { ConfigError } from "../model/errors.js";
import { deriveSeed, Rng } from "../model/rng.js";

export class Cerebellum {
  /** The wiring drawn in the constructor; a checkpoint saves only its hash. */
  readonly [BUILT_FROM_SEED] = ["mossyWiring", "basisShape", "granuleInputs", "golgiWiring"];
  readonly params: CerebellumParams;
  readonly channels: readonly string[];
  readonly mossyWiring: MossyWiring;
  readonly basisShape: BasisShape;
  readonly granuleInputs: Int32Array;
  /** Recurrent Golgi wiring (granule.golgi = "recurrent"), else null. */
  readonly golgiWiring: GolgiWiring | null;
  readonly mossy: MossyLayer;
  readonly basis: TemporalBasis;
  readonly granule: GranuleLayer;
  readonly purkinje: PurkinjeNuclei;
  readonly nucleus: NucleusMossy;
  readonly pfPlasticity: PfPurkinjePlasticity;
  /** The experience-dependent window, when `plasticity.pfPurkinje.windowAdaptation` is on. */
  readonly windowAdaptation: WindowAdaptation | null;
  /** z history for the olive's comparison s(t) − z(t − Δ). */
  readonly outputHistory: ValueHistory;
  /** The climbing-fibre signal this step: e, or its event estimate ê (olive.events). */
  readonly error: Float64Array;
  /** Complex-spike events (olive.events.enabled), else null. */
  readonly climbingFibres: ClimbingFibres | null;
  /** The olive's adapting drive by the shoulda signal (olive.usDrive = onset), else null. */
  readonly usDrive: OnsetDrive | null;
  /** Learning can be paused (e.g. a frozen test) without changing the model description. */
  learning = true;
  /** Steps taken. */
  time = 0;
  readonly noiseRng: Rng;
  private readonly delaySteps: number;
  /** The mossy layer's input with the nucleocortical channels appended (nucleocortical on), else null. */
  private readonly nucleocorticalInput: Float64Array | null;
  /** The nucleus's mossy drive M, apart from z (shunting inhibition on), else null. */
  private readonly shuntedMossy: Float64Array | null;
  /** The kernel's hold on the mossy layer and basis (a private field: no part of a checkpoint). */
  readonly #frontEnd: FrontEndPlan;

  constructor(
    readonly spec: CerebellumSpec,
    readonly kernel: Kernel = referenceKernel,
  ) {
    const p = spec.params;
    this.params = p;
    this.channels = spec.channels;
    const wiringRng = Rng.derive(spec.seed, "wiring");
    // Nucleocortical fibres are channels after the context's, one per Purkinje output.
    const mossyChannels = spec.channels.length + (p.nucleocortical.enabled ? p.purkinje.count : 0);
    this.nucleocorticalInput = p.nucleocortical.enabled ? new Float64Array(mossyChannels) : null;
    this.mossyWiring = wireMossy(p, mossyChannels, wiringRng);
    this.basisShape = shapeBasis(p, wiringRng);
    this.granuleInputs = wireGranule(p, wiringRng);
    this.golgiWiring = wireGolgi(p, wiringRng);
    this.noiseRng = Rng.derive(spec.seed, "noise");
    // The per-step arrays live where the kernel reads them in place (its wasm memory, say).
    const arrays = kernelArrays(kernel);
    this.mossy = new MossyLayer(p, this.mossyWiring, mossyChannels, arrays);
    const driven = Int32Array.from(
      Array.from(this.mossyWiring.source).flatMap((source, m) => (source >= 0 ? [m] : [])),
    );
    this.basis = new TemporalBasis(p, this.basisShape, driven, arrays);
    const fromNucleus = this.nucleocorticalInput
      ? Uint8Array.from(this.mossyWiring.source, (c) => (c >= spec.channels.length ? 1 : 0))
      : null;
    this.nucleus = new NucleusMossy(p, arrays, fromNucleus);
    this.shuntedMossy = p.purkinje.shuntingExcitation > 0 ? arrays.float64(p.purkinje.count) : null;
    this.#frontEnd = kernel.prepareFrontEnd({
      mossy: this.mossy.arrays,
      basis: this.basis.arrays,
      nucleus: this.nucleus.arrays,
    });
    this.granule = new GranuleLayer(p, this.granuleInputs, kernel, this.golgiWiring);
    this.purkinje = new PurkinjeNuclei(p, kernel, {
      capacity: this.granule.capacity,
      seed: deriveSeed(spec.seed, "weightRounding"),
    });
    const adaptive = p.plasticity.pfPurkinje.windowAdaptation.enabled;
    const kappa = adaptive ? initialAdaptiveWindow(p) : learningWindow(p);
    this.pfPlasticity = new PfPurkinjePlasticity(
      p,
      kernel,
      kappa,
      this.granule.capacity,
      this.granule.gain !== null,
    );
    this.windowAdaptation = adaptive ? new WindowAdaptation(p, spec.seed, kappa) : null;
    this.delaySteps = Math.round(p.olive.feedbackDelayMs / p.dtMs);
    this.outputHistory = new ValueHistory(this.delaySteps + 1, p.purkinje.count);
    this.error = new Float64Array(p.purkinje.count);
    this.climbingFibres = p.olive.events.enabled ? new ClimbingFibres(p, spec.seed) : null;
    this.usDrive = p.olive.usDrive === "onset" ? new OnsetDrive(p) : null;
  }

  /** Index of a context channel by name. */
  channelIndex(name: string): number {
    const i = this.channels.indexOf(name);
    if (i < 0)
      throw new ConfigError(
        "channel",
        `unknown channel "${name}"; allowed: ${this.channels.join(", ")}`,
      );
    return i;
  }

  /** The context, with the nucleocortical channels gain·[z(t − dt)]₊ appended when on. */
  private mossyContext(context: ArrayLike<number>): ArrayLike<number> {
    const input = this.nucleocorticalInput;
    if (!input) return context;
    const c = this.channels.length;
    for (let k = 0; k < c; k++) input[k] = context[k];
    const gain = this.params.nucleocortical.gain;
    // The history's newest row is the last step's output (0 before the first step).
    for (let q = 0; q < this.params.purkinje.count; q++)
      input[c + q] = gain * Math.max(0, this.outputHistory.get(0, q));
    return input;
  }

  /**
   * Advance one step. `context[c]` is channel c's value now; `teacher[p]` the shoulda signal
   * s_p(t) reaching the olive now. Returns the nuclear outputs z(t) (a live view: copy to keep).
   */
  step(context: ArrayLike<number>, teacher: ArrayLike<number>): Float64Array {
    const p = this.params;
    // 1–2. context → mossy fibres → temporal basis (one kernel call: mossy.step, basis.step)
    this.kernel.frontEndStep(this.#frontEnd, this.mossyContext(context), this.noiseRng);
    // 3. granule layer
    this.granule.step(this.basis.units);
    const { active, count, gain } = this.granule;
    // 4. Purkinje cells and nuclei
    this.purkinje.step(active, count, gain);
    const z = this.purkinje.output;
    const shunted = this.shuntedMossy;
    if (p.plasticity.mfNucleus.enabled && !shunted) this.kernel.nucleusStep(this.#frontEnd, z);
    else if (p.plasticity.mfNucleus.enabled && shunted) {
      // M apart from z, then the Purkinje part scaled by it (circuit/purkinje.ts).
      shunted.fill(0);
      this.kernel.nucleusStep(this.#frontEnd, shunted);
      this.purkinje.addShuntedMossy(shunted);
    }
    // 5. olive: compare the shoulda signal with the output emitted Δ ago
    this.outputHistory.push(z);
    const drive = this.usDrive ? this.usDrive.step(teacher) : teacher;
    for (let q = 0; q < this.error.length; q++) {
      this.error[q] =
        p.olive.errorGain * ((drive[q] ?? 0) - this.outputHistory.get(this.delaySteps, q));
    }
    this.climbingFibres?.step(this.error);
    // 6. plasticity
    if (p.plasticity.pfPurkinje.enabled) {
      const w = this.purkinje.int ?? this.purkinje.w;
      this.pfPlasticity.step(active, count, this.error, w, this.learning, gain);
    }
    if (this.learning && p.plasticity.mfNucleus.enabled) {
      this.nucleus.learn(this.purkinje.pause);
    }
    this.time++;
    const adapt = this.windowAdaptation;
    if (adapt === null) return z;
    // The window correlates the error with the jitter emitted earlier, then jitters this output.
    adapt.step(this.error, this.learning && p.plasticity.pfPurkinje.enabled);
    return adapt.perturb(z);
  }
}
