/**
 * A literature target: a published result, the simulator's measurement of it in one animal, and
 * the claims that decide, across animals, whether the model reproduces it. Ids are those of
 * docs/literature.md.
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
  /** Animals (or subjects) in the published experiment, where the paper gives it. */
  publishedN?: string;
}

/**
 * One animal's evidence for one claim of a target.
 * - `ord`: an order or sign; `effect` > 0 when the claim holds in this animal (e.g. a − b for
 *   "a > b"). Decided across animals by a one-sided test of "no effect" (see statistics.ts).
 * - `win`: a number that must fall in a published window; decided on the across-animal mean.
 */
export type Check =
  | { claim: string; kind: "ord"; effect: number; test?: OrdTest }
  | { claim: string; kind: "win"; value: number; window: readonly [number, number] };

/** Wilcoxon signed-rank for graded effects; sign test where an effect is coarse (counts, ties). */
export type OrdTest = "wilcoxon" | "sign";

/** One animal's measurement of a target under one protocol. */
export interface Measurement {
  /** The headline measured value (a number, or a short text for ordinal claims). */
  measured: number | string;
  checks: Check[];
  /** The same claims measured on a reference model (e.g. Rescorla–Wagner), for comparison. */
  reference?: { name: string; checks: Check[] };
  /** Supporting numbers (per condition), for the JSON scorecard and the closing note. */
  detail: Record<string, unknown>;
}

/** A protocol variant the published literature also used (US duration, ITI, session length …). */
export interface ProtocolVariant {
  name: string;
  description: string;
}

export interface MeasureContext {
  /** The animal: its wiring, noise and trial schedule all derive from this seed. */
  seed: number;
  /** A variant's name; absent for the standard protocol. */
  variant?: string;
}

export interface Target extends TargetInfo {
  variants?: readonly ProtocolVariant[];
  /** True when the measurement does not depend on the seed (a kernel check): one animal is enough. */
  deterministic?: boolean;
  measure(context: MeasureContext): Promise<Measurement> | Measurement;
}

/** A claim decided across animals. */
export interface ClaimResult {
  claim: string;
  kind: "ord" | "win";
  /** How it was decided: a test, the window on the mean, or the small-n screen rule. */
  test: OrdTest | "window" | "screen";
  /** Per-animal effect (ord) or value (win), in seed order. */
  values: number[];
  mean: number;
  /** 95 % t interval of the mean (the mean itself twice when n = 1). */
  ci: [number, number];
  /** One-sided p of "no effect" (ord, n ≥ MIN_ANIMALS_FOR_TEST). */
  p?: number;
  window?: [number, number];
  pass: boolean;
}

/** A target's result on one protocol, across animals. */
export interface ProtocolResult {
  /** "standard", or a variant's name. */
  protocol: string;
  description?: string;
  animals: number;
  claims: ClaimResult[];
  pass: boolean;
  /** Per animal: the headline and the detail. */
  perAnimal: { seed: number; measured: number | string; detail: Record<string, unknown> }[];
}

export type Verdict = "pass" | "miss" | "fragile";

export interface TargetResult extends TargetInfo {
  animals: number;
  /** pass: every claim holds on the standard protocol and on every variant; fragile: only on the standard one. */
  verdict: Verdict;
  /** The standard protocol's verdict (today's meaning of pass). */
  pass: boolean;
  /** Across-animal mean of the headline when numeric; the first animal's text otherwise. */
  measured: number | string;
  /**
   * The decisive claim on the standard protocol (the first failing one, else the tested one with
   * the largest p, else the first): its across-animal mean and 95 % CI.
   */
  effect: { claim: string; mean: number; ci: [number, number] };
  /** The decisive claim's test and p, where a test decides it. */
  test?: string;
  p?: number;
  claims: ClaimResult[];
  variants: ProtocolResult[];
  /** The reference model's claims on the standard protocol, decided the same way. */
  reference?: { name: string; claims: ClaimResult[]; pass: boolean };
  /** The first animal's detail on the standard protocol (supporting numbers). */
  detail: Record<string, unknown>;
  seconds: number;
}
