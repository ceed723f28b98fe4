export {
  LockedError,
  OutputDir,
  OutputError,
  OutputFile,
  type OutputOptions,
  writeFileAtomic,
} from "./atomic.js";
export { type CsvValue, formatNumber, fromCsv, toCsv } from "./csv.js";
export {
  type BarPlotOptions,
  barPlot,
  downsampleIndices,
  type HeatmapOptions,
  heatmap,
  type LinePlotOptions,
  type LineSeries,
  linePlot,
  MAX_HEATMAP_COLUMNS,
  MAX_HEATMAP_ROWS,
  MAX_POINTS_PER_SERIES,
  type PlotMarker,
} from "./plots.js";
