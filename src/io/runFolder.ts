/**
 * What a run's folder holds, written into an open OutputDir (io/atomic.ts): config.json,
 * summary.json, the paradigm's files and, with a report, report.html and a PNG of each plot.
 * Shared by `shoulda run` and the library's runParadigm(), so both write the same folder.
 */
import type { OutputFile, ParadigmInfo, RunConfig } from "../paradigms/types.js";
import type { OutputDir } from "./atomic.js";
import { reportWithPngs } from "./png.js";

export interface RunFolder {
  config: RunConfig;
  /** The summary as written: the paradigm's, plus version and node. */
  summary: Record<string, unknown>;
  files: OutputFile[];
  /** Also write report.html and PNGs; `argv` is the command line shown in the report. */
  report?: { paradigm: ParadigmInfo; argv?: readonly string[] };
}

/** Writes the run's files into `out` (not committed: the caller commits or aborts). */
export async function writeRunFolder(out: OutputDir, run: RunFolder, version: string) {
  await out.write("config.json", `${JSON.stringify(run.config, null, 2)}\n`);
  await out.write("summary.json", `${JSON.stringify(run.summary, null, 2)}\n`);
  for (const file of run.files) await out.write(file.name, file.data);
  if (run.report) {
    const input = {
      config: run.config,
      summary: run.summary,
      files: run.files,
      paradigm: run.report.paradigm,
      argv: run.report.argv,
    };
    for (const file of await reportWithPngs(input, version)) await out.write(file.name, file.data);
  }
}
