/**
 * The amygdala: the cerebellum's supervised machinery on a slower time scale, with a second,
 * context-gated pathway that stores extinction as new learning (model/amygdala.ts has the
 * equations and every parameter). One call of `step` advances dt:
 *
 *   1. inputs    channels c(t) (+ the module's own temporal context) → fibre rates x(t)
 *   2. LA        x → elemental expansion g(t) (a cell fires if any one of its inputs is on)
 *   3. ITC       x → conjunction cells q(t) (cue AND place AND temporal context), of which
 *                the most driven f·N fire (Golgi-like competition, as in the granule layer)
 *   4. output    z(t) = a(t) − b(t): LA excites, ITC inhibits the central nucleus
 *   5. teacher   e(t) = D(t) − z(t − Δ), D(t) = max of s over [t − Δ, t]: the prediction made
 *                at t − Δ is judged by the worst danger that followed within its horizon Δ
 *                (s from the steering subsystem, brain/steering.ts)
 *   6. learning  LA potentiates on e > 0 while the teacher is on (and depresses slowly);
 *                ITC potentiates on e < 0 and depresses on e > 0
 *
 * Built from the engine's circuit pieces: MossyLayer (inputs), GranuleLayer with its own wiring
 * (LA: a fixed threshold; ITC: Golgi-like quantile selection), PfPurkinjePlasticity with the
 * exact "shift" window (credit to the cells active Δ ago) and the kernels' purkinjeSum.
 * When the input has not changed since the last step (no noise, same cues, same place, same
 * temporal context) the layers are not recomputed: the same cells fire.
 *
 * Why extinction is not erasure: during acquisition the error is positive and lands on LA
 * weights of the cue (and of the place). During extinction it is negative: LA weights fall only
 * at the slow rate η⁻_LA, while the ITC weights of the cells coding *this cue in this place at
 * this time* grow at η⁺_ITC. The fear memory survives; its suppression is bound to the context
 * (renewal, ABA), to time (spontaneous recovery, as the temporal context drifts) and is
 * overridden when the place itself becomes dangerous (reinstatement).
 */

import { learningWindow } from "../circuit/eligibility.js";
import { GranuleLayer } from "../circuit/granule.js";
import { ValueHistory } from "../circuit/history.js";
import { MossyLayer, type MossyWiring, wireMossy } from "../circuit/mossy.js";
import { PfPurkinjePlasticity } from "../circuit/plasticity.js";
import type { Kernel } from "../kernels/kernel.js";
import { referenceKernel } from "../kernels/reference.js";
import type { AmygdalaParams, AmygdalaSpec, ChannelRole } from "../model/amygdala.js";
import { type CerebellumParams, cerebellumParamsSchema } from "../model/cerebellum.js";
import { ConfigError } from "../model/errors.js";
import { Rng } from "../model/rng.js";

type Role = ChannelRole | "time";

/**
 * The circuit pieces read their sizes and rates from a CerebellumParams. This builds one for a
 * layer of the amygdala. The cerebellum schema's own limits (dt ≤ 10 ms, Δ ≤ 2 s) are limits of
 * the cerebellar configuration, not of the circuit code, so dt and Δ are set after parsing.
 */
function circuitParams(
  a: AmygdalaParams,
  outputs: number,
  layer: { count: number; fanIn: number; threshold: number; codingLevel?: number },
  rates: { potentiation: number; depression: number; maxWeight: number },
): CerebellumParams {
  const base = cerebellumParamsSchema.parse({
    mossy: { ...a.inputs },
    basis: { bumps: 0 },
    granule: {
      count: 100,
      fanIn: layer.fanIn,
      // LA: a fixed threshold (an elemental code that adds up); ITC: Golgi-like competition
      // holding the active population at codingLevel (cells above the threshold compete).
      golgi: layer.codingLevel === undefined ? "fixed" : "quantile",
      codingLevel: layer.codingLevel ?? 0.05,
      threshold: layer.threshold,
    },
    purkinje: { count: outputs, initialWeight: 0, outputGain: a.readout.gain },
    plasticity: { mfNucleus: { enabled: false } },
  });
  return {
    ...base,
    dtMs: a.dtMs,
    granule: { ...base.granule, count: layer.count },
    plasticity: {
      ...base.plasticity,
      pfPurkinje: {
        ...base.plasticity.pfPurkinje,
        rule: "shift",
        windowPeakMs: a.plasticity.lookaheadMs,
        // Rates are given per second; the plasticity code takes them per ms. The sign flip of
        // the LA error (see step) makes "ltp" the rate for e > 0 at both sites' weights.
        ltp: rates.potentiation / 1000,
        ltd: rates.depression / 1000,
        minWeight: 0,
        maxWeight: rates.maxWeight,
        nonAssociativeLtp: 0,
      },
    },
    olive: { ...base.olive, feedbackDelayMs: a.plasticity.lookaheadMs },
  };
}

/**
 * Temporal context: channels that drift slowly and independently (Ornstein–Uhlenbeck x_k with
 * unit SD and time constants log-spaced from minTau to maxTau; value = logistic(x_k / sharpness),
 * nearly on/off). Within a session they barely move; over days many flip. It stands for the
 * slowly changing internal and hippocampal state that makes "when" part of the context
 * (Bouton 1993, Psychol Bull 114:80: spontaneous recovery as renewal in time).
 */
export class TemporalContext {
  readonly x: Float64Array;
  readonly value: Float64Array;
  readonly tauMs: Float64Array;
  /** Bumped whenever the values change. */
  version = 0;
  private pendingMs = 0;

  constructor(
    private readonly p: AmygdalaParams["temporalContext"],
    private readonly rng: Rng,
  ) {
    const n = p.channels;
    this.x = new Float64Array(n);
    this.value = new Float64Array(n);
    this.tauMs = new Float64Array(n);
    const span = Math.log(p.maxTauHours / p.minTauHours);
    for (let k = 0; k < n; k++) {
      this.tauMs[k] = 3.6e6 * p.minTauHours * Math.exp(n > 1 ? (span * k) / (n - 1) : 0);
      this.x[k] = rng.normal();
    }
    this.update();
  }

  /** Let `ms` of time pass. The values move in steps of `updateMs` (exact OU updates). */
  advance(ms: number): void {
    this.pendingMs += ms;
    if (this.pendingMs < this.p.updateMs || this.x.length === 0) return;
    for (let k = 0; k < this.x.length; k++) {
      const decay = Math.exp(-this.pendingMs / this.tauMs[k]);
      this.x[k] = decay * this.x[k] + Math.sqrt(1 - decay * decay) * this.rng.normal();
    }
    this.pendingMs = 0;
    this.update();
  }

  private update(): void {
    for (let k = 0; k < this.x.length; k++)
      this.value[k] = 1 / (1 + Math.exp(-this.x[k] / this.p.sharpness));
    this.version++;
  }
}

/** One learned projection onto the outputs: an expansion layer, its weights, their plasticity. */
export interface Pathway {
  name: "la" | "itcCue" | "itcPlace";
  layer: GranuleLayer;
  /** Fibres of each cell (cells × fanIn). */
  inputs: Int32Array;
  /** Weights onto the outputs (cells × outputs), ≥ 0. */
  w: Float32Array;
  plasticity: PfPurkinjePlasticity;
  /** +1: excites the output (LA); −1: inhibits it (ITC). */
  sign: 1 | -1;
  /** Drive = G · Σ w g / norm. */
  norm: number;
  /** This step's drive, per output. */
  drive: Float64Array;
}

export class Amygdala {
  readonly params: AmygdalaParams;
  /** Every input channel: the spec's, then the temporal-context channels "time-k". */
  readonly channels: readonly { name: string; role: Role }[];
  readonly outputs: readonly string[];
  readonly mossy: MossyLayer;
  readonly mossyWiring: MossyWiring;
  /** LA (excitatory, elemental), ITC cue × place × time and ITC place × place × time (inhibitory). */
  readonly la: Pathway;
  readonly itcCue: Pathway;
  /** Null when itc.placeFraction is 0. */
  readonly itcPlace: Pathway | null;
  readonly pathways: readonly Pathway[];
  readonly temporal: TemporalContext;
  /** LA drive a(t), ITC drive b(t) (both ITC populations) and the output z(t) = a − b, per output. */
  readonly excitation: Float64Array;
  readonly inhibition: Float64Array;
  readonly output: Float64Array;
  readonly error: Float64Array;
  /** D(t): the teacher's maximum over the last Δ. */
  readonly danger: Float64Array;
  learning = true;
  time = 0;
  private readonly noiseRng: Rng;
  private readonly input: Float64Array;
  private readonly outputHistory: ValueHistory;
  private readonly teacherHistory: ValueHistory;
  private readonly laError: Float64Array;
  private readonly sum: Float64Array;
  private readonly delaySteps: number;
  private readonly userChannels: number;
  private temporalVersion = -1;

  constructor(
    readonly spec: AmygdalaSpec,
    readonly kernel: Kernel = referenceKernel,
  ) {
    const a = spec.params;
    this.params = a;
    this.outputs = spec.outputs;
    const P = spec.outputs.length;
    if (P < 1)
      throw new ConfigError("outputs", "got none; allowed: at least one output name, e.g. fear");
    const names = new Set<string>();
    for (const c of spec.channels) {
      if (names.has(c.name))
        throw new ConfigError("channels", `channel "${c.name}" is listed twice`);
      names.add(c.name);
    }
    const roles = (r: Role) => spec.channels.some((c) => c.role === r);
    if (!roles("context")) {
      throw new ConfigError(
        "channels",
        'got no channel with role "context"; allowed: at least one place, e.g. context-A',
      );
    }
    if (!roles("cue") && !roles("cortex")) {
      throw new ConfigError(
        "channels",
        'got no channel with role "cue" or "cortex"; allowed: at least one',
      );
    }
    const time = Array.from({ length: a.temporalContext.channels }, (_, k) => ({
      name: `time-${k}`,
      role: "time" as Role,
    }));
    this.channels = [
      ...spec.channels.map((c) => ({ name: c.name, role: c.role as Role })),
      ...time,
    ];
    this.userChannels = spec.channels.length;

    const wiringRng = Rng.derive(spec.seed, "amygdala-wiring");
    const laParams = circuitParams(a, P, { ...a.la }, a.plasticity.la);
    const wiring = wireMossy(laParams, this.channels.length, wiringRng);
    this.mossyWiring = wiring;
    this.mossy = new MossyLayer(laParams, wiring, this.channels.length);

    // Fibres by the role of their channel ("none": background only).
    const byRole = new Map<Role | "none", number[]>();
    for (let m = 0; m < wiring.source.length; m++) {
      const src = wiring.source[m];
      const role: Role | "none" = src < 0 ? "none" : this.channels[src].role;
      if (!byRole.has(role)) byRole.set(role, []);
      byRole.get(role)!.push(m);
    }
    const pool = (...rs: (Role | "none")[]) => rs.flatMap((r) => byRole.get(r) ?? []);
    const pick = (list: number[]) => list[wiringRng.int(list.length)];
    const cuePool = pool("cue", "cortex");
    const placePool = pool("context");
    const timePool = pool("time");
    const third = () =>
      timePool.length > 0 && wiringRng.uniform() < a.itc.timeFraction
        ? pick(timePool)
        : pick(placePool);

    // LA: K distinct fibres from every non-time fibre (background fibres included, so one cue
    // reaches the same share of cells however many channels there are).
    // Place fibres are sampled `contextShare` times as often as the others: contextual
    // (hippocampal) input to LA is sparser than thalamic/cortical cue input, the model's
    // counterpart of a context's low salience (α) in Rescorla–Wagner.
    const K = a.la.fanIn;
    const laOther = pool("none", "cue", "cortex");
    const placeChance =
      (a.la.contextShare * placePool.length) /
      (laOther.length + a.la.contextShare * placePool.length);
    const laInputs = new Int32Array(a.la.count * K);
    for (let i = 0; i < a.la.count; i++) {
      for (let k = 0; k < K; k++) {
        let m: number;
        do m = wiringRng.uniform() < placeChance ? pick(placePool) : pick(laOther);
        while (laInputs.subarray(i * K, i * K + k).includes(m));
        laInputs[i * K + k] = m;
      }
    }
    // ITC: cue × place × time cells, and (placeFraction of them) place × place × time cells,
    // in two populations that compete within themselves only.
    const placeCount = Math.round(a.itc.count * a.itc.placeFraction);
    const cueCount = Math.max(1, a.itc.count - placeCount);
    const conjunctions = (count: number, first: () => number, last: () => number) => {
      const inputs = new Int32Array(count * 3);
      for (let j = 0; j < count; j++) {
        inputs[j * 3] = first();
        inputs[j * 3 + 1] = pick(placePool);
        inputs[j * 3 + 2] = last();
      }
      return inputs;
    };
    const cueInputs = conjunctions(cueCount, () => pick(cuePool), third);
    const placeInputs = conjunctions(
      placeCount,
      () => pick(placePool),
      () => (a.itc.placeTimed ? third() : pick(placePool)),
    );

    const F = a.inputs.fibresPerChannel;
    const pathway = (
      name: Pathway["name"],
      params: CerebellumParams,
      inputs: Int32Array,
      sign: 1 | -1,
      norm: (layer: GranuleLayer) => number,
    ): Pathway => {
      const layer = new GranuleLayer(params, inputs, kernel);
      return {
        name,
        layer,
        inputs,
        w: new Float32Array(params.granule.count * P),
        plasticity: new PfPurkinjePlasticity(
          params,
          kernel,
          learningWindow(params),
          layer.capacity,
        ),
        sign,
        norm: norm(layer),
        drive: new Float64Array(P),
      };
    };
    const itc = (count: number) =>
      circuitParams(
        a,
        P,
        { count, fanIn: 3, threshold: a.itc.threshold, codingLevel: a.itc.codingLevel },
        a.plasticity.itc,
      );
    // LA: normalised by the cells one channel reaches; ITC: by the active population f·N.
    this.la = pathway("la", laParams, laInputs, 1, () =>
      Math.max(1, (a.la.count * K * F) / laOther.length),
    );
    this.itcCue = pathway("itcCue", itc(cueCount), cueInputs, -1, (layer) => layer.capacity);
    this.itcPlace =
      placeCount > 0
        ? pathway("itcPlace", itc(placeCount), placeInputs, -1, (layer) => layer.capacity)
        : null;
    this.pathways = this.itcPlace ? [this.la, this.itcCue, this.itcPlace] : [this.la, this.itcCue];

    this.temporal = new TemporalContext(a.temporalContext, Rng.derive(spec.seed, "amygdala-time"));
    this.noiseRng = Rng.derive(spec.seed, "amygdala-noise");
    this.delaySteps = Math.round(a.plasticity.lookaheadMs / a.dtMs);
    this.outputHistory = new ValueHistory(this.delaySteps + 1, P);
    this.teacherHistory = new ValueHistory(this.delaySteps + 1, P);
    this.input = new Float64Array(this.channels.length);
    this.excitation = new Float64Array(P);
    this.inhibition = new Float64Array(P);
    this.output = new Float64Array(P);
    this.error = new Float64Array(P);
    this.laError = new Float64Array(P);
    this.danger = new Float64Array(P);
    this.sum = new Float64Array(P);
  }

  /** Index of an input channel by name. */
  channelIndex(name: string): number {
    const i = this.channels.findIndex((c) => c.name === name);
    if (i < 0)
      throw new ConfigError(
        "channel",
        `unknown channel "${name}"; allowed: ${this.channels.map((c) => c.name).join(", ")}`,
      );
    return i;
  }

  /**
   * Advance one step. `context[c]` is the spec's channel c now; `teacher[p]` the shoulda signal
   * s_p(t) for output p. Returns z(t) (a live view: copy to keep).
   */
  step(context: ArrayLike<number>, teacher: ArrayLike<number>): Float64Array {
    const { input, kernel, sum } = this;
    const P = this.outputs.length;
    let changed = this.time === 0 || this.params.inputs.noiseSd > 0;
    for (let c = 0; c < this.userChannels; c++) {
      const v = context[c] ?? 0;
      if (v !== input[c]) changed = true;
      input[c] = v;
    }
    if (this.temporal.version !== this.temporalVersion) {
      this.temporalVersion = this.temporal.version;
      input.set(this.temporal.value, this.userChannels);
      changed = true;
    }
    // Noise-free and unchanged input gives the same cells as the last step: skip the layers.
    if (changed) this.mossy.step(input, this.noiseRng);
    const g = this.params.readout.gain;
    this.excitation.fill(0);
    this.inhibition.fill(0);
    for (const path of this.pathways) {
      if (changed) path.layer.step(this.mossy.rate);
      kernel.purkinjeSum(path.layer.active, path.layer.count, path.w, P, 0, sum);
      for (let p = 0; p < P; p++) {
        path.drive[p] = (g * sum[p]) / path.norm;
        if (path.sign > 0) this.excitation[p] += path.drive[p];
        else this.inhibition[p] += path.drive[p];
      }
    }
    for (let p = 0; p < P; p++) this.output[p] = this.excitation[p] - this.inhibition[p];
    this.outputHistory.push(this.output);
    this.teacherHistory.push(teacher);
    const floor = this.params.plasticity.la.teacherFloor;
    for (let p = 0; p < P; p++) {
      let d = 0;
      for (let age = 0; age <= this.delaySteps; age++)
        d = Math.max(d, this.teacherHistory.get(age, p));
      this.danger[p] = d;
      const e = d - this.outputHistory.get(this.delaySteps, p);
      this.error[p] = e;
      // LA potentiation needs the teacher (the US depolarises LA cells); the plasticity code
      // depresses on positive error (cerebellar LTD), so LA gets −e.
      this.laError[p] = e > 0 && d <= floor ? 0 : -e;
    }
    for (const path of this.pathways) {
      const error = path.sign > 0 ? this.laError : this.error;
      path.plasticity.step(path.layer.active, path.layer.count, error, path.w, this.learning);
    }
    this.temporal.advance(this.params.dtMs);
    this.time++;
    return this.output;
  }

  /**
   * Time away from the task (home cage, sleep): `ms` pass with no input and no learning. The
   * temporal context drifts; the short-term buffers (the Δ-delayed output and activity) are
   * cleared, so the next session's first errors do not credit the last session's cells.
   */
  rest(ms: number): void {
    this.temporal.advance(ms);
    this.outputHistory.values.fill(0);
    this.teacherHistory.values.fill(0);
    for (const path of this.pathways) {
      path.plasticity.activity.counts.fill(0);
      path.plasticity.errors.values.fill(0);
    }
  }
}
