/** Paradigms by id. Each paradigm module registers itself here; the CLI looks them up. */

import { ConfigError } from "../model/errors.js";
import { didYouMean } from "../model/suggest.js";
import { eyeblink } from "./eyeblink/index.js";
import { fear } from "./fear/index.js";
import { filterParadigms } from "./filter/paradigms.js";
import { mouse } from "./mouse/index.js";
import { shortcut } from "./shortcut/index.js";
import { shouldaVsReward } from "./shouldaVsReward/index.js";
import type { Paradigm, RunConfig } from "./types.js";
import { vor } from "./vor/index.js";

const paradigms = new Map<string, Paradigm>([
  [eyeblink.info.id, eyeblink as unknown as Paradigm],
  [vor.info.id, vor as unknown as Paradigm],
  [fear.info.id, fear as unknown as Paradigm],
  [shortcut.info.id, shortcut as unknown as Paradigm],
  [shouldaVsReward.info.id, shouldaVsReward as unknown as Paradigm],
  ...filterParadigms.map((p) => [p.info.id, p] as [string, Paradigm]),
  [mouse.info.id, mouse as unknown as Paradigm],
]);

export function registerParadigm<C extends RunConfig>(paradigm: Paradigm<C>): void {
  paradigms.set(paradigm.info.id, paradigm as unknown as Paradigm);
}

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
