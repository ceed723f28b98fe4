import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cli, tempDir } from "./helpers.js";

describe("shoulda validate", () => {
  it("refuses an unknown --backend with exit 2, naming the allowed ones, and writes nothing", async () => {
    const dir = tempDir();
    const file = join(dir, "scorecard.json");
    const r = await cli("validate", "--only", "R1-trace", "--backend", "nope", "--json", file);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/backend: unknown backend "nope"; allowed: .*ts-int, wasm-int/);
    expect(existsSync(file)).toBe(false);
  });

  it("refuses a bad --eyeblink-set with exit 2, naming the field, before anything runs", async () => {
    const r = await cli("validate", "--only", "T1", "--eyeblink-set", "model.olive.usDrive=bogus");
    expect(r.code).toBe(2);
    expect(r.err).toMatch(
      /model\.olive\.usDrive: got "bogus"; allowed: one of "sustained", "onset"/,
    );
  });

  it("decides targets across animals, prints verdicts and coverage, writes JSON and the report", async () => {
    const dir = tempDir();
    const file = join(dir, "scorecard.json");
    const report = join(dir, "report");
    const r = await cli(
      "validate",
      ...[
        "--only",
        "R1-trace,A1",
        "--animals",
        "5",
        "--json",
        file,
        "--report",
        report,
        "--jobs",
        "1",
      ],
    );
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(
      /^id\s+verdict\s+n\s+decisive claim: mean \[95 % CI\]\s+p\s+measured\s+published/m,
    );
    expect(r.out).toMatch(/^R1-trace\s+PASS\s+1\s+LTD peak interval/m);
    expect(r.out).toMatch(/^A1\s+PASS\s+5\s+/m);
    expect(r.out).toMatch(/^2 pass, 0 fragile, 0 miss \(5 animals per target and protocol\)$/m);
    expect(r.out).toMatch(
      /^coverage: \d+ scored \/ \d+ out of scope \/ \d+ unscored \(of \d+ literature rows\)$/m,
    );
    const json = JSON.parse(readFileSync(file, "utf8"));
    expect(json.animals).toBe(5);
    expect(json.coverage.scored).toContain("R1");
    expect(json.coverage.outOfScope).toContainEqual(expect.objectContaining({ id: "TR4" }));
    expect(json.coverage.unscored).toContainEqual(expect.objectContaining({ id: "F3" }));
    const [r1, a1] = json.targets;
    // A kernel check is deterministic: one animal, decided by its windows.
    expect(r1).toMatchObject({
      id: "R1-trace",
      paradigm: "eyeblink",
      animals: 1,
      verdict: "pass",
      pass: true,
      measured: 100,
    });
    expect(r1.p).toBeUndefined();
    expect(a1).toMatchObject({ id: "A1", animals: 5, verdict: "pass", test: "wilcoxon" });
    expect(a1.p).toBeLessThan(0.05);
    expect(a1.effect.ci).toHaveLength(2);
    expect(a1.effect.ci[0]).toBeLessThanOrEqual(a1.effect.mean);
    expect(a1.claims.every((c: { values: number[] }) => c.values.length === 5)).toBe(true);
    expect(a1.variants).toEqual([expect.objectContaining({ protocol: "weak-shock", animals: 5 })]);
    expect(a1.reference).toMatchObject({ name: "Rescorla–Wagner", pass: false });
    expect(Object.keys(a1)).toEqual(
      expect.arrayContaining([
        "id",
        "paradigm",
        "source",
        "measured",
        "published",
        "tolerance",
        "pass",
      ]),
    );
    const html = readFileSync(join(report, "index.html"), "utf8");
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('id="A1"');
    expect(html).toMatch(/2 pass · 0 fragile · 0 miss/);
    expect(html).toMatch(/\d+ scored<\/span>/);
    expect(html.match(/<svg/g)?.length).toBe(2 + 3); // R1-trace's two claims, A1's three
    expect(html).not.toMatch(/<script/);
  }, 300_000);

  it("shows a known miss with its failing claim and still exits 0", async () => {
    const r = await cli(
      "validate",
      "--only",
      "F2",
      "--animals",
      "1",
      "--no-variants",
      "--jobs",
      "1",
    );
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/^F2\s+MISS\s+1\s+/m);
    expect(r.out).toMatch(/^ {2}F2 \(standard\): τ_form in minutes — mean /m);
    expect(r.out).toMatch(/^known misses: F2$/m);
  }, 300_000);

  it("rejects unknown target ids and bad animal counts, writing nothing", async () => {
    const r = await cli("validate", "--only", "QQQQQ");
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--only: unknown target "QQQQQ"; allowed: T1, (\w+, )*E1, /);
    const dir = tempDir();
    const bad = await cli(
      "validate",
      "--only",
      "R1-trace",
      "--animals",
      "0",
      "--json",
      join(dir, "s.json"),
    );
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/--animals: got "0"; allowed: an integer ≥ 1/);
    expect(existsSync(join(dir, "s.json"))).toBe(false);
  });
});
