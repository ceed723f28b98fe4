import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cli, tempDir } from "./helpers.js";

describe("shoulda validate", () => {
  it("prints the scorecard table and writes the JSON form", async () => {
    const file = join(tempDir(), "scorecard.json");
    const r = await cli("validate", "--only", "R1", "--json", file, "--jobs", "1");
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/^id\s+source\s+measured\s+published\s+tolerance\s+pass/m);
    expect(r.out).toMatch(/^R1\s+Raymond & Lisberger 1998/m);
    expect(r.out).toMatch(/1 passed, 0 failed/);
    expect(r.out).toMatch(
      /^coverage: \d+ scored \/ \d+ out of scope \/ \d+ unscored \(of \d+ literature rows\)$/m,
    );
    const json = JSON.parse(readFileSync(file, "utf8"));
    expect(json.coverage.scored).toContain("R1");
    expect(json.coverage.outOfScope).toContainEqual(expect.objectContaining({ id: "TR4" }));
    expect(json.coverage.unscored).toContainEqual(expect.objectContaining({ id: "X7" }));
    expect(json.targets).toHaveLength(1);
    expect(json.targets[0]).toMatchObject({
      id: "R1",
      paradigm: "eyeblink",
      pass: true,
      measured: 100,
    });
    expect(Object.keys(json.targets[0])).toEqual(
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
  });

  it("rejects unknown target ids", async () => {
    const r = await cli("validate", "--only", "Q9");
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--only: unknown target "Q9"; allowed: T1, E1/);
  });
});
