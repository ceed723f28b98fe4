/**
 * The amygdala: the cerebellum's supervised machinery on a slower time scale, with a second,
 * context-gated pathway that stores extinction as new learning (model/amygdala.ts has the
 * equations and every parameter). One call of `step` advances dt:
 *
 *   1. inputs    channels c(t) (+ the module's own temporal context) → fibre rates x(t)
 *   2. LA        x → elemental expansion g(t) (a cell fires if any one of its inputs is on)
 *   3. ITC       x → conjunction cells q(t) (cue AND place AND temporal context)
 *   4. output    z(t) = a(t) − b(t): LA excites, ITC inhibits the central nucleus
 *   5. teacher   e(t) = s(t) − z(t − Δ), s from the steering subsystem (brain/steering.ts)
 *   6. learning  LA potentiates on e > 0 (and depresses slowly), ITC potentiates on e < 0
 *
 * Built from the engine's circuit pieces: MossyLayer (inputs), GranuleLayer with its own wiring
 * and a fixed threshold (LA and ITC layers), PfPurkinjePlasticity with the exact "shift" window
 * (credit to the cells active Δ ago) and the kernels' purkinjeSum / updateWeights.
 *
 * Why extinction is not erasure: during acquisition the error is positive and lands on LA
 * weights of the cue (and of the place). During extinction it is negative: LA weights fall only
 * at the slow rate η⁻_LA, while the ITC weights of the cells coding *this cue in this place at
 * this time* grow at η⁺_ITC. The fear memory survives; its suppression is bound to the context
 * (renewal, ABA), to time (spontaneous recovery, as the temporal context drifts) and is
 * overridden when the place itself becomes dangerous (reinstatement).
 */
import { MossyLayer, type MossyWiring, wireMossy } from "../circuit/mossy.js";
import { GranuleLayer } from "../circuit/granule.js";
import { ValueHistory } from "../circuit/history.js";
import { learningWindow } from "../circuit/eligibility.js";
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
  layer: { count: number; fanIn: number; threshold: number },
  rates: { potentiation: number; depression: number; maxWeight: number },
): CerebellumParams {
  const base = cerebellumParamsSchema.parse({
    mossy: { ...a.inputs },
    basis: { bumps: 0 },
    granule: { count: layer.count, fanIn: layer.fanIn, golgi: "fixed", threshold: layer.threshold },
    purkinje: { count: outputs, initialWeight: 0, outputGain: a.readout.gain },
    plasticity: { mfNucleus: { enabled: false } },
  });
  return {
    ...base,
    dtMs: a.dtMs,
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

  /** Let `ms` of time pass (exact OU update, any length). */
  advance(ms: number): void {
    if (ms <= 0) return;
    for (let k = 0; k < this.x.length; k++) {
      const decay = Math.exp(-ms / this.tauMs[k]);
      this.x[k] = decay * this.x[k] + Math.sqrt(1 - decay * decay) * this.rng.normal();
    }
    this.update();
  }

  private update(): void {
    for (let k = 0; k < this.x.length; k++) this.value[k] = 1 / (1 + Math.exp(-this.x[k] / this.p.sharpness));
  }
}

export class Amygdala {
  readonly params: AmygdalaParams;
  /** Every input channel: the spec's, then the temporal-context channels "time-k". */
  readonly channels: readonly { name: string; role: Role }[];
  readonly outputs: readonly string[];
  readonly mossy: MossyLayer;
  readonly mossyWiring: MossyWiring;
  readonly la: GranuleLayer;
  readonly itc: GranuleLayer;
  /** LA → output weights w (cells × outputs) and ITC → output weights u. */
  readonly wLa: Float32Array;
  readonly wItc: Float32Array;
  readonly laPlasticity: PfPurkinjePlasticity;
  readonly itcPlasticity: PfPurkinjePlasticity;
  readonly temporal: TemporalContext;
  /** LA drive a(t), ITC drive b(t) and the output z(t) = a − b, per output. */
  readonly excitation: Float64Array;
  readonly inhibition: Float64Array;
  readonly output: Float64Array;
  readonly error: Float64Array;
  /** Cells one cue recruits, on average (the readout's normalisation R). */
  readonly laReference: number;
  readonly itcReference: number;
  /** Wiring, for analysis: LA cells' K fibres, ITC cells' 3 fibres. */
  readonly laInputs: Int32Array;
  readonly itcInputs: Int32Array;
  learning = true;
  time = 0;
  private readonly noiseRng: Rng;
  private readonly input: Float64Array;
  private readonly outputHistory: ValueHistory;
  private readonly negError: Float64Array;
  private readonly sum: Float64Array;
  private readonly delaySteps: number;
  private readonly userChannels: number;

  constructor(
    readonly spec: AmygdalaSpec,
    readonly kernel: Kernel = referenceKernel,
  ) {
    const a = spec.params;
    this.params = a;
    this.outputs = spec.outputs;
    const P = spec.outputs.length;
    if (P < 1) throw new ConfigError("outputs", "got none; allowed: at least one output name, e.g. fear");
    const names = new Set<string>();
    for (const c of spec.channels) {
      if (names.has(c.name)) throw new ConfigError("channels", `channel "${c.name}" is listed twice`);
      names.add(c.name);
    }
    const roles = (r: Role) => spec.channels.some((c) => c.role === r);
    if (!roles("context")) {
      throw new ConfigError("channels", 'got no channel with role "context"; allowed: at least one place, e.g. context-A');
    }
    if (!roles("cue") && !roles("cortex")) {
      throw new ConfigError("channels", 'got no channel with role "cue" or "cortex"; allowed: at least one');
    }
    const time = Array.from({ length: a.temporalContext.channels }, (_, k) => ({ name: `time-${k}`, role: "time" as Role }));
    this.channels = [...spec.channels.map((c) => ({ name: c.name, role: c.role as Role })), ...time];
    this.userChannels = spec.channels.length;

    const laParams = circuitParams(a, P, { ...a.la }, a.plasticity.la);
    const itcParams = circuitParams(a, P, { count: a.itc.count, fanIn: 3, threshold: a.itc.threshold }, a.plasticity.itc);
    const wiringRng = Rng.derive(spec.seed, "amygdala-wiring");
    const wiring = wireMossy(laParams, this.channels.length, wiringRng);
    this.mossyWiring = wiring;
    this.mossy = new MossyLayer(laParams, wiring, this.channels.length);

    // Fibres by role of their channel; -1 (background only) fibres join LA's pool.
    const byRole = new Map<Role | "none", number[]>();
    for (let m = 0; m < wiring.source.length; m++) {
      const src = wiring.source[m];
      const role: Role | "none" = src < 0 ? "none" : this.channels[src].role;
      if (!byRole.has(role)) byRole.set(role, []);
      byRole.get(role)!.push(m);
    }
    const pool = (...rs: (Role | "none")[]) => rs.flatMap((r) => byRole.get(r) ?? []);
    const laPool = pool("none", "cue", "cortex", "context");
    const cuePool = pool("cue", "cortex");
    const placePool = pool("context");
    const timePool = pool("time");

    // LA: K distinct fibres from every non-time fibre (background fibres included, so one cue
    // reaches the same share of cells however many channels there are).
    const K = a.la.fanIn;
    this.laInputs = new Int32Array(a.la.count * K);
    for (let i = 0; i < a.la.count; i++) {
      for (let k = 0; k < K; k++) {
        let m: number;
        do m = laPool[wiringRng.int(laPool.length)];
        while (k < laPool.length && this.laInputs.subarray(i * K, i * K + k).includes(m));
        this.laInputs[i * K + k] = m;
      }
    }
    // ITC: one cue fibre (a place fibre for placeFraction of the cells: context-only extinction),
    // one place fibre, one temporal-context fibre (or a second place fibre).
    this.itcInputs = new Int32Array(a.itc.count * 3);
    for (let j = 0; j < a.itc.count; j++) {
      const placeOnly = wiringRng.uniform() < a.itc.placeFraction;
      this.itcInputs[j * 3] = placeOnly ? placePool[wiringRng.int(placePool.length)] : cuePool[wiringRng.int(cuePool.length)];
      this.itcInputs[j * 3 + 1] = placePool[wiringRng.int(placePool.length)];
      const useTime = timePool.length > 0 && wiringRng.uniform() < a.itc.timeFraction;
      this.itcInputs[j * 3 + 2] = useTime ? timePool[wiringRng.int(timePool.length)] : placePool[wiringRng.int(placePool.length)];
    }
    this.la = new GranuleLayer(laParams, this.laInputs, kernel);
    this.itc = new GranuleLayer(itcParams, this.itcInputs, kernel);

    const F = a.inputs.fibresPerChannel;
    this.laReference = Math.max(1, (a.la.count * K * F) / laPool.length);
    const cueChannels = this.channels.filter((c) => c.role === "cue" || c.role === "cortex").length;
    const placeChannels = this.channels.filter((c) => c.role === "context").length;
    // One cue in one place: 1/cues × 1/places of the cells (a time input is on about half the time).
    const timeShare = timePool.length > 0 ? 1 - a.itc.timeFraction / 2 : 1;
    this.itcReference = Math.max(1, (a.itc.count * (1 - a.itc.placeFraction) * timeShare) / (cueChannels * placeChannels));

    this.wLa = new Float32Array(a.la.count * P);
    this.wItc = new Float32Array(a.itc.count * P);
    this.laPlasticity = new PfPurkinjePlasticity(laParams, kernel, learningWindow(laParams), this.la.capacity);
    this.itcPlasticity = new PfPurkinjePlasticity(itcParams, kernel, learningWindow(itcParams), this.itc.capacity);
    this.temporal = new TemporalContext(a.temporalContext, Rng.derive(spec.seed, "amygdala-time"));
    this.noiseRng = Rng.derive(spec.seed, "amygdala-noise");
    this.delaySteps = Math.round(a.plasticity.lookaheadMs / a.dtMs);
    this.outputHistory = new ValueHistory(this.delaySteps + 1, P);
    this.input = new Float64Array(this.channels.length);
    this.excitation = new Float64Array(P);
    this.inhibition = new Float64Array(P);
    this.output = new Float64Array(P);
    this.error = new Float64Array(P);
    this.negError = new Float64Array(P);
    this.sum = new Float64Array(P);
  }

  /** Index of an input channel by name. */
  channelIndex(name: string): number {
    const i = this.channels.findIndex((c) => c.name === name);
    if (i < 0) throw new ConfigError("channel", `unknown channel "${name}"; allowed: ${this.channels.map((c) => c.name).join(", ")}`);
    return i;
  }

  /**
   * Advance one step. `context[c]` is the spec's channel c now; `teacher[p]` the shoulda signal
   * s_p(t) for output p. Returns z(t) (a live view: copy to keep).
   */
  step(context: ArrayLike<number>, teacher: ArrayLike<number>): Float64Array {
    const { input, kernel, sum } = this;
    const P = this.outputs.length;
    for (let c = 0; c < this.userChannels; c++) input[c] = context[c] ?? 0;
    input.set(this.temporal.value, this.userChannels);
    this.mossy.step(input, this.noiseRng);
    this.la.step(this.mossy.rate);
    this.itc.step(this.mossy.rate);
    const g = this.params.readout.gain;
    kernel.purkinjeSum(this.la.active, this.la.count, this.wLa, P, 0, sum);
    for (let p = 0; p < P; p++) this.excitation[p] = (g * sum[p]) / this.laReference;
    kernel.purkinjeSum(this.itc.active, this.itc.count, this.wItc, P, 0, sum);
    for (let p = 0; p < P; p++) {
      this.inhibition[p] = (g * sum[p]) / this.itcReference;
      this.output[p] = this.excitation[p] - this.inhibition[p];
    }
    this.outputHistory.push(this.output);
    for (let p = 0; p < P; p++) {
      this.error[p] = (teacher[p] ?? 0) - this.outputHistory.get(this.delaySteps, p);
      // The plasticity code depresses on positive error (cerebellar LTD); LA potentiates.
      this.negError[p] = -this.error[p];
    }
    this.laPlasticity.step(this.la.active, this.la.count, this.negError, this.wLa, this.learning);
    this.itcPlasticity.step(this.itc.active, this.itc.count, this.error, this.wItc, this.learning);
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
    for (const plasticity of [this.laPlasticity, this.itcPlasticity]) {
      plasticity.activity.counts.fill(0);
      plasticity.errors.values.fill(0);
    }
  }
}
