/** Float32 values as JSON: exact and short (a recording is mostly these). */

/** The shortest decimal that reads back as the same float32 (JSON numbers stay exact and short). */
export function float32Text(v: number): string {
  if (v === 0 || !Number.isFinite(v)) return v === 0 ? "0" : "null";
  for (let digits = 1; digits < 9; digits++) {
    const text = v.toPrecision(digits);
    if (Math.fround(Number(text)) === v) return String(Number(text));
  }
  return String(Number(v.toPrecision(9)));
}

/** A float32 array as a JSON array of the shortest exact decimals. */
export function float32Json(values: ArrayLike<number>): string {
  let out = "[";
  for (let i = 0; i < values.length; i++) out += (i ? "," : "") + float32Text(values[i]);
  return `${out}]`;
}
