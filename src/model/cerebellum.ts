/**
 * The cerebellar module as plain, serialisable data (DESIGN.md §2). A builder
 * (`brain/cerebellum.ts`) turns it into typed-array state and kernels; nothing here holds arrays.
 *
 * Symbols (kept the same in code, docs and plots):
 *   x_m(t)   mossy-fibre rate, m < M            (context: cues, efference copies, …)
 *   b_u(t)   temporal-basis unit, u < M·(1+B)   (tonic copy of x_m, and B delayed "bumps" per fibre)
 *   h_i(t)   granule drive = Σ_k b_{u(i,k)}(t), i < N, K inputs each
 *   g_i(t)   granule output: 1 (binary) or a rate in (0, 1] (graded) when h_i is above the Golgi
 *            threshold θ(t) (coding level ≈ f), else 0
 *   y_p(t)   Purkinje rate, p < P
 *   z_p(t)   deep-nucleus output relative to its baseline (positive = response, e.g. eyelid closure)
 *   s_p(t)   shoulda (teacher) signal reaching the inferior olive
 *   e_p(t)   climbing-fibre error = s_p(t) − z_p(t − Δ)
 */
import { z } from "zod";

export const cerebellumParamsSchema = z
  .object({
    dtMs: z.number().positive().max(10).default(1).describe("Time step (ms)"),
    mossy: z
      .object({
        count: z.number().int().min(1).max(1_000_000).default(128).describe("Mossy fibres M"),
        fibresPerChannel: z
          .number()
          .int()
          .min(1)
          .default(16)
          .describe("Mossy fibres driven by each context channel (the rest carry background only)"),
        background: z.number().min(0).default(0.2).describe("Tonic background rate of every fibre"),
        gainMin: z.number().positive().default(0.5).describe("Smallest channel→fibre gain"),
        gainMax: z.number().positive().default(1.5).describe("Largest channel→fibre gain"),
        encoding: z
          .enum(["linear", "threshold"])
          .default("linear")
          .describe(
            "linear: a fibre's rate follows its channel, gain·c; threshold: it starts at its own " +
              "threshold θ_m, stratified over (0, thresholdMax), gain·[c − θ_m]₊, so the fibres of a channel " +
              "tile its range (a population code of graded values: circuit/mossy.ts)",
          ),
        thresholdMax: z
          .number()
          .positive()
          .default(1.5)
          .describe("threshold encoding: largest fibre threshold (context units)"),
        noiseSd: z.number().min(0).default(0.15).describe("SD of the fibres' rate noise"),
        noiseTauMs: z
          .number()
          .positive()
          .default(50)
          .describe("Correlation time of the rate noise (ms)"),
      })
      .strict()
      .prefault({}),
    basis: z
      .object({
        bumps: z.number().int().min(0).max(64).default(16).describe("Delayed bumps per fibre B"),
        minDelayMs: z.number().positive().default(8).describe("Shortest bump delay (ms)"),
        maxDelayMs: z.number().positive().default(2500).describe("Longest bump delay (ms)"),
        order: z
          .number()
          .int()
          .min(2)
          .max(16)
          .default(8)
          .describe("Gamma-cascade order of each bump"),
        jitter: z
          .number()
          .min(0)
          .max(0.5)
          .default(0.15)
          .describe("Log-normal jitter of bump delays"),
        decay: z
          .number()
          .min(0)
          .max(2)
          .default(0.25)
          .describe("Bump peak ∝ (minDelay/delay)^decay: later bumps are weaker (Weber-like)"),
        bumpGain: z.number().min(0).default(3).describe("Peak height of the earliest bump"),
        tonicAdaptation: z
          .number()
          .min(0)
          .max(1)
          .default(0)
          .describe(
            "α: spike-frequency adaptation of each fibre's tonic unit, b = [x − a]₊ with a relaxing " +
              "to α·(x − background) over tonicAdaptationTauMs (phasic-tonic mossy input; circuit/basis.ts): " +
              "a steady input keeps (1 − α) of its rise above the spontaneous rate; 0 = no adaptation",
          ),
        tonicAdaptationTauMs: z
          .number()
          .positive()
          .max(10_000)
          .default(200)
          .describe("τ_a: time constant of the tonic unit's adaptation (ms)"),
        tonicProbability: z
          .number()
          .min(0)
          .max(1)
          .default(0.15)
          .describe(
            "Chance that a granule input is a fibre's tonic rate rather than one of its bumps",
          ),
      })
      .strict()
      .prefault({}),
    granule: z
      .object({
        count: z.number().int().min(100).max(10_000_000).default(4000).describe("Granule cells N"),
        fanIn: z
          .number()
          .int()
          .min(1)
          .max(16)
          .default(4)
          .describe("Mossy inputs per granule cell K"),
        codingLevel: z.number().gt(0).max(0.5).default(0.05).describe("Target fraction active f"),
        golgi: z
          .enum(["quantile", "fixed", "feedback", "recurrent"])
          .default("quantile")
          .describe(
            "quantile: Golgi inhibition holds the coding level at f exactly; fixed: threshold only; " +
              "feedback: one Golgi pool integrates granule activity and raises the threshold " +
              "(θ = θ₀ + golgiGain·c/f); recurrent: golgiCells local Golgi cells, each fed by " +
              "random granule cells and inhibiting random granule cells (Yamazaki & Tanaka 2007), " +
              "so a steady input gives a population that changes with time since onset",
          ),
        threshold: z.number().min(0).default(2.0).describe("Threshold floor θ₀ on the drive h"),
        output: z
          .enum(["binary", "graded"])
          .default("binary")
          .describe(
            "binary: an active cell fires 1; graded: it fires g = min(1, (h − θ)/gradedWidth), " +
              "so how strongly a context drives a cell is coded, not only which cells fire",
          ),
        gradedWidth: z
          .number()
          .positive()
          .default(1)
          .describe("Drive above threshold at which a graded cell saturates (g = 1)"),
        golgiGain: z
          .number()
          .min(0)
          .default(1)
          .describe(
            "Golgi inhibition (drive units) at the target coding level (feedback, recurrent)",
          ),
        golgiTauMs: z
          .number()
          .positive()
          .max(5000)
          .default(50)
          .describe("Time constant of the Golgi cells' integration of granule activity (ms)"),
        golgiCells: z
          .number()
          .int()
          .min(1)
          .max(100_000)
          .default(200)
          .describe("Golgi cells (recurrent)"),
        golgiFanIn: z
          .number()
          .int()
          .min(1)
          .max(12)
          .default(4)
          .describe("Golgi cells inhibiting each granule cell (recurrent)"),
        golgiTargets: z
          .number()
          .int()
          .min(1)
          .max(64)
          .default(4)
          .describe("Golgi cells each granule cell excites (recurrent)"),
      })
      .strict()
      .prefault({}),
    purkinje: z
      .object({
        count: z.number().int().min(1).max(1024).default(1).describe("Purkinje cells / outputs P"),
        initialWeight: z.number().min(0).default(1).describe("Initial PF→PC weight w₀"),
        outputGain: z.number().positive().default(2).describe("Nucleus gain on the Purkinje pause"),
        tonicInhibition: z
          .number()
          .min(0)
          .default(0.05)
          .describe(
            "T: the nuclei's inhibition by Purkinje cells firing at baseline (z units); a lesion of fraction ℓ " +
              "removes ℓ·T of it, so the nucleus rate rises (circuit/purkinje.ts)",
          ),
        shuntingExcitation: z
          .number()
          .min(0)
          .default(0)
          .describe(
            "b: shunting Purkinje inhibition of the nuclei (0 = off, the linear sum). When b > 0 the pause's and a " +
              "lesion's disinhibition scale with the nucleus's excitation, (b + [M]₊)/b, where M is its learned " +
              "mossy drive (z units), so a pause is expressed more as mossy-fibre→nucleus synapses grow " +
              "(circuit/purkinje.ts)",
          ),
      })
      .strict()
      .prefault({}),
    plasticity: z
      .object({
        pfPurkinje: z
          .object({
            enabled: z.boolean().default(true).describe("PF→PC plasticity on/off"),
            rule: z
              .enum(["eligibility", "shift"])
              .default("eligibility")
              .describe("eligibility: gamma-shaped trace peaked at Δ; shift: exact delay Δ"),
            windowPeakMs: z
              .number()
              .min(0)
              .max(2000)
              .default(100)
              .describe("Eligibility peak Δ (ms)"),
            windowShape: z
              .number()
              .min(1)
              .max(64)
              .default(4)
              .describe("Shape a of κ(τ) ∝ τ^a·e^(−aτ/Δ); larger is narrower"),
            ltd: z.number().min(0).default(0.0001).describe("LTD rate η_LTD (error > 0)"),
            ltp: z.number().min(0).default(0.0001).describe("LTP rate η_LTP (error < 0)"),
            nonAssociativeLtp: z
              .number()
              .min(0)
              .default(0)
              .describe("LTP per PF spike, no CF needed"),
            relaxation: z
              .number()
              .min(0)
              .max(1)
              .default(0)
              .describe(
                "ρ: per ms, an active PF synapse relaxes toward w₀ without an error, Δw = ρ·dt·g·(w₀ − w): the balance of " +
                  "PF-alone LTP and LTD from the olive's background complex spikes (circuit/plasticity.ts); 0 = learned weights kept",
              ),
            bounds: z
              .enum(["hard", "soft"])
              .default("hard")
              .describe(
                "hard: every step the same size, clamped at minWeight/maxWeight; soft: each step scaled by the room " +
                  "left toward the bound it moves to, (w − min)/(w₀ − min) for LTD and (max − w)/(max − w₀) for LTP, so a " +
                  "synapse saturates gradually and moves at the hard rule's rate at w₀ (circuit/softBounds.ts)",
              ),
            minWeight: z.number().min(0).default(0).describe("Lower weight bound"),
            maxWeight: z.number().positive().default(2).describe("Upper weight bound"),
            windowAdaptation: z
              .object({
                enabled: z
                  .boolean()
                  .default(false)
                  .describe(
                    "Experience-dependent window (circuit/windowAdaptation.ts): the eligibility peak moves toward the " +
                      "loop's feedback delay, measured by correlating the climbing-fibre error with the output's own jitter",
                  ),
                rate: z
                  .number()
                  .min(0)
                  .max(1)
                  .default(0.00002)
                  .describe(
                    "Rate (per ms) at which the window peak moves toward the measured delay",
                  ),
                probeSd: z
                  .number()
                  .min(0)
                  .max(10)
                  .default(0.05)
                  .describe(
                    "SD of the output's white jitter ξ (z units; Purkinje simple-spike irregularity)",
                  ),
                correlationTauMs: z
                  .number()
                  .positive()
                  .default(20000)
                  .describe("Averaging time of the error–jitter cross-correlation (ms)"),
                maxDelayMs: z
                  .number()
                  .positive()
                  .max(2000)
                  .default(400)
                  .describe("Longest feedback delay the window can tune to (ms)"),
                coincidencePrior: z
                  .number()
                  .min(0)
                  .default(0.05)
                  .describe(
                    "Prior weight (× probeSd²) of a coincidence rule: without feedback the peak relaxes to 0 ms",
                  ),
              })
              .strict()
              .prefault({}),
          })
          .strict()
          .prefault({}),
        mfNucleus: z
          .object({
            enabled: z.boolean().default(true).describe("Mossy fibre→nucleus plasticity on/off"),
            rate: z
              .number()
              .min(0)
              .default(0.00001)
              .describe("Potentiation rate η₊ per unit Purkinje pause"),
            depressionRatio: z
              .number()
              .min(0)
              .default(0.1)
              .describe("η₋/η₊: depression while Purkinje cells fire above baseline"),
            maxWeight: z.number().positive().default(0.5).describe("Upper weight bound"),
            inputTauMs: z
              .number()
              .positive()
              .default(50)
              .describe("Time constant τ_n of the nucleus's mossy input"),
          })
          .strict()
          .prefault({}),
      })
      .strict()
      .prefault({}),
    olive: z
      .object({
        feedbackDelayMs: z
          .number()
          .min(0)
          .max(2000)
          .default(100)
          .describe("Δ: how far ahead the output predicts s (nucleo-olivary comparison delay)"),
        errorGain: z.number().positive().default(1).describe("Climbing-fibre gain on s − z"),
        usDrive: z
          .enum(["sustained", "onset"])
          .default("sustained")
          .describe(
            "How the shoulda signal s drives the olive: sustained = s itself (a US teaches in " +
              "proportion to its duration); onset = an adapting transient, G·[s − a]₊ with a " +
              "following s at usOnsetTauMs, that delivers usOnsetAreaMs per stimulus whatever " +
              "its duration (circuit/usDrive.ts)",
          ),
        usOnsetTauMs: z
          .number()
          .positive()
          .max(1000)
          .default(20)
          .describe("τ_o: time constant of the olive's adaptation to s (usDrive = onset)"),
        usOnsetAreaMs: z
          .number()
          .positive()
          .max(10_000)
          .default(100)
          .describe(
            "A₀: drive (error·ms) one stimulus of magnitude 1 delivers once it outlasts τ_o " +
              "(usDrive = onset; 100 = one complex spike at events.gainHz = 10)",
          ),
        events: z
          .object({
            enabled: z
              .boolean()
              .default(false)
              .describe(
                "Climbing fibres fire all-or-none complex spikes (probability (r₀ + k·e)·dt per " +
                  "step) instead of a graded error every step (circuit/olive.ts)",
              ),
            backgroundHz: z
              .number()
              .min(0)
              .max(100)
              .default(1)
              .describe("r₀: complex-spike rate at zero error (Hz)"),
            gainHz: z
              .number()
              .positive()
              .max(10_000)
              .default(10)
              .describe("k: rise of the complex-spike rate per unit error (Hz)"),
            maxHz: z
              .number()
              .min(0)
              .max(1000)
              .default(0)
              .describe(
                "r_max: the complex-spike rate saturates toward this with error size, " +
                  "r = r₀ + (r_max − r₀)·tanh(k·e/(r_max − r₀)) (0 = no saturation)",
              ),
          })
          .strict()
          .prefault({}),
      })
      .strict()
      .prefault({}),
    nucleocortical: z
      .object({
        enabled: z
          .boolean()
          .default(false)
          .describe(
            "Excitatory nucleocortical mossy fibres: the nucleus's output [z(t − dt)]₊ reaches the granule layer " +
              "as one more context channel per Purkinje output (Gao et al. 2016 [M]), so a learned response feeds " +
              "back as timed granule input; the nucleus's own mossy site leaves these fibres out",
          ),
        gain: z
          .number()
          .min(0)
          .max(100)
          .default(1)
          .describe("Channel value per unit of nuclear output z (a cue is 1)"),
      })
      .strict()
      .prefault({}),
    lesion: z
      .object({
        cortexFraction: z
          .number()
          .min(0)
          .max(1)
          .default(0)
          .describe(
            "Fraction ℓ of Purkinje output removed (Medina et al. 2000 partial lesion): of the learned pause and of " +
              "the tonic inhibition T of the nuclei, which rise by ℓ·T",
          ),
      })
      .strict()
      .prefault({}),
  })
  .strict();

export type CerebellumParams = z.output<typeof cerebellumParamsSchema>;
export type CerebellumParamsInput = z.input<typeof cerebellumParamsSchema>;

/** A cerebellar module: its parameters plus the names of the context channels it can see. */
export interface CerebellumSpec {
  kind: "cerebellum";
  params: CerebellumParams;
  /** Context channels (mossy-fibre sources), in order. */
  channels: string[];
  /** Root seed for the module's wiring and noise. */
  seed: number;
}
