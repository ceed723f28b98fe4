/**
 * Side-by-side panels of line plots (a Vega-Lite column facet): one panel per `panel`, one
 * coloured line per `series` inside it, shared axes, so panels compare at a glance (e.g. one
 * panel per model, one line per trial type). Same tolerances as io/plots.ts: non-finite points
 * are dropped, empty input draws an empty frame.
 */
import type { TopLevelSpec } from "vega-lite";
import { CONFIG, finite, render } from "./plots.js";

export interface PanelSeries {
  panel: string;
  series: string;
  x: ArrayLike<number>;
  y: ArrayLike<number>;
}

export interface PanelPlotOptions {
  title: string;
  xLabel: string;
  yLabel: string;
  lines: PanelSeries[];
  /** Vertical dashed rules drawn in every panel (e.g. phase starts). */
  rules?: number[];
  yDomain?: [number, number];
  /** Size of each panel in px. Default 300 × 260. */
  width?: number;
  height?: number;
}

export async function panelLinePlot(opts: PanelPlotOptions): Promise<string> {
  const panels = [...new Set(opts.lines.map((l) => l.panel))];
  const seriesNames = [...new Set(opts.lines.map((l) => l.series))];
  const rows: { p: string; s: string; x: number; y: number }[] = [];
  for (const l of opts.lines) {
    const n = Math.min(l.x.length, l.y.length);
    for (let i = 0; i < n; i++)
      if (finite(l.x[i]) && finite(l.y[i]))
        rows.push({ p: l.panel, s: l.series, x: l.x[i], y: l.y[i] });
  }
  const rules = (opts.rules ?? []).filter(finite);
  // Every panel gets every rule: the rule rows are repeated per panel, since facets split data.
  const ruleRows = panels.flatMap((p) => rules.map((x) => ({ p, rx: x })));
  const empty = rows.length === 0;
  const spec = {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: opts.title,
    config: CONFIG,
    data: { values: [...rows, ...ruleRows] },
    facet: {
      column: {
        field: "p",
        type: "nominal",
        title: null,
        sort: panels,
        header: { labelFontSize: 13 },
      },
    },
    spec: {
      width: opts.width ?? 300,
      height: opts.height ?? 260,
      layer: [
        {
          transform: [{ filter: "isValid(datum.rx)" }],
          mark: { type: "rule", strokeDash: [4, 4], color: "#555", aria: false },
          encoding: { x: { field: "rx", type: "quantitative" } },
        },
        {
          transform: [{ filter: "isValid(datum.y)" }],
          mark: { type: "line", clip: true, aria: false, point: true },
          encoding: {
            x: {
              field: "x",
              type: "quantitative",
              title: opts.xLabel,
              scale: empty ? { domain: [0, 1] } : { zero: false, nice: false },
            },
            y: {
              field: "y",
              type: "quantitative",
              title: opts.yLabel,
              scale: opts.yDomain
                ? { domain: opts.yDomain }
                : empty
                  ? { domain: [0, 1] }
                  : { zero: false },
            },
            color: {
              field: "s",
              type: "nominal",
              title: null,
              scale: { domain: seriesNames, scheme: "tableau10" },
              legend: seriesNames.length ? { orient: "right", symbolType: "stroke" } : null,
            },
          },
        },
      ],
    },
  } as unknown as TopLevelSpec;
  return render(spec);
}
