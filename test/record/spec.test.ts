/** The `record:` section and the --record flags: defaults, merging, and errors that name the field. */
import { describe, expect, it } from "vitest";
import { ConfigError } from "../../src/model/errors.js";
import { parseCells, parseRecordSpec, recordInput, resolveCells } from "../../src/record/spec.js";

const fieldOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    if (e instanceof ConfigError) return e.field;
    throw e;
  }
  return undefined;
};

describe("record spec", () => {
  it("has the documented defaults", () => {
    expect(parseRecordSpec({ probes: ["eyelid"] })).toEqual({
      probes: ["eyelid"],
      every: 10,
      cells: { granule: "default", purkinje: "all" },
      psthBinMs: 25,
      formats: ["ndjson"],
    });
  });

  it("reads cell ranges and lists, sorted and without repeats", () => {
    expect(parseCells("3..5,0,4", "f")).toEqual([0, 3, 4, 5]);
    expect(parseCells([7, 2], "f")).toEqual([2, 7]);
    expect(fieldOf(() => parseCells("5..3", "record.cells.granule"))).toBe("record.cells.granule");
    expect(fieldOf(() => parseCells("a", "f"))).toBe("f");
  });

  const bad: [string, unknown, string][] = [
    ["an unknown probe", { probes: ["eyelid", "spikes"] }, "record.probes[1]"],
    ["no probes", { probes: [] }, "record.probes"],
    ["every 0", { probes: ["weights"], every: 0 }, "record.every"],
    ["an unknown format", { probes: ["eyelid"], formats: ["csv"] }, "record.formats[0]"],
    ["an unknown key", { probes: ["eyelid"], evry: 3 }, "record.evry"],
    ["an unknown cell kind", { probes: ["eyelid"], cells: { golgi: "0" } }, "record.cells.golgi"],
    ["a bad bin", { probes: ["eyelid"], psthBinMs: -5 }, "record.psthBinMs"],
    ["not an object", "eyelid", "record"],
  ];
  for (const [name, input, field] of bad)
    it(`refuses ${name}, naming ${field}`, () => {
      expect(fieldOf(() => parseRecordSpec(input))).toBe(field);
    });

  it("flags override the file's section; cells flags pick granule or Purkinje cells", () => {
    const merged = recordInput(
      { probes: ["eyelid"], every: 5, cells: { purkinje: "0" } },
      { record: "eyelid,weights", recordCells: ["0..9"], recordFormat: "hdf5" },
    );
    expect(parseRecordSpec(merged)).toMatchObject({
      probes: ["eyelid", "weights"],
      every: 5,
      cells: { granule: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], purkinje: [0] },
      formats: ["hdf5"],
    });
    expect(recordInput(undefined, {})).toBeUndefined();
    expect(fieldOf(() => recordInput(undefined, { recordEvery: "3" }))).toBe("--record");
    expect(
      fieldOf(() => recordInput(undefined, { record: "eyelid", recordCells: ["golgi=1"] })),
    ).toBe("--record-cells");
  });

  it("checks chosen cells against the model's sizes", () => {
    const spec = parseRecordSpec({ probes: ["granule-raster"], cells: { granule: "0..99" } });
    expect(fieldOf(() => resolveCells(spec, 50, 1))).toBe("record.cells.granule");
    expect(resolveCells(parseRecordSpec({ probes: ["eyelid"] }), 20, 2)).toEqual({
      granule: Array.from({ length: 20 }, (_, i) => i),
      purkinje: [0, 1],
    });
  });
});
