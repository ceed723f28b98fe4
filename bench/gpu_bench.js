// WebGPU steps/s at large N, for bench/gpu.sh (a GPU machine, no network). Same circuit, input
// stream, warm-up and child-process protocol as bench/run.js (one bench/webgpu_step.js process
// per size), but sizes up to 10⁸ and a longer time budget for building the wiring.
//
//   node bench/gpu_bench.js [--sizes 1000000,10000000,100000000] [--seconds 6] [--json FILE]
//                           [--mode auto|hardware|software] [--batch 100]
//
// The params schema caps granule.count at 10⁷ (the CPU engine's documented range); sizes above
// that are set after validation, for this GPU measurement only.
import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { machineInfo, writeAtomic } from "./report.js";
import { stepJob, paramsFor as workloadParams } from "./workload.js";

const here = dirname(fileURLToPath(import.meta.url));
const { values: opts } = parseArgs({
  options: {
    sizes: { type: "string", default: "1000000,10000000,100000000" },
    seconds: { type: "string", default: "6" },
    json: { type: "string" },
    mode: { type: "string", default: "auto" },
    batch: { type: "string", default: "100" },
  },
});
const sizes = opts.sizes.split(",").map(Number);
// The bench's circuit (bench/workload.js), with N set past the params schema's 10⁷ cap after
// validation: the GPU engine sizes its buffers from N alone.
function paramsFor(n) {
  const p = workloadParams(Math.min(n, 10_000_000));
  p.granule.count = n;
  return p;
}

const results = [];
for (const n of sizes) {
  const params = paramsFor(n);
  const job = {
    ...stepJob(params),
    seconds: Number(opts.seconds),
    batchSteps: Number(opts.batch),
    gpuMode: opts.mode,
  };
  process.stderr.write(`gpu bench: webgpu N=${n} …\n`);
  const r = spawnSync(
    process.execPath,
    ["--max-old-space-size=32000", join(here, "webgpu_step.js")],
    {
      input: JSON.stringify(job),
      encoding: "utf8",
      timeout: 540_000,
      maxBuffer: 1 << 20,
    },
  );
  if (r.error || r.status !== 0) {
    const lines = r.stderr.trim().split("\n");
    const why =
      r.error?.message ??
      lines.findLast((l) => l.startsWith("webgpu: ")) ??
      lines.slice(-3).join(" | ");
    results.push({ backend: "webgpu", granuleCells: n, skipped: why || `exit ${r.status}` });
  } else {
    results.push(JSON.parse(r.stdout.trim().split("\n").pop()));
  }
  process.stderr.write(`${JSON.stringify(results.at(-1))}\n`);
}

const machine = machineInfo();

const rows = [
  ["N", "steps/s", "ms/step", "× real time", "active/step", "GPU MB", "chunks", "device"],
];
for (const r of results) {
  if (r.skipped) {
    rows.push([String(r.granuleCells), `skipped: ${r.skipped}`]);
    continue;
  }
  rows.push([
    String(r.granuleCells),
    r.stepsPerSecond.toFixed(0),
    r.msPerStep.toFixed(3),
    r.realTimeFactor.toFixed(2),
    `${r.meanActive.toFixed(0)} (${((100 * r.meanActive) / r.granuleCells).toFixed(1)} %)`,
    String(r.deviceMB),
    String(r.weightChunks),
    `${r.deviceMode}: ${r.adapter}`,
  ]);
}
const full = rows.filter((row) => row.length > 2);
const widths = rows[0].map((_, i) => Math.max(...full.map((row) => row[i].length)));
console.log("\nWebGPU engine, batched: K=4, P=32, M=256, f=5 %, learning on, dt=1 ms");
for (const row of rows) {
  console.log(
    row.length === 2 ? row.join("  ") : row.map((c, i) => c.padStart(widths[i])).join("  "),
  );
}
if (opts.json) {
  writeAtomic(opts.json, `${JSON.stringify({ results, machine }, null, 2)}\n`);
  console.log(`\nwrote ${opts.json}`);
}
