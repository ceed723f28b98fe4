/**
 * The `shoulda` command. Exit codes: 0 ok, 1 failure (e.g. a failed scorecard), 2 bad input.
 *
 * Each command's module is imported when the command runs, not here: `--help` and `--version`
 * then load only commander (test/cli/lazyStart.test.ts), instead of the simulator, vega, zod
 * and yaml, which take seconds to load on a busy machine.
 */
import { Command, CommanderError } from "commander";
import { ConfigError } from "../model/errors.js";
import { VERSION } from "../version.js";

const collect = (value: string, previous: string[]) => [...previous, value];

export function buildProgram(setExit: (code: number) => void): Command {
  const program = new Command();
  program
    .name("shoulda")
    .description(
      "Simulate the brain's supervised learning circuits and check them against published experiments.",
    )
    .version(VERSION)
    .exitOverride()
    .showHelpAfterError();

  program
    .command("run")
    .description(
      "Run a paradigm, an experiment file (.yaml/.json, or a run's config.json) or a design string",
    )
    .argument(
      "<source>",
      'paradigm name, file, or design string such as "300 T+(isi=500) > 100 T-"',
    )
    .option("--seed <n>", "root seed (integer)")
    .option(
      "--set <path=value>",
      "override a config value (repeatable), e.g. model.granule.count=8000",
      collect,
      [],
    )
    .option(
      "--out <dir>",
      "output folder (default out/<paradigm>), written whole or not at all; an existing one is refused",
    )
    .option("--force", "replace an existing --out folder (atomically: old or new, never a mix)")
    .option("--paradigm <id>", "paradigm for a design string or experiment file (default eyeblink)")
    .option(
      "--report",
      "also write report.html (self-contained: plots, summary, config, versions) and each plot as PNG",
    )
    .option(
      "--max-memory <MiB>",
      "refuse runs whose estimated memory (weights, histories, traces) exceeds this (default 4096)",
    )
    .option(
      "--max-sim-hours <h>",
      "refuse runs whose estimated simulated time exceeds this many hours (default 24)",
    )
    .option(
      "--seeds <list>",
      'a group of animals, "1..16" or "1,2,3": runs a study (see docs/studies.md)',
    )
    .option(
      "--sweep <path=v1,v2>",
      "run every combination of these values (repeatable), e.g. model.granule.count=2000,4000",
      collect,
      [],
    )
    .option("--jobs <n>", "worker threads for --seeds/--sweep (default: CPU count)")
    .option(
      "--record <probes>",
      "record per trial, e.g. eyelid,purkinje,cf,nucleus,weights,granule-raster (see docs/recordings.md)",
    )
    .option("--record-every <k>", "weights every k trials (default 10)")
    .option(
      "--record-cells <range>",
      'cells to record (repeatable): "0..49" (granule), "granule=0..49", "purkinje=0"',
      collect,
      [],
    )
    .option("--record-format <list>", "ndjson, hdf5 or ndjson,hdf5 (default ndjson)")
    .option(
      "--checkpoint-every <n>",
      "save the run's state every n units (trials, blocks, windows: docs/recordings.md) to <out>.checkpoint/, so `shoulda resume <out>` can continue it",
    )
    .action(async (source, options) => {
      const { runCommand } = await import("./run.js");
      setExit(await runCommand(source, options));
    });

  program
    .command("resume")
    .description(
      "Continue a run started with --checkpoint-every that was stopped, from its last checkpoint",
    )
    .argument("<dir>", "the run's --out folder")
    .action(async (dir) => {
      const { resumeCommand } = await import("./resume.js");
      setExit(await resumeCommand(dir));
    });

  program
    .command("study")
    .description(
      "Run a study file: a paradigm × a parameter grid × a group of animals, into one DuckDB database, Parquet, group plots and a report; resumable",
    )
    .argument("<file>", "study file (.yaml/.json): paradigm, seeds, sweep (see docs/studies.md)")
    .option("--out <dir>", "study folder (default out/<file name>)")
    .option("--jobs <n>", "worker threads (default: CPU count)")
    .option(
      "--queue <url>",
      "run on `shoulda worker`s of any machine through BullMQ on this Redis (redis://HOST:6379) instead of local threads; waits for them",
    )
    .option("--queue-name <name>", 'queue the workers listen on (default "shoulda")')
    .action(async (file, options) => {
      const { studyCommand } = await import("./study.js");
      setExit(await studyCommand(file, options));
    });

  program
    .command("worker")
    .description(
      "Run queued study runs on this machine (see `shoulda study --queue`, docs/studies.md); stop with Ctrl-C",
    )
    .option("--queue <url>", "the Redis of the queue, redis://HOST:6379 (required)")
    .option("--queue-name <name>", 'queue to take runs from (default "shoulda")')
    .option("--concurrency <n>", "runs at once, each on a worker thread (default: CPU count)")
    .option(
      "--lock-seconds <s>",
      "a run whose worker stops answering for this long is given to another worker (default 30)",
    )
    .option("--idle-exit <s>", "stop after this many seconds without a run (default: never)")
    .action(async (options) => {
      const { workerCommand } = await import("./worker.js");
      setExit(await workerCommand(options));
    });

  program
    .command("fit")
    .description(
      "Fit a paradigm's numeric parameters to a data CSV (per block or trial, per condition): Nelder–Mead restarts on the study machinery; resumable",
    )
    .argument(
      "<file>",
      "fit file (.yaml/.json): paradigm, data, params, seeds (see docs/studies.md)",
    )
    .option("--out <dir>", "fit folder (default out/<file name>)")
    .option("--jobs <n>", "worker threads (default: CPU count)")
    .action(async (file, options) => {
      const { fitCommand } = await import("./fit.js");
      setExit(await fitCommand(file, options));
    });

  program
    .command("compare")
    .description(
      "Run one fear design through several models (amygdala, Rescorla–Wagner, Pearce–Hall): per-trial CSV, per-phase table, side-by-side curves",
    )
    .argument("<design>", 'fear design string, experiment file, or "fear" (its preset)')
    .option(
      "--models <list>",
      "comma-separated models: amygdala, rescorla-wagner, pearce-hall",
      "amygdala,rescorla-wagner,pearce-hall",
    )
    .option("--seed <n>", "root seed (integer): the same trial order for every model")
    .option("--out <dir>", "output folder (default out/compare), written whole or not at all")
    .option("--force", "replace an existing --out folder")
    .action(async (design, options) => {
      const { compareCommand } = await import("./compare.js");
      setExit(await compareCommand(design, options));
    });

  program
    .command("list")
    .description("List paradigms, one line each, then their parameters")
    .argument("[paradigm]", "only this paradigm")
    .option("--brief", "the one-line list only")
    .action(async (id, options) => {
      const { listCommand } = await import("./list.js");
      setExit(listCommand(id, options));
    });

  program
    .command("validate")
    .description(
      "Run the literature scorecard over animals; exit non-zero if a target not on the known-misses list misses",
    )
    .option("--only <ids>", "comma-separated target ids, e.g. T1,E2")
    .option("--animals <n>", "animals (seeds 1…n) per target and protocol (default 8)")
    .option("--no-variants", "run only the standard protocols (no fragility check)")
    .option("--json <file>", "write the scorecard as JSON")
    .option("--report <dir>", "write a self-contained HTML report (index.html) to this folder")
    .option("--force", "replace an existing --json file or --report folder")
    .option("--jobs <n>", "parallel workers (default: CPU count)")
    .option(
      "--backend <name>",
      "kernel backend for every target's runs, e.g. wasm-int (default: each paradigm's own)",
    )
    .option(
      "--eyeblink-set <path=value>",
      "model or body setting over every eyeblink target's defaults, e.g. model.olive.usDrive=sustained " +
        "or body.responseVariability=0.5 (repeatable; a target's own settings win)",
      collect,
      [],
    )
    .action(async (options) => {
      const { validateCommand } = await import("./validate.js");
      setExit(await validateCommand(options));
    });

  program
    .command("serve")
    .description(
      "Serve the browser playground (web/dist) for offline use; loopback only unless --host is given",
    )
    .option("--port <n>", "port (0 = any free port)", "8321")
    .option("--host <host>", "address to listen on", "127.0.0.1")
    .option("--root <dir>", "folder to serve instead of the built playground")
    .option("-q, --quiet", "do not log requests")
    .action(async (options) => {
      const { serveCommand } = await import("./serve.js");
      setExit(await serveCommand(options));
    });
  return program;
}

export async function main(argv: string[]): Promise<number> {
  let code = 0;
  const program = buildProgram((c) => {
    code = c;
  });
  try {
    await program.parseAsync(argv);
    return code;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : 2;
    if (err instanceof ConfigError) {
      console.error(`error: ${err.message}`);
      return 2;
    }
    throw err;
  }
}
