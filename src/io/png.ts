/**
 * SVG → PNG for papers, with resvg (@resvg/resvg-js: a Rust rasteriser shipped as prebuilt
 * per-platform optional packages, so nothing is compiled or downloaded at install time).
 *
 * The default scale renders an SVG at 300 dpi of its nominal 96-dpi size (a 640-px-wide plot
 * becomes 2000 px). Text uses the system's fonts: vega asks for Helvetica/Arial/sans-serif, and
 * resvg falls back to any installed sans-serif font; a machine with no fonts at all gets plots
 * without text (install e.g. fonts-liberation or fonts-dejavu).
 */
import { createRequire } from "node:module";
import { type ReportFile, type ReportInput, reportFiles } from "./report.js";

/** 300 dpi at the SVG's nominal 96 dpi. */
export const DEFAULT_PNG_SCALE = 300 / 96;

export interface PngOptions {
  /** Zoom factor relative to the SVG's own size (default {@link DEFAULT_PNG_SCALE}). */
  scale?: number;
  /** Background colour (default white; "transparent" keeps transparency). */
  background?: string;
}

type ResvgModule = typeof import("@resvg/resvg-js");
let resvg: Promise<ResvgModule> | undefined;

function loadResvg(): Promise<ResvgModule> {
  resvg ??= import("@resvg/resvg-js").catch((e: unknown) => {
    resvg = undefined;
    throw new Error(
      "PNG export needs @resvg/resvg-js and its prebuilt binary for this platform " +
        `(${process.platform}-${process.arch}); reinstall with optional dependencies ` +
        `(npm ci --include=optional). Cause: ${e instanceof Error ? e.message : String(e)}`,
    );
  });
  return resvg;
}

/** The installed resvg-js version, or undefined if it cannot be found. */
export function resvgVersion(): string | undefined {
  try {
    const require = createRequire(import.meta.url);
    return (require("@resvg/resvg-js/package.json") as { version: string }).version;
  } catch {
    return undefined;
  }
}

/** Rasterises one SVG document to PNG bytes. */
export async function svgToPng(svg: string, options: PngOptions = {}): Promise<Uint8Array> {
  const { Resvg } = await loadResvg();
  const scale = options.scale ?? DEFAULT_PNG_SCALE;
  if (!(scale > 0 && scale <= 16))
    throw new RangeError(`svgToPng: scale must be in (0, 16], got ${scale}`);
  const background = options.background ?? "white";
  const renderer = new Resvg(svg, {
    fitTo: { mode: "zoom", value: scale },
    ...(background === "transparent" ? {} : { background }),
    font: { loadSystemFonts: true },
  });
  return new Uint8Array(renderer.render().asPng());
}

/** Quotes command-line arguments for display, as a shell would need them. */
function shellLine(args: readonly string[]): string {
  return args
    .map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, "'\\''")}'`))
    .join(" ");
}

/**
 * What `shoulda run … --report` writes: report.html (with this process's versions and command
 * line) and a PNG of each plot.
 */
export async function reportWithPngs(
  input: Omit<ReportInput, "versions" | "command"> & { argv?: readonly string[] },
  shouldaVersion: string,
  options: PngOptions = {},
): Promise<ReportFile[]> {
  const [{ version: vega }, { version: vegaLite }] = await Promise.all([
    import("vega"),
    import("vega-lite"),
  ]);
  const versions: Record<string, string> = {
    shoulda: shouldaVersion,
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    vega,
    "vega-lite": vegaLite,
    "resvg-js": resvgVersion() ?? "not installed",
  };
  const { argv, ...rest } = input;
  const command = argv ? shellLine(["shoulda", ...argv]) : undefined;
  return reportFiles({ ...rest, versions, command }, (svg) => svgToPng(svg, options));
}
