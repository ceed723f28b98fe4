/**
 * Encoding signed signals as non-negative mossy-fibre rates: a push–pull pair of channels, like
 * the vestibular afferents of the two labyrinths around their resting rate,
 *
 *   pos = [rest + x/scale]₊,   neg = [rest − x/scale]₊.
 *
 * With rest = 0 each channel carries one half-wave (fully rectified pair); with rest ≥ 1 both
 * stay linear over |x| ≤ scale.
 */
export function pushPull(
  value: number,
  scale: number,
  rest = 0,
  out?: number[],
  at = 0,
): [number, number] {
  const v = value / scale;
  const pos = Math.max(0, rest + v);
  const neg = Math.max(0, rest - v);
  if (out) {
    out[at] = pos;
    out[at + 1] = neg;
  }
  return [pos, neg];
}
