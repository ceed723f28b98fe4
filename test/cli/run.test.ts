import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cli, EYEBLINK_FILES, SMALL, tempDir } from "./helpers.js";

const DESIGN =
  "acq: 20 T+(isi=300, iti=300, jitter=50) / 4 T-(isi=300) > ext: 6 T-(isi=300, iti=300, jitter=50)";

describe("shoulda run", () => {
  it("writes config, summary, per-trial CSV, profiles and plots; config.json reproduces the run", async () => {
    const dir = tempDir();
    const first = join(dir, "first");
    const r = await cli("run", DESIGN, "--seed", "3", "--out", first, ...SMALL);
    expect(r.code, r.err).toBe(0);
    const files = readdirSync(first).sort();
    expect(files).toEqual([...EYEBLINK_FILES].sort());
    const config = JSON.parse(readFileSync(join(first, "config.json"), "utf8"));
    expect(config).toMatchObject({
      paradigm: "eyeblink",
      seed: 3,
      model: { granule: { count: 400 }, dtMs: 5 },
    });
    expect(config.experiment.phases.map((p: { name: string }) => p.name)).toEqual(["acq", "ext"]);
    const trials = readFileSync(join(first, "trials.csv"), "utf8").trim().split("\n");
    expect(trials[0]).toBe(
      "trial,phase,trialInPhase,trialType,probe,isiMs,itiMs,cr,amplitude,peakAmplitude,peakLatencyMs,onsetLatencyMs,lateClosure",
    );
    expect(trials.length).toBe(1 + 30);
    const profiles = readFileSync(join(first, "profiles.csv"), "utf8").trim().split("\n");
    const times = profiles.slice(1).map((l) => Number(l.split(",")[3]));
    expect(times[1] - times[0]).toBeLessThanOrEqual(5);
    const summary = JSON.parse(readFileSync(join(first, "summary.json"), "utf8"));
    expect(summary.phases.map((p: { phase: string }) => p.phase)).toEqual(["acq", "ext"]);
    expect(readFileSync(join(first, "acquisition.svg"), "utf8")).toMatch(/^<svg/);

    const second = join(dir, "second");
    const again = await cli("run", join(first, "config.json"), "--out", second);
    expect(again.code, again.err).toBe(0);
    expect(readFileSync(join(second, "trials.csv"), "utf8")).toBe(
      readFileSync(join(first, "trials.csv"), "utf8"),
    );
    expect(readFileSync(join(second, "profiles.csv"), "utf8")).toBe(
      readFileSync(join(first, "profiles.csv"), "utf8"),
    );
    const summary2 = JSON.parse(readFileSync(join(second, "summary.json"), "utf8"));
    expect(summary2.phases).toEqual(summary.phases);
  });

  it("accepts an experiment file in YAML", async () => {
    const dir = tempDir();
    const file = join(dir, "exp.yaml");
    writeFileSync(
      file,
      [
        "phases:",
        "  - name: acquisition",
        "    trials: 6",
        "    iti: { meanMs: 200, jitterMs: 0 }",
        "    trialTypes:",
        "      - name: tone",
        "        durationMs: 900",
        "        cues: [{ channel: tone, onsetMs: 200, durationMs: 450 }]",
        "        us: [{ onsetMs: 600, durationMs: 50 }]",
      ].join("\n"),
    );
    const r = await cli("run", file, "--out", join(dir, "out"), ...SMALL);
    expect(r.code, r.err).toBe(0);
    expect(
      readFileSync(join(dir, "out", "trials.csv"), "utf8")
        .trim()
        .split("\n").length,
    ).toBe(7);
  });

  it("rejects bad input before writing anything, naming the field and what is allowed", async () => {
    const dir = tempDir();
    const out = join(dir, "never");
    const cases: [string[], RegExp][] = [
      [["run", "nosuchparadigm"], /source: got "nosuchparadigm"; allowed: a paradigm \(eyeblink/],
      [
        ["run", "eyebink"],
        /source: got "eyebink" \(did you mean "eyeblink"\?\); allowed: a paradigm/,
      ],
      [["run", "300 T+(isi=500) > 100 Tx"], /at column \d+/],
      [
        ["run", "eyeblink", "--set", "model.granule.cnt=5"],
        /unknown path \(did you mean "model\.granule\.count"\?\); valid paths:[\s\S]*model\.granule\.count/,
      ],
      [
        ["run", "eyeblink", "--set", "model.granule.count=-5"],
        /model\.granule\.count: got -5; allowed: a number ≥ 100/,
      ],
      [["run", "eyeblink", "--seed", "abc"], /--seed: got "abc"; allowed: an integer/],
      [["run", join(dir, "missing.yaml")], /cannot read the file/],
    ];
    for (const [args, message] of cases) {
      const r = await cli(...args, "--out", out);
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.err).toMatch(message);
      expect(existsSync(out)).toBe(false);
      expect(readdirSync(dir).filter((f) => f.startsWith("never"))).toEqual([]);
    }
  });
});

describe("shoulda list", () => {
  it("lists paradigms with one line each and their settable parameters", async () => {
    const r = await cli("list");
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^eyeblink\s+Tone CS/m);
    expect(r.out).toMatch(/model\.granule\.count\s+4000\s+Granule cells N/);
    expect(r.out).toMatch(/analysis\.crThreshold/);
  });
});
