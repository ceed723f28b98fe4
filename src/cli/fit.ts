/**
 * `shoulda fit FILE.yaml --out DIR`: fits a paradigm's numeric parameters to a data CSV.
 * Everything (file, data, paths, ranges, budget, the data's measure, the folder) is checked
 * before DIR is touched; DIR then resumes like a study folder.
 */
import { readFile } from "node:fs/promises";
import { basename, extname } from "node:path";
import { checkDataAgainstModel } from "../fit/check.js";
import { parseData } from "../fit/data.js";
import { RunFailedError } from "../fit/evaluate.js";
import { paramSummaries, writeFitOutputs } from "../fit/outputs.js";
import { planFit } from "../fit/plan.js";
import { runFit } from "../fit/run.js";
import { parseFit } from "../fit/spec.js";
import { ConfigError } from "../model/errors.js";
import { VERSION } from "../version.js";
import { checkOutDir } from "./outDir.js";
import { parseJobs, readStudyFile } from "./study.js";

export interface FitOptions {
  out?: string;
  jobs?: string;
}

const r4 = (v: number) => String(Number(v.toPrecision(4)));

export async function fitCommand(file: string, options: FitOptions): Promise<number> {
  const spec = parseFit(await readStudyFile(file), file);
  let text: string;
  try {
    text = await readFile(spec.dataFile, "utf8");
  } catch (e) {
    throw new ConfigError(
      "data",
      `cannot read ${spec.dataFile} (${(e as NodeJS.ErrnoException).code ?? String(e)}); allowed: a CSV file, relative to the fit file`,
    );
  }
  const plan = planFit(spec, parseData(text, spec.dataFile, spec.blockTrials));
  const jobs = parseJobs(options.jobs);
  const out = options.out ?? `out/${basename(file, extname(file))}`;
  await checkOutDir(out);
  await checkDataAgainstModel(plan);
  const command = [
    "shoulda",
    "fit",
    file,
    "--out",
    out,
    ...(options.jobs ? ["--jobs", options.jobs] : []),
  ].join(" ");
  let result: Awaited<ReturnType<typeof runFit>>;
  try {
    result = await runFit(plan, out, {
      jobs,
      onEvaluation: (restart, index, e) =>
        console.error(
          `restart ${restart} #${index + 1}: loss ${r4(e.loss)} at ${e.values.map(r4).join(", ")}${e.ran ? "" : " (from the database)"}`,
        ),
    });
  } catch (e) {
    if (e instanceof RunFailedError) {
      console.error(
        `${e.message}\nthe fit stopped; start it again to retry (finished runs are kept)`,
      );
      return 1;
    }
    throw e;
  }
  const files = await writeFitOutputs(result, out, {
    versions: { shoulda: VERSION, node: process.version },
    command,
  });
  const params = paramSummaries(result)
    .map(
      (p) =>
        `${p.path} = ${r4(p.best)} (restarts ${r4(p.mean)} ± ${p.sd === null ? "–" : r4(p.sd)})`,
    )
    .join("; ");
  console.log(
    `wrote ${out}/ (study.duckdb, ${files.join(", ")}): ${params}; RMSE ${r4(Math.sqrt(result.best.loss))}; ${result.candidates} candidates, ${result.runsNow} runs now, ${result.runsStored} from the database, ${result.seconds.toFixed(1)} s`,
  );
  return 0;
}
