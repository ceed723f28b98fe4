/** Worker thread: measures the targets it is sent, one at a time. */
import { parentPort } from "node:worker_threads";
import { selectTargets } from "./registry.js";
import { measureTarget } from "./scorecard.js";

parentPort?.on("message", async (id: string) => {
  const [target] = selectTargets(id);
  parentPort?.postMessage(await measureTarget(target));
});
