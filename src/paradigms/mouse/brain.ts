/**
 * One mouse's brain, assembled from the library's modules (nothing new is learned here: the
 * modules are the ones the dcn, cortex-loop, eyeblink and fear paradigms use):
 *
 *   filter      InputFilter (DCN)   cochlea s(t) − prediction from [body context, cortex state]
 *   cortex      Cortex              predicts its next input u(t + dt) from [u, body, cues, place]
 *   cerebellum  Cerebellum          [tone(t − csLatency), cortex state] → eyelid, taught by puffs
 *   amygdala    Amygdala            [light, tone, cortex features, place] → fear, arousal,
 *                                   taught by shocks (threat) and every US (arousal)
 *   steering    Steering            puff/shock → shoulda signals and URs; executes fear and blink
 *
 * One tick is the filter's dt. Every tick: filter, then cortex. Every `cerebellumEvery` ticks:
 * steering senses, cerebellum steps, steering acts. Every `amygdalaEvery` cerebellar steps:
 * the amygdala steps on the mean of its inputs and the largest teacher over its step. Each
 * module's learning is always on (it is switched off only for the final probes, after the life).
 *
 * The cortex state reaches the others as context: the filter and the cerebellum get its rates
 * (1 + x)/2 as channels "cortex0…" (as in cortex-loop); the amygdala gets its positive and
 * negative parts [x]₊, [−x]₊ scaled by wiring.cortexToAmygdala (role "cortex": a thought),
 * so that no single cortical unit drives its elemental cells the way a cue does.
 *
 * With `thoughts.enabled` the modules read the learning cortex instead (brain/eventCortex.ts: a
 * sequence memory stepped at the life's events — tone, light, a place entered, a lick, a chew —
 * whose state leaves it as one active unit r_u): the filter and the cerebellum get r on
 * "cortex0…", the amygdala gets r on "thought0…" (role "cortex"), scaled by
 * wiring.cortexToAmygdala as the reservoir's features are. The reservoir still runs, for its prediction-error metrics, but nobody reads it.
 * `wiring.cortexTo.<module> = false` silences that module's cortex channels (ablation).
 */
import { Amygdala } from "../../brain/amygdala.js";
import { Cerebellum } from "../../brain/cerebellum.js";
import { Cortex } from "../../brain/cortex.js";
import { EventCortex } from "../../brain/eventCortex.js";
import { InputFilter } from "../../brain/filter.js";
import { STEERING_EVENTS, STEERING_RESPONSES, Steering } from "../../brain/steering.js";
import { getKernel } from "../../kernels/index.js";
import type { AmygdalaChannel } from "../../model/amygdala.js";
import { deriveSeed } from "../../model/rng.js";
import { DelayLine } from "../../world/delayLine.js";
import { MOUSE_PLACES } from "../../world/mouseLife.js";
import { cortexUnits, MOUSE_THOUGHT_EVENTS, type MouseConfig } from "./config.js";

/** What the world gives the brain on one tick. */
export interface TickInput {
  /** Cochlear input rates s(t), N channels. */
  cochlea: ArrayLike<number>;
  /** Body context: efference copies and proprioception (lick, jaw, … as the world names them). */
  body: ArrayLike<number>;
  tone: number;
  light: number;
  puff: number;
  shock: number;
  /** Index into MOUSE_PLACES. */
  place: number;
}

export const cortexChannelNames = (k: number) => Array.from({ length: k }, (_, i) => `cortex${i}`);

export class MouseBrain {
  readonly filter: InputFilter;
  readonly cortex: Cortex;
  /** The learning cortex the modules read (thoughts.enabled), else null. */
  readonly thoughts: EventCortex | null;
  readonly cerebellum: Cerebellum;
  readonly amygdala: Amygdala;
  readonly steering: Steering;
  readonly cerebellumEvery: number;
  /** In cerebellar steps. */
  readonly amygdalaEvery: number;
  /** Conditioned eyelid closure [z(t − motorDelay)]₊ (the CR, without the UR). */
  eyelid = 0;
  /** Latest amygdala outputs (held between its steps). */
  fear = 0;
  arousal = 0;
  /** Ticks taken. */
  ticks = 0;
  readonly freezingIndex = STEERING_RESPONSES.indexOf("freezing");
  readonly blinkIndex = STEERING_RESPONSES.indexOf("blink");
  readonly withdrawalIndex = STEERING_RESPONSES.indexOf("withdrawal");

  private readonly filterContext: Float64Array;
  private readonly cortexContext: Float64Array;
  private readonly cerebellumContext: Float64Array;
  private readonly amygdalaInput: Float64Array;
  private readonly amygdalaSum: Float64Array;
  private readonly amygdalaTeacher: Float64Array;
  private readonly deviation: Float64Array;
  private readonly steeringEvents = new Float64Array(STEERING_EVENTS.length);
  private readonly blinkTeacher = new Float64Array(1);
  private readonly predictions = new Float64Array(3);
  private readonly toneDelay: DelayLine;
  private readonly eyelidDelay: DelayLine;
  private readonly signal: { threat: number; arousal: number; blink: number };
  /** The cortex channels the filter and cerebellum read: thoughts or reservoir rates, or silence. */
  private readonly cortexOut: Float64Array;
  private readonly events = new Float64Array(MOUSE_THOUGHT_EVENTS.length);
  private readonly bodyIndex: { lick: number; chew: number };
  private cerebellumSteps = 0;

  constructor(
    readonly config: MouseConfig,
    readonly bodyNames: readonly string[],
    readonly sensoryNames: readonly string[],
  ) {
    const kernel = getKernel(config.backend);
    const k = cortexUnits(config);
    const cortexNames = cortexChannelNames(k);
    const b = bodyNames.length;
    const n = sensoryNames.length;
    this.filter = new InputFilter(
      {
        sensory: [...sensoryNames],
        context: [...bodyNames, ...cortexNames],
        params: config.filterModel,
        options: config.filter,
        seed: deriveSeed(config.seed, "filter"),
      },
      kernel,
    );
    // Cortex input: the residual, plus body context, tone, light and the place (one-hot).
    this.cortexContext = new Float64Array(b + 2 + MOUSE_PLACES.length);
    this.cortex = new Cortex(
      n,
      this.cortexContext.length,
      config.cortex,
      config.filterModel.dtMs,
      deriveSeed(config.seed, "cortex"),
    );
    this.thoughts = config.thoughts.enabled
      ? new EventCortex(
          MOUSE_THOUGHT_EVENTS.length,
          config.thoughts,
          deriveSeed(config.seed, "thoughts"),
        )
      : null;
    this.cortexOut = new Float64Array(k);
    this.bodyIndex = { lick: bodyNames.indexOf("lick"), chew: bodyNames.indexOf("chew") };
    this.cerebellum = new Cerebellum(
      {
        kind: "cerebellum",
        params: config.cerebellum,
        channels: ["tone", ...cortexNames],
        seed: deriveSeed(config.seed, "cerebellum"),
      },
      kernel,
    );
    const cortexFeatures: AmygdalaChannel[] = this.thoughts
      ? cortexNames.map((_, i) => ({ name: `thought${i}`, role: "cortex" as const }))
      : cortexNames.flatMap((c) => [
          { name: `${c}+`, role: "cortex" as const },
          { name: `${c}-`, role: "cortex" as const },
        ]);
    const channels: AmygdalaChannel[] = [
      { name: "light", role: "cue" },
      { name: "tone", role: "cue" },
      ...cortexFeatures,
      ...MOUSE_PLACES.map((p) => ({ name: `place-${p}`, role: "context" as const })),
    ];
    this.amygdala = new Amygdala(
      {
        kind: "amygdala",
        params: config.amygdala,
        channels,
        outputs: ["fear", "arousal"],
        seed: deriveSeed(config.seed, "amygdala"),
      },
      kernel,
    );
    this.steering = new Steering(config.steering);
    this.signal = {
      threat: this.steering.signalIndex("threat"),
      arousal: this.steering.signalIndex("arousal"),
      blink: this.steering.signalIndex("blink"),
    };
    const tick = config.filterModel.dtMs;
    const cbDt = config.cerebellum.dtMs;
    this.cerebellumEvery = Math.round(cbDt / tick);
    this.amygdalaEvery = Math.round(config.amygdala.dtMs / cbDt);
    this.filterContext = new Float64Array(b + k);
    this.cerebellumContext = new Float64Array(1 + k);
    this.amygdalaInput = new Float64Array(channels.length);
    this.amygdalaSum = new Float64Array(channels.length);
    this.amygdalaTeacher = new Float64Array(2);
    this.deviation = new Float64Array(n);
    this.toneDelay = new DelayLine(Math.round(config.eye.csLatencyMs / cbDt));
    this.eyelidDelay = new DelayLine(Math.round(config.eye.motorDelayMs / cbDt));
  }

  get freezing(): number {
    return this.steering.responses[this.freezingIndex];
  }

  get blink(): number {
    return this.steering.responses[this.blinkIndex];
  }

  /** One tick of the base clock. Returns true when the cerebellum (and steering) stepped. */
  tick(input: TickInput): boolean {
    const k = this.cortexOut.length;
    const b = this.bodyNames.length;
    const to = this.config.wiring.cortexTo;
    // 0. What the cortex says now (from the last tick): the thought or the reservoir's rates.
    this.cortexOut.set(this.thoughts ? this.thoughts.thought : this.cortex.rates);
    // 1. Filter: context = body + cortex channels.
    const fc = this.filterContext;
    for (let c = 0; c < b; c++) fc[c] = input.body[c];
    if (to.filter) fc.set(this.cortexOut, b);
    else fc.fill(0, b);
    this.filter.step(input.cochlea, fc);
    // 2. Cortex: residual + body + cues + place.
    const cc = this.cortexContext;
    for (let c = 0; c < b; c++) cc[c] = input.body[c];
    cc[b] = input.tone;
    cc[b + 1] = input.light;
    for (let p = 0; p < MOUSE_PLACES.length; p++) cc[b + 2 + p] = p === input.place ? 1 : 0;
    const rest = this.config.filter.restingInput;
    for (let j = 0; j < this.deviation.length; j++) this.deviation[j] = input.cochlea[j] - rest;
    this.cortex.step(this.filter.unexpected, cc, this.deviation);
    if (this.thoughts) this.observeEvents(input);
    // Amygdala inputs accumulate every tick (it reads their mean over its step).
    const s = this.amygdalaSum;
    s[0] += input.light;
    s[1] += input.tone;
    let places = 2;
    if (this.thoughts) {
      const gain = to.amygdala ? this.config.wiring.cortexToAmygdala : 0;
      for (let i = 0; i < k; i++) s[2 + i] += gain * this.thoughts.thought[i];
      places += k;
    } else {
      const gain = to.amygdala ? this.config.wiring.cortexToAmygdala : 0;
      for (let i = 0; i < k; i++) {
        const x = gain * this.cortex.state[i];
        s[2 + 2 * i] += Math.max(x, 0);
        s[3 + 2 * i] += Math.max(-x, 0);
      }
      places += 2 * k;
    }
    s[places + input.place] += 1;
    this.ticks++;
    if (this.ticks % this.cerebellumEvery !== 0) return false;
    this.cerebellumTick(input);
    return true;
  }

  /** The learning cortex observes the life's events (tone, light, place, lick, chew commands). */
  private observeEvents(input: TickInput): void {
    const e = this.events;
    e[0] = input.tone > 0 ? 1 : 0;
    e[1] = input.light > 0 ? 1 : 0;
    for (let p = 0; p < MOUSE_PLACES.length; p++) e[2 + p] = p === input.place ? 1 : 0;
    const { lick, chew } = this.bodyIndex;
    e[5] = lick >= 0 && input.body[lick] > 0 ? 1 : 0;
    e[6] = chew >= 0 && input.body[chew] > 0 ? 1 : 0;
    this.thoughts?.observe(e, this.config.filterModel.dtMs);
  }

  private cerebellumTick(input: TickInput): void {
    const k = this.cortexOut.length;
    // 3. Steering senses this step's raw events (shock, looming, puff, bitter).
    const ev = this.steeringEvents;
    ev[0] = input.shock;
    ev[2] = input.puff;
    const shoulda = this.steering.sense(ev);
    // 4. Cerebellum: tone after the CS latency, the cortex as it is after this tick's step;
    // teacher = the blink shoulda signal.
    const cb = this.cerebellumContext;
    cb[0] = this.toneDelay.shift(input.tone);
    const cortex = this.thoughts ? this.thoughts.thought : this.cortex.rates;
    for (let i = 0; i < k; i++) cb[1 + i] = this.config.wiring.cortexTo.cerebellum ? cortex[i] : 0;
    this.blinkTeacher[0] = shoulda[this.signal.blink];
    const z = this.cerebellum.step(cb, this.blinkTeacher);
    const lid = this.eyelidDelay.shift(z[0]);
    this.eyelid = Math.max(lid, 0);
    // 5. The amygdala's teacher is the worst threat/arousal seen during its step.
    const t = this.amygdalaTeacher;
    t[0] = Math.max(t[0], shoulda[this.signal.threat]);
    t[1] = Math.max(t[1], shoulda[this.signal.arousal]);
    this.cerebellumSteps++;
    if (this.cerebellumSteps % this.amygdalaEvery === 0) this.amygdalaStep();
    // 6. Steering executes the learned predictions: freezing from fear, blink from the eyelid.
    const pr = this.predictions;
    pr[0] = this.fear;
    pr[1] = this.arousal;
    pr[2] = this.eyelid;
    this.steering.act(pr);
  }

  private amygdalaStep(): void {
    const ticks = this.amygdalaEvery * this.cerebellumEvery;
    const input = this.amygdalaInput;
    for (let c = 0; c < input.length; c++) input[c] = this.amygdalaSum[c] / ticks;
    this.amygdalaSum.fill(0);
    const z = this.amygdala.step(input, this.amygdalaTeacher);
    this.fear = z[0];
    this.arousal = z[1];
    this.amygdalaTeacher.fill(0);
  }

  /** Learning on or off in every module (off only for the final probes, after the life). */
  set learning(on: boolean) {
    this.filter.learning = on;
    this.cortex.learning = on;
    if (this.thoughts) this.thoughts.learning = on && !this.config.thoughts.frozen;
    this.cerebellum.learning = on;
    this.amygdala.learning = on;
  }
}
