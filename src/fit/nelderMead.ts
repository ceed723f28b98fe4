/**
 * Nelder–Mead simplex minimisation (Nelder & Mead 1965; the standard coefficients: reflection
 * 1, expansion 2, contraction ½, shrink ½) on the unit cube [0, 1]^d, points projected back
 * into it. Written here rather than taken from npm because the objective is asynchronous and
 * batched: a candidate is a set of simulation runs on a worker pool, and the initial simplex
 * and every shrink are evaluated as one parallel batch. (The one npm package, fmin 0.0.4 of 2024,
 * takes only a synchronous objective, has no bounds and a fixed 5 % initial simplex.)
 */

/** Evaluates several points at once (in parallel where it can); one loss per point. */
export type BatchObjective = (points: number[][]) => Promise<number[]>;

export interface NelderMeadOptions {
  /** Stop after this many evaluations (the batch in progress is finished). */
  maxEvaluations: number;
  /** Edge of the initial simplex, in unit-cube coordinates. Default 0.25. */
  step?: number;
  /** Converged when every vertex is within xTol of the best (per coordinate)… Default 1e-3. */
  xTol?: number;
  /** …and the losses differ by at most fTol × max(1, |best loss|). Default 1e-4. */
  fTol?: number;
}

export interface NelderMeadResult {
  x: number[];
  f: number;
  evaluations: number;
  iterations: number;
  converged: boolean;
}

const clamp01 = (v: number) => Math.min(1, Math.max(0, v));
const project = (x: number[]) => x.map(clamp01);
/** a + t (b − a), projected into the cube. */
const along = (a: number[], b: number[], t: number) =>
  project(a.map((ai, i) => ai + t * (b[i] - ai)));

/** NaN counts as the worst possible loss, so a failed point is never kept. */
const sane = (f: number) => (Number.isNaN(f) ? Number.POSITIVE_INFINITY : f);

export async function nelderMead(
  objective: BatchObjective,
  start: number[],
  options: NelderMeadOptions,
): Promise<NelderMeadResult> {
  const d = start.length;
  const step = options.step ?? 0.25;
  const xTol = options.xTol ?? 1e-3;
  const fTol = options.fTol ?? 1e-4;
  let evaluations = 0;
  const evaluate = async (points: number[][]) => {
    evaluations += points.length;
    return (await objective(points)).map(sane);
  };

  // Initial simplex: the start and one step along each axis (backwards at the upper bound).
  const x0 = project(start);
  const simplex = [x0];
  for (let i = 0; i < d; i++) {
    const v = [...x0];
    v[i] = x0[i] + step <= 1 ? x0[i] + step : x0[i] - step;
    simplex.push(project(v));
  }
  let values = await evaluate(simplex);
  let iterations = 0;
  let converged = false;

  const order = () => {
    const idx = simplex.map((_, i) => i).sort((a, b) => values[a] - values[b] || a - b);
    const [s, v] = [idx.map((i) => simplex[i]), idx.map((i) => values[i])];
    simplex.splice(0, simplex.length, ...s);
    values = v;
  };

  order();
  while (evaluations < options.maxEvaluations) {
    const spread = Math.max(
      ...simplex.slice(1).map((v) => Math.max(...v.map((vi, i) => Math.abs(vi - simplex[0][i])))),
    );
    if (spread <= xTol && values[d] - values[0] <= fTol * Math.max(1, Math.abs(values[0]))) {
      converged = true;
      break;
    }
    iterations++;
    const worst = simplex[d];
    const centroid = Array.from(
      { length: d },
      (_, i) => simplex.slice(0, d).reduce((s, v) => s + v[i], 0) / d,
    );
    const reflected = along(centroid, worst, -1);
    const [fr] = await evaluate([reflected]);
    if (fr < values[0]) {
      const expanded = along(centroid, worst, -2);
      const [fe] = await evaluate([expanded]);
      if (fe < fr) [simplex[d], values[d]] = [expanded, fe];
      else [simplex[d], values[d]] = [reflected, fr];
    } else if (fr < values[d - 1]) {
      [simplex[d], values[d]] = [reflected, fr];
    } else {
      // Contract towards the better of the reflected and worst points.
      const outside = fr < values[d];
      const contracted = along(centroid, outside ? reflected : worst, 0.5);
      const [fc] = await evaluate([contracted]);
      if (fc < (outside ? fr : values[d])) [simplex[d], values[d]] = [contracted, fc];
      else {
        // Shrink every vertex towards the best, as one batch.
        const shrunk = simplex.slice(1).map((v) => along(simplex[0], v, 0.5));
        const fs = await evaluate(shrunk);
        shrunk.forEach((v, k) => {
          simplex[k + 1] = v;
          values[k + 1] = fs[k];
        });
      }
    }
    order();
  }
  return { x: simplex[0], f: values[0], evaluations, iterations, converged };
}
