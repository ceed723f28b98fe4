/**
 * The loop's per-block measures — residual power, lick-sound cancellation, the cortex's prediction
 * error and anomaly — measured block by block while the run goes on, so each block's point can be
 * sent as soon as it is known (RunHooks.onSample) and the tables hold the same numbers.
 */
import { cancellationDb } from "../../analysis/cancellation.js";
import type { Scene, SceneRecord } from "../../world/scene.js";
import { eventMask, maskMinus, round } from "../filter/common.js";
import type { CortexWindow } from "./loopCortex.js";

export interface BlockMeasure {
  /** Mean u² per channel over the block's steps. */
  power: number;
  /** Lick-sound cancellation (dB) in licking windows without external sound. */
  cancellationDb: number;
  /** Mean cortex prediction error ε and anomaly over windows starting in the block; NaN without a cortex. */
  predictionError: number;
  anomaly: number;
}

/**
 * Measures block b of `blocks` equal stretches of `scene` from the record so far and the cortex's
 * finished windows (null without a cortex). A block is ready once its last step has run and the
 * cortex has finished a window that starts after the block (or the scene has ended).
 */
export class BlockMeter {
  readonly measured: BlockMeasure[] = [];
  private readonly lickMask: Uint8Array;

  constructor(
    private readonly scene: Scene,
    private readonly blocks: number,
    private readonly windows: readonly CortexWindow[] | null,
    private readonly onBlock?: (b: number, m: BlockMeasure) => void,
  ) {
    const of = (kind: string) =>
      eventMask(
        scene,
        scene.events.filter((e) => e.kind === kind),
      );
    this.lickMask = maskMinus(of("lick"), of("external"));
  }

  /** After step t: measure every block that is ready (all that are left when `ended`). */
  afterStep(t: number, rec: SceneRecord, ended = false): void {
    const { steps } = this.scene;
    for (let b = this.measured.length; b < this.blocks; b++) {
      const last = Math.floor(((b + 1) * steps) / this.blocks) - 1;
      const windowsDone =
        !this.windows || (this.windows.at(-1)?.step ?? -1) >= ((b + 1) * steps) / this.blocks;
      if (!ended && (t < last || !windowsDone)) return;
      this.measured.push(this.measure(b, rec));
      this.onBlock?.(b, this.measured[b]);
    }
  }

  private measure(b: number, rec: SceneRecord): BlockMeasure {
    const { steps, sensoryNames } = this.scene;
    const n = sensoryNames.length;
    const from = Math.floor((b * steps) / this.blocks);
    const to = Math.floor(((b + 1) * steps) / this.blocks);
    let sum = 0;
    for (let t = from; t < to; t++) {
      let s = 0;
      for (let j = 0; j < n; j++) s += rec.unexpected[t * n + j] ** 2;
      sum += s / n;
    }
    const db = cancellationDb(
      this.scene.components.self.subarray(from * n, to * n),
      rec.prediction.subarray(from * n, to * n),
      this.lickMask.subarray(from * n, to * n),
    );
    return {
      power: round(sum / Math.max(1, to - from), 6),
      cancellationDb: round(db, 2),
      predictionError: this.windowMean(b, (w) => w.error),
      anomaly: this.windowMean(b, (w) => w.anomaly),
    };
  }

  /** Mean of a per-window value over the windows that start in block b (by fractional bounds). */
  private windowMean(b: number, value: (w: CortexWindow) => number): number {
    if (!this.windows) return Number.NaN;
    const { steps } = this.scene;
    const a = (b * steps) / this.blocks;
    const z = ((b + 1) * steps) / this.blocks;
    const inside = this.windows.filter((w) => w.step >= a && w.step < z);
    const s = inside.reduce((acc, w) => acc + value(w), 0);
    return inside.length > 0 ? round(s / inside.length, 6) : Number.NaN;
  }
}
