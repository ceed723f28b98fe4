/**
 * Linear least squares of y = a + b·g(x) for one fixed basis function g: the inner step of the
 * curve fits whose shape parameters are found by search (exponentialFit.ts, sigmoidFit.ts).
 * A basis without variance over x gives b = 0.
 */
export function affineFit(
  x: readonly number[],
  y: readonly number[],
  g: (x: number) => number,
): { a: number; b: number; sse: number } {
  let sg = 0;
  let sgg = 0;
  let sy = 0;
  let sgy = 0;
  const n = x.length;
  for (let i = 0; i < n; i++) {
    const v = g(x[i]);
    sg += v;
    sgg += v * v;
    sy += y[i];
    sgy += v * y[i];
  }
  const det = n * sgg - sg * sg;
  const b = det === 0 ? 0 : (n * sgy - sg * sy) / det;
  const a = (sy - b * sg) / n;
  let sse = 0;
  for (let i = 0; i < n; i++) sse += (y[i] - a - b * g(x[i])) ** 2;
  return { a, b, sse };
}
