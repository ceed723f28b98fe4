/**
 * A literature target: a published result, the simulator's measurement of it, and the
 * documented tolerance that decides pass or fail. Ids are those of shared/targets/literature.md.
 */
export interface TargetInfo {
  id: string;
  paradigm: string;
  /** Citation of the published result. */
  source: string;
  /** The published number or claim, as text. */
  published: string;
  /** The scoring rule and its tolerance, as text. */
  tolerance: string;
}

export interface Measurement {
  /** The headline measured value (a number, or a short text for ordinal claims). */
  measured: number | string;
  pass: boolean;
  /** Supporting numbers (per condition), for the JSON scorecard and the closing note. */
  detail: Record<string, unknown>;
}

export interface Target extends TargetInfo {
  measure(): Promise<Measurement> | Measurement;
}

export interface TargetResult extends TargetInfo, Measurement {
  seconds: number;
}
