/** The one line `shoulda run` prints when done: where the results are, and the headline metric. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { headline } from "../../src/cli/headline.js";
import { cli, SMALL, tempDir } from "./helpers.js";

describe("the result line after shoulda run", () => {
  it("names the folder, its files and the CR % by phase, matching summary.json", async () => {
    const out = join(tempDir(), "e");
    const r = await cli("run", "acq: 10 T+(isi=300) > ext: 4 T-(isi=300)", ...SMALL, "--out", out);
    expect(r.code, r.err).toBe(0);
    const lines = r.out.trim().split("\n");
    expect(lines).toHaveLength(1);
    const summary = JSON.parse(readFileSync(join(out, "summary.json"), "utf8"));
    const [acq, ext] = summary.phases.map((p: { crPercent: number }) => p.crPercent.toFixed(0));
    expect(lines[0]).toBe(
      `wrote ${out}/ (config.json, summary.json, trials.csv, profiles.csv, acquisition.svg, amplitude.svg, profiles.svg, training-heatmap.svg); CR % by phase: acq ${acq}, ext ${ext}`,
    );
  });

  it("gives fear's CS freezing per phase from a real run", async () => {
    const out = join(tempDir(), "f");
    const r = await cli("run", "fear", "--out", out);
    expect(r.code, r.err).toBe(0);
    const summary = JSON.parse(readFileSync(join(out, "summary.json"), "utf8"));
    const parts = summary.phases.map(
      (p: { phase: string; meanCsFreezing: number }) => `${p.phase} ${p.meanCsFreezing.toFixed(0)}`,
    );
    expect(r.out).toContain(`; CS freezing % by phase: ${parts.join(", ")}`);
  });

  it("shortens rather than fails on a summary without the fields, and is empty for others", () => {
    expect(headline("eyeblink", { phases: [{ phase: "a", crPercent: null }] })).toBe(
      "CR % by phase: a —",
    );
    expect(headline("vor", {})).toBe("");
    expect(
      headline("vor", {
        conditions: {
          up: { endOfPhase: { train: { changePercent: 10 }, test: { changePercent: 12.34 } } },
        },
      }),
    ).toBe("VOR gain change % at the end: up 12.3");
    expect(
      headline("dcn", { comparison: { filter: { cancellationDb: 7.04, passThroughDb: -0.31 } } }),
    ).toBe("lick-sound cancellation 7.0 dB, external sounds passed -0.3 dB");
    expect(headline("ell", { anything: 1 })).toBe("");
  });
});
