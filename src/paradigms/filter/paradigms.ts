/** The input-filter paradigms, for the registry (one entry there). */
import { cortexLoopParadigm } from "../cortexLoop/index.js";
import { dcn } from "../dcn/index.js";
import { ell } from "../ell/index.js";
import { tinnitus } from "../tinnitus/index.js";
import type { Paradigm } from "../types.js";

export const filterParadigms: Paradigm[] = [dcn, ell, cortexLoopParadigm, tinnitus].map(
  (p) => p as unknown as Paradigm,
);
