/**
 * `shoulda resume DIR`: continue a run started with `--checkpoint-every` whose output folder DIR
 * was never published (killed, power cut) from its last checkpoint in DIR.checkpoint/. The run's
 * config and options come from that folder, validated; the output is the same, byte for byte
 * (timings aside), as that of a run that never stopped.
 */
import { ConfigError } from "../model/errors.js";
import { getParadigm } from "../paradigms/registry.js";
import { CheckpointDir, unitsText } from "./checkpoint.js";
import { checkOutDir } from "./outDir.js";
import { checkRecording } from "./runChecks.js";
import { executeSingleRun } from "./singleRun.js";

export async function resumeCommand(dir: string): Promise<number> {
  const folder = CheckpointDir.open(dir, "DIR");
  const info = folder.readInfo();
  const paradigm = getParadigm(info.config.paradigm, "run.json.config.paradigm");
  if (!paradigm.checkpoints)
    throw new ConfigError(
      "run.json.config.paradigm",
      `${paradigm.info.id} cannot save its state; allowed: a paradigm with checkpoints`,
    );
  const config = paradigm.resolve(info.config);
  if (JSON.stringify(config) !== JSON.stringify(info.config))
    throw new ConfigError(
      "run.json.config",
      "is not a resolved config (it was edited); allowed: the config as shoulda wrote it",
    );
  const record = checkRecording(paradigm, config, info.record);
  await checkOutDir(dir, "DIR");
  const from = folder.load(config);
  if (from) console.error(`note: resuming ${dir} after ${unitsText(paradigm, from.trialsDone)}`);
  else console.error(`note: ${dir} stopped before its first checkpoint; starting it again`);
  return executeSingleRun({
    paradigm,
    config,
    outDir: dir,
    force: info.force,
    reportArgv: info.report ? info.argv : undefined,
    record,
    checkpoint: { every: info.checkpointEvery, open: async () => folder, from },
  });
}
