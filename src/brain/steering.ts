/**
 * The steering subsystem (brainstem, hypothalamus): innate, unlearned circuits. It turns raw
 * events into
 *
 *   • shoulda signals, the teachers of the learned modules: "you just got shocked — you should
 *     have been afraid" (threat, to the amygdala), "you should have been aroused" (arousal),
 *     "you should have blinked" (blink, to the cerebellum's olive), "you should not have eaten
 *     that" (aversion);
 *   • unconditioned responses (URs) with their latencies: withdrawal and an activity burst to a
 *     shock, freezing to a looming shadow, a blink to an air puff, a gape to a bitter taste,
 *     autonomic arousal to all of them;
 *
 * and it executes what the learned modules tell it: the amygdala's fear prediction drives
 * conditioned freezing (central amygdala → ventrolateral PAG), its arousal prediction adds to
 * autonomic arousal, the cerebellum's output drives the blink.
 *
 * Kinetics, per step of dt:
 *   reflex r:   u_r(t) = gain · event(t − latency), held for holdMs after the event ends;
 *               R_r(t) = max(u_r(t), R_r(t − dt)·e^(−dt/decay))       (response value, 0–1+)
 *   trace s:    S(t)   = S(t − dt)·e^(−dt/τ) + Σ_e weight_e · event_e(t − latency) · dt/1 s
 *               (a 1-s shock of magnitude 1 gives S ≈ 1; a longer or stronger one more)
 *   pulse s:    S(t)   = Σ_e weight_e · event_e(t − latency)
 *   freezing  = max(UR freezing, F(fear)),  F(z) = [z]₊ʰ / ([z]₊ʰ + K^h)   (fraction of time)
 *   arousal   = UR arousal + arousalGain · [arousal prediction]₊
 *   blink     = max(UR blink, [blink prediction]₊)
 * Latencies are rounded to whole steps (a 100-ms step cannot resolve a 15-ms blink latency; the
 * table keeps the published value).
 */
import { z } from "zod";
import { ValueHistory } from "../circuit/history.js";
import { ConfigError } from "../model/errors.js";

/** Raw events the steering subsystem detects, in this order in `sense(events)`. */
export const STEERING_EVENTS = ["shock", "looming", "puff", "bitter"] as const;
export type SteeringEvent = (typeof STEERING_EVENTS)[number];
/** Behavioural outputs, in this order in `responses`. */
export const STEERING_RESPONSES = ["freezing", "withdrawal", "blink", "gape", "arousal"] as const;
export type SteeringResponse = (typeof STEERING_RESPONSES)[number];
/** Learned predictions the steering subsystem reads, in this order in `act(predictions)`. */
export const STEERING_PREDICTIONS = ["fear", "arousal", "blink"] as const;

const eventName = z.enum(STEERING_EVENTS);

const reflexSchema = z
  .object({
    event: eventName,
    response: z.enum(STEERING_RESPONSES),
    latencyMs: z.number().min(0).max(10_000).describe("Event → response onset (ms)"),
    gain: z.number().min(0).default(1).describe("Response per unit event"),
    holdMs: z.number().min(0).default(0).describe("Response held this long after the event ends"),
    decayMs: z.number().positive().default(100).describe("Then it decays with this time constant"),
    source: z.string().default("").describe("Where the latency comes from"),
  })
  .strict();

const signalSchema = z
  .object({
    name: z.string().min(1),
    kind: z
      .enum(["trace", "pulse"])
      .describe("trace: leaky integral of the events; pulse: the events themselves"),
    weights: z.partialRecord(eventName, z.number()).describe("Weight of each event"),
    latencyMs: z.number().min(0).max(10_000).default(0).describe("Event → teacher latency (ms)"),
    tauMs: z.number().positive().default(20_000).describe("Decay of a trace (ms)"),
    source: z.string().default(""),
  })
  .strict();

export type Reflex = z.output<typeof reflexSchema>;
export type ShouldaSignal = z.output<typeof signalSchema>;

/** Innate reflexes. Latencies are [M] (textbook values), see docs/amygdala.md. */
export const DEFAULT_REFLEXES: z.input<typeof reflexSchema>[] = [
  {
    event: "shock",
    response: "withdrawal",
    latencyMs: 30,
    holdMs: 2000,
    decayMs: 1000,
    source: "flinch/jump and activity burst to footshock (Fanselow 1982) [M]",
  },
  {
    event: "shock",
    response: "arousal",
    latencyMs: 500,
    decayMs: 10_000,
    source: "heart rate / pupil [M]",
  },
  {
    event: "looming",
    response: "freezing",
    latencyMs: 250,
    decayMs: 5000,
    source:
      "looming shadow → freezing or escape within ≈ 0.25 s (Yilmaz & Meister 2013, Curr Biol 23:2011) [M]",
  },
  {
    event: "looming",
    response: "arousal",
    latencyMs: 300,
    gain: 0.5,
    decayMs: 10_000,
    source: "[M]",
  },
  {
    event: "puff",
    response: "blink",
    latencyMs: 15,
    decayMs: 100,
    source: "trigeminal blink reflex, UR latency ≈ 10–20 ms (Gormezano et al. 1983) [M]",
  },
  { event: "puff", response: "arousal", latencyMs: 300, gain: 0.2, decayMs: 5000, source: "[M]" },
  {
    event: "bitter",
    response: "gape",
    latencyMs: 300,
    decayMs: 1000,
    source:
      "taste reactivity: gapes to quinine within ≈ 0.3–0.5 s (Grill & Norgren 1978, Brain Res 143:263) [M]",
  },
  { event: "bitter", response: "arousal", latencyMs: 500, gain: 0.3, decayMs: 5000, source: "[M]" },
];

/** Shoulda signals (teachers). */
export const DEFAULT_SIGNALS: z.input<typeof signalSchema>[] = [
  {
    name: "threat",
    kind: "pulse",
    weights: { shock: 1, looming: 0.5 },
    latencyMs: 100,
    source: "nociceptive input reaches LA within ≈ 20 ms (Romanski et al. 1993) [M]",
  },
  {
    name: "arousal",
    kind: "pulse",
    weights: { shock: 1, looming: 0.5, puff: 0.2, bitter: 0.3 },
    latencyMs: 100,
    source: "[M]",
  },
  {
    name: "blink",
    kind: "pulse",
    weights: { puff: 1 },
    latencyMs: 20,
    source: "puff → trigeminal → inferior olive (as the eyeblink paradigm's usLatencyMs)",
  },
  {
    name: "aversion",
    kind: "trace",
    weights: { bitter: 1 },
    latencyMs: 300,
    tauMs: 60_000,
    source: "[M]",
  },
];

export const steeringParamsSchema = z
  .object({
    dtMs: z.number().positive().max(1000).default(100).describe("Time step (ms)"),
    reflexes: z.array(reflexSchema).prefault(DEFAULT_REFLEXES),
    signals: z.array(signalSchema).prefault(DEFAULT_SIGNALS),
    freezing: z
      .object({
        halfMax: z
          .number()
          .positive()
          .default(0.45)
          .describe("K: fear output that gives 50 % freezing"),
        hill: z.number().positive().default(2).describe("h: steepness of the freezing readout"),
      })
      .strict()
      .prefault({}),
    arousalGain: z.number().min(0).default(1).describe("Learned arousal → autonomic arousal"),
  })
  .strict();

export type SteeringParams = z.output<typeof steeringParamsSchema>;
export type SteeringParamsInput = z.input<typeof steeringParamsSchema>;

export class Steering {
  readonly params: SteeringParams;
  /** Shoulda signals, in `params.signals` order (live). */
  readonly shoulda: Float64Array;
  /** Behaviour, in STEERING_RESPONSES order (live). */
  readonly responses: Float64Array;
  /** Unconditioned part of each response. */
  readonly unconditioned: Float64Array;
  private readonly history: ValueHistory;
  private readonly reflexLatency: Int32Array;
  private readonly reflexHold: Float64Array;
  private readonly reflexDecay: Float64Array;
  private readonly reflexValue: Float64Array;
  private readonly reflexGain: Float64Array;
  private readonly reflexEvent: Int32Array;
  private readonly reflexResponse: Int32Array;
  /** signals × events. */
  private readonly signalWeights: Float64Array;
  private readonly signalLatency: Int32Array;
  private readonly signalDecay: Float64Array;
  private readonly eventIndex: Map<string, number>;
  private readonly responseIndex: Map<string, number>;
  /** Per reflex: time (ms) until which the response is held. */
  private readonly heldUntil: Float64Array;
  /** Time sensed so far (ms). */
  private time = 0;

  constructor(params: SteeringParams) {
    this.params = params;
    const dt = params.dtMs;
    this.eventIndex = new Map(STEERING_EVENTS.map((e, i) => [e, i]));
    this.responseIndex = new Map(STEERING_RESPONSES.map((r, i) => [r, i]));
    const steps = (ms: number) => Math.round(ms / dt);
    this.reflexLatency = Int32Array.from(params.reflexes, (r) => steps(r.latencyMs));
    this.reflexHold = Float64Array.from(params.reflexes, (r) => r.holdMs);
    this.reflexDecay = Float64Array.from(params.reflexes, (r) => Math.exp(-dt / r.decayMs));
    this.reflexValue = new Float64Array(params.reflexes.length);
    this.reflexGain = Float64Array.from(params.reflexes, (r) => r.gain);
    this.reflexEvent = Int32Array.from(params.reflexes, (r) => this.eventIndex.get(r.event)!);
    this.reflexResponse = Int32Array.from(
      params.reflexes,
      (r) => this.responseIndex.get(r.response)!,
    );
    this.signalWeights = new Float64Array(params.signals.length * STEERING_EVENTS.length);
    params.signals.forEach((s, k) => {
      for (const [name, w] of Object.entries(s.weights))
        this.signalWeights[k * STEERING_EVENTS.length + this.eventIndex.get(name)!] = w ?? 0;
    });
    this.signalLatency = Int32Array.from(params.signals, (s) => steps(s.latencyMs));
    this.signalDecay = Float64Array.from(params.signals, (s) =>
      s.kind === "trace" ? Math.exp(-dt / s.tauMs) : 0,
    );
    const names = new Set<string>();
    for (const s of params.signals) {
      if (names.has(s.name))
        throw new ConfigError("steering.signals", `signal "${s.name}" is listed twice`);
      names.add(s.name);
    }
    const longest = Math.max(0, ...this.reflexLatency, ...this.signalLatency);
    this.history = new ValueHistory(longest + 1, STEERING_EVENTS.length);
    this.shoulda = new Float64Array(params.signals.length);
    this.responses = new Float64Array(STEERING_RESPONSES.length);
    this.unconditioned = new Float64Array(STEERING_RESPONSES.length);
    this.heldUntil = new Float64Array(params.reflexes.length);
  }

  /** Index of a shoulda signal by name. */
  signalIndex(name: string): number {
    const i = this.params.signals.findIndex((s) => s.name === name);
    if (i < 0) {
      throw new ConfigError(
        "signal",
        `unknown shoulda signal "${name}"; allowed: ${this.params.signals.map((s) => s.name).join(", ")}`,
      );
    }
    return i;
  }

  responseIndexOf(name: SteeringResponse): number {
    return this.responseIndex.get(name)!;
  }

  /**
   * Sense this step's raw events (STEERING_EVENTS order) and update the shoulda signals and the
   * unconditioned responses. Returns the shoulda signals (live).
   */
  sense(events: ArrayLike<number>): Float64Array {
    const dt = this.params.dtMs;
    this.history.push(events);
    this.time += dt;
    const past = (latency: number, e: number) => this.history.get(latency, e);
    const E = STEERING_EVENTS.length;
    for (let k = 0; k < this.shoulda.length; k++) {
      let drive = 0;
      for (let e = 0; e < E; e++) {
        const w = this.signalWeights[k * E + e];
        if (w !== 0) drive += w * past(this.signalLatency[k], e);
      }
      this.shoulda[k] =
        this.signalDecay[k] > 0
          ? this.signalDecay[k] * this.shoulda[k] + (drive * dt) / 1000
          : drive;
    }
    this.unconditioned.fill(0);
    for (let k = 0; k < this.reflexValue.length; k++) {
      const value = this.reflexGain[k] * past(this.reflexLatency[k], this.reflexEvent[k]);
      if (value > 0) this.heldUntil[k] = this.time + this.reflexHold[k];
      if (value >= this.reflexValue[k]) this.reflexValue[k] = value;
      else if (this.time > this.heldUntil[k]) this.reflexValue[k] *= this.reflexDecay[k];
      const i = this.reflexResponse[k];
      if (this.reflexValue[k] > this.unconditioned[i]) this.unconditioned[i] = this.reflexValue[k];
    }
    return this.shoulda;
  }

  /** Conditioned freezing F(z) for a fear output z (fraction of time, 0–1). */
  freezingFromFear(fear: number): number {
    const { halfMax, hill } = this.params.freezing;
    if (!(fear > 0)) return 0;
    const x = fear ** hill;
    return x / (x + halfMax ** hill);
  }

  /**
   * Combine the URs with what the learned modules predict (STEERING_PREDICTIONS order: fear,
   * arousal, blink; missing entries count as 0). Returns the behaviour (live).
   */
  act(predictions: ArrayLike<number> = []): Float64Array {
    const fear = predictions[0] ?? 0;
    const arousal = predictions[1] ?? 0;
    const blink = predictions[2] ?? 0;
    const ur = this.unconditioned;
    const r = this.responses;
    const idx = (n: SteeringResponse) => this.responseIndex.get(n)!;
    r.set(ur);
    // An activity burst (withdrawal) excludes freezing.
    const active = ur[idx("withdrawal")] > 0.5;
    r[idx("freezing")] = active ? 0 : Math.max(ur[idx("freezing")], this.freezingFromFear(fear));
    r[idx("arousal")] = ur[idx("arousal")] + this.params.arousalGain * Math.max(0, arousal);
    r[idx("blink")] = Math.max(ur[idx("blink")], Math.max(0, blink));
    return r;
  }
}
