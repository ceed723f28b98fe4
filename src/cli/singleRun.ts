/**
 * One run to its output folder, as `shoulda run` and `shoulda resume` do it: simulate (from the
 * start or from a checkpoint), stream the recording, and publish the folder whole. With
 * checkpoints the run's state goes to `<out>.checkpoint/` (cli/checkpoint.ts) every few
 * trials; the folder is removed once the output is published.
 */
import { renameSync, rmSync } from "node:fs";
import { join } from "node:path";
import { OutputDir } from "../io/atomic.js";
import { faultPoint } from "../io/fault.js";
import { writeRunFolder } from "../io/runFolder.js";
import type { Paradigm, RunConfig, RunHooks } from "../paradigms/types.js";
import { finishRecording } from "../record/finish.js";
import { TrialRecorder } from "../record/recorder.js";
import { NdjsonSink } from "../record/sink.js";
import { parseRecordSpec, type RecordSpec, resolveCells } from "../record/spec.js";
import { VERSION } from "../version.js";
import { type Checkpoint, type CheckpointDir, configSha256 } from "./checkpoint.js";
import { headline } from "./headline.js";
import { outputStep } from "./output.js";
import { progressBar } from "./progress.js";

export interface SingleRun {
  paradigm: Paradigm;
  config: RunConfig;
  outDir: string;
  force: boolean;
  /** The command line shown in report.html; undefined: no report. */
  reportArgv?: string[];
  /** The `record:` section as given (config.json keeps it, so the run can be repeated). */
  record?: Record<string, unknown>;
  /**
   * Checkpointing: how often, the folder (opened once the output folder's lock is held, so two
   * runs never share it) and, resuming, the checkpoint to go on from.
   */
  checkpoint?: { every: number; open: () => Promise<CheckpointDir>; from?: Checkpoint };
}

const NDJSON = "recordings.ndjson";
const HDF5 = "recordings.h5";

/** The recorder of a run, writing to `path` (continuing it after `resumeAt` bytes). */
function openRecorder(run: SingleRun, spec: RecordSpec, path: string, resumeAt?: number) {
  const recordable = run.paradigm.recordable;
  if (!recordable) throw new Error(`${run.paradigm.info.id} cannot record`);
  const layout = recordable.layout(run.config);
  const cells = resolveCells(spec, layout.granule, layout.purkinje);
  const meta = {
    paradigm: run.config.paradigm,
    seed: run.config.seed,
    dtMs: layout.dtMs,
    granuleCount: layout.granule,
    purkinjeCount: layout.purkinje,
    mossyCount: layout.mossy,
  };
  const continuing = resumeAt !== undefined && resumeAt > 0;
  const sink = new NdjsonSink(path, continuing ? resumeAt : undefined);
  return new TrialRecorder(spec, cells, sink, meta, !continuing);
}

export async function executeSingleRun(run: SingleRun): Promise<number> {
  const { paradigm, config, outDir } = run;
  const spec = run.record ? parseRecordSpec(run.record) : undefined;
  const out = await outputStep("--out", outDir, () =>
    OutputDir.create(outDir, { replace: run.force }),
  );
  for (const note of out.cleaned) console.error(`note: ${note} (left by a run that was killed)`);
  let recorder: TrialRecorder | undefined;
  try {
    const checkpoint = run.checkpoint && { ...run.checkpoint, dir: await run.checkpoint.open() };
    // With checkpoints the recording lives beside the checkpoint (it must survive a kill);
    // without, it streams straight into the staged output folder.
    const recordingPath = checkpoint ? checkpoint.dir.recordingPath : join(out.stagingDir, NDJSON);
    if (spec) recorder = openRecorder(run, spec, recordingPath, checkpoint?.from?.recordingBytes);
    const hooks: RunHooks = { recorder };
    if (checkpoint) {
      const rec = recorder;
      const sha = configSha256(config);
      hooks.checkpoint = {
        every: checkpoint.every,
        resumeFrom: checkpoint.from?.state,
        save: (state, trialsDone) =>
          checkpoint.dir.save({
            paradigm: config.paradigm,
            configSha256: sha,
            trialsDone,
            recordingBytes: rec ? rec.sync() : 0,
            state,
          }),
      };
    }
    const bar = progressBar(paradigm.info.id);
    let result: Awaited<ReturnType<typeof paradigm.run>>;
    try {
      // trial:<n> is a kill -9 point for the resume tests (io/fault.ts); a no-op otherwise.
      const onProgress = (done: number, total: number) => {
        bar.update(done, total);
        faultPoint(`trial:${done}`);
      };
      result = await paradigm.run(config, { ...hooks, onProgress });
    } finally {
      bar.stop();
    }
    const written: string[] = [];
    if (recorder && spec) {
      recorder.close();
      recorder = undefined;
      const hdf5 = spec.formats.includes("hdf5") ? out.stagedPath(HDF5) : undefined;
      await finishRecording({ ndjson: recordingPath, hdf5, config });
      if (spec.formats.includes("ndjson")) {
        if (recordingPath !== out.stagedPath(NDJSON))
          renameSync(recordingPath, out.stagedPath(NDJSON));
        written.push(NDJSON);
      } else rmSync(recordingPath, { force: true });
      if (hdf5) written.push(HDF5);
    }
    const summary = { ...result.summary, version: VERSION, node: process.version };
    const report = run.reportArgv ? { paradigm: paradigm.info, argv: run.reportArgv } : undefined;
    const saved = run.record ? { ...config, record: run.record } : config;
    await writeRunFolder(out, { config: saved, summary, files: result.files, report }, VERSION);
    await outputStep("--out", outDir, () => out.commit());
    checkpoint?.dir.remove();
    const top = headline(config.paradigm, summary);
    const files = [...result.files.map((f) => f.name), ...written];
    console.log(
      `wrote ${outDir}/ (config.json, summary.json, ${files.join(", ")}${report ? ", report.html, PNGs" : ""})${top ? `; ${top}` : ""}`,
    );
  } catch (err) {
    try {
      recorder?.close();
    } catch {
      // the run's own error is the one to report
    }
    await out.abort().catch(() => {});
    throw err;
  }
  return 0;
}
