/** Runs one study cell: the paradigm on its resolved config; keeps what the database stores. */
import { getParadigm } from "../paradigms/registry.js";
import type { RunConfig } from "../paradigms/types.js";
import type { RunResult } from "./db.js";

export interface CellTask {
  runId: string;
  config: RunConfig;
}

export type CellOutcome =
  | { runId: string; ok: true; result: RunResult }
  | { runId: string; ok: false; error: string };

export async function executeCell(task: CellTask): Promise<CellOutcome> {
  try {
    const paradigm = getParadigm(task.config.paradigm);
    const out = await paradigm.run(paradigm.resolve(task.config));
    const trials = out.files.find((f) => f.name === "trials.csv");
    return {
      runId: task.runId,
      ok: true,
      result: { summary: out.summary, trialsCsv: trials?.data },
    };
  } catch (e) {
    return { runId: task.runId, ok: false, error: e instanceof Error ? e.message : String(e) };
  }
}
