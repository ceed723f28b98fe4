import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runParadigm } from "../../src/runParadigm.js";
import { fieldOf } from "../configErrors.js";

const tmp = mkdtempSync(join(tmpdir(), "shoulda-runparadigm-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** A small eyeblink run: 300 granule cells, 12 trials. */
const tiny = (seed: number) => ({
  paradigm: "eyeblink" as const,
  seed,
  model: { granule: { count: 300 }, mossy: { count: 16 } },
  experiment: { design: "acquisition: 10 T+(isi=250) / 2 T-(isi=250)" },
});
const stable = (s: object) => JSON.stringify({ ...s, wallSeconds: 0 });

async function asyncFieldOf(f: () => Promise<unknown>): Promise<string | undefined> {
  let caught: unknown;
  await f().catch((e) => {
    caught = e;
  });
  return fieldOf(() => {
    if (caught) throw caught;
  });
}

describe("runParadigm", () => {
  it("writes the run's folder as shoulda run does, and returns the typed results", async () => {
    const out = join(tmp, "a");
    const progress: number[] = [];
    const run = await runParadigm(tiny(3), { out, onProgress: (done) => progress.push(done) });
    expect(run.outDir).toBe(out);
    expect(run.summary.trials).toBe(12);
    expect(run.summary.phases[0].phase).toBe("acquisition");
    expect(run.config.model.granule.count).toBe(300);
    expect(progress.at(-1)).toBe(12);
    const names = readdirSync(out).sort();
    expect(names).toEqual(["config.json", "summary.json", ...run.files.map((f) => f.name)].sort());
    expect(JSON.parse(readFileSync(join(out, "summary.json"), "utf8"))).toEqual(run.summary);
    expect(JSON.parse(readFileSync(join(out, "config.json"), "utf8"))).toEqual(run.config);
    expect(readdirSync(tmp).filter((n) => n !== "a" && n.startsWith("a"))).toEqual([]);
  });

  it("gives the same results for the same seed, other results for another", async () => {
    const [a, b, c] = await Promise.all([tiny(5), tiny(5), tiny(6)].map((i) => runParadigm(i)));
    expect(stable(a.summary)).toBe(stable(b.summary));
    // Tables are compared; SVGs carry Vega's process-wide clip ids, so they differ between renders.
    const tables = (r: typeof a) => r.files.filter((f) => f.name.endsWith(".csv"));
    expect(tables(a).length).toBeGreaterThan(0);
    expect(tables(a)).toEqual(tables(b));
    expect(stable(a.summary)).not.toBe(stable(c.summary));
    expect(a.outDir).toBeUndefined();
  });

  it("refuses an existing folder unless force, and then replaces it whole", async () => {
    const out = join(tmp, "b");
    await runParadigm(tiny(1), { out });
    const before = readFileSync(join(out, "summary.json"), "utf8");
    expect(await asyncFieldOf(() => runParadigm(tiny(2), { out }))).toBe("out");
    await expect(runParadigm(tiny(2), { out })).rejects.toThrow(/or pass force: true to replace/);
    expect(readFileSync(join(out, "summary.json"), "utf8")).toBe(before);
    await runParadigm(tiny(2), { out, force: true, report: true });
    expect(readFileSync(join(out, "summary.json"), "utf8")).not.toBe(before);
    expect(JSON.parse(readFileSync(join(out, "config.json"), "utf8")).seed).toBe(2);
    expect(existsSync(join(out, "report.html"))).toBe(true);
  });

  it("names a bad field before anything is written", async () => {
    const out = join(tmp, "c");
    const bad = { ...tiny(1), model: { granule: { count: -5 } } };
    expect(await asyncFieldOf(() => runParadigm(bad, { out }))).toBe("model.granule.count");
    expect(await asyncFieldOf(() => runParadigm({ paradigm: "eyeblnk" }, { out }))).toBe(
      "paradigm",
    );
    expect(
      await asyncFieldOf(() => runParadigm(tiny(1), { out: join(tmp, "b", "summary.json", "x") })),
    ).toBe("out");
    expect(existsSync(out)).toBe(false);
  });

  it("refuses a run over its memory or simulated-time budget before it starts, as the CLI does", async () => {
    const out = join(tmp, "d");
    // 20,000 granule × 64 Purkinje cells: 5 MiB of weights against a 2-MiB budget.
    const big = { ...tiny(1), model: { granule: { count: 20_000 }, purkinje: { count: 64 } } };
    expect(await asyncFieldOf(() => runParadigm(big, { out, maxMemoryMiB: 2 }))).toBe(
      "maxMemoryMiB",
    );
    expect(await asyncFieldOf(() => runParadigm(tiny(1), { out, maxSimHours: 0.001 }))).toBe(
      "maxSimHours",
    );
    expect(await asyncFieldOf(() => runParadigm(tiny(1), { out, maxMemoryMiB: 0 }))).toBe(
      "maxMemoryMiB",
    );
    expect(existsSync(out)).toBe(false);
    // Within the limits it runs.
    expect((await runParadigm(tiny(1), { maxSimHours: 1 })).summary.trials).toBe(12);
  });
});
