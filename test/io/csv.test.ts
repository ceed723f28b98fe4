import { describe, expect, it } from "vitest";
import { formatNumber, fromCsv, toCsv } from "../../src/io/csv.js";

describe("formatNumber", () => {
  it("writes integers as they are and rounds away float noise", () => {
    expect(formatNumber(0)).toBe("0");
    expect(formatNumber(-0)).toBe("0");
    expect(formatNumber(42)).toBe("42");
    expect(formatNumber(-7)).toBe("-7");
    expect(formatNumber(123456789012)).toBe("123456789012");
    expect(formatNumber(0.1 + 0.2)).toBe("0.3");
    expect(formatNumber(1 / 3)).toBe("0.3333333333");
    expect(formatNumber(-2.5)).toBe("-2.5");
    expect(formatNumber(1.5e-7)).toBe("1.5e-7");
    expect(formatNumber(123456.78901234)).toBe("123456.789");
  });

  it("maps NaN to an empty field and infinities to inf/-inf", () => {
    expect(formatNumber(Number.NaN)).toBe("");
    expect(formatNumber(Number.POSITIVE_INFINITY)).toBe("inf");
    expect(formatNumber(Number.NEGATIVE_INFINITY)).toBe("-inf");
  });
});

describe("toCsv", () => {
  it("writes a header, one row per index, LF endings and a trailing newline", () => {
    const csv = toCsv({
      trial: [1, 2, 3],
      cr: new Float64Array([0.1 + 0.2, Number.NaN, Number.POSITIVE_INFINITY]),
      paired: [true, false, null],
      phase: ["acq", "acq", "ext"],
    });
    expect(csv).toBe("trial,cr,paired,phase\n1,0.3,true,acq\n2,,false,acq\n3,inf,,ext\n");
  });

  it("quotes strings per RFC 4180 when needed", () => {
    const csv = toCsv({
      'a "name", with comma': ["plain", "has,comma", 'say "hi"', "two\nlines", " padded", "cr\r"],
    });
    expect(csv).toBe(
      '"a ""name"", with comma"\nplain\n"has,comma"\n"say ""hi"""\n"two\nlines"\n" padded"\n"cr\r"\n',
    );
  });

  it("throws on columns of unequal length", () => {
    expect(() => toCsv({ a: [1, 2, 3], b: [1, 2] })).toThrow(/"b" has 2 rows.*"a" has 3/);
  });

  it("handles no rows and no columns", () => {
    expect(toCsv({ a: [], b: [] })).toBe("a,b\n");
    expect(toCsv({})).toBe("");
  });
});

describe("fromCsv", () => {
  it("round-trips toCsv output", () => {
    const cols = {
      t: [0, 0.001, 0.002, 1e-9],
      name: ["x", "a,b", 'q"uote', "multi\nline"],
      empty: ["", "", "", ""],
      flag: [true, false, true, false],
    };
    const back = fromCsv(toCsv(cols));
    expect(Object.keys(back)).toEqual(["t", "name", "empty", "flag"]);
    expect(back.t.map(Number)).toEqual(cols.t);
    expect(back.name).toEqual(cols.name);
    expect(back.empty).toEqual(cols.empty);
    expect(back.flag).toEqual(["true", "false", "true", "false"]);
  });

  it("keeps blank single-column rows, accepts CRLF and a missing final newline", () => {
    expect(fromCsv(toCsv({ v: [1, null, 3] }))).toEqual({ v: ["1", "", "3"] });
    expect(fromCsv("a,b\r\n1,2\r\n3,4")).toEqual({ a: ["1", "3"], b: ["2", "4"] });
    expect(fromCsv("")).toEqual({});
  });

  it("rejects ragged rows and unterminated quotes", () => {
    expect(() => fromCsv("a,b\n1\n")).toThrow(/row 1 has 1 fields/);
    expect(() => fromCsv('a\n"open\n')).toThrow(/unterminated/);
  });
});
