/**
 * The DCN's cancellation-over-time curve (cancellation-over-time.csv): the lick and chew
 * cancellation (dB) of each tenth of training, measured while the training scene runs, so each
 * block's point can be sent as soon as it is known (RunHooks.onSample).
 */
import { cancellationDb } from "../../analysis/cancellation.js";
import { atBlockEnds, type Scene, type SceneRecord } from "../../world/scene.js";
import { round } from "../filter/common.js";

/** Cancellation (dB) of one self-generated sound in block b of `blocks` equal stretches of `s`. */
function blockDbMeter(
  s: Scene,
  mask: Uint8Array,
  blocks: number,
  source: "lick" | "chew",
): (b: number, rec: SceneRecord) => number {
  const n = s.sensoryNames.length;
  const sound = source === "lick" ? s.components.self : s.components.chew;
  return (b, rec) => {
    const from = Math.floor((b * s.steps) / blocks) * n;
    const to = Math.floor(((b + 1) * s.steps) / blocks) * n;
    return round(
      cancellationDb(
        sound.subarray(from, to),
        rec.prediction.subarray(from, to),
        mask.subarray(from, to),
      ),
      2,
    );
  };
}

/** The training blocks of the cancellation-over-time curve. */
export const CURVE_BLOCKS = 10;

/** A point of the training curve, sent as soon as its block has run (RunHooks.onSample). */
export interface CurvePoint {
  canceller: "filter" | "nlms";
  /** End of the block (s of training). */
  timeS: number;
  lickDb: number;
  /** null without chewing. */
  chewDb: number | null;
}

/**
 * Measures the lick (and, when the mouse chews, chew) cancellation of each training block as it
 * ends: give `afterStep` to runScene; `lick` and `chew` fill up block by block.
 */
export function trainingCurve(
  train: Scene,
  masks: { lick: Uint8Array; chew: Uint8Array },
  chewing: boolean,
  canceller: CurvePoint["canceller"],
  blockS: number,
  onPoint?: (p: CurvePoint) => void,
) {
  const lickDb = blockDbMeter(train, masks.lick, CURVE_BLOCKS, "lick");
  const chewDb = chewing ? blockDbMeter(train, masks.chew, CURVE_BLOCKS, "chew") : null;
  const lick: number[] = [];
  const chew: number[] = [];
  const afterStep = atBlockEnds(train.steps, CURVE_BLOCKS, (b, rec) => {
    const p = {
      canceller,
      timeS: (b + 1) * blockS,
      lickDb: lickDb(b, rec),
      chewDb: chewDb ? chewDb(b, rec) : null,
    };
    lick.push(p.lickDb);
    if (p.chewDb !== null) chew.push(p.chewDb);
    onPoint?.(p);
  });
  return { afterStep, lick, chew: chewDb ? chew : null };
}
