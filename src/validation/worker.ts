/** Worker thread: measures the units (target × protocol × animal) it is sent, one at a time. */
import { parentPort } from "node:worker_threads";
import { selectTargets } from "./registry.js";
import { measureUnit, type Unit } from "./scorecard.js";

parentPort?.on("message", async (unit: Unit) => {
  const [target] = selectTargets(unit.id);
  parentPort?.postMessage(await measureUnit(target, unit));
});
