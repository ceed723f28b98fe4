/**
 * An optional forebrain input that bridges a trace interval: persistent activity, started by a
 * cue and outlasting it, relayed to the cerebellum's mossy fibres through the pons (medial
 * prefrontal cortex: Kalmbach, Ohyama, Kreider, Riusech & Mauk 2009, Learn Mem 16:86; Siegel,
 * Kalmbach, Chitwood & Mauk 2012, J Neurophysiol 107:50 [M]; needed for trace but not delay
 * conditioning, as the hippocampus is: Weiss et al. 1999, literature TR3).
 *
 *   m_c(t) = max( c(t), m_c(t − dt) · e^(−dt/τ_f) )      persistent activity of cue c
 *   b_c(t) = 0                                           lesioned
 *          = m_c(t) − c(t)                               otherwise
 *
 * One bridge channel per cue. The persistent activity follows the cue while it lasts and decays
 * with τ_f once it ends, so its height tells how long ago the cue stopped (a decaying memory
 * trace, as the microstimuli of Ludvig, Sutton & Kehoe 2008, Neural Comput 20:3034): granule
 * cells with different gains fall silent at different times across the trace. The bridge adds
 * only what the cue's own mossy fibres do not carry — the activity after the cue ends — so a
 * delay CS, which lasts until the US, gets nothing from it, as forebrain lesions and prefrontal
 * inactivation spare delay conditioning (Kalmbach et al. 2009; TR3). Off by default: the
 * cerebellum-only case has no bridge.
 */
import { z } from "zod";

export const forebrainSchema = z
  .object({
    enabled: z
      .boolean()
      .default(false)
      .describe(
        "Add one persistent forebrain channel per cue (trace bridging); off = cerebellum only",
      ),
    persistenceMs: z
      .number()
      .positive()
      .max(10_000)
      .default(500)
      .describe("τ_f: decay of the persistent activity after the cue ends (ms)"),
    lesioned: z
      .boolean()
      .default(false)
      .describe(
        "Forebrain lesion: the bridge channels exist but stay silent (hippocampus/mPFC lesion)",
      ),
  })
  .strict()
  .prefault({});

export type ForebrainParams = z.output<typeof forebrainSchema>;

/** The bridge channel's name for a cue channel. */
export const bridgeChannelName = (cue: string) => `forebrain-${cue}`;

export class ForebrainBridge {
  /** m_c per cue. */
  readonly activity: Float64Array;
  /** Silences the bridge; may be changed mid-run (a lesion between phases). */
  lesioned: boolean;
  private readonly decay: number;

  constructor(params: ForebrainParams, cues: number, dtMs: number) {
    this.activity = new Float64Array(cues);
    this.lesioned = params.lesioned;
    this.decay = Math.exp(-dtMs / params.persistenceMs);
  }

  /** Update from the cue values `context[0 … cues − 1]`; writes b into `out[offset …]`. */
  step(context: ArrayLike<number>, out: Float64Array, offset: number): void {
    const { activity, decay } = this;
    for (let c = 0; c < activity.length; c++) {
      const held = activity[c] * decay;
      const value = Math.max(context[c], held < 1e-9 ? 0 : held);
      activity[c] = value;
      out[offset + c] = this.lesioned ? 0 : value - context[c];
    }
  }
}
