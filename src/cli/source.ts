/**
 * What `shoulda run <source>` was given: a paradigm name, a config/experiment file (YAML or
 * JSON), or a design string. Returns the partial run config to resolve.
 */

import { readFile } from "node:fs/promises";
import { ConfigError } from "../model/errors.js";
import { isPlainObject } from "../model/merge.js";
import { didYouMean } from "../model/suggest.js";
import { listParadigms } from "../paradigms/registry.js";
import { loadExperimentText, looksLikeDesignString } from "../protocol/load.js";

export async function readSource(
  source: string,
  paradigm: string | undefined,
): Promise<Record<string, unknown>> {
  const ids = listParadigms().map((p) => p.info.id);
  if (ids.includes(source)) {
    if (paradigm && paradigm !== source)
      throw new ConfigError("--paradigm", `conflicts with the paradigm "${source}"`);
    return { paradigm: source };
  }
  const format = /\.json$/i.test(source) ? "json" : /\.ya?ml$/i.test(source) ? "yaml" : undefined;
  if (format) {
    let text: string;
    try {
      text = await readFile(source, "utf8");
    } catch (e) {
      throw new ConfigError(
        source,
        `cannot read the file (${(e as NodeJS.ErrnoException).code ?? String(e)})`,
      );
    }
    const value = loadExperimentText(text, format, source);
    if (!isPlainObject(value))
      throw new ConfigError(source, "allowed: a run config or an experiment (an object)");
    // A run config names its paradigm (config.json does); anything else is an experiment.
    if ("paradigm" in value) {
      if (paradigm && paradigm !== value.paradigm)
        throw new ConfigError(
          "--paradigm",
          `got ${JSON.stringify(paradigm)}, but ${source} names the paradigm ${JSON.stringify(value.paradigm)}; allowed: the file's paradigm, or no --paradigm`,
        );
      return value;
    }
    return { paradigm: paradigm ?? "eyeblink", experiment: value };
  }
  if (looksLikeDesignString(source))
    return { paradigm: paradigm ?? "eyeblink", experiment: { design: source } };
  throw new ConfigError(
    "source",
    `got ${JSON.stringify(source)}${didYouMean(source, ids)}; allowed: a paradigm (${ids.join(", ")}), ` +
      `a .yaml/.yml/.json file, or a design string such as "300 T+(isi=500) > 100 T-"`,
  );
}
