/**
 * Small hand-drawn SVG charts for live plots: a frame with axes and ticks, lines, dots, bars,
 * vertical markers. Each redraw builds one string, so a plot with a few thousand points costs
 * well under a millisecond; the page redraws at most a few times a second.
 */

export interface ChartOptions {
  /** Unique in the page: names the clip path. */
  id: string;
  title: string;
  xLabel: string;
  yLabel: string;
  xDomain: [number, number];
  yDomain: [number, number];
  width?: number;
  height?: number;
}

const MARGIN = { left: 52, right: 14, top: 26, bottom: 38 };

/** "Nice" tick values covering [lo, hi], about `count` of them. */
export function ticks(lo: number, hi: number, count = 5): number[] {
  if (!(hi > lo) || !Number.isFinite(lo) || !Number.isFinite(hi)) return [lo];
  const raw = (hi - lo) / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? raw;
  const out: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step)
    out.push(Number(v.toPrecision(12)));
  return out;
}

const esc = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
const fmt = (v: number) => (Math.abs(v) >= 1000 ? v.toFixed(0) : String(Number(v.toPrecision(4))));

const LEGEND_ROW = 13;
/** Width of one character of the 10-px legend font, a little over its average (px). */
const LEGEND_CHAR = 5.6;

/**
 * Where a legend of n entries goes in a plot area of w × h px: rows per column, column width,
 * how many entries are drawn (the last of them "+ k more" when not all fit) and label length.
 */
export function legendLayout(
  n: number,
  w: number,
  h: number,
): { rows: number; columns: number; columnWidth: number; shown: number; maxChars: number } {
  const rows = Math.max(1, Math.floor((h - 4) / LEGEND_ROW));
  const columns = n > rows ? 2 : 1;
  const columnWidth = Math.floor((w - 8) / columns);
  const shown = Math.min(n, rows * columns);
  const maxChars = Math.max(4, Math.floor((columnWidth - 28) / LEGEND_CHAR));
  return { rows, columns, columnWidth, shown, maxChars };
}

/** `s` cut to `max` characters, with an ellipsis where it was cut. */
function clip(s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, max - 1)}…`;
}

export class Chart {
  readonly width: number;
  readonly height: number;
  private readonly parts: string[] = [];
  private readonly overlay: string[] = [];

  constructor(readonly o: ChartOptions) {
    this.width = o.width ?? 460;
    this.height = o.height ?? 240;
  }

  get plotWidth(): number {
    return this.width - MARGIN.left - MARGIN.right;
  }

  get plotHeight(): number {
    return this.height - MARGIN.top - MARGIN.bottom;
  }

  sx(v: number): number {
    const [a, b] = this.o.xDomain;
    return MARGIN.left + ((v - a) / (b - a || 1)) * this.plotWidth;
  }

  sy(v: number): number {
    const [a, b] = this.o.yDomain;
    return MARGIN.top + this.plotHeight - ((v - a) / (b - a || 1)) * this.plotHeight;
  }

  /** A polyline through (x[i], y[i]); non-finite points break the line. */
  line(
    x: ArrayLike<number>,
    y: ArrayLike<number>,
    style: { color: string; width?: number; dash?: string; opacity?: number },
  ): void {
    let d = "";
    let pen = false;
    const n = Math.min(x.length, y.length);
    for (let i = 0; i < n; i++) {
      const xi = x[i];
      const yi = y[i];
      if (!Number.isFinite(xi) || !Number.isFinite(yi)) {
        pen = false;
        continue;
      }
      d += `${pen ? "L" : "M"}${this.sx(xi).toFixed(1)} ${this.sy(yi).toFixed(1)}`;
      pen = true;
    }
    if (!d) return;
    const dash = style.dash ? ` stroke-dasharray="${style.dash}"` : "";
    const opacity = style.opacity !== undefined ? ` stroke-opacity="${style.opacity}"` : "";
    this.parts.push(
      `<path d="${d}" fill="none" stroke="${style.color}" stroke-width="${style.width ?? 1.5}"${dash}${opacity} stroke-linejoin="round"/>`,
    );
  }

  /** A line y(t) sampled every `dx` from `x0`. */
  trace(
    y: ArrayLike<number>,
    x0: number,
    dx: number,
    style: { color: string; width?: number; dash?: string; opacity?: number },
  ): void {
    const x = new Float64Array(y.length);
    for (let i = 0; i < y.length; i++) x[i] = x0 + i * dx;
    this.line(x, y, style);
  }

  dots(x: ArrayLike<number>, y: ArrayLike<number>, color: string, r = 2): void {
    let s = "";
    for (let i = 0; i < Math.min(x.length, y.length); i++) {
      if (!Number.isFinite(x[i]) || !Number.isFinite(y[i])) continue;
      s += `<circle cx="${this.sx(x[i]).toFixed(1)}" cy="${this.sy(y[i]).toFixed(1)}" r="${r}"/>`;
    }
    if (s) this.parts.push(`<g fill="${color}" fill-opacity="0.55">${s}</g>`);
  }

  /** Bars from x0[i] to x1[i], height y[i]. */
  bars(x0: ArrayLike<number>, x1: ArrayLike<number>, y: ArrayLike<number>, color: string): void {
    let s = "";
    const base = this.sy(Math.max(this.o.yDomain[0], 0));
    for (let i = 0; i < y.length; i++) {
      const top = this.sy(y[i]);
      const left = this.sx(x0[i]);
      const w = Math.max(0.5, this.sx(x1[i]) - left - 0.5);
      s += `<rect x="${left.toFixed(1)}" y="${top.toFixed(1)}" width="${w.toFixed(1)}" height="${Math.max(0, base - top).toFixed(1)}"/>`;
    }
    this.parts.push(`<g fill="${color}">${s}</g>`);
  }

  /** A dashed vertical rule, labelled above the plot area. */
  marker(x: number, label: string, color = "#555"): void {
    if (!Number.isFinite(x) || x < this.o.xDomain[0] || x > this.o.xDomain[1]) return;
    const px = this.sx(x).toFixed(1);
    this.overlay.push(
      `<line x1="${px}" x2="${px}" y1="${MARGIN.top}" y2="${MARGIN.top + this.plotHeight}" stroke="${color}" stroke-dasharray="4 3"/>` +
        `<text x="${px}" y="${MARGIN.top - 4}" text-anchor="middle" font-size="10" fill="${color}">${esc(label)}</text>`,
    );
  }

  /**
   * A small legend in the top-left corner of the plot area. It never leaves the plot area: past
   * one column's worth of entries it uses two columns, labels are cut to their column's width
   * (the whole label stays in a tooltip), and what still does not fit is counted in a last entry.
   */
  legend(items: { label: string; color: string; dash?: string }[]): void {
    const layout = legendLayout(items.length, this.plotWidth, this.plotHeight);
    const shown = layout.shown < items.length ? items.slice(0, layout.shown - 1) : items;
    shown.forEach((it, k) => {
      const x = MARGIN.left + 8 + Math.floor(k / layout.rows) * layout.columnWidth;
      const y = MARGIN.top + 10 + (k % layout.rows) * LEGEND_ROW;
      const dash = it.dash ? ` stroke-dasharray="${it.dash}"` : "";
      this.overlay.push(
        `<g><title>${esc(it.label)}</title>` +
          `<line x1="${x}" x2="${x + 16}" y1="${y - 3}" y2="${y - 3}" stroke="${it.color}" stroke-width="2"${dash}/>` +
          `<text x="${x + 20}" y="${y}" font-size="10" fill="#333">${esc(clip(it.label, layout.maxChars))}</text></g>`,
      );
    });
    if (shown.length < items.length) {
      const k = shown.length;
      const x = MARGIN.left + 8 + Math.floor(k / layout.rows) * layout.columnWidth;
      const y = MARGIN.top + 10 + (k % layout.rows) * LEGEND_ROW;
      this.overlay.push(
        `<text x="${x + 20}" y="${y}" font-size="10" fill="#666">+ ${items.length - k} more</text>`,
      );
    }
  }

  /** The whole chart as an SVG document string (with `attrs` on the root element). */
  svg(attrs = ""): string {
    const { o } = this;
    const x0 = MARGIN.left;
    const y0 = MARGIN.top + this.plotHeight;
    const axis: string[] = [];
    for (const t of ticks(
      o.xDomain[0],
      o.xDomain[1],
      Math.max(2, Math.round(this.plotWidth / 80)),
    )) {
      const px = this.sx(t).toFixed(1);
      axis.push(`<line x1="${px}" x2="${px}" y1="${MARGIN.top}" y2="${y0}" stroke="#eee"/>`);
      axis.push(`<text x="${px}" y="${y0 + 13}" text-anchor="middle">${fmt(t)}</text>`);
    }
    for (const t of ticks(
      o.yDomain[0],
      o.yDomain[1],
      Math.max(2, Math.round(this.plotHeight / 45)),
    )) {
      const py = this.sy(t).toFixed(1);
      axis.push(
        `<line x1="${x0}" x2="${x0 + this.plotWidth}" y1="${py}" y2="${py}" stroke="#eee"/>`,
      );
      axis.push(
        `<text x="${x0 - 5}" y="${py}" text-anchor="end" dominant-baseline="middle">${fmt(t)}</text>`,
      );
    }
    const clip = `<clipPath id="clip-${o.id}"><rect x="${x0}" y="${MARGIN.top}" width="${this.plotWidth}" height="${this.plotHeight}"/></clipPath>`;
    return (
      `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${this.width} ${this.height}" width="${this.width}" height="${this.height}" font-family="system-ui, sans-serif" font-size="10" ${attrs}>` +
      `<defs>${clip}</defs>` +
      `<g fill="#555">${axis.join("")}</g>` +
      `<rect x="${x0}" y="${MARGIN.top}" width="${this.plotWidth}" height="${this.plotHeight}" fill="none" stroke="#bbb"/>` +
      `<g clip-path="url(#clip-${o.id})">${this.parts.join("")}</g>` +
      this.overlay.join("") +
      `<text x="4" y="14" font-size="12" font-weight="600" fill="#222">${esc(o.title)}</text>` +
      `<text x="${x0 + this.plotWidth / 2}" y="${this.height - 6}" text-anchor="middle" fill="#333">${esc(o.xLabel)}</text>` +
      `<text transform="translate(12 ${MARGIN.top + this.plotHeight / 2}) rotate(-90)" text-anchor="middle" fill="#333">${esc(o.yLabel)}</text>` +
      "</svg>"
    );
  }
}

/** Light → dark blue-green ramp for "older → newer" lines (t in [0, 1]). */
export function ramp(t: number): string {
  const u = Math.min(1, Math.max(0, t));
  const a = [198, 219, 239];
  const b = [8, 48, 107];
  const c = a.map((v, i) => Math.round(v + (b[i] - v) * u));
  return `rgb(${c[0]},${c[1]},${c[2]})`;
}

/** Viridis-like colour for a value in [0, 1] (for the raster), as [r, g, b]. */
export function viridis(t: number): [number, number, number] {
  const stops: [number, number, number][] = [
    [68, 1, 84],
    [59, 82, 139],
    [33, 145, 140],
    [94, 201, 98],
    [253, 231, 37],
  ];
  const u = Math.min(1, Math.max(0, t)) * (stops.length - 1);
  const i = Math.min(stops.length - 2, Math.floor(u));
  const f = u - i;
  const [p, q] = [stops[i], stops[i + 1]];
  return [p[0] + (q[0] - p[0]) * f, p[1] + (q[1] - p[1]) * f, p[2] + (q[2] - p[2]) * f];
}
