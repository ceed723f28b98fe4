import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import {
  BEYOND_LITERATURE,
  coverage,
  coverageLine,
  coverageRows,
  namedTargets,
  targetsWithoutRow,
} from "../../src/validation/coverage.js";
import { allTargets } from "../../src/validation/registry.js";

// The targets file ships as docs/literature.md; the team's shared folder beside the repository
// holds the original, which the copy must match wherever that folder is present.
const literature = fileURLToPath(new URL("../../docs/literature.md", import.meta.url));
const shared = fileURLToPath(new URL("../../../shared/targets/literature.md", import.meta.url));

/** The ids the targets file defines: its table rows, the DCN scoring proposals, Medina 2000. */
function literatureIds(text: string): string[] {
  const ids = [...text.matchAll(/^\| *([A-Z]+[0-9]+) *\|/gm)].map((m) => m[1]);
  ids.push(...[...text.matchAll(/^\* \*\*(DCN[0-9]+) \(/gm)].map((m) => m[1]));
  if (/Medina, Garcia, Nores, Taylor & Mauk 2000/.test(text)) ids.push("Medina2000");
  return ids;
}

describe("scorecard coverage", () => {
  it.skipIf(!existsSync(shared))("docs/literature.md is the team's targets file, unchanged", () => {
    expect(readFileSync(literature, "utf8")).toBe(readFileSync(shared, "utf8"));
  });

  it("accounts for every row of the targets file, once", () => {
    const ids = literatureIds(readFileSync(literature, "utf8"));
    expect(ids.length).toBeGreaterThan(60);
    const rows = coverageRows.map((r) => r.id);
    expect(new Set(rows).size).toBe(rows.length);
    expect([...rows].sort()).toEqual([...new Set(ids)].sort());
  });

  it("names only scorecard targets, and every scorecard target scores some row", () => {
    const known = new Set(allTargets.map((t) => t.id));
    for (const row of coverageRows) {
      const by = namedTargets(row);
      if (row.entry.status === "scored") expect(by.length, row.id).toBeGreaterThan(0);
      for (const t of by) expect(known.has(t), `${row.id} → ${t}`).toBe(true);
    }
    expect(targetsWithoutRow(allTargets)).toEqual([]);
    expect(targetsWithoutRow([{ id: "Q9" }])).toEqual(["Q9"]);
  });

  it("lists beyond the targets file only scorecard targets no row names, each with its source", () => {
    const known = new Set(allTargets.map((t) => t.id));
    const named = new Set(coverageRows.flatMap(namedTargets));
    for (const [id, source] of Object.entries(BEYOND_LITERATURE)) {
      expect(known.has(id), id).toBe(true);
      expect(named.has(id), id).toBe(false);
      expect(source.length).toBeGreaterThan(10);
    }
  });

  it("gives every row out of scope or unscored its reason, and counts them", () => {
    const c = coverage();
    for (const r of [...c.outOfScope.map((o) => o.reason), ...c.unscored.map((u) => u.needs)])
      expect(r.length).toBeGreaterThan(10);
    expect(c.scored.length + c.outOfScope.length + c.unscored.length).toBe(coverageRows.length);
    expect(coverageLine(c)).toBe(
      `coverage: ${c.scored.length} scored / ${c.outOfScope.length} out of scope / ${c.unscored.length} unscored (of ${coverageRows.length} literature rows)`,
    );
  });
});
