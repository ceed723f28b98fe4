/** Float32 values as JSON: exact and short (a recording is mostly these). */

/** The shortest decimal that reads back as the same float32 (JSON numbers stay exact and short). */
export function float32Text(v: number): string {
  if (v === 0 || !Number.isFinite(v)) return v === 0 ? "0" : "null";
  // Round-tripping is monotone in the digits (9 always suffice), so search for the fewest.
  let lo = 1;
  let hi = 9;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (Math.fround(Number(v.toPrecision(mid))) === v) hi = mid;
    else lo = mid + 1;
  }
  return String(Number(v.toPrecision(lo)));
}

/** A float32 array as a JSON array of the shortest exact decimals. */
export function float32Json(values: ArrayLike<number>): string {
  let out = "[";
  for (let i = 0; i < values.length; i++) out += (i ? "," : "") + float32Text(values[i]);
  return `${out}]`;
}
