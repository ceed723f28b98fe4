/**
 * `shoulda run --out` writes the folder whole or not at all: an existing folder is refused
 * unless --force, which replaces it whole; a kill -9 during the commit (SHOULDA_FAULT_AT, see
 * io/fault.ts) leaves it absent or complete; a second run to the same folder is refused at once.
 * The killed and concurrent runs are separate processes on dist/ (built by `npm test`).
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cli, EYEBLINK_FILES, SMALL, tempDir } from "./helpers.js";

const BIN = join(import.meta.dirname, "..", "..", "bin", "shoulda.js");
const FILES = EYEBLINK_FILES;
const RUN = ["run", "6 T+(isi=250)", ...SMALL];

function shoulda(args: string[], faultAt = "") {
  const env = { ...process.env, SHOULDA_FAULT_AT: faultAt };
  return spawnSync(process.execPath, [BIN, ...args], { env, encoding: "utf8", timeout: 120_000 });
}

const seedOf = (dir: string) => JSON.parse(readFileSync(join(dir, "config.json"), "utf8")).seed;

describe("shoulda run --out, all or nothing", () => {
  it("refuses an existing folder without --force; --force replaces it whole", async () => {
    const root = tempDir();
    const out = join(root, "out");
    expect((await cli(...RUN, "--seed", "1", "--out", out)).code).toBe(0);
    writeFileSync(join(out, "report.html"), "an older run's report");
    const again = await cli(...RUN, "--seed", "2", "--out", out);
    expect(again.code).toBe(2);
    expect(again.err).toMatch(
      /--out: got ".*out": .*out already exists and is not empty; allowed: .*add --force to replace it/,
    );
    expect(seedOf(out)).toBe(1);
    const forced = await cli(...RUN, "--seed", "2", "--out", out, "--force");
    expect(forced.code, forced.err).toBe(0);
    expect(seedOf(out)).toBe(2);
    expect(readdirSync(out).sort()).toEqual(FILES); // the old report.html is gone, not merged
    expect(readdirSync(root)).toEqual(["out"]);
  });

  it("after kill -9 mid-commit the folder is absent; the next run cleans up and succeeds", () => {
    const root = tempDir();
    const out = join(root, "out");
    const killed = shoulda([...RUN, "--out", out], "staged:summary.json");
    expect(killed.signal).toBe("SIGKILL");
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(root).some((n) => n.startsWith("out.partial-"))).toBe(true);
    const next = shoulda([...RUN, "--out", out]);
    expect(next.status, next.stderr).toBe(0);
    expect(next.stderr).toMatch(
      /^note: removed out\.partial-\d+-[0-9a-f]{12} \(left by a run that was killed\)$/m,
    );
    expect(readdirSync(out).sort()).toEqual(FILES);
    expect(readdirSync(root)).toEqual(["out"]);
  });

  it("a --force run killed between its two renames loses nothing: the old folder comes back", () => {
    const root = tempDir();
    const out = join(root, "out");
    expect(shoulda([...RUN, "--seed", "1", "--out", out]).status).toBe(0);
    const killed = shoulda([...RUN, "--seed", "2", "--out", out, "--force"], "aside");
    expect(killed.signal).toBe("SIGKILL");
    expect(existsSync(out)).toBe(false);
    const plain = shoulda([...RUN, "--seed", "3", "--out", out]);
    expect(plain.status).toBe(2);
    expect(plain.stderr).toMatch(/--out: .*already exists/);
    expect(seedOf(out)).toBe(1);
    expect(readdirSync(out).sort()).toEqual(FILES);
    expect(readdirSync(root)).toEqual(["out"]);
  });

  it.runIf(process.platform !== "win32")(
    "a second run to the same --out is refused at once while the first runs; the first completes",
    async () => {
      const root = tempDir();
      const out = join(root, "out");
      // Long enough (about a second) that the first run is still simulating when it is stopped.
      const long = ["run", "60 T+(isi=250)", ...SMALL, "--out", out];
      const first = spawn(process.execPath, [BIN, ...long], { stdio: "ignore" });
      const exited = new Promise<number | null>((done) => first.on("close", done));
      // The lock is taken before the simulation; stop the first run there so the second
      // surely meets it (no timing luck).
      while (!existsSync(`${out}.lock`)) await new Promise((r) => setTimeout(r, 5));
      first.kill("SIGSTOP");
      try {
        const second = shoulda([...RUN, "--out", out]);
        expect(second.status).toBe(2);
        expect(second.stderr).toContain(
          `--out: got "${out}", which another shoulda run is writing (pid ${first.pid}); allowed: a path no other run is writing (if none is running, remove ${out}.lock)`,
        );
        expect(second.stderr).not.toMatch(/%|trial/);
      } finally {
        first.kill("SIGCONT");
      }
      expect(await exited).toBe(0);
      expect(readdirSync(out).sort()).toEqual(FILES);
      expect(readdirSync(root)).toEqual(["out"]);
    },
  );
});
