import { describe, expect, it } from "vitest";
import {
  barPlot,
  downsampleIndices,
  groupCurvePlot,
  heatmap,
  linePlot,
} from "../../src/io/plots.js";

const count = (s: string, sub: string) => s.split(sub).length - 1;
/** Number of drawn line series (each is its own mark group with one path). */
const lineGroups = (svg: string) => count(svg, 'class="mark-line role-mark');
const texts = (svg: string) => [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);

const range = (n: number, f: (i: number) => number) => Array.from({ length: n }, (_, i) => f(i));

describe("linePlot", () => {
  it("renders an SVG with the title, one line per series, a legend and markers", async () => {
    const x = range(300, (i) => i);
    const svg = await linePlot({
      title: "CR across training",
      xLabel: "time (ms)",
      yLabel: "eyelid closure",
      series: [
        { name: "early", x, y: x.map((t) => Math.sin(t / 20)) },
        { name: "late", x, y: x.map((t) => Math.cos(t / 20)) },
        { name: "probe", x: new Float64Array(x), y: new Float64Array(x.map((t) => t / 300)) },
      ],
      markers: [{ x: 250, label: "US" }],
    });
    expect(svg.startsWith("<svg")).toBe(true);
    expect(svg.trimEnd().endsWith("</svg>")).toBe(true);
    const t = texts(svg);
    expect(t).toContain("CR across training");
    expect(t).toContain("time (ms)");
    expect(t).toContain("eyelid closure");
    expect(t).toEqual(expect.arrayContaining(["early", "late", "probe"])); // legend
    expect(lineGroups(svg)).toBe(3);
    expect(t).toContain("US");
    expect(svg).toContain('stroke-dasharray="5,4"');
  });

  it("escapes special characters in text", async () => {
    const svg = await linePlot({
      title: "A & B <C>",
      xLabel: "x",
      yLabel: "y",
      series: [{ name: "s", x: [0, 1], y: [0, 1] }],
    });
    expect(svg).toContain("A &amp; B &lt;C&gt;");
  });

  it("drops NaN and infinite points", async () => {
    const svg = await linePlot({
      title: "gappy",
      xLabel: "x",
      yLabel: "y",
      series: [
        { name: "a", x: [0, 1, 2, 3, 4], y: [0, Number.NaN, 2, Number.POSITIVE_INFINITY, 4] },
        { name: "b", x: [0, Number.NaN, 2], y: [1, 1, 1] },
      ],
      yDomain: [0, 5],
    });
    expect(svg.startsWith("<svg")).toBe(true);
    expect(svg).not.toContain("NaN");
    expect(lineGroups(svg)).toBe(2);
  });

  it("renders empty series (and no series) as an empty chart with the title", async () => {
    for (const series of [
      [],
      [{ name: "nothing", x: [], y: [] }],
      [{ name: "nan", x: [0], y: [Number.NaN] }],
    ]) {
      const svg = await linePlot({ title: "Empty run", xLabel: "x", yLabel: "y", series });
      expect(svg.startsWith("<svg")).toBe(true);
      expect(texts(svg)).toContain("Empty run");
      expect(lineGroups(svg)).toBe(0);
      expect(svg).not.toContain("NaN");
    }
  });

  it("downsamples long series", async () => {
    const n = 100_000;
    const x = new Float64Array(n).map((_, i) => i);
    const y = new Float64Array(n).map((_, i) => Math.sin(i / 1000));
    const svg = await linePlot({
      title: "long",
      xLabel: "x",
      yLabel: "y",
      series: [{ name: "s", x, y }],
    });
    const d = /class="mark-line role-mark[^>]*><path d="([^"]*)"/.exec(svg)![1];
    const points = count(d, "L") + 1;
    expect(points).toBeLessThanOrEqual(2000);
    expect(points).toBeGreaterThan(1000);
    expect(svg.length).toBeLessThan(200_000);
  });
});

describe("downsampleIndices", () => {
  it("keeps everything when short, and first, last and extremes when long", () => {
    expect(downsampleIndices([3, 1, 2], 10)).toEqual([0, 1, 2]);
    const y = range(10_000, (i) => (i === 4321 ? 100 : i === 8765 ? -100 : 0));
    const idx = downsampleIndices(y, 200);
    expect(idx.length).toBeLessThanOrEqual(200);
    expect(idx[0]).toBe(0);
    expect(idx[idx.length - 1]).toBe(9999);
    expect(idx).toContain(4321);
    expect(idx).toContain(8765);
    for (let i = 1; i < idx.length; i++) expect(idx[i]).toBeGreaterThan(idx[i - 1]);
  });
});

describe("heatmap", () => {
  it("renders cells, colour legend, labels and markers", async () => {
    const x = range(50, (i) => i * 10);
    const y = range(8, (i) => i + 1);
    const values = range(x.length * y.length, (k) => (k % 7 === 0 ? Number.NaN : k / 400));
    const svg = await heatmap({
      title: "CR profile by block",
      xLabel: "time in trial (ms)",
      yLabel: "block",
      x,
      y,
      values,
      colorLabel: "CR amplitude",
      markers: [{ x: 250, label: "US" }],
      rowMarkers: [{ x: 4.5, label: "extinction" }],
    });
    expect(svg.startsWith("<svg")).toBe(true);
    const t = texts(svg);
    expect(t).toEqual(
      expect.arrayContaining([
        "CR profile by block",
        "time in trial (ms)",
        "block",
        "CR amplitude",
        "US",
        "extinction",
      ]),
    );
    // The row marker is a solid horizontal rule across the plot (y2 = 0, no dash).
    expect(svg).toMatch(
      /class="mark-rule role-mark[^"]*"[^>]*><line [^>]*x2="-\d+" y2="0" stroke="white" stroke-width="1.2"\/>/,
    );
    const cells = /class="mark-rect role-mark[^>]*>(.*?)<\/g>/.exec(svg)![1];
    const nonNaN = values.filter((v) => !Number.isNaN(v)).length;
    expect(count(cells, "<path")).toBe(nonNaN);
    expect(svg).toContain('stroke-dasharray="5,4"');
    expect(svg).not.toContain("NaN");
  });

  it("averages big grids down and tolerates empty and all-NaN grids", async () => {
    const x = range(600, (i) => i);
    const y = range(150, (i) => i);
    const values = new Float64Array(x.length * y.length).map((_, k) => k % 600);
    const big = await heatmap({
      title: "big",
      xLabel: "x",
      yLabel: "y",
      x,
      y,
      values,
      colorLabel: "v",
    });
    const cells = /class="mark-rect role-mark[^>]*>(.*?)<\/g>/.exec(big)![1];
    expect(count(cells, "<path")).toBeLessThanOrEqual(240 * 120);
    expect(big.length).toBeLessThan(2_500_000);

    const empty = await heatmap({
      title: "none",
      xLabel: "x",
      yLabel: "y",
      x: [],
      y: [],
      values: [],
      colorLabel: "v",
    });
    expect(texts(empty)).toContain("none");
    const nan = await heatmap({
      title: "nan",
      xLabel: "x",
      yLabel: "y",
      x: [1, 2],
      y: [1],
      values: [Number.NaN, Number.NaN],
      colorLabel: "v",
    });
    expect(texts(nan)).toContain("nan");
  });

  it("throws when values do not match the grid", async () => {
    await expect(
      heatmap({
        title: "t",
        xLabel: "x",
        yLabel: "y",
        x: [1, 2],
        y: [1, 2],
        values: [1, 2, 3],
        colorLabel: "v",
      }),
    ).rejects.toThrow(/2 × 2 = 4/);
  });
});

describe("barPlot", () => {
  it("renders one bar per finite value with category labels", async () => {
    const svg = await barPlot({
      title: "CR % by group",
      xLabel: "group",
      yLabel: "CR %",
      categories: ["control", "lesion", "muscimol"],
      values: [80, 10, Number.NaN],
    });
    expect(svg.startsWith("<svg")).toBe(true);
    expect(texts(svg)).toEqual(
      expect.arrayContaining(["CR % by group", "control", "lesion", "muscimol"]),
    );
    const bars = /class="mark-rect role-mark[^>]*>(.*?)<\/g>/.exec(svg)![1];
    expect(count(bars, "<path")).toBe(2);
  });

  it("renders an empty chart and rejects mismatched lengths", async () => {
    const svg = await barPlot({
      title: "nothing",
      xLabel: "g",
      yLabel: "v",
      categories: [],
      values: [],
    });
    expect(texts(svg)).toContain("nothing");
    await expect(
      barPlot({ title: "t", xLabel: "g", yLabel: "v", categories: ["a"], values: [1, 2] }),
    ).rejects.toThrow(/2 values for 1 categories/);
  });
});

describe("groupCurvePlot", () => {
  it("draws a mean line and a ± SEM band per group, and each animal's curve faint", async () => {
    const svg = await groupCurvePlot({
      title: "CR % per block",
      xLabel: "block",
      yLabel: "CR %",
      groups: [
        { name: "ISI 250", x: [1, 2, 3], mean: [0, 40, 80], sem: [0, 10, 5] },
        { name: "ISI 500", x: [1, 2, 3], mean: [0, 20, 50], sem: [Number.NaN, 8, 6] },
      ],
      animals: [
        { group: "ISI 250", id: "1", x: [1, 2, 3], y: [0, 30, 90] },
        { group: "ISI 250", id: "2", x: [1, 2, 3], y: [0, 50, 70] },
        { group: "ISI 500", id: "1", x: [1, 2, 3], y: [0, 20, 50] },
        { group: "nobody", id: "9", x: [1], y: [1] },
      ],
      yDomain: [0, 100],
    });
    const t = texts(svg);
    expect(t).toEqual(
      expect.arrayContaining(["CR % per block", "block", "CR %", "ISI 250", "ISI 500"]),
    );
    // Three animals (the one of an unknown group is dropped) and two means.
    expect(lineGroups(svg)).toBe(5);
    expect(count(svg, 'class="mark-area role-mark')).toBe(2);
    expect(count(svg, 'stroke-width="0.8" opacity="0.3"')).toBe(3);
  });

  it("renders no groups as an empty chart with its title", async () => {
    const svg = await groupCurvePlot({ title: "empty", xLabel: "x", yLabel: "y", groups: [] });
    expect(svg.startsWith("<svg")).toBe(true);
    expect(texts(svg)).toContain("empty");
  });
});
