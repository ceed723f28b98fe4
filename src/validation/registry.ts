/** Every literature target, by id. Later paradigms add their lists here. */
import { ConfigError } from "../model/errors.js";
import { eyeblinkTargets } from "./eyeblinkTargets.js";
import { filterTargets } from "./filterTargets.js";
import { motorTargets } from "./motorTargets.js";
import type { Target } from "./types.js";

export const allTargets: Target[] = [...eyeblinkTargets, ...filterTargets];

export function selectTargets(only?: string): Target[] {
  if (!only) return allTargets;
  const ids = only
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const known = new Map(allTargets.map((t) => [t.id, t]));
  return ids.map((id) => {
    const t = known.get(id);
    if (!t)
      throw new ConfigError(
        "--only",
        `unknown target "${id}"; allowed: ${[...known.keys()].join(", ")}`,
      );
    return t;
  });
}
