/** Worker thread of a study: runs the cells it is sent, one at a time. */
import { parentPort } from "node:worker_threads";
import { type CellTask, executeCell } from "./execute.js";

parentPort?.on("message", async (task: CellTask) => {
  parentPort?.postMessage(await executeCell(task));
});
