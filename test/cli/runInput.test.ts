/**
 * `shoulda run` validates everything before it simulates or writes: the output folder, schema
 * bounds, the memory / simulated-time budget, duplicate and prototype keys, and a --paradigm
 * that contradicts the file. Each bad case exits 2, names the field, and leaves no output.
 */
import { chmodSync, existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { estimateRun } from "../../src/paradigms/estimate.js";
import { getParadigm, listParadigms } from "../../src/paradigms/registry.js";
import { cli, SMALL, tempDir } from "./helpers.js";

/** Runs the CLI and checks: exit 2, the message, nothing new in `dir` but `keep`. */
async function rejects(dir: string, keep: string[], args: string[], message: RegExp) {
  const r = await cli(...args);
  expect(r.code, `${args.join(" ")}\n${r.err}`).toBe(2);
  expect(r.err).toMatch(message);
  expect(readdirSync(dir).sort()).toEqual([...keep].sort());
}

describe("shoulda run --out is checked before the run", () => {
  it("rejects an empty path, the root, an existing file and a path under a file", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "file.txt"), "x");
    const keep = ["file.txt"];
    const run = ["run", "eyeblink", ...SMALL, "--out"];
    await rejects(dir, keep, [...run, ""], /--out: got an empty path; allowed: a folder/);
    await rejects(dir, keep, [...run, "/"], /--out: got "\/", the root folder; allowed/);
    await rejects(dir, keep, [...run, join(dir, "file.txt")], /--out: .*an existing file/);
    await rejects(
      dir,
      keep,
      [...run, join(dir, "file.txt", "sub", "deeper")],
      /--out: .*file\.txt is a file, not a folder/,
    );
  });

  it.skipIf(process.getuid?.() === 0)("rejects a folder it cannot write in", async () => {
    const dir = tempDir();
    mkdirSync(join(dir, "ro"));
    chmodSync(join(dir, "ro"), 0o555);
    try {
      const r = await cli("run", "eyeblink", ...SMALL, "--out", join(dir, "ro", "out"));
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/--out: .*cannot write in/);
      expect(readdirSync(join(dir, "ro"))).toEqual([]);
    } finally {
      chmodSync(join(dir, "ro"), 0o755);
    }
  });

  it.runIf(process.platform === "linux")(
    "rejects a folder where nothing can be created (even as root)",
    async () => {
      const r = await cli("run", "eyeblink", ...SMALL, "--out", "/proc/shoulda-never/out");
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/--out: got "\/proc\/shoulda-never\/out": cannot write in \/proc \(/);
      expect(existsSync("/proc/shoulda-never")).toBe(false);
    },
  );

  it("fails before simulating: no progress output, no staging folder", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "taken"), "x");
    const r = await cli("run", "eyeblink", "--out", join(dir, "taken"));
    expect(r.code).toBe(2);
    expect(r.err).not.toMatch(/%|trial/);
    expect(readdirSync(dir)).toEqual(["taken"]);
  });
});

describe("shoulda run bounds and budget", () => {
  const cases: [string, string[], RegExp][] = [
    [
      "an absurd ITI",
      ["run", "300 T+(iti=999999999999999)"],
      /iti=999999999999999; allowed: a number of ms 0\.\.3600000/,
    ],
    [
      "an absurd ITI via --set",
      ["run", "eyeblink", "--set", "experiment.phases[0].iti.meanMs=999999999999999"],
      /experiment\.phases\[0\]\.iti\.meanMs: got 999999999999999; allowed: a number of ms 0\.\.3600000/,
    ],
    [
      "too many trials",
      ["run", "eyeblink", "--set", "experiment.phases[0].trials=10000000"],
      /experiment\.phases\[0\]\.trials: got 10000000; allowed: an integer 1\.\.1000000/,
    ],
    [
      "too many granule cells",
      ["run", "eyeblink", "--set", "model.granule.count=20000000"],
      /model\.granule\.count: got 20000000; allowed: a number ≤ 10000000/,
    ],
    [
      "an absurd protocol duration",
      ["run", "dcn", "--set", "protocol.trainS=1000000000"],
      /protocol\.trainS: got 1000000000; allowed: a number ≤ 86400/,
    ],
    [
      "10^7 granule cells × 1024 Purkinje cells",
      [
        "run",
        "eyeblink",
        "--set",
        "model.granule.count=10000000",
        "--set",
        "model.purkinje.count=1024",
      ],
      /--max-memory: the run needs an estimated \d+ MiB \(mostly model: \d+ MiB of weights for model\.granule\.count 10000000 × model\.purkinje\.count 1024/,
    ],
    [
      "a run over the memory limit given",
      ["run", "eyeblink", "--max-memory", "1"],
      /--max-memory: the run needs an estimated \d+ MiB.*allowed: ≤ 1 MiB/,
    ],
    [
      "a run over the simulated-time limit given",
      ["run", "eyeblink", "--max-sim-hours", "0.1"],
      /--max-sim-hours: the run simulates an estimated 0\.\d+ h; allowed: ≤ 0\.1 h/,
    ],
    [
      "a long experiment over the default 24 h",
      ["run", "1000000 T+(iti=3600000)"],
      /--max-sim-hours: the run simulates an estimated \S+ h; allowed: ≤ 24 h/,
    ],
    ["a bad --max-memory", ["run", "eyeblink", "--max-memory", "lots"], /--max-memory: got "lots"/],
    [
      "a bad --max-sim-hours",
      ["run", "eyeblink", "--max-sim-hours", "-1"],
      /--max-sim-hours: got "-1"/,
    ],
  ];
  for (const [name, args, message] of cases) {
    it(`rejects ${name}`, async () => {
      const dir = tempDir();
      await rejects(dir, [], [...args, "--out", join(dir, "out")], message);
    });
  }

  it("every paradigm's defaults fit the default budget", () => {
    for (const p of listParadigms()) {
      const e = estimateRun(getParadigm(p.info.id).resolve({ paradigm: p.info.id }));
      expect(e.bytes / 2 ** 20, p.info.id).toBeLessThan(4096);
      expect(e.simulatedMs / 3_600_000, p.info.id).toBeLessThanOrEqual(24);
    }
    const eyeblink = estimateRun(getParadigm("eyeblink").resolve({ paradigm: "eyeblink" }));
    // 300 + 200 + 100 trials of 1350 ms + 2500 ms mean ITI.
    expect(eyeblink.simulatedMs).toBeCloseTo(600 * 3850);
    expect(eyeblink.modules.map((m) => m.path)).toEqual(["model"]);
  });
});

describe("shoulda run input files", () => {
  it("rejects a JSON key given twice, naming its path and line", async () => {
    const dir = tempDir();
    const file = join(dir, "exp.json");
    writeFileSync(
      file,
      '{"phases": [{"name": "a", "trials": 5, "trials": 7,\n "trialTypes": [{"name": "T", "durationMs": 500, "cues": [], "us": []}]}]}',
    );
    await rejects(
      dir,
      ["exp.json"],
      ["run", file, "--out", join(dir, "out")],
      /phases\[0\]\.trials: duplicate key "trials" in .*exp\.json at line 1, column \d+; allowed: each key once/,
    );
  });

  it("rejects __proto__, constructor and prototype keys in JSON and YAML", async () => {
    const dir = tempDir();
    const files: [string, string, RegExp][] = [
      [
        "a.json",
        '{"paradigm": "eyeblink", "__proto__": {"x": 1}}',
        /error: __proto__: forbidden key "__proto__"/,
      ],
      [
        "b.json",
        '{"paradigm": "eyeblink", "model": {"granule": {"constructor": 1}}}',
        /model\.granule\.constructor: forbidden key "constructor"/,
      ],
      [
        "c.yaml",
        "name: x\nphases:\n  - name: a\n    prototype: 1\n",
        /phases\[0\]\.prototype: forbidden key "prototype"/,
      ],
      [
        "d.yaml",
        "__proto__:\n  polluted: true\ndesign: 10 T+\n",
        /error: __proto__: forbidden key "__proto__"/,
      ],
    ];
    for (const [name, text] of files) writeFileSync(join(dir, name), text);
    const all = files.map(([n]) => n);
    for (const [name, , message] of files)
      await rejects(dir, all, ["run", join(dir, name), "--out", join(dir, "out")], message);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    await rejects(
      dir,
      all,
      ["run", "eyeblink", "--set", 'model={"__proto__": {"x": 1}}', "--out", join(dir, "out")],
      /error: __proto__: forbidden key "__proto__" in --set model/,
    );
  });

  it("rejects --paradigm that contradicts the file's paradigm", async () => {
    const dir = tempDir();
    const file = join(dir, "config.json");
    writeFileSync(file, JSON.stringify({ paradigm: "eyeblink" }));
    await rejects(
      dir,
      ["config.json"],
      ["run", file, "--paradigm", "vor", "--out", join(dir, "out")],
      /--paradigm: got "vor", but .*config\.json names the paradigm "eyeblink"/,
    );
    expect(existsSync(join(dir, "out"))).toBe(false);
  });
});
