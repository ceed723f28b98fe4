/**
 * `shoulda run --record …`: the NDJSON stream and the HDF5 file hold the same data, in the
 * documented layout, and what they hold is the run's (eyelid = trials.csv's trials, weights that
 * learning moved, granule events of the chosen cells only).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { cli, SMALL, tempDir } from "../cli/helpers.js";

const TRIALS = 24;
const RUN = [
  "run",
  `${TRIALS} T+(isi=250)`,
  ...SMALL,
  "--record",
  "eyelid,purkinje,cf,nucleus,weights,granule-raster",
  "--record-every",
  "8",
  "--record-cells",
  "0..29",
  "--record-format",
  "ndjson,hdf5",
];

type Line = Record<string, unknown> & { type: string };

describe("recordings", () => {
  let out: string;
  let lines: Line[];
  beforeAll(async () => {
    out = join(tempDir(), "out");
    const run = await cli(...RUN, "--out", out);
    expect(run.code, run.err).toBe(0);
    lines = readFileSync(join(out, "recordings.ndjson"), "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
  });

  it("streams a meta line, weights every k trials (and before the first), a line per trial, PSTHs", () => {
    expect(lines[0]).toMatchObject({ type: "meta", granuleCount: 400, purkinjeCount: 1, every: 8 });
    const weights = lines.filter((l) => l.type === "weights");
    expect(weights.map((l) => l.trials)).toEqual([0, 8, 16, 24]);
    const trials = lines.filter((l) => l.type === "trial");
    expect(trials.map((l) => l.trial)).toEqual(Array.from({ length: TRIALS }, (_, i) => i));
    expect(lines.filter((l) => l.type === "psth")).toHaveLength(1);
    // Every trace has one value a step; the raster lists chosen cells only.
    for (const t of trials) {
      expect((t.eyelid as number[]).length).toBe(t.steps);
      for (const probe of ["purkinje", "cf", "nucleus"])
        expect((t[probe] as number[][])[0].length).toBe(t.steps);
      const g = t.granule as { steps: number[]; cells: number[] };
      expect(g.steps.length).toBe(g.cells.length);
      expect(g.cells.every((c) => c >= 0 && c < 30)).toBe(true);
    }
  });

  it("records what the run did: learning moves PF→PC weights away from w₀", () => {
    const weights = lines.filter((l) => l.type === "weights");
    const first = weights[0].pfPurkinje as number[];
    const last = weights.at(-1)?.pfPurkinje as number[];
    expect(first.length).toBe(400);
    expect(new Set(first).size).toBe(1); // all at w₀ before the first trial
    expect(last.some((w, i) => w < first[i])).toBe(true); // LTD where PF activity met the CF
  });

  it("the HDF5 file holds the same traces in the NWB-like layout", async () => {
    const h5wasm = (await import("h5wasm/node")).default;
    await h5wasm.ready;
    const f = new h5wasm.File(join(out, "recordings.h5"), "r");
    try {
      const trials = lines.filter((l) => l.type === "trial");
      const eyelid = f.get("acquisition/eyelid/data") as InstanceType<typeof h5wasm.Dataset>;
      const index = f.get("acquisition/eyelid/data_index") as InstanceType<typeof h5wasm.Dataset>;
      const flat = trials.flatMap((t) => t.eyelid as number[]).map(Math.fround);
      expect(Array.from(eyelid.value as Float32Array)).toEqual(flat);
      let end = 0;
      expect(Array.from(index.value as Int32Array)).toEqual(
        trials.map((t) => (end += t.steps as number)),
      );
      const pf = f.get("processing/cerebellum/pf_purkinje_weights/data") as InstanceType<
        typeof h5wasm.Dataset
      >;
      expect(pf.shape).toEqual([4, 400, 1]);
      const start = f.get("intervals/trials/start_time") as InstanceType<typeof h5wasm.Dataset>;
      expect((start.value as Float64Array).length).toBe(TRIALS);
      const psth = f.get("analysis/psth/granule_active_fraction") as InstanceType<
        typeof h5wasm.Dataset
      >;
      expect(psth.shape?.slice(0, 2)).toEqual([1, 30]);
      expect(String(f.attrs.layout.value)).toBe("shoulda-nwb-like");
    } finally {
      f.close();
    }
  });

  it("config.json keeps the record section, so the run can be repeated with it", () => {
    const config = JSON.parse(readFileSync(join(out, "config.json"), "utf8"));
    expect(config.record).toEqual({
      probes: ["eyelid", "purkinje", "cf", "nucleus", "weights", "granule-raster"],
      every: 8,
      cells: { granule: Array.from({ length: 30 }, (_, i) => i) },
      psthBinMs: 25,
      formats: ["ndjson", "hdf5"],
    });
  });

  it("running config.json again repeats the recording byte for byte (same seed, same file)", async () => {
    const again = join(tempDir(), "again");
    const run = await cli("run", join(out, "config.json"), "--out", again);
    expect(run.code, run.err).toBe(0);
    const a = readFileSync(join(out, "recordings.ndjson"));
    expect(readFileSync(join(again, "recordings.ndjson")).equals(a)).toBe(true);
  });

  it("refuses bad recording options before anything runs (exit 2, nothing written)", async () => {
    const root = tempDir();
    const cases: [string[], RegExp][] = [
      [["--record", "eyelid,spikes"], /record\.probes\[1\]: got "spikes"; allowed: eyelid/],
      [
        ["--record", "granule-raster", "--record-cells", "0..999"],
        /record\.cells\.granule: got cell 400; allowed: 0\.\.399/,
      ],
      [
        ["--record", "eyelid", "--record-format", "csv"],
        /record\.formats\[0\]: got "csv"; allowed: ndjson, hdf5/,
      ],
      [["--record-every", "5"], /--record: missing/],
    ];
    for (const [flags, message] of cases) {
      const run = await cli("run", "4 T+", ...SMALL, ...flags, "--out", join(root, "x"));
      expect(run.code).toBe(2);
      expect(run.err).toMatch(message);
    }
    const vor = await cli("run", "vor", "--record", "eyelid", "--out", join(root, "v"));
    expect(vor.code).toBe(2);
    expect(vor.err).toMatch(/record: the paradigm vor declares no probes; allowed: .*eyeblink/);
  });
});
