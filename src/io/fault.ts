/**
 * Crash points for the fault-injection tests (test/io/publish.test.ts, test/cli/publish.test.ts).
 *
 * The publishing code calls {@link faultPoint} between its steps. With SHOULDA_FAULT_AT unset
 * (always, outside those tests) it does nothing. With SHOULDA_FAULT_AT=k the process kills itself
 * with SIGKILL at the k-th point it reaches, and with SHOULDA_FAULT_AT=<name> at the first point of
 * that name: a kill -9 at an exact place, which no timer could hit reliably.
 */
let reached = 0;

export function faultPoint(name: string): void {
  const at = process.env.SHOULDA_FAULT_AT;
  if (at === undefined || at === "") return;
  reached++;
  if (at === name || at === String(reached)) process.kill(process.pid, "SIGKILL");
}
