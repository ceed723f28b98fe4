/** `shoulda run`: resolve the config, simulate, and write the run's folder as one unit. */
import { OutputDir } from "../io/atomic.js";
import { reportWithPngs } from "../io/png.js";
import { ConfigError } from "../model/errors.js";
import { parseSetValue, setPath } from "../model/paths.js";
import { getParadigm } from "../paradigms/registry.js";
import type { RunConfig } from "../paradigms/types.js";
import { VERSION } from "../version.js";
import { progressBar } from "./progress.js";
import { readSource } from "./source.js";

export interface RunOptions {
  seed?: string;
  set: string[];
  out?: string;
  paradigm?: string;
  /** Also write report.html (self-contained) and a PNG of each plot. */
  report?: boolean;
}

/** Parse "--set path=value" pairs. */
function parseSets(sets: string[]): [string, unknown][] {
  return sets.map((s) => {
    const eq = s.indexOf("=");
    if (eq <= 0)
      throw new ConfigError(
        "--set",
        `got ${JSON.stringify(s)}; allowed: path=value, e.g. model.granule.count=8000`,
      );
    return [s.slice(0, eq), parseSetValue(s.slice(eq + 1))];
  });
}

function parseSeed(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(n) || n > 4294967295) {
    throw new ConfigError(
      "--seed",
      `got ${JSON.stringify(text)}; allowed: an integer 0..4294967295`,
    );
  }
  return n;
}

/** Everything that can go wrong with the input happens here, before anything is written. */
export async function resolveRun(source: string, options: RunOptions): Promise<RunConfig> {
  const partial = await readSource(source, options.paradigm);
  const seed = parseSeed(options.seed);
  if (seed !== undefined) partial.seed = seed;
  const paradigm = getParadigm(String(partial.paradigm));
  let config = paradigm.resolve(partial);
  for (const [path, value] of parseSets(options.set)) {
    config = paradigm.resolve(setPath(config, path, value) as Record<string, unknown>);
  }
  return config;
}

/** The command line that reproduces this run, for the report. */
function commandLine(source: string, options: RunOptions): string[] {
  const flags = { seed: options.seed, out: options.out, paradigm: options.paradigm };
  const named = Object.entries(flags).flatMap(([k, v]) => (v === undefined ? [] : [`--${k}`, v]));
  return ["run", source, ...named, ...options.set.flatMap((s) => ["--set", s]), "--report"];
}

export async function runCommand(source: string, options: RunOptions): Promise<number> {
  const config = await resolveRun(source, options);
  const paradigm = getParadigm(config.paradigm);
  const outDir = options.out ?? `out/${config.paradigm}`;
  const bar = progressBar(paradigm.info.id);
  let result: Awaited<ReturnType<typeof paradigm.run>>;
  try {
    result = await paradigm.run(config, { onProgress: bar.update });
  } finally {
    bar.stop();
  }
  await OutputDir.run(outDir, async (out) => {
    await out.write("config.json", `${JSON.stringify(config, null, 2)}\n`);
    const summary = { ...result.summary, version: VERSION, node: process.version };
    await out.write("summary.json", `${JSON.stringify(summary, null, 2)}\n`);
    for (const file of result.files) await out.write(file.name, file.data);
    if (options.report) {
      const input = {
        config,
        summary,
        files: result.files,
        paradigm: paradigm.info,
        argv: commandLine(source, options),
      };
      for (const file of await reportWithPngs(input, VERSION))
        await out.write(file.name, file.data);
    }
  });
  console.log(
    `wrote ${outDir}/ (config.json, summary.json, ${result.files.map((f) => f.name).join(", ")}${options.report ? ", report.html, PNGs" : ""})`,
  );
  return 0;
}
