/** Paradigms by id. Each paradigm module registers itself here; the CLI looks them up. */

import { ConfigError } from "../model/errors.js";
import { didYouMean } from "../model/suggest.js";
import { cortexLoopParadigm } from "./cortexLoop/index.js";
import { dcn } from "./dcn/index.js";
import { ell } from "./ell/index.js";
import { eyeblink } from "./eyeblink/index.js";
import { fear } from "./fear/index.js";
import { filterVsNlms } from "./filterVsNlms/index.js";
import { lateError } from "./lateError/index.js";
import { mouse } from "./mouse/index.js";
import { reach } from "./reach/index.js";
import { shortcut } from "./shortcut/index.js";
import { shouldaVsReward } from "./shouldaVsReward/index.js";
import { tinnitus } from "./tinnitus/index.js";
import type { Paradigm, RunConfig, SummaryOf } from "./types.js";
import { vor } from "./vor/index.js";

/** The built-in paradigms by id (the order of `shoulda list`). */
const BUILTIN = {
  eyeblink,
  vor,
  fear,
  shortcut,
  "shoulda-vs-reward": shouldaVsReward,
  "late-error": lateError,
  reach,
  dcn,
  ell,
  "cortex-loop": cortexLoopParadigm,
  tinnitus,
  "filter-vs-nlms": filterVsNlms,
  mouse,
};

/** The built-in paradigms by id, each with its own config and summary types. */
export type BuiltinParadigms = typeof BUILTIN;

/** A built-in paradigm's summary type: `ParadigmSummary<"eyeblink">`. */
export type ParadigmSummary<K extends keyof BuiltinParadigms> = SummaryOf<BuiltinParadigms[K]>;

const paradigms = new Map<string, Paradigm>(
  Object.entries(BUILTIN).map(([id, p]) => {
    if (p.info.id !== id) throw new Error(`paradigm ${p.info.id} is registered as ${id}`);
    return [id, p as unknown as Paradigm];
  }),
);

export function registerParadigm<C extends RunConfig>(paradigm: Paradigm<C>): void {
  paradigms.set(paradigm.info.id, paradigm as unknown as Paradigm);
}

/**
 * The paradigm with this id; a built-in id gives the paradigm's own config and summary types.
 * Throws a ConfigError (with a "did you mean") for an unknown id.
 */
export function getParadigm<K extends keyof BuiltinParadigms>(
  id: K,
  field?: string,
): BuiltinParadigms[K];
export function getParadigm(id: string, field?: string): Paradigm;
export function getParadigm(id: string, field = "paradigm"): Paradigm {
  const p = paradigms.get(id);
  if (!p)
    throw new ConfigError(
      field,
      `got ${JSON.stringify(id)}${didYouMean(id, [...paradigms.keys()])}; allowed: ${[...paradigms.keys()].join(", ")}`,
    );
  return p;
}

export function listParadigms(): Paradigm[] {
  return [...paradigms.values()];
}
