/**
 * The shortcut's live curves: one point per lookahead L as soon as its open and closed loops
 * have run — lead and accuracy (lookahead.csv) and each loop gain's growth (closed-loop.csv).
 */
import { livePanel } from "../live.js";
import type { RunHooks } from "../types.js";
import type { ShortcutResult } from "./index.js";

export function lookaheadSamples(hooks: RunHooks): (r: ShortcutResult) => void {
  const xLabel = "olive lookahead L (ms)";
  const lead = livePanel(hooks, "Lead over the slow path (open loop)", xLabel, "lead (ms)");
  const accuracy = livePanel(
    hooks,
    "Accuracy: peak correlation with the slow path",
    xLabel,
    "peak correlation",
  );
  const growth = livePanel(hooks, "Closed loop: output growth", xLabel, "RMS z late / early");
  return (r) => {
    lead(r.lookaheadMs, { lead: r.leadMs });
    accuracy(r.lookaheadMs, { accuracy: r.accuracy });
    growth(r.lookaheadMs, Object.fromEntries(r.closed.map((c) => [`k${c.gain}`, c.growth])));
  };
}
