/**
 * SVG plots of results, rendered in Node: a Vega-Lite spec is compiled to Vega and rendered
 * headless (`renderer: "none"`, `toSVG()`), so no canvas or browser is needed. Text widths are
 * estimated (no font metrics), which is fine for axis layout.
 *
 * Inputs are tolerant: non-finite points are dropped, empty series render an empty chart with
 * its title and axes, and long series are downsampled (min/max per bucket, first and last
 * point kept) to at most {@link MAX_POINTS_PER_SERIES} points so files stay small.
 */
import { logger, parse, Error as VEGA_ERROR, View } from "vega";
import { compile, type TopLevelSpec } from "vega-lite";

/** Upper bound on the points drawn per line series. */
export const MAX_POINTS_PER_SERIES = 2000;
/** Upper bounds on the cells drawn by {@link heatmap} (neighbouring cells are averaged beyond). */
export const MAX_HEATMAP_COLUMNS = 240;
export const MAX_HEATMAP_ROWS = 120;

const DEFAULT_WIDTH = 640;
const DEFAULT_HEIGHT = 320;
const FONT = "Helvetica, Arial, sans-serif";

/** A labelled vertical line, e.g. a US time. */
export interface PlotMarker {
  x: number;
  label: string;
}

export interface LineSeries {
  name: string;
  x: ArrayLike<number>;
  y: ArrayLike<number>;
}

export interface LinePlotOptions {
  title: string;
  xLabel: string;
  yLabel: string;
  series: LineSeries[];
  /** Vertical dashed rules, labelled above the plot area. */
  markers?: PlotMarker[];
  /** Size of the plot area in px (axes, legend and title come on top). Default 640 × 320. */
  width?: number;
  height?: number;
  /** Fixed y range; lines outside it are clipped. Default: fitted to the data. */
  yDomain?: [number, number];
  /** Logarithmic x and y axes (e.g. a scaling plot); points ≤ 0 are dropped. Default false. */
  logLog?: boolean;
  /** Draw a point at each datum as well as the line. Default false. */
  points?: boolean;
}

export interface HeatmapOptions {
  title: string;
  xLabel: string;
  yLabel: string;
  /** Column centres (length = number of columns), ascending. */
  x: ArrayLike<number>;
  /** Row centres (length = number of rows), ascending. */
  y: ArrayLike<number>;
  /** Row-major cell values: `values[r * x.length + c]` is at (x[c], y[r]). NaN cells are blank. */
  values: ArrayLike<number>;
  /** Title of the colour legend. */
  colorLabel: string;
  markers?: PlotMarker[];
  /** Horizontal rules at these y values (e.g. where a phase begins), labelled at the right edge. */
  rowMarkers?: PlotMarker[];
  width?: number;
  height?: number;
  /** Draw the first row at the top (like a raster of trials) instead of at the bottom. */
  yReverse?: boolean;
  /** Fixed colour range. Default: fitted to the data. */
  colorDomain?: [number, number];
}

export interface BarPlotOptions {
  title: string;
  xLabel: string;
  yLabel: string;
  categories: string[];
  /** One value per category; NaN values draw no bar. */
  values: number[];
  width?: number;
  height?: number;
}

export const CONFIG = {
  font: FONT,
  background: "white",
  padding: 8,
  view: { stroke: "#d0d0d0" },
  title: { fontSize: 15, fontWeight: 600, anchor: "start", color: "#222", offset: 20 },
  axis: {
    labelFontSize: 11,
    titleFontSize: 12,
    titleFontWeight: 500,
    labelColor: "#444",
    titleColor: "#222",
    domainColor: "#888",
    tickColor: "#888",
    gridColor: "#ececec",
  },
  legend: { labelFontSize: 11, titleFontSize: 12, titleFontWeight: 500, labelLimit: 240 },
  line: { strokeWidth: 1.6 },
} as const;

const MARKER_COLOR = "#555";

/** Rounds coordinates in path data to 2 decimals (0.01 px), which shrinks large plots a lot. */
function compactPaths(svg: string): string {
  return svg.replace(
    / d="([^"]*)"/g,
    (_, d: string) =>
      ` d="${d.replace(/-?\d+\.\d{3,}/g, (n) => String(Number(Number(n).toFixed(2))))}"`,
  );
}

/**
 * Renumbers Vega's clip-path ids (clip1, clip2 … in order of appearance): Vega counts them per
 * process, so without this the same plot rendered twice in one process gives different bytes.
 */
function renumberClips(svg: string): string {
  const ids = new Map<string, string>();
  return svg.replace(/\bclip(\d+)\b/g, (_, n: string) => {
    if (!ids.has(n)) ids.set(n, String(ids.size + 1));
    return `clip${ids.get(n)}`;
  });
}

/** Compiles a Vega-Lite spec and renders it to an SVG string. */
export async function render(spec: TopLevelSpec): Promise<string> {
  const vg = compile(spec, { logger: logger(VEGA_ERROR) }).spec;
  const view = new View(parse(vg), { renderer: "none", logLevel: VEGA_ERROR });
  try {
    return renumberClips(compactPaths(await view.toSVG()));
  } finally {
    view.finalize();
  }
}

/** A finite-number check that also rejects non-numbers hiding in loosely typed input. */
export function finite(v: unknown): v is number {
  return typeof v === "number" && Number.isFinite(v);
}

/**
 * Indices of the points to draw from a series of `n` points: all of them if `n ≤ max`,
 * otherwise first, last, and the min- and max-`y` point of each of `(max - 2) / 2` equal
 * buckets in between, in order. Keeps peaks and troughs that plain striding would miss.
 */
export function downsampleIndices(y: ArrayLike<number>, max = MAX_POINTS_PER_SERIES): number[] {
  const n = y.length;
  if (n <= max) return Array.from({ length: n }, (_, i) => i);
  const out = [0];
  const buckets = Math.max(1, Math.floor((max - 2) / 2));
  const inner = n - 2;
  for (let b = 0; b < buckets; b++) {
    const lo = 1 + Math.floor((b * inner) / buckets);
    const hi = 1 + Math.floor(((b + 1) * inner) / buckets);
    if (hi <= lo) continue;
    let iMin = lo;
    let iMax = lo;
    for (let i = lo + 1; i < hi; i++) {
      if (y[i] < y[iMin]) iMin = i;
      if (y[i] > y[iMax]) iMax = i;
    }
    if (iMin === iMax) out.push(iMin);
    else out.push(Math.min(iMin, iMax), Math.max(iMin, iMax));
  }
  out.push(n - 1);
  return out;
}

/** Makes names unique ("a", "a (2)", …) so that each series keeps its own colour. */
function uniqueNames(names: string[]): string[] {
  const seen = new Map<string, number>();
  return names.map((name) => {
    const k = (seen.get(name) ?? 0) + 1;
    seen.set(name, k);
    return k === 1 ? name : `${name} (${k})`;
  });
}

function markerRows(markers: PlotMarker[] | undefined): { mx: number; label: string }[] {
  return (markers ?? []).filter((m) => finite(m.x)).map((m) => ({ mx: m.x, label: m.label }));
}

/** Layers drawing dashed vertical rules at the markers, labelled just above the plot area. */
function markerLayers(markers: { mx: number; label: string }[], color: string): object[] {
  if (markers.length === 0) return [];
  const data = { values: markers };
  return [
    {
      data,
      mark: { type: "rule", strokeDash: [5, 4], strokeWidth: 1.2, color, clip: true, aria: false },
      encoding: { x: { field: "mx", type: "quantitative" } },
    },
    {
      data,
      mark: {
        type: "text",
        align: "center",
        baseline: "bottom",
        dy: -3,
        fontSize: 11,
        color: MARKER_COLOR,
        clip: false,
        aria: false,
      },
      encoding: {
        x: { field: "mx", type: "quantitative" },
        y: { value: 0 },
        text: { field: "label" },
      },
    },
  ];
}

/** Line plot: one coloured line per series, a legend, and optional labelled marker rules. */
export async function linePlot(opts: LinePlotOptions): Promise<string> {
  const names = uniqueNames(opts.series.map((s) => s.name));
  const rows: { s: string; x: number; y: number }[] = [];
  opts.series.forEach((s, k) => {
    const n = Math.min(s.x.length, s.y.length);
    const xs: number[] = [];
    const ys: number[] = [];
    for (let i = 0; i < n; i++) {
      const x = s.x[i];
      const y = s.y[i];
      if (finite(x) && finite(y) && (!opts.logLog || (x > 0 && y > 0))) {
        xs.push(x);
        ys.push(y);
      }
    }
    for (const i of downsampleIndices(ys)) rows.push({ s: names[k], x: xs[i], y: ys[i] });
  });
  const markers = markerRows(opts.markers);

  // With nothing to fit, fix the domains so that Vega still draws a sensible empty frame.
  const xEmpty = rows.length === 0 && markers.length === 0;
  const yEmpty = rows.length === 0;
  const yDomain = opts.yDomain ?? (yEmpty ? [0, 1] : undefined);

  const spec = {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: opts.title,
    width: opts.width ?? DEFAULT_WIDTH,
    height: opts.height ?? DEFAULT_HEIGHT,
    config: CONFIG,
    layer: [
      {
        data: { values: rows },
        mark: { type: "line", clip: true, aria: false, point: opts.points === true },
        encoding: {
          x: {
            field: "x",
            type: "quantitative",
            title: opts.xLabel,
            scale: xEmpty
              ? { domain: [0, 1] }
              : opts.logLog
                ? { type: "log" }
                : { zero: false, nice: false },
          },
          y: {
            field: "y",
            type: "quantitative",
            title: opts.yLabel,
            scale: yDomain
              ? { domain: yDomain, ...(opts.logLog ? { type: "log" } : {}) }
              : opts.logLog
                ? { type: "log" }
                : { zero: false },
          },
          color: {
            field: "s",
            type: "nominal",
            title: null,
            // Keep the caller's order (and list series with no points too).
            scale: { domain: names, scheme: "tableau10" },
            // Long enough for "phase: trial type (n=…)": truncated labels made series look alike.
            legend:
              names.length > 0 ? { orient: "right", symbolType: "stroke", labelLimit: 360 } : null,
          },
        },
      },
      ...markerLayers(markers, MARKER_COLOR),
    ],
  } as TopLevelSpec;
  return render(spec);
}

/**
 * Cell edges from centres: midway between neighbours; the outer edges mirror the first and
 * last half-gaps (a single centre gets a width of 1).
 */
function edges(centres: number[]): number[] {
  const n = centres.length;
  if (n === 0) return [];
  if (n === 1) return [centres[0] - 0.5, centres[0] + 0.5];
  const e = new Array<number>(n + 1);
  for (let i = 1; i < n; i++) e[i] = (centres[i - 1] + centres[i]) / 2;
  e[0] = centres[0] - (e[1] - centres[0]);
  e[n] = centres[n - 1] + (centres[n - 1] - e[n - 1]);
  return e;
}

/** [min, max] of the finite values, or [0, 1] if there are none (or they are all equal). */
function extent(values: number[]): [number, number] {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const v of values) {
    if (finite(v)) {
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  if (lo < hi) return [lo, hi];
  return lo === hi ? [lo - 0.5, hi + 0.5] : [0, 1];
}

/** Groups `n` indices into at most `max` contiguous, nearly equal runs: start offsets plus `n`. */
function groups(n: number, max: number): number[] {
  const k = Math.min(n, max);
  return Array.from({ length: k + 1 }, (_, g) => Math.floor((g * n) / k));
}

/** Layers drawing solid horizontal rules at row markers (`mx` holds the y value), labelled inside the right edge. */
function rowMarkerLayers(markers: { mx: number; label: string }[], color: string): object[] {
  if (markers.length === 0) return [];
  const data = { values: markers };
  const y = { field: "mx", type: "quantitative" };
  return [
    {
      data,
      mark: { type: "rule", strokeWidth: 1.2, color, clip: true, aria: false },
      encoding: { y },
    },
    {
      data,
      mark: {
        type: "text",
        align: "right",
        baseline: "bottom",
        dx: -4,
        dy: -2,
        fontSize: 11,
        color,
        clip: true,
        aria: false,
      },
      encoding: { y, x: { value: "width" }, text: { field: "label" } },
    },
  ];
}

/**
 * Heatmap of a row-major grid (e.g. the CR profile over time in trial, x, across training
 * blocks, y). Cells are drawn as rectangles between the midpoints of neighbouring centres, so
 * uneven grids are fine. Grids larger than {@link MAX_HEATMAP_COLUMNS} ×
 * {@link MAX_HEATMAP_ROWS} are reduced by averaging neighbouring cells (ignoring NaN).
 */
export async function heatmap(opts: HeatmapOptions): Promise<string> {
  const nx = opts.x.length;
  const ny = opts.y.length;
  if (opts.values.length !== nx * ny) {
    throw new Error(
      `heatmap: values has ${opts.values.length} entries, expected y.length × x.length = ` +
        `${ny} × ${nx} = ${nx * ny}`,
    );
  }
  const xEdges = edges(Array.from(opts.x));
  const yEdges = edges(Array.from(opts.y));
  const gx = groups(nx, MAX_HEATMAP_COLUMNS);
  const gy = groups(ny, MAX_HEATMAP_ROWS);

  const cells: { x0: number; x1: number; y0: number; y1: number; v: number }[] = [];
  for (let r = 0; r + 1 < gy.length; r++) {
    const [r0, r1] = [gy[r], gy[r + 1]];
    for (let c = 0; c + 1 < gx.length; c++) {
      const [c0, c1] = [gx[c], gx[c + 1]];
      let sum = 0;
      let count = 0;
      for (let i = r0; i < r1; i++) {
        for (let j = c0; j < c1; j++) {
          const v = opts.values[i * nx + j];
          if (finite(v)) {
            sum += v;
            count++;
          }
        }
      }
      const [x0, x1, y0, y1] = [xEdges[c0], xEdges[c1], yEdges[r0], yEdges[r1]];
      if (count > 0 && finite(x0) && finite(x1) && finite(y0) && finite(y1)) {
        cells.push({ x0, x1, y0, y1, v: sum / count });
      }
    }
  }
  const markers = markerRows(opts.markers);
  const xDomain = extent(xEdges);
  const yDomain = extent(yEdges);
  const width = opts.width ?? DEFAULT_WIDTH;
  const height = opts.height ?? DEFAULT_HEIGHT;
  // Anti-aliasing leaves hairline seams between abutting rectangles; let each cell overlap its
  // upper/right neighbour by half a pixel (the overlap is covered by the later cell, and the
  // mark is clipped to the plot area).
  const padX = (0.5 * (xDomain[1] - xDomain[0])) / width;
  const padY = (0.5 * (yDomain[1] - yDomain[0])) / height;
  for (const cell of cells) {
    cell.x1 += cell.x1 >= cell.x0 ? padX : -padX;
    cell.y1 += cell.y1 >= cell.y0 ? padY : -padY;
  }

  const spec = {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: opts.title,
    width,
    height,
    config: { ...CONFIG, axis: { ...CONFIG.axis, grid: false } },
    layer: [
      {
        data: { values: cells },
        mark: { type: "rect", clip: true, aria: false },
        encoding: {
          x: {
            field: "x0",
            type: "quantitative",
            title: opts.xLabel,
            scale: { domain: xDomain, nice: false, zero: false },
          },
          x2: { field: "x1" },
          y: {
            field: "y0",
            type: "quantitative",
            title: opts.yLabel,
            scale: { domain: yDomain, nice: false, zero: false, reverse: opts.yReverse ?? false },
          },
          y2: { field: "y1" },
          color: {
            field: "v",
            type: "quantitative",
            title: opts.colorLabel,
            scale: {
              scheme: "viridis",
              ...(opts.colorDomain
                ? { domain: opts.colorDomain }
                : cells.length
                  ? {}
                  : { domain: [0, 1] }),
            },
            legend: { orient: "right", gradientLength: Math.min(200, height) },
          },
        },
      },
      ...markerLayers(markers, "white"),
      ...rowMarkerLayers(markerRows(opts.rowMarkers), "white"),
    ],
  } as TopLevelSpec;
  return render(spec);
}

/** Bar chart, one bar per category in the given order. */
export async function barPlot(opts: BarPlotOptions): Promise<string> {
  if (opts.values.length !== opts.categories.length) {
    throw new Error(
      `barPlot: ${opts.values.length} values for ${opts.categories.length} categories`,
    );
  }
  const categories = uniqueNames(opts.categories);
  const rows = categories.map((c, i) => ({ c, v: opts.values[i] })).filter((r) => finite(r.v));
  const spec = {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: opts.title,
    width: opts.width ?? DEFAULT_WIDTH,
    height: opts.height ?? DEFAULT_HEIGHT,
    config: CONFIG,
    data: { values: rows },
    mark: { type: "bar", color: "#4c78a8", aria: false },
    encoding: {
      x: {
        field: "c",
        type: "nominal",
        title: opts.xLabel,
        sort: null,
        scale: { domain: categories },
        axis: { labelAngle: 0, labelLimit: 120 },
      },
      y: {
        field: "v",
        type: "quantitative",
        title: opts.yLabel,
        ...(rows.length ? {} : { scale: { domain: [0, 1] } }),
      },
    },
  } as TopLevelSpec;
  return render(spec);
}

export interface IntervalPlotOptions {
  title: string;
  /** Per-animal values (one point each). */
  values: number[];
  mean: number;
  /** 95 % interval of the mean. */
  ci: [number, number];
  /** Published window, shaded (infinite bounds are clipped to the plotted range). */
  window?: [number, number];
  /** Dashed rule, e.g. "no effect" at 0 for an ordinal claim. */
  reference?: number;
  width?: number;
}

/**
 * One claim across animals, as a horizontal strip: the animals as points, their mean as a tick
 * with its 95 % interval, the published window shaded or the "no effect" line dashed.
 */
export async function intervalPlot(opts: IntervalPlotOptions): Promise<string> {
  const finiteValues = opts.values.filter(finite);
  const known = [...finiteValues, ...opts.ci, opts.mean, opts.reference ?? Number.NaN].filter(
    finite,
  );
  const windowBounds = (opts.window ?? []).filter(finite);
  const all = [...known, ...windowBounds];
  const lo = all.length ? Math.min(...all) : 0;
  const hi = all.length ? Math.max(...all) : 1;
  const pad = (hi - lo || Math.abs(hi) || 1) * 0.08;
  const domain: [number, number] = [lo - pad, hi + pad];
  const clip = (x: number) => Math.min(domain[1], Math.max(domain[0], x));
  const x = (field: string) => ({
    field,
    type: "quantitative",
    scale: { domain, nice: false, zero: false },
    title: null,
  });
  const layers: unknown[] = [];
  if (opts.window) {
    layers.push({
      data: { values: [{ a: clip(opts.window[0]), b: clip(opts.window[1]) }] },
      mark: { type: "rect", color: "#cfe3c8", opacity: 0.8, aria: false },
      encoding: { x: x("a"), x2: { field: "b" } },
    });
  }
  if (finite(opts.reference)) {
    layers.push({
      data: { values: [{ r: opts.reference }] },
      mark: { type: "rule", color: MARKER_COLOR, strokeDash: [4, 3], aria: false },
      encoding: { x: x("r") },
    });
  }
  layers.push(
    {
      data: { values: finiteValues.map((v, i) => ({ v, k: i % 3 })) },
      mark: { type: "point", filled: true, size: 28, color: "#4c78a8", opacity: 0.75, aria: false },
      encoding: {
        x: x("v"),
        yOffset: { field: "k", type: "nominal", scale: { range: [6, 18] } },
      },
    },
    {
      data: {
        values: finite(opts.ci[0]) && finite(opts.ci[1]) ? [{ a: opts.ci[0], b: opts.ci[1] }] : [],
      },
      mark: { type: "rule", color: "#b33", strokeWidth: 2, aria: false },
      encoding: { x: x("a"), x2: { field: "b" } },
    },
    {
      data: { values: finite(opts.mean) ? [{ m: opts.mean }] : [] },
      mark: {
        type: "tick",
        color: "#b33",
        thickness: 3,
        size: 18,
        orient: "vertical",
        aria: false,
      },
      encoding: { x: x("m") },
    },
  );
  const spec = {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: { text: opts.title, fontSize: 12, fontWeight: 500, offset: 6 },
    width: opts.width ?? 360,
    height: 24,
    config: { ...CONFIG, view: { stroke: null } },
    layer: layers,
    resolve: { scale: { x: "shared" } },
  } as unknown as TopLevelSpec;
  return render(spec);
}

export interface GroupCurve {
  name: string;
  x: ArrayLike<number>;
  mean: ArrayLike<number>;
  /** Standard error of the mean at each x (NaN: no band there, e.g. n = 1). */
  sem: ArrayLike<number>;
}

export interface GroupCurvePlotOptions {
  title: string;
  xLabel: string;
  yLabel: string;
  groups: GroupCurve[];
  /** Each animal's curve, drawn faint in its group's colour. */
  animals?: { group: string; id: string; x: ArrayLike<number>; y: ArrayLike<number> }[];
  /** Observed values (e.g. a user's data against the model), drawn as dots in the group's colour. */
  observed?: { group: string; x: ArrayLike<number>; y: ArrayLike<number> }[];
  /** Fixed y range (e.g. 0–100 for a percentage); bands outside it are clipped. */
  yDomain?: [number, number];
  width?: number;
  height?: number;
}

/**
 * Group learning curves: per group the mean as a line with a ± SEM band, and each animal's
 * curve faint behind it in the same colour.
 */
export async function groupCurvePlot(opts: GroupCurvePlotOptions): Promise<string> {
  const names = uniqueNames(opts.groups.map((g) => g.name));
  const means: { g: string; x: number; y: number; lo?: number; hi?: number }[] = [];
  opts.groups.forEach((g, k) => {
    const n = Math.min(g.x.length, g.mean.length);
    for (let i = 0; i < n; i++) {
      const [x, y, s] = [g.x[i], g.mean[i], g.sem[i]];
      if (!finite(x) || !finite(y)) continue;
      means.push({ g: names[k], x, y, ...(finite(s) ? { lo: y - s, hi: y + s } : {}) });
    }
  });
  const animals: { g: string; a: string; x: number; y: number }[] = [];
  for (const a of opts.animals ?? []) {
    const k = opts.groups.findIndex((g) => g.name === a.group);
    if (k < 0) continue;
    const n = Math.min(a.x.length, a.y.length);
    for (let i = 0; i < n; i++)
      if (finite(a.x[i]) && finite(a.y[i]))
        animals.push({ g: names[k], a: `${names[k]}/${a.id}`, x: a.x[i], y: a.y[i] });
  }
  const observed: { g: string; x: number; y: number }[] = [];
  for (const o of opts.observed ?? []) {
    const k = opts.groups.findIndex((g) => g.name === o.group);
    if (k < 0) continue;
    for (let i = 0; i < Math.min(o.x.length, o.y.length); i++)
      if (finite(o.x[i]) && finite(o.y[i])) observed.push({ g: names[k], x: o.x[i], y: o.y[i] });
  }
  const empty = means.length === 0;
  const x = {
    field: "x",
    type: "quantitative",
    title: opts.xLabel,
    scale: empty ? { domain: [0, 1] } : { zero: false, nice: false },
    axis: { tickMinStep: 1 },
  };
  const y = {
    field: "y",
    type: "quantitative",
    title: opts.yLabel,
    scale: opts.yDomain ? { domain: opts.yDomain } : empty ? { domain: [0, 1] } : { zero: false },
    stack: null,
  };
  const color = {
    field: "g",
    type: "nominal",
    title: null,
    scale: { domain: names, scheme: "tableau10" },
    legend:
      names.length > 0
        ? { orient: "right", symbolType: "stroke", symbolOpacity: 1, labelLimit: 360 }
        : null,
  };
  const spec = {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: opts.title,
    width: opts.width ?? DEFAULT_WIDTH,
    height: opts.height ?? DEFAULT_HEIGHT,
    config: CONFIG,
    layer: [
      {
        data: { values: animals },
        mark: { type: "line", clip: true, aria: false, opacity: 0.3, strokeWidth: 0.8 },
        encoding: { x, y, color, detail: { field: "a" } },
      },
      {
        data: { values: means.filter((m) => m.lo !== undefined) },
        mark: { type: "area", clip: true, aria: false, opacity: 0.22 },
        encoding: {
          x,
          y: { ...y, field: "lo" },
          y2: { field: "hi" },
          color,
          detail: { field: "g" },
        },
      },
      {
        data: { values: means },
        mark: { type: "line", clip: true, aria: false, strokeWidth: 2 },
        encoding: { x, y, color },
      },
      ...(observed.length > 0
        ? [
            {
              data: { values: observed },
              mark: {
                type: "point",
                clip: true,
                aria: false,
                filled: true,
                size: 36,
                opacity: 0.9,
              },
              encoding: { x, y, color },
            },
          ]
        : []),
    ],
  } as TopLevelSpec;
  return render(spec);
}
