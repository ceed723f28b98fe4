/**
 * `--checkpoint-every` and `shoulda resume` beyond eyeblink, through the generic unit runs
 * (paradigms/units.ts): fear and vor runs killed with kill -9 between checkpoints (separate
 * processes on dist/, SHOULDA_FAULT_AT, io/fault.ts) resume to the same files, byte for byte
 * (timings aside), as runs that never stopped; a resealed but edited state is refused by name.
 */
import { createHash } from "node:crypto";
import { cpSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fearDesign, fearTrial } from "../../src/paradigms/fear/experiments.js";
import { runFolderFiles, shouldaProcess, tempDir } from "./helpers.js";

const shoulda = shouldaProcess;

const files = runFolderFiles;

const root = tempDir();
const CONFIGS = {
  fear: {
    paradigm: "fear",
    experiment: fearDesign([
      { name: "cond", trials: 3, types: [fearTrial({ cues: "T", us: 1 })] },
      { name: "ext", trials: 3, types: [fearTrial({ cues: "T" })], context: "B" },
    ]).experiment,
  },
  vor: {
    paradigm: "vor",
    model: { granule: { count: 300 } },
    timeScale: 60,
    test: { everyMinutes: 2, cycles: 1, traceCycles: 1 },
    conditions: [
      { name: "x2", phases: [{ name: "up", optics: "x2", head: "moving", minutes: 4 }] },
      { name: "dark", phases: [{ name: "still", optics: "dark", head: "still", minutes: 2 }] },
    ],
  },
};

describe.each([
  ["fear", 2, 5, "trial 4"],
  ["vor", 2, 5, "block 4"],
] as const)("%s: kill -9 and resume", (paradigm, every, killAt, after) => {
  const file = join(root, `${paradigm}.json`);
  writeFileSync(file, JSON.stringify(CONFIGS[paradigm]));
  const killed = join(root, `${paradigm}-killed`);

  it("resumes from the last checkpoint to the files of a run that never stopped", () => {
    const run = shoulda(
      ["run", file, "--out", killed, "--checkpoint-every", String(every)],
      `trial:${killAt}`,
    );
    expect(run.signal, run.stderr).toBe("SIGKILL");
    expect(existsSync(killed)).toBe(false);
    const resumedDir = join(root, `${paradigm}-resumed`);
    cpSync(`${killed}.checkpoint`, `${resumedDir}.checkpoint`, { recursive: true });
    const resumed = shoulda(["resume", resumedDir]);
    expect(resumed.status, resumed.stderr).toBe(0);
    expect(resumed.stderr).toContain(`after ${after}`);
    expect(existsSync(`${resumedDir}.checkpoint`)).toBe(false);
    const whole = join(root, `${paradigm}-whole`);
    expect(shoulda(["run", file, "--out", whole]).status).toBe(0);
    const a = files(whole);
    const b = files(resumedDir);
    expect(Object.keys(b)).toEqual(Object.keys(a));
    expect(Object.keys(a).filter((name) => a[name] !== b[name])).toEqual([]);
  });

  it("refuses an edited state (SHA-256 resealed) and another config, naming the field", () => {
    const edit = (name: string, change: (c: Record<string, unknown>) => void) => {
      const dir = join(root, `${paradigm}-${name}`);
      cpSync(`${killed}.checkpoint`, `${dir}.checkpoint`, { recursive: true });
      const path = join(`${dir}.checkpoint`, "checkpoint.json");
      const checkpoint = JSON.parse(readFileSync(path, "utf8")).checkpoint;
      change(checkpoint);
      const body = JSON.stringify(checkpoint);
      const sha = createHash("sha256").update(body).digest("hex");
      writeFileSync(
        path,
        `{"format":"shoulda-checkpoint","version":1,"sha256":"${sha}","checkpoint":${body}}\n`,
      );
      const run = shoulda(["resume", dir]);
      expect(run.status, run.stderr).toBe(2);
      expect(existsSync(dir)).toBe(false);
      return run.stderr;
    };
    expect(
      edit("hash", (c) => {
        c.configSha256 = "0".repeat(64);
      }),
    ).toMatch(/checkpoint\.configSha256: got "0+\.*"; allowed: [0-9a-f]{64}/);
    expect(
      edit("units", (c) => {
        (c.state as { unitsDone: number }).unitsDone = 1e6;
      }),
    ).toMatch(/checkpoint\.state\.unitsDone: got 1000000; allowed: an integer 0\.\.\d+/);
    // The first typed array of the state cut by 12 bytes: its shape no longer fits the config.
    expect(
      edit("shape", (c) => {
        const text = JSON.stringify(c.state).replace(
          /("\$":"ta","t":"Float(?:32|64)Array","v":")([A-Za-z0-9+/]{16})/,
          "$1",
        );
        c.state = JSON.parse(text);
      }),
    ).toMatch(
      /checkpoint\.state\.state\.\S+: got "Float(32|64)Array of \d+"; allowed: Float(32|64)Array of \d+/,
    );
  });
});
