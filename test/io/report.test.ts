/**
 * Reports: one self-contained HTML file (inline SVG plots with unique ids, summary, config,
 * versions, seed; nothing loaded from anywhere) and PNGs of the plots; `shoulda run --report`.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { heatmap, linePlot } from "../../src/io/plots.js";
import { DEFAULT_PNG_SCALE, resvgVersion, svgToPng } from "../../src/io/png.js";
import { namespaceSvgIds, reportFiles, reportHtml } from "../../src/io/report.js";
import { cli, SMALL, tempDir } from "../cli/helpers.js";

/** Width and height from a PNG's IHDR chunk. */
function pngSize(bytes: Uint8Array): { width: number; height: number } {
  expect(Array.from(bytes.subarray(0, 8))).toEqual([137, 80, 78, 71, 13, 10, 26, 10]);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

function svgSize(svg: string): { width: number; height: number } {
  const m = /<svg[^>]*\swidth="(\d+(?:\.\d+)?)"[^>]*\sheight="(\d+(?:\.\d+)?)"/.exec(svg);
  if (!m) throw new Error("no size");
  return { width: Number(m[1]), height: Number(m[2]) };
}

async function plots() {
  const line = await linePlot({
    title: "A <line> & more",
    xLabel: "t",
    yLabel: "y",
    series: [{ name: "s", x: [0, 1, 2], y: [0, 1, 0] }],
  });
  const heat = await heatmap({
    title: "heat",
    xLabel: "x",
    yLabel: "y",
    x: [0, 1],
    y: [0, 1],
    values: [0, 1, 2, 3],
    colorLabel: "v",
  });
  return [
    { name: "line.svg", data: line },
    { name: "heat.svg", data: heat },
    { name: "heat2.svg", data: heat },
  ];
}

describe("reportHtml", () => {
  it("is one self-contained page with plots, summary, config, versions and seed", async () => {
    const files = [...(await plots()), { name: "trials.csv", data: "trial,cr\n1,true\n" }];
    const html = reportHtml({
      config: {
        paradigm: "eyeblink",
        seed: 42,
        model: { name: "</pre><script>alert(1)</script>" },
      },
      summary: {
        paradigm: "eyeblink",
        seed: 42,
        trials: 3,
        phases: [
          { phase: "acquisition <b>", trials: 3, crPercent: 66.6667, crPercentByBlock: [0, 100] },
        ],
        nested: { a: { b: 1 } },
      },
      files,
      paradigm: {
        title: "Eyeblink conditioning",
        summary: "Tone → puff",
        citation: "Medina et al. 2000",
      },
      versions: { shoulda: "9.9.9", node: "v20.0.0", vega: "6.4.0" },
      command: "shoulda run eyeblink --seed 42 --report",
      date: new Date("2025-01-02T03:04:05Z"),
    });
    expect(html.startsWith("<!doctype html>")).toBe(true);
    // The headline numbers come before the plots, not after them.
    expect(html.indexOf("<h2>Summary</h2>")).toBeLessThan(html.indexOf("<h2>Plots</h2>"));
    // Self-contained: no scripts, nothing fetched, and a CSP that forbids fetching.
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/\s(?:src|href)="(?!data:|#)/i);
    expect(html).toContain("default-src 'none'");
    expect(html).not.toMatch(/<link\s/i);
    // Plots inline, their ids unique across the page.
    expect(html.match(/<svg[\s>]/g)?.length).toBe(3);
    const ids = [...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);
    for (const m of html.matchAll(/url\(#([^)]+)\)/g)) expect(ids).toContain(m[1]);
    // Facts, summary table, config, versions, seed; user text escaped.
    expect(html).toContain("<th>seed</th><td>42</td>");
    expect(html).toContain("9.9.9");
    expect(html).toContain("v20.0.0");
    expect(html).toContain("shoulda run eyeblink --seed 42 --report");
    expect(html).toContain("2025-01-02T03:04:05.000Z");
    expect(html).toContain("<th>crPercent</th>");
    expect(html).toContain("66.6667");
    expect(html).toContain("acquisition &#60;b&#62;");
    expect(html).toContain("&#60;/pre&#62;&#60;script&#62;");
    expect(html).toContain("Medina et al. 2000");
    // Data embedded as downloadable data: links.
    expect(html).toContain('download="trials.csv" href="data:text/csv;base64,');
    expect(html).toContain('download="config.json"');
    const b64 = /download="trials.csv" href="data:text\/csv;base64,([^"]+)"/.exec(html)?.[1] ?? "";
    expect(Buffer.from(b64, "base64").toString("utf8")).toBe("trial,cr\n1,true\n");
  });

  it("namespaces ids and their references", () => {
    const svg =
      '<svg><defs><clipPath id="clip1"/><linearGradient id="g"/></defs>' +
      '<g clip-path="url(#clip1)" fill="url(#g)"><use href="#g"/><use xlink:href="#clip1"/></g>' +
      '<a href="#elsewhere"/></svg>';
    expect(namespaceSvgIds(svg, "p2")).toBe(
      '<svg><defs><clipPath id="p2-clip1"/><linearGradient id="p2-g"/></defs>' +
        '<g clip-path="url(#p2-clip1)" fill="url(#p2-g)"><use href="#p2-g"/><use xlink:href="#p2-clip1"/></g>' +
        '<a href="#elsewhere"/></svg>',
    );
  });
});

describe("PNG plots", () => {
  it("rasterises an SVG plot at 300 dpi of its nominal size", async () => {
    expect(resvgVersion()).toMatch(/^\d+\.\d+\.\d+$/);
    const [line] = await plots();
    const png = await svgToPng(line.data);
    const size = svgSize(line.data);
    const got = pngSize(png);
    expect(Math.abs(got.width - size.width * DEFAULT_PNG_SCALE)).toBeLessThanOrEqual(1);
    expect(Math.abs(got.height - size.height * DEFAULT_PNG_SCALE)).toBeLessThanOrEqual(1);
    expect(pngSize(await svgToPng(line.data, { scale: 1 }))).toEqual(size);
  });

  it("reportFiles writes report.html and one PNG per SVG", async () => {
    const files = await plots();
    const out = await reportFiles(
      { config: { paradigm: "x", seed: 1 }, summary: {}, files, versions: {} },
      (svg) => svgToPng(svg, { scale: 1 }),
    );
    expect(out.map((f) => f.name)).toEqual(["report.html", "line.png", "heat.png", "heat2.png"]);
    expect(typeof out[0].data).toBe("string");
    for (const f of out.slice(1)) expect(f.data).toBeInstanceOf(Uint8Array);
  });
});

describe("shoulda run --report", () => {
  it("writes report.html and a PNG of each plot next to the usual files", async () => {
    const dir = join(tempDir(), "run");
    const { code, out } = await cli(
      "run",
      "6 T+(isi=300, usdur=50, iti=300, jitter=100)",
      ...SMALL,
      "--seed",
      "5",
      "--out",
      dir,
      "--report",
    );
    expect(code).toBe(0);
    expect(out).toContain("report.html");
    const html = readFileSync(join(dir, "report.html"), "utf8");
    const svgs = ["acquisition", "amplitude", "profiles", "training-heatmap"];
    for (const name of svgs) {
      expect(existsSync(join(dir, `${name}.svg`))).toBe(true);
      const png = new Uint8Array(readFileSync(join(dir, `${name}.png`)));
      const size = svgSize(readFileSync(join(dir, `${name}.svg`), "utf8"));
      expect(Math.abs(pngSize(png).width - size.width * DEFAULT_PNG_SCALE)).toBeLessThanOrEqual(1);
    }
    expect(html.match(/<svg[\s>]/g)?.length).toBe(svgs.length);
    expect(html).toContain("<th>seed</th><td>5</td>");
    expect(html).toContain("model.granule.count=400");
    expect(html).toContain("resvg-js");
    expect(html).not.toMatch(/<script/i);
    const config = JSON.parse(readFileSync(join(dir, "config.json"), "utf8"));
    expect(html).toContain(JSON.stringify(config.model.granule.count));
  });
});
