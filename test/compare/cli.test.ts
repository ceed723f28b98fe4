/** `shoulda compare`: the files, the table, bad input refused whole, same seed same files. */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fromCsv } from "../../src/io/csv.js";
import { cli, tempDir } from "../cli/helpers.js";

const O = "(cs=10s,isi=9s,usdur=1s,iti=60s)";
// Blocking (Kamin 1969): A pretrained, then AX+; the control compound BY+ has no pretraining.
const BLOCKING = `pretraining: 8 A+${O} > compound: 8 AX+${O} / 8 BY+${O} > test: 2 X-${O} / 2 Y-${O}`;
const MODELS = ["amygdala", "rescorla-wagner", "pearce-hall"];

describe("shoulda compare", () => {
  it("writes trials.csv, summary.csv, curves.svg and config.json, and prints the table", async () => {
    const out = join(tempDir(), "cmp");
    const r = await cli("compare", BLOCKING, "--models", MODELS.join(","), "--out", out);
    expect(r.code, r.err).toBe(0);
    expect(readdirSync(out).sort()).toEqual([
      "config.json",
      "curves.svg",
      "summary.csv",
      "trials.csv",
    ]);
    for (const m of MODELS) expect(r.out).toContain(m);

    const trials = fromCsv(readFileSync(join(out, "trials.csv"), "utf8"));
    const perModel = MODELS.map((m) => trials.trialType.filter((_, i) => trials.model[i] === m));
    expect(perModel[0]).toHaveLength(8 + 16 + 4);
    // The same schedule for every model: trial n is the same trial type.
    expect(perModel[1]).toEqual(perModel[0]);
    expect(perModel[2]).toEqual(perModel[0]);

    // Graded blocking: every model responds less to the blocked X than to the control Y.
    const summary = fromCsv(readFileSync(join(out, "summary.csv"), "utf8"));
    const test = (model: string, cue: string) => {
      const i = summary.model.findIndex(
        (m, k) =>
          m === model && summary.phase[k] === "test" && summary.trialType[k].startsWith(cue),
      );
      return Number(summary.meanResponse[i]);
    };
    const context = (model: string, cue: string) => {
      const i = summary.model.findIndex(
        (m, k) =>
          m === model && summary.phase[k] === "test" && summary.trialType[k].startsWith(cue),
      );
      return Number(summary.meanPreResponse[i]);
    };
    // Net of the context (additive in the trial-level models), X adds far less than Y.
    for (const m of ["rescorla-wagner", "pearce-hall"]) {
      const netX = test(m, "X-") - context(m, "X-");
      const netY = test(m, "Y-") - context(m, "Y-");
      expect(netX).toBeLessThan(0.25 * netY);
    }
    for (const m of MODELS) {
      expect(test(m, "X-")).toBeGreaterThanOrEqual(0);
      expect(test(m, "X-")).toBeLessThan(test(m, "Y-"));
    }
    expect(readFileSync(join(out, "curves.svg"), "utf8")).toContain("pearce-hall");
  });

  it("refuses an unknown model (exit 2, lists the known ones, writes nothing)", async () => {
    const out = join(tempDir(), "cmp");
    const r = await cli("compare", BLOCKING, "--models", "amygdala,mackintosh", "--out", out);
    expect(r.code).toBe(2);
    expect(r.err).toContain("--models");
    expect(r.err).toContain('"mackintosh"');
    for (const m of MODELS) expect(r.err).toContain(m);
    expect(existsSync(out)).toBe(false);
  });

  it("refuses a design that is not a fear design (exit 2, nothing written)", async () => {
    const out = join(tempDir(), "cmp");
    const r = await cli("compare", "not a design", "--out", out);
    expect(r.code).toBe(2);
    expect(r.err).toContain("source");
    expect(existsSync(out)).toBe(false);
  });

  it("refuses another paradigm (exit 2, names the source, nothing written)", async () => {
    const out = join(tempDir(), "cmp");
    const r = await cli("compare", "eyeblink", "--out", out);
    expect(r.code).toBe(2);
    expect(r.err).toContain("source");
    expect(r.err).toContain("fear design");
    expect(existsSync(out)).toBe(false);
  });

  it("same seed, same files; another seed, another trial order", async () => {
    const dirs = [join(tempDir(), "a"), join(tempDir(), "b"), join(tempDir(), "c")];
    const seeds = ["7", "7", "8"];
    for (const [k, out] of dirs.entries()) {
      const r = await cli(
        "compare",
        BLOCKING,
        "--models",
        "rescorla-wagner,pearce-hall",
        "--seed",
        seeds[k],
        "--out",
        out,
      );
      expect(r.code, r.err).toBe(0);
    }
    const read = (d: string, f: string) => readFileSync(join(d, f), "utf8");
    for (const f of ["trials.csv", "summary.csv", "curves.svg", "config.json"])
      expect(read(dirs[1], f)).toBe(read(dirs[0], f));
    expect(read(dirs[2], "trials.csv")).not.toBe(read(dirs[0], "trials.csv"));
  });
});
