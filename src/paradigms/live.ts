/**
 * Live learning curves (RunHooks.onSample): one chart's title and axes named once, then a point
 * per trial or block. A paradigm makes one `LivePanel` per chart and calls it as each value is
 * measured; without an `onSample` hook it does nothing, so runs without a listener pay nothing.
 */
import type { LiveSample, RunHooks } from "./types.js";

/** Sends one point (x and one value per line) of one chart. */
export type LivePanel = (x: number, values: Record<string, number>) => void;

export function livePanel(
  hooks: Pick<RunHooks, "onSample">,
  panel: string,
  xLabel: string,
  yLabel: string,
): LivePanel {
  const send = hooks.onSample;
  if (!send) return () => {};
  return (x, values) => send({ panel, xLabel, yLabel, x, values } satisfies LiveSample);
}
