/**
 * `shoulda validate --json FILE` and `--report DIR` are checked before the scorecard runs (it
 * takes minutes): a bad path exits 2 at once, naming the option, with nothing written and no
 * target run. An existing file or folder is refused unless --force.
 */
import { chmodSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cli, tempDir } from "./helpers.js";

const VALIDATE = [
  "validate",
  "--only",
  "R1-trace",
  "--animals",
  "1",
  "--no-variants",
  "--jobs",
  "1",
];

/** Exit 2 with `message`, no target run (no per-target line on stderr), `dir` holds only `keep`. */
async function rejects(dir: string, keep: string[], args: string[], message: RegExp) {
  const r = await cli(...VALIDATE, ...args);
  expect(r.code, `${args.join(" ")}\n${r.err}`).toBe(2);
  expect(r.err).toMatch(message);
  expect(r.err).not.toMatch(/CPU s/);
  expect(readdirSync(dir).sort()).toEqual([...keep].sort());
}

describe("shoulda validate output paths are checked before it runs", () => {
  it("rejects a bad --json: empty, root, a folder, under a file, an existing file", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "file.txt"), "x");
    mkdirSync(join(dir, "folder"));
    const keep = ["file.txt", "folder"];
    await rejects(dir, keep, ["--json", ""], /--json: got an empty path; allowed: a file path/);
    await rejects(dir, keep, ["--json", "/"], /--json: got "\/", the root folder; allowed/);
    await rejects(dir, keep, ["--json", join(dir, "folder")], /--json: .*an existing folder/);
    await rejects(
      dir,
      keep,
      ["--json", join(dir, "file.txt", "s.json")],
      /--json: .*file\.txt is a file, not a folder/,
    );
    await rejects(
      dir,
      keep,
      ["--json", join(dir, "file.txt")],
      /--json: got ".*file\.txt": .* already exists; allowed: .*add --force to replace it/,
    );
    expect(readFileSync(join(dir, "file.txt"), "utf8")).toBe("x");
  });

  it("rejects a bad --report: empty, root, an existing file, under a file, a full folder", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "file.txt"), "x");
    mkdirSync(join(dir, "old"));
    writeFileSync(join(dir, "old", "index.html"), "old report");
    const keep = ["file.txt", "old"];
    await rejects(dir, keep, ["--report", ""], /--report: got an empty path; allowed: a folder/);
    await rejects(dir, keep, ["--report", "/"], /--report: got "\/", the root folder/);
    await rejects(dir, keep, ["--report", join(dir, "file.txt")], /--report: .*an existing file/);
    await rejects(
      dir,
      keep,
      ["--report", join(dir, "file.txt", "r")],
      /--report: .*file\.txt is a file, not a folder/,
    );
    await rejects(
      dir,
      keep,
      ["--report", join(dir, "old")],
      /--report: .*already exists and is not empty; allowed: .*--force/,
    );
    expect(readFileSync(join(dir, "old", "index.html"), "utf8")).toBe("old report");
  });

  it.skipIf(process.getuid?.() === 0)("rejects a --json or --report it cannot write", async () => {
    const dir = tempDir();
    mkdirSync(join(dir, "ro"));
    chmodSync(join(dir, "ro"), 0o555);
    try {
      await rejects(
        dir,
        ["ro"],
        ["--json", join(dir, "ro", "s.json")],
        /--json: .*cannot write in/,
      );
      await rejects(dir, ["ro"], ["--report", join(dir, "ro", "r")], /--report: .*cannot write in/);
      expect(readdirSync(join(dir, "ro"))).toEqual([]);
    } finally {
      chmodSync(join(dir, "ro"), 0o755);
    }
  });

  it.runIf(process.platform === "linux")(
    "rejects a --json or --report where nothing can be created (even as root)",
    async () => {
      const dir = tempDir();
      await rejects(
        dir,
        [],
        ["--json", "/proc/shoulda-never/s.json"],
        /--json: .*cannot write in \/proc \(/,
      );
      await rejects(
        dir,
        [],
        ["--report", "/proc/shoulda-never/r"],
        /--report: .*cannot write in \/proc \(/,
      );
    },
  );

  it("--force replaces an existing --json file and --report folder whole", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "s.json"), "old");
    mkdirSync(join(dir, "r"));
    writeFileSync(join(dir, "r", "stale.html"), "old");
    const args = ["--json", join(dir, "s.json"), "--report", join(dir, "r"), "--force"];
    const r = await cli(...VALIDATE, ...args);
    expect(r.code, r.err).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, "s.json"), "utf8")).animals).toBe(1);
    expect(readdirSync(join(dir, "r"))).toEqual(["index.html"]);
    expect(readdirSync(dir).sort()).toEqual(["r", "s.json"]);
  }, 120_000);
});
