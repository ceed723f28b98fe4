/**
 * Up-front checks of a single run's recording and checkpoint options, so a bad one fails before
 * anything is simulated or written (exit 2), naming the option and what is allowed.
 */
import { existsSync } from "node:fs";
import { ConfigError } from "../model/errors.js";
import { listParadigms } from "../paradigms/registry.js";
import type { Paradigm, RunConfig } from "../paradigms/types.js";
import { parseRecordSpec, recordSection, resolveCells } from "../record/spec.js";
import { checkpointDirOf } from "./checkpoint.js";

const withFeature = (has: (p: Paradigm) => boolean) =>
  listParadigms()
    .filter(has)
    .map((p) => p.info.id)
    .join(", ");

/**
 * The recording (the `record:` section with the flags applied), validated for this paradigm, as
 * a canonical `record:` section (lists as lists, numbers as numbers).
 */
export function checkRecording(
  paradigm: Paradigm,
  config: RunConfig,
  input: Record<string, unknown> | undefined,
): Record<string, unknown> | undefined {
  if (input === undefined) return undefined;
  const spec = parseRecordSpec(input);
  const recordable = paradigm.recordable;
  if (!recordable)
    throw new ConfigError(
      "record",
      `the paradigm ${paradigm.info.id} declares no probes; allowed: a paradigm that records (${withFeature((p) => p.recordable !== undefined)})`,
    );
  spec.probes.forEach((probe, i) => {
    if (!recordable.probes.includes(probe))
      throw new ConfigError(
        `record.probes[${i}]`,
        `got ${JSON.stringify(probe)}; allowed for ${paradigm.info.id}: ${recordable.probes.join(", ")}`,
      );
  });
  const layout = recordable.layout(config);
  resolveCells(spec, layout.granule, layout.purkinje);
  return recordSection(spec);
}

/** --checkpoint-every: an integer ≥ 1, for a paradigm that saves its state. */
export function checkCheckpoints(paradigm: Paradigm, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(n) || n < 1)
    throw new ConfigError(
      "--checkpoint-every",
      `got ${JSON.stringify(text)}; allowed: an integer ≥ 1 (${paradigm.checkpointUnit ?? "trial"}s of ${paradigm.info.id})`,
    );
  if (!paradigm.checkpoints)
    throw new ConfigError(
      "--checkpoint-every",
      `the paradigm ${paradigm.info.id} cannot save its state; allowed: a paradigm with checkpoints (${withFeature((p) => p.checkpoints === true)})`,
    );
  return n;
}

/**
 * A new checkpointed run would throw away an unfinished one of the same folder: refused unless
 * --force (the run then replaces it, once it holds the folder's lock).
 */
export function checkNoUnfinishedRun(outDir: string, force: boolean): void {
  const dir = checkpointDirOf(outDir);
  if (existsSync(dir) && !force)
    throw new ConfigError(
      "--out",
      `${dir} holds an unfinished run; allowed: continue it with "shoulda resume ${outDir}", or start over with --force`,
    );
}
