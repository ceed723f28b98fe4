/**
 * The CLI with each kernel backend (`--set backend=…`), as a separate process (dist/, built by
 * `npm test`): the same seed gives the same files whatever the backend, and a run on worker
 * threads exits by itself (the workers never keep the process alive).
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { tempDir } from "../cli/helpers.js";

const root = join(import.meta.dirname, "..", "..");

function run(backend: string): { status: number | null; dir: string; stderr: string } {
  const dir = tempDir();
  const r = spawnSync(
    process.execPath,
    [
      join(root, "bin", "shoulda.js"),
      "run",
      "6 T+(isi=250)",
      "--set",
      `backend=${backend}`,
      // Large enough that wasm-threads splits the granule layer (≥ 20,000 cells).
      "--set",
      "model.granule.count=24000",
      "--out",
      dir,
    ],
    { encoding: "utf8", timeout: 120_000 },
  );
  return { status: r.status, dir, stderr: r.stderr };
}

describe("CLI kernel backends", () => {
  it("gives identical results with ts, wasm and wasm-threads, and exits on its own", () => {
    const ts = run("ts");
    expect(ts.status, ts.stderr).toBe(0);
    const trials = readFileSync(join(ts.dir, "trials.csv"), "utf8");
    const profiles = readFileSync(join(ts.dir, "profiles.csv"), "utf8");
    for (const backend of ["wasm", "wasm-threads"]) {
      const r = run(backend);
      // A timeout (status null) would mean the workers kept the process alive.
      expect(r.status, `${backend}: ${r.stderr}`).toBe(0);
      expect(readFileSync(join(r.dir, "trials.csv"), "utf8")).toBe(trials);
      expect(readFileSync(join(r.dir, "profiles.csv"), "utf8")).toBe(profiles);
    }
  });

  it("rejects an unknown backend, naming the allowed ones", () => {
    const r = run("fortran");
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/backend.*allowed: ts, wasm, wasm-threads/);
  });
});
