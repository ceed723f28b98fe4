/**
 * CSV tables (RFC 4180) for results: one header row of column names, then one row per index.
 * Output uses "\n" line endings and ends with a newline.
 */

/** A CSV cell value. `null` (and `undefined` in a sparse array) is written as an empty field. */
export type CsvValue = number | string | boolean | null;

/**
 * Formats a number for CSV: integers as they are; other finite numbers rounded to 10
 * significant digits and written in the shortest form that round-trips that rounding
 * (`0.1 + 0.2` → "0.3", `1/3` → "0.3333333333", `1.5e-7` → "1.5e-7"); NaN → "" (empty
 * field); ±Infinity → "inf" / "-inf"; -0 → "0".
 */
export function formatNumber(x: number): string {
  if (Number.isNaN(x)) return "";
  if (x === Number.POSITIVE_INFINITY) return "inf";
  if (x === Number.NEGATIVE_INFINITY) return "-inf";
  if (Number.isInteger(x)) return String(x);
  return String(Number(x.toPrecision(10)));
}

/** Quotes a field if it contains a comma, quote, CR/LF, or leading/trailing whitespace. */
function quote(s: string): string {
  return /[",\r\n]|^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function formatCell(v: CsvValue | undefined): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "number") return formatNumber(v);
  if (typeof v === "boolean") return v ? "true" : "false";
  return quote(v);
}

/**
 * Writes columns as a CSV table. Column order is the object's key order. All columns must
 * have the same length (throws otherwise). Numbers go through {@link formatNumber}, booleans
 * become true/false, strings are quoted when needed. No columns → "".
 */
export function toCsv(columns: Record<string, ArrayLike<CsvValue>>): string {
  const names = Object.keys(columns);
  if (names.length === 0) return "";
  const n = columns[names[0]].length;
  for (const name of names) {
    if (columns[name].length !== n) {
      throw new Error(
        `toCsv: column ${JSON.stringify(name)} has ${columns[name].length} rows, ` +
          `but column ${JSON.stringify(names[0])} has ${n}`,
      );
    }
  }
  const cols = names.map((name) => columns[name]);
  const lines: string[] = new Array(n + 1);
  lines[0] = names.map(quote).join(",");
  const row: string[] = new Array(cols.length);
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < cols.length; c++) row[c] = formatCell(cols[c][i]);
    lines[i + 1] = row.join(",");
  }
  return lines.join("\n") + "\n";
}

/** Parses RFC 4180 text into rows of fields (accepts "\n" or "\r\n"; a final newline is optional). */
function parseRows(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let i = 0;
  const len = text.length;
  while (i < len) {
    const ch = text[i];
    if (ch === '"' && field === "") {
      // Quoted field: runs to the closing quote; "" inside is an escaped quote.
      i++;
      for (;;) {
        if (i >= len) throw new Error("fromCsv: unterminated quoted field");
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
          } else {
            i++;
            break;
          }
        } else {
          field += text[i++];
        }
      }
      if (i < len && text[i] !== "," && text[i] !== "\n" && text[i] !== "\r") {
        throw new Error(`fromCsv: unexpected character after a quoted field at offset ${i}`);
      }
    } else if (ch === ",") {
      row.push(field);
      field = "";
      i++;
    } else if (ch === "\n" || ch === "\r") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      i += ch === "\r" && text[i + 1] === "\n" ? 2 : 1;
    } else {
      field += ch;
      i++;
    }
  }
  // A last line without a newline.
  if (field !== "" || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/**
 * Reads a CSV table written by {@link toCsv} (or any RFC 4180 table with a header row) into
 * columns of raw strings. Throws on rows whose field count differs from the header's.
 */
export function fromCsv(text: string): Record<string, string[]> {
  const rows = parseRows(text);
  const out: Record<string, string[]> = {};
  if (rows.length === 0) return out;
  const header = rows[0];
  const cols = header.map(() => [] as string[]);
  for (let r = 1; r < rows.length; r++) {
    const row = rows[r];
    if (row.length !== header.length) {
      throw new Error(
        `fromCsv: row ${r} has ${row.length} fields, the header has ${header.length}`,
      );
    }
    for (let c = 0; c < row.length; c++) cols[c].push(row[c]);
  }
  header.forEach((name, c) => {
    out[name] = cols[c];
  });
  return out;
}
