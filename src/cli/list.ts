/** `shoulda list`: paradigms, one line each, and the parameters `--set` can change. */
import { parameterDescriptions } from "../model/describe.js";
import { leafPaths } from "../model/paths.js";
import { listParadigms } from "../paradigms/registry.js";

function valueAt(config: unknown, path: string): unknown {
  let v: unknown = config;
  for (const key of path.split(".")) v = (v as Record<string, unknown>)[key];
  return v;
}

export function listCommand(options: { verbose?: boolean }): number {
  for (const paradigm of listParadigms()) {
    console.log(`${paradigm.info.id.padEnd(20)} ${paradigm.info.summary}`);
    if (!options.verbose && listParadigms().length > 1) continue;
    const config = paradigm.resolve({});
    const docs = paradigm.schema
      ? parameterDescriptions(paradigm.schema)
      : new Map<string, string>();
    console.log(`  ${paradigm.info.citation}`);
    console.log("  parameters (--set path=value; experiment.* paths come from the experiment):");
    for (const path of leafPaths(config).filter((p) => !p.startsWith("experiment"))) {
      const value = JSON.stringify(valueAt(config, path));
      console.log(`    ${path.padEnd(44)} ${value.padEnd(12)} ${docs.get(path) ?? ""}`);
    }
  }
  return 0;
}
