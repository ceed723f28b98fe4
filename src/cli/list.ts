/**
 * `shoulda list [paradigm]`: the paradigms, one line each, then each one's parameters (every
 * path `--set` can change, its default and meaning). `--brief` prints the one-line list only.
 */
import { parameterDescriptions } from "../model/describe.js";
import { leafPaths, splitPath } from "../model/paths.js";
import { getParadigm, listParadigms } from "../paradigms/registry.js";
import type { Paradigm } from "../paradigms/types.js";

function valueAt(config: unknown, path: string): unknown {
  let v: unknown = config;
  for (const key of splitPath(path)) v = (v as Record<string | number, unknown>)[key];
  return v;
}

function printParameters(paradigm: Paradigm): void {
  const config = paradigm.resolve({});
  const docs = paradigm.schema ? parameterDescriptions(paradigm.schema) : new Map<string, string>();
  console.log(`\n${paradigm.info.id}: ${paradigm.info.title}`);
  console.log(`  ${paradigm.info.citation}`);
  console.log("  parameters (--set path=value; experiment.* paths come from the experiment):");
  for (const path of leafPaths(config).filter((p) => !p.startsWith("experiment"))) {
    const value = JSON.stringify(valueAt(config, path)) ?? "";
    console.log(`    ${path.padEnd(44)} ${value.padEnd(12)} ${docs.get(path) ?? ""}`);
  }
}

export function listCommand(id: string | undefined, options: { brief?: boolean }): number {
  const paradigms = id ? [getParadigm(id, "paradigm")] : listParadigms();
  for (const paradigm of paradigms)
    console.log(`${paradigm.info.id.padEnd(20)} ${paradigm.info.summary}`);
  if (!options.brief) for (const paradigm of paradigms) printParameters(paradigm);
  return 0;
}
