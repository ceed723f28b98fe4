import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { vi } from "vitest";
import { main } from "../../src/cli/main.js";

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), "shoulda-test-"));
}

const BIN = join(import.meta.dirname, "..", "..", "bin", "shoulda.js");

/** Run the built CLI (dist/) in its own process, with a fault point (io/fault.ts) if given. */
export function shouldaProcess(args: string[], faultAt = "") {
  const env = { ...process.env, SHOULDA_FAULT_AT: faultAt };
  return spawnSync(process.execPath, [BIN, ...args], { env, encoding: "utf8", timeout: 120_000 });
}

/** Every file of a run folder; summary.json without its timing field. */
export function runFolderFiles(dir: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(dir)
      .sort()
      .map((name) => {
        const text = readFileSync(join(dir, name), "utf8");
        if (name !== "summary.json") return [name, text];
        const { wallSeconds: _, ...rest } = JSON.parse(text);
        return [name, JSON.stringify(rest)];
      }),
  );
}

/** Run the CLI in-process; returns its exit code and what it printed. */
export async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const log = vi.spyOn(console, "log").mockImplementation((...a) => void out.push(a.join(" ")));
  const error = vi.spyOn(console, "error").mockImplementation((...a) => void err.push(a.join(" ")));
  const stderr = vi.spyOn(process.stderr, "write").mockImplementation((chunk) => {
    err.push(String(chunk));
    return true;
  });
  const stdout = vi.spyOn(process.stdout, "write").mockImplementation((chunk) => {
    out.push(String(chunk));
    return true;
  });
  try {
    const code = await main(["node", "shoulda", ...args]);
    return { code, out: out.join("\n"), err: err.join("\n") };
  } finally {
    log.mockRestore();
    error.mockRestore();
    stderr.mockRestore();
    stdout.mockRestore();
  }
}

/** Settings that keep a CLI eyeblink run to about a second. */
export const SMALL = ["--set", "model.granule.count=400", "--set", "model.mossy.count=64"];

/** The files an eyeblink run writes into its folder (without --report). */
export const EYEBLINK_FILES = [
  "acquisition.svg",
  "amplitude.svg",
  "config.json",
  "profiles.csv",
  "profiles.svg",
  "summary.json",
  "training-heatmap.svg",
  "trials.csv",
];
