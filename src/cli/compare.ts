/**
 * `shoulda compare DESIGN --models a,b,c`: one fear design through several models (calmr's
 * compare_models). Every input is checked before anything runs or is written; the folder is
 * written whole or not at all (io/atomic.ts), like `run`.
 */
import { parseModels } from "../compare/models.js";
import { comparisonPlot, comparisonTrialsCsv, summaryCsv } from "../compare/outputs.js";
import { summarize, summaryTable } from "../compare/summary.js";
import { OutputDir } from "../io/atomic.js";
import { ConfigError } from "../model/errors.js";
import { fearDesignOf, resolveFear } from "../paradigms/fear/index.js";
import { VERSION } from "../version.js";
import { checkOutDir } from "./outDir.js";
import { outputStep } from "./output.js";
import { parseSeed } from "./run.js";
import { readSource } from "./source.js";

export interface CompareOptions {
  models: string;
  seed?: string;
  out?: string;
  force?: boolean;
}

const FEAR_ONLY =
  'allowed: a fear design (a design string, an experiment file, a fear run\'s config.json, or "fear")';

/** readSource for fear only: another paradigm (by name or in a config file) is a "source" error. */
async function readFearSource(source: string): Promise<Record<string, unknown>> {
  try {
    return await readSource(source, "fear");
  } catch (err) {
    if (err instanceof ConfigError && err.field === "--paradigm")
      throw new ConfigError(
        "source",
        `got ${JSON.stringify(source)}, not a fear design; ${FEAR_ONLY}`,
      );
    throw err;
  }
}

export async function compareCommand(source: string, options: CompareOptions): Promise<number> {
  const models = parseModels(options.models);
  const partial = await readFearSource(source);
  if (partial.paradigm !== "fear")
    throw new ConfigError(
      "source",
      `names the paradigm ${JSON.stringify(partial.paradigm)}; ${FEAR_ONLY}`,
    );
  const seed = parseSeed(options.seed);
  if (seed !== undefined) partial.seed = seed;
  const config = resolveFear(partial);
  const design = fearDesignOf(config);
  const outDir = options.out ?? "out/compare";
  await checkOutDir(outDir);
  const out = await outputStep("--out", outDir, () =>
    OutputDir.create(outDir, { replace: options.force === true }),
  );
  try {
    const runs = models.map((m) => ({ model: m.name, rows: m.run(design, config) }));
    const summary = runs.flatMap((r) => summarize(r.model, r.rows));
    const info = {
      seed: config.seed,
      models: models.map((m) => ({ name: m.name, citation: m.citation })),
      experiment: design.experiment,
      gapsHours: design.gapsHours,
      version: VERSION,
    };
    await out.write("config.json", `${JSON.stringify(info, null, 2)}\n`);
    await out.write("trials.csv", comparisonTrialsCsv(runs));
    await out.write("summary.csv", summaryCsv(summary));
    const plot = await comparisonPlot(runs);
    await out.write(plot.name, plot.data);
    await outputStep("--out", outDir, () => out.commit());
    console.log(summaryTable(summary));
    console.log(`wrote ${outDir}/ (config.json, trials.csv, summary.csv, curves.svg)`);
  } catch (err) {
    await out.abort().catch(() => {});
    throw err;
  }
  return 0;
}
