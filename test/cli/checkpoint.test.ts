/**
 * `--checkpoint-every` and `shoulda resume`: a run killed with kill -9 between checkpoints (a
 * separate process on dist/, stopped at an exact trial by SHOULDA_FAULT_AT, io/fault.ts) resumes
 * from its last checkpoint and ends with the same files, byte for byte (timings aside), as a run
 * that never stopped; an edited checkpoint is refused by name.
 */
import { createHash } from "node:crypto";
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { checkCheckpoints } from "../../src/cli/runChecks.js";
import { getParadigm } from "../../src/paradigms/registry.js";
import { cli, runFolderFiles, SMALL, shouldaProcess, tempDir } from "./helpers.js";

const RUN = [
  "run",
  "30 T+(isi=250) > 10 T-",
  ...SMALL,
  "--record",
  "eyelid,purkinje,weights,granule-raster",
  "--record-every",
  "5",
];

const shoulda = shouldaProcess;

const killedRun = (out: string, trial: number) =>
  shoulda([...RUN, "--out", out, "--checkpoint-every", "10"], `trial:${trial}`);

const files = runFolderFiles;

const checkpointOf = (out: string) => {
  const text = readFileSync(join(`${out}.checkpoint`, "checkpoint.json"), "utf8");
  return JSON.parse(text).checkpoint;
};

// biome-ignore lint/suspicious/noExplicitAny: a checkpoint's JSON, edited by hand as an attacker would
type Json = any;

/** Rewrites checkpoint.json with an edited state and, when `reseal`, a matching SHA-256. */
function tamper(out: string, edit: (c: Json) => void, reseal: boolean) {
  const path = join(`${out}.checkpoint`, "checkpoint.json");
  const file = JSON.parse(readFileSync(path, "utf8"));
  edit(file.checkpoint);
  const body = JSON.stringify(file.checkpoint);
  const sha = reseal ? createHash("sha256").update(body).digest("hex") : file.sha256;
  writeFileSync(
    path,
    `{"format":"shoulda-checkpoint","version":1,"sha256":"${sha}","checkpoint":${body}}\n`,
  );
}

describe("checkpoint and resume", () => {
  const root = tempDir();
  const killed = join(root, "killed");
  beforeAll(() => {
    const run = killedRun(killed, 25);
    expect(run.signal, run.stderr).toBe("SIGKILL");
  });

  it("a run killed between checkpoints leaves no output, only its last checkpoint", () => {
    expect(existsSync(killed)).toBe(false);
    expect(checkpointOf(killed).trialsDone).toBe(20);
    expect(readdirSync(`${killed}.checkpoint`).sort()).toEqual([
      "checkpoint.json",
      "recordings.ndjson",
      "run.json",
    ]);
  });

  // Both in their own process: the plots' SVG ids (vega's gradient counter) run on per process.
  it("resumes from it and writes the same files as a run that never stopped", () => {
    const resumedDir = join(root, "resumed");
    cpSync(`${killed}.checkpoint`, `${resumedDir}.checkpoint`, { recursive: true });
    const resumed = shoulda(["resume", resumedDir]);
    expect(resumed.status, resumed.stderr).toBe(0);
    expect(resumed.stderr).toMatch(/resuming .*resumed after trial 20/);
    expect(existsSync(`${resumedDir}.checkpoint`)).toBe(false);
    const whole = join(root, "whole");
    expect(shoulda([...RUN, "--out", whole]).status).toBe(0);
    const a = files(whole);
    const b = files(resumedDir);
    expect(Object.keys(b)).toEqual(Object.keys(a));
    expect(Object.keys(a)).toContain("recordings.ndjson");
    const differ = Object.keys(a).filter((name) => a[name] !== b[name]);
    expect(differ).toEqual([]);
  });

  it("a run killed before its first checkpoint starts over on resume, to the same results", async () => {
    const early = join(root, "early");
    const run = killedRun(early, 5);
    expect(run.signal, run.stderr).toBe("SIGKILL");
    expect(existsSync(join(`${early}.checkpoint`, "checkpoint.json"))).toBe(false);
    const resumed = await cli("resume", early);
    expect(resumed.code, resumed.err).toBe(0);
    expect(resumed.err).toMatch(/stopped before its first checkpoint; starting it again/);
    const whole = join(root, "whole"); // the uninterrupted run of the test above
    for (const name of ["trials.csv", "recordings.ndjson"])
      expect(readFileSync(join(early, name)).equals(readFileSync(join(whole, name))), name).toBe(
        true,
      );
  });

  it("refuses a checkpoint edited after it was written, naming what is wrong", async () => {
    const cases: [string, (c: Json) => void, boolean, RegExp][] = [
      [
        "an RNG word",
        (c) => {
          c.state.run.brain.rng.a += 1;
        },
        false,
        /checkpoint\.sha256: does not match/,
      ],
      [
        "a ring position, resealed",
        (c) => {
          c.state.run.brain.heads.outputs = 3;
        },
        true,
        /state\.heads\.outputs: got 3; allowed: \d+/,
      ],
      [
        "an RNG word, resealed",
        (c) => {
          c.state.run.brain.rng.b ^= 1;
        },
        true,
        /state\.checksum: does not match/,
      ],
      [
        "the trial cursor, resealed",
        (c) => {
          c.state.run.cursor = 999;
        },
        true,
        /checkpoint\.state\.run\.cursor: got 999; allowed: an integer 0\.\.40/,
      ],
      [
        "the recording length, resealed",
        (c) => {
          c.recordingBytes = 1e9;
        },
        true,
        /checkpoint\.recordingBytes: is 1000000000/,
      ],
    ];
    for (const [name, edit, reseal, message] of cases) {
      const dir = join(root, `tampered-${name.replace(/\W+/g, "-")}`);
      cpSync(`${killed}.checkpoint`, `${dir}.checkpoint`, { recursive: true });
      tamper(dir, edit, reseal);
      const run = await cli("resume", dir);
      expect(run.code, name).toBe(2);
      expect(run.err, name).toMatch(message);
      expect(existsSync(dir), name).toBe(false);
    }
    const lost = join(root, "lost-recording");
    cpSync(`${killed}.checkpoint`, `${lost}.checkpoint`, { recursive: true });
    rmSync(join(`${lost}.checkpoint`, "recordings.ndjson"));
    const run = await cli("resume", lost);
    expect(run.code).toBe(2);
    expect(run.err).toMatch(
      /checkpoint\.recordingBytes: is \d+, but .* cannot be opened \(ENOENT\)/,
    );
  });

  it("refuses bad checkpoint options and folders with nothing to resume", async () => {
    const dir = join(root, "bad");
    const zero = await cli(...RUN, "--out", dir, "--checkpoint-every", "0");
    expect(zero.err).toMatch(/--checkpoint-every: got "0"; allowed: an integer ≥ 1/);
    // Every built-in paradigm checkpoints; a library paradigm without `checkpoints` is refused.
    const plain = { ...getParadigm("fear"), info: { ...getParadigm("fear").info, id: "mine" } };
    expect(() => checkCheckpoints({ ...plain, checkpoints: false }, "5")).toThrow(
      /the paradigm mine cannot save its state; allowed: .*eyeblink.*vor/,
    );
    const none = await cli("resume", dir);
    expect(none.code).toBe(2);
    expect(none.err).toMatch(
      /DIR: got ".*bad": no .*bad\.checkpoint\/run\.json; allowed: the --out folder/,
    );
    const again = await cli(...RUN, "--out", killed, "--checkpoint-every", "10");
    expect(again.code).toBe(2);
    expect(again.err).toMatch(
      /--out: .*killed\.checkpoint holds an unfinished run; allowed: continue it with "shoulda resume/,
    );
    expect(existsSync(dir)).toBe(false);
  });
});
