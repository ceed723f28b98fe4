/**
 * `shoulda --help` and `--version` load only the command-line parser: every command's module
 * (and with it the simulator, vega, zod, yaml, …) is imported when that command runs. Checked by
 * recording every module the process resolves (fixtures/recordLoads.mjs), not by timing.
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { VERSION } from "../../src/version.js";
import { tempDir } from "./helpers.js";

const root = join(import.meta.dirname, "..", "..");
const RECORDER = join(import.meta.dirname, "fixtures", "recordLoads.mjs");

/** Runs bin/shoulda.js with `args`; returns its stdout and the modules it loaded, as repo paths. */
function loads(...args: string[]): { stdout: string; status: number | null; modules: string[] } {
  const log = join(tempDir(), "loads.txt");
  const r = spawnSync(
    process.execPath,
    ["--import", RECORDER, join(root, "bin", "shoulda.js"), ...args],
    { encoding: "utf8", env: { ...process.env, SHOULDA_LOAD_LOG: log } },
  );
  const urls = readFileSync(log, "utf8").trim().split("\n");
  const modules = urls
    .filter((u) => u.startsWith("file:"))
    .map((u) => relative(root, fileURLToPath(u)))
    .filter((p) => !p.startsWith("test/"));
  return { stdout: r.stdout, status: r.status, modules: [...new Set(modules)].sort() };
}

// What the launcher needs to parse arguments and print help or the version: nothing more.
const STARTUP = [
  "bin/shoulda.js",
  "dist/cli/main.js",
  "dist/model/errors.js",
  "dist/version.js",
  "node_modules/commander/esm.mjs",
  "node_modules/commander/index.js",
];

describe("lazy start", () => {
  it("--version and --help load only the argument parser", () => {
    const version = loads("--version");
    expect(version.status).toBe(0);
    expect(version.stdout.trim()).toBe(VERSION);
    expect(version.modules).toEqual(STARTUP);
    for (const args of [
      ["--help"],
      ["run", "--help"],
      ["validate", "--help"],
      ["worker", "--help"],
    ]) {
      const help = loads(...args);
      expect(help.status, args.join(" ")).toBe(0);
      expect(help.stdout).toMatch(/^Usage: shoulda/);
      expect(help.modules, args.join(" ")).toEqual(STARTUP);
    }
  });

  it("a command loads its module when it runs (the recorder sees it)", () => {
    const list = loads("list", "--brief");
    expect(list.status).toBe(0);
    expect(list.modules).toContain("dist/cli/list.js");
    expect(list.modules).toContain("dist/paradigms/registry.js");
    expect(list.modules).not.toContain("dist/cli/run.js");
  });

  it("a single run does not load DuckDB (only a study imports it)", () => {
    const out = join(tempDir(), "run");
    const run = loads(
      "run",
      "2 T+(isi=500)",
      "--seed",
      "1",
      "--set",
      "model.granule.count=200",
      "--out",
      out,
    );
    expect(run.status).toBe(0);
    expect(run.modules).toContain("dist/cli/run.js");
    expect(run.modules).toContain("dist/cli/study.js");
    expect(run.modules).not.toContain("dist/study/run.js");
    expect(run.modules.some((m) => m.includes("@duckdb"))).toBe(false);
  });
});
