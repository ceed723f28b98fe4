/**
 * The amygdala module as plain, serialisable data (DESIGN.md §2: "the same supervised machinery
 * with slower dynamics and its own outputs, supervised by innate threat signals; extinction is
 * new, context-gated learning, not erasure"). `brain/amygdala.ts` builds it from the engine's
 * circuit pieces (mossy layer, granule layer, PF→PC plasticity with an exact shift window).
 *
 * Symbols (as in the cerebellum where the role is the same):
 *   x_m(t)   input-fibre rate, m < M            (cues, place context, cortex state, temporal context)
 *   g_i(t)   lateral-amygdala (LA) expansion cell ∈ {0,1}: any one of its K inputs on ("OR" cells)
 *   q_j(t)   intercalated / infralimbic (ITC) conjunction cell ∈ {0,1}: cue AND place AND time;
 *            a second, smaller ITC population (placeFraction) codes place AND place (extinction of
 *            context fear). Each population competes within itself only.
 *   a_p(t)   LA drive of output p = G/R_LA · Σ_i w_ip g_i(t)          (acquisition, excitatory)
 *   b_p(t)   ITC drive of output p = Σ over both populations of G/(f·N) · Σ_j u_jp q_j(t)
 *            (extinction, inhibitory; at most f·N cells of a population fire: the most driven
 *            above the threshold, as the granule layer's Golgi loop)
 *   z_p(t)   central-amygdala output = a_p(t) − b_p(t)                (fear, arousal)
 *   s_p(t)   shoulda signal from the steering subsystem ("you should have been afraid")
 *   D_p(t)   danger within the horizon = max of s_p over [t − Δ, t]
 *   e_p(t)   teaching error = D_p(t) − z_p(t − Δ): z learns "how bad will the next Δ get"
 * Learning (both sites see the same error, with opposite signs and different rates):
 *   Δw_ip = dt · (η⁺_LA [e]₊·[D > floor] − η⁻_LA [−e]₊) · g_i(t − Δ),   w ∈ [0, maxWeight]
 *   Δu_jp = dt · (η⁺_ITC [−e]₊ − η⁻_ITC [e]₊) · q_j(t − Δ), u ∈ [0, maxWeight]
 * R_LA is the expected number of LA cells one cue recruits, so the rates are per second of
 * error whatever the layer sizes. LA cells sample place fibres contextShare times as often as
 * other fibres (a context's low salience). Temporal-context channels (appended by the module)
 * drift over days and move in steps of updateMs.
 */
import { z } from "zod";

export const amygdalaParamsSchema = z
  .object({
    dtMs: z
      .number()
      .min(10)
      .max(1000)
      .default(100)
      .describe(
        "Time step (ms); fear learning lives on a scale of seconds, so 100 ms is the default",
      ),
    inputs: z
      .object({
        count: z.number().int().min(16).max(100_000).default(512).describe("Input fibres M"),
        fibresPerChannel: z
          .number()
          .int()
          .min(1)
          .default(8)
          .describe("Fibres driven by each channel"),
        background: z.number().min(0).default(0.2).describe("Background rate of every fibre"),
        gainMin: z.number().positive().default(0.8).describe("Smallest channel→fibre gain"),
        gainMax: z.number().positive().default(1.2).describe("Largest channel→fibre gain"),
        noiseSd: z
          .number()
          .min(0)
          .default(0)
          .describe(
            "SD of the fibres' rate noise (off by default: variability comes from the temporal context)",
          ),
        noiseTauMs: z
          .number()
          .positive()
          .default(1000)
          .describe("Correlation time of the rate noise (ms)"),
      })
      .strict()
      .prefault({}),
    la: z
      .object({
        count: z
          .number()
          .int()
          .min(100)
          .max(1_000_000)
          .default(2000)
          .describe("LA expansion cells"),
        fanIn: z
          .number()
          .int()
          .min(1)
          .max(16)
          .default(4)
          .describe("Inputs per LA cell (any fibre but time)"),
        contextShare: z
          .number()
          .min(0)
          .default(0.25)
          .describe(
            "How often LA cells sample a place fibre, relative to other fibres (context salience)",
          ),
        threshold: z
          .number()
          .min(0)
          .default(1.3)
          .describe(
            "LA firing threshold on summed input: 1.3 makes one active input enough (elemental code)",
          ),
      })
      .strict()
      .prefault({}),
    itc: z
      .object({
        count: z
          .number()
          .int()
          .min(100)
          .max(1_000_000)
          .default(2000)
          .describe("ITC/IL conjunction cells"),
        threshold: z
          .number()
          .min(0)
          .default(2.8)
          .describe("Floor on cue + place + time input: all three must be on (context gating)"),
        codingLevel: z
          .number()
          .gt(0)
          .max(0.5)
          .default(0.05)
          .describe(
            "Fraction f of ITC cells active: the most driven cells above threshold compete for f·N slots",
          ),
        placeFraction: z
          .number()
          .min(0)
          .max(1)
          .default(0.25)
          .describe(
            "Fraction of ITC cells whose cue input is a place fibre instead (extinction of context fear)",
          ),
        placeTimed: z
          .boolean()
          .default(false)
          .describe(
            "Whether the place-only ITC cells also take temporal context (context fear recovers with time)",
          ),
        timeFraction: z
          .number()
          .min(0)
          .max(1)
          .default(1)
          .describe(
            "Fraction of ITC cells whose third input is temporal context (else a second place fibre)",
          ),
      })
      .strict()
      .prefault({}),
    temporalContext: z
      .object({
        channels: z
          .number()
          .int()
          .min(0)
          .max(64)
          .default(8)
          .describe("Drifting temporal-context channels"),
        minTauHours: z.number().positive().default(48).describe("Fastest drift time constant (h)"),
        maxTauHours: z.number().positive().default(480).describe("Slowest drift time constant (h)"),
        updateMs: z
          .number()
          .positive()
          .default(3_600_000)
          .describe(
            "The context moves in steps of this much time (1 h: a session does not move it; days do)",
          ),
        sharpness: z
          .number()
          .positive()
          .default(0.1)
          .describe(
            "Channel value = logistic(x / sharpness), x an OU process of unit SD: small = on/off",
          ),
      })
      .strict()
      .prefault({}),
    readout: z
      .object({
        gain: z.number().positive().default(1).describe("Gain G of both drives onto the output"),
      })
      .strict()
      .prefault({}),
    plasticity: z
      .object({
        lookaheadMs: z
          .number()
          .min(0)
          .max(60_000)
          .default(10_000)
          .describe(
            "Δ, the horizon: the output at t is trained on the worst shoulda signal in [t, t + Δ] (ms)",
          ),
        la: z
          .object({
            potentiation: z
              .number()
              .min(0)
              .default(0.06)
              .describe("η⁺_LA per second of positive error"),
            depression: z
              .number()
              .min(0)
              .default(0.003)
              .describe("η⁻_LA per second of negative error"),
            // A safety bound that must not bind: a place reaches contextShare as many LA cells as
            // a cue, so its fear tops out at ≈ contextShare·maxWeight. At 3 that was ≈ 0.75, and a
            // box with frequent unsignalled shocks lost its fear to ITC-place once its LA cells
            // saturated (no standing context excitation, so no negative contingency, A8).
            maxWeight: z
              .number()
              .positive()
              .default(20)
              .describe(
                "Upper bound of LA weights (a safety bound: a context's fear can reach ≈ contextShare × this)",
              ),
            teacherFloor: z
              .number()
              .min(0)
              .default(0.05)
              .describe("LA potentiates only while the teacher D(t) exceeds this (US-gated LTP)"),
          })
          .strict()
          .prefault({}),
        itc: z
          .object({
            potentiation: z
              .number()
              .min(0)
              .default(0.012)
              .describe("η⁺_ITC per second of negative error"),
            depression: z
              .number()
              .min(0)
              .default(0.003)
              .describe("η⁻_ITC per second of positive error"),
            maxWeight: z.number().positive().default(3).describe("Upper bound of ITC weights"),
          })
          .strict()
          .prefault({}),
      })
      .strict()
      .prefault({}),
  })
  .strict();

export type AmygdalaParams = z.output<typeof amygdalaParamsSchema>;
export type AmygdalaParamsInput = z.input<typeof amygdalaParamsSchema>;

/**
 * What a channel is to the amygdala. "cue": a discrete stimulus (tone, light); "cortex": a cortex
 * state feature (a thought), treated like a cue; "context": a place feature (the box). Cues and
 * cortex features reach both pathways; places reach LA (context fear) and gate the ITC pathway.
 */
export type ChannelRole = "cue" | "cortex" | "context";

export interface AmygdalaChannel {
  name: string;
  role: ChannelRole;
}

export interface AmygdalaSpec {
  kind: "amygdala";
  params: AmygdalaParams;
  /** Input channels, in order (the module appends its own temporal-context channels). */
  channels: AmygdalaChannel[];
  /** Output names, one per teacher signal, e.g. ["fear", "arousal"]. */
  outputs: string[];
  seed: number;
}
