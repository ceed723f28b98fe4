// Engine benchmark: steps per second and real-time factor of Cerebellum.step() (dist/) with each
// kernel backend, and of a NumPy peer of the same step (bench/numpy_step.py), at several
// granule-cell counts. Each (backend, size) runs in its own child process so peak RSS is per
// measurement. Writes a log-log scaling plot (steps/s against N, one line per backend) next to the
// JSON.
//
//   npm run bench [-- --sizes 10000,100000 --steps N --seconds S --backends ts,wasm,numpy --json FILE]
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import os from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { linePlot } from "../dist/io/plots.js";
import { stepBytes } from "./bytes.js";
import { machineInfo, writeAtomic } from "./report.js";
import { paramsFor, stepJob } from "./workload.js";

const here = dirname(fileURLToPath(import.meta.url));

const BLAS1 = { OPENBLAS_NUM_THREADS: "1", MKL_NUM_THREADS: "1" };

// The backends: how to run one measurement. Each entry is a child process speaking the JSON
// protocol of ts_step.js (a job on stdin, one result line on stdout; a result with `unavailable`
// is reported as skipped). `kernel` is passed in the job (the getKernel name). `defaultMaxCells`:
// sizes above it are left out of a run that does not name the backend in --backends (too slow for
// the default run); `python` marks the NumPy peer (skipped without python3 + numpy).
const BACKENDS = {
  ts: { script: "ts_step.js", kernel: "ts", defaultMaxCells: 1e6 },
  wasm: { script: "ts_step.js", kernel: "wasm" },
  "wasm-threads": { script: "ts_step.js", kernel: "wasm-threads" },
  webgpu: { script: "webgpu_step.js" },
  // The integer-weight tier (src/kernels/intWeights.ts); `-incremental`: with incremental sums.
  "ts-int": { script: "ts_step.js", kernel: "ts-int", defaultMaxCells: 1e6 },
  "wasm-int": { script: "ts_step.js", kernel: "wasm-int" },
  "wasm-int-incremental": { script: "ts_step.js", kernel: "wasm-int", job: { incremental: true } },
  numpy: { script: "numpy_step.py", python: true, defaultMaxCells: 1e6 },
  // Peers a user might write instead (skipped, with the reason, where their runtime is missing).
  // One BLAS thread: their BLAS calls are small matrix-vector products (κ·errors, x·v), and idle
  // BLAS threads spinning beside numba's / torch's own threads cost 2–7× at 10⁴ here.
  numba: { script: "numba_step.py", python: "numba", peer: true, defaultMaxCells: 1e6, env: BLAS1 },
  torch: { script: "torch_step.py", python: "torch", peer: true, defaultMaxCells: 1e6, env: BLAS1 },
  c: { script: "c_step.js", job: { threads: 1 }, peer: true, defaultMaxCells: 1e6 },
  "c-omp": { script: "c_step.js", job: { threads: 0 }, peer: true, defaultMaxCells: 1e6 },
};
// The reference points the ratios are taken against: NumPy and every peer.
const PEERS = ["numpy", ...Object.keys(BACKENDS).filter((b) => BACKENDS[b].peer)];

const { values: opts } = parseArgs({
  options: {
    sizes: { type: "string", default: "10000,100000,1000000,10000000" },
    steps: { type: "string" },
    seconds: { type: "string", default: "6" },
    backends: { type: "string" },
    json: { type: "string" },
    repeat: { type: "string", default: "1" },
    "bandwidth-gbs": { type: "string", default: "12.6" },
    "row-ns": { type: "string", default: "9" },
  },
});
// --repeat R measures every (backend, N) R times, interleaved round by round (so a busy moment
// on a shared machine hits every backend alike), and reports the median run.
const repeat = Number(opts.repeat);
if (!(Number.isInteger(repeat) && repeat >= 1)) throw new Error("--repeat: an integer ≥ 1");
const sizes = opts.sizes.split(",").map(Number);
const named = opts.backends !== undefined;
const backends = named ? opts.backends.split(",") : Object.keys(BACKENDS);
const bandwidthGBs = Number(opts["bandwidth-gbs"]);
const rowNs = Number(opts["row-ns"]);
if (!(bandwidthGBs > 0)) throw new Error("--bandwidth-gbs: a number > 0");
if (!(rowNs > 0)) throw new Error("--row-ns: a number > 0");
const fixedSteps = opts.steps ? Number(opts.steps) : undefined;
const seconds = Number(opts.seconds);
for (const b of backends) {
  if (!(b in BACKENDS)) {
    throw new Error(
      `--backends: unknown backend "${b}"; allowed: ${Object.keys(BACKENDS).join(", ")}`,
    );
  }
}
if (!sizes.every((n) => Number.isInteger(n) && n >= 100))
  throw new Error("--sizes: integers ≥ 100");

function measure(backend, n) {
  const spec = BACKENDS[backend];
  const params = paramsFor(n);
  const job = {
    ...stepJob(params),
    kernel: spec.kernel,
    ...spec.job,
    steps: fixedSteps,
    seconds,
  };
  const script = join(here, spec.script);
  const [cmd, args] = spec.python ? [pythonFor(spec).path, [script]] : [process.execPath, [script]];
  // Building and warming up 10⁷ cells takes minutes on the slower backends.
  // Python builds its circuit in interpreted loops: minutes at 10⁶ on a busy machine.
  const budget =
    (fixedSteps ? 600 : 120 + 4 * seconds) * Math.max(1, n / 1e6) * (spec.python ? 4 : 1);
  const r = spawnSync(cmd, args, {
    input: JSON.stringify(job),
    encoding: "utf8",
    env: { ...process.env, ...spec.env },
    timeout: budget * 1000,
    maxBuffer: 1 << 20,
  });
  if (r.error || r.status !== 0) {
    const why = r.error?.message ?? r.stderr.trim().split("\n").slice(-3).join(" | ");
    return { backend, granuleCells: n, skipped: why || `exit ${r.status}` };
  }
  const result = JSON.parse(r.stdout.trim().split("\n").pop());
  if (result.unavailable) return { backend, granuleCells: n, skipped: String(result.unavailable) };
  return { ...result, backend };
}

// The interpreters tried, in order, for the Python peers: the one on PATH, then Debian's (where
// apt's python3-numba / python3-torch land when PATH has another Python, e.g. pyenv's).
const PYTHONS = [...new Set(["python3", "/usr/bin/python3"])];
const pythonCache = new Map();

/**
 * The first interpreter that imports numpy (and the backend's module, `spec.python` when it is a
 * name): { path, python, numpy, module version } or { why } naming what failed.
 */
function pythonFor(spec) {
  const module = typeof spec.python === "string" ? spec.python : null;
  const key = module ?? "numpy";
  if (pythonCache.has(key)) return pythonCache.get(key);
  const probe = `import sys, numpy${module ? `, ${module}` : ""}; print(sys.version.split()[0], numpy.__version__${module ? `, ${module}.__version__` : ""})`;
  let found = null;
  for (const path of PYTHONS) {
    const r = spawnSync(path, ["-c", probe], { encoding: "utf8", timeout: 60_000 });
    if (r.error || r.status !== 0) continue;
    const [python, numpy, version] = r.stdout.trim().split(" ");
    found = { path, python, numpy, ...(module ? { [module]: version } : {}) };
    break;
  }
  const result = found ?? {
    why: `no python3 with ${module ? `numpy and ${module}` : "numpy"} (tried ${PYTHONS.join(", ")}: python3 -c 'import ${key}' failed${module ? `; Debian: apt-get install python3-${module}` : ""})`,
  };
  pythonCache.set(key, result);
  return result;
}

const loadBefore = os.loadavg()[0];
const py = backends.some((b) => BACKENDS[b].python) ? pythonFor({ python: true }) : null;
const best = new Map();
for (let round = 0; round < repeat; round++) {
  for (const n of sizes) {
    for (const backend of backends) {
      const key = `${backend} ${n}`;
      const spec = BACKENDS[backend];
      let skipped = null;
      if (!existsSync(join(here, spec.script))) skipped = `bench/${spec.script} not found`;
      else if (spec.python && pythonFor(spec).why) skipped = pythonFor(spec).why;
      else if (!named && spec.defaultMaxCells && n > spec.defaultMaxCells) {
        skipped = `not in the default run above ${spec.defaultMaxCells} cells (name it: --backends ${backend} --sizes ${n})`;
      }
      if (skipped) {
        best.set(key, { backend, granuleCells: n, skipped });
        continue;
      }
      const before = best.get(key);
      if (before?.skipped) continue;
      process.stderr.write(
        `bench: ${backend} N=${n}${repeat > 1 ? ` (round ${round + 1})` : ""} …\n`,
      );
      const r = measure(backend, n);
      if (r.skipped) best.set(key, r);
      else best.set(key, { done: [...(before?.done ?? []), r] });
    }
  }
}
// The median run of each (backend, N) (the lower middle one for an even count), with every
// run's steps/s in `runs`.
for (const [key, entry] of best) {
  if (entry.skipped) continue;
  const sorted = [...entry.done].sort((a, b) => a.stepsPerSecond - b.stepsPerSecond);
  const median = sorted[Math.floor((sorted.length - 1) / 2)];
  best.set(key, { ...median, runs: entry.done.map((r) => r.stepsPerSecond) });
}
const results = sizes.flatMap((n) => backends.map((b) => best.get(`${b} ${n}`)));

// Speed of each shoulda backend relative to NumPy, every peer and ts, per size (medians of the
// same interleaved run).
const ratios = sizes.flatMap((n) => {
  const at = (b) => results.find((r) => r.backend === b && r.granuleCells === n && !r.skipped);
  const ts = at("ts");
  return backends
    .filter((b) => !PEERS.includes(b))
    .flatMap((b) => {
      const r = at(b);
      if (!r) return [];
      const over = Object.fromEntries(
        PEERS.filter((q) => backends.includes(q)).map((q) => {
          const peer = at(q);
          return [q, peer ? r.stepsPerSecond / peer.stepsPerSecond : null];
        }),
      );
      return [
        {
          backend: b,
          granuleCells: n,
          over,
          overNumpy: over.numpy ?? null,
          overTs: ts ? r.stepsPerSecond / ts.stepsPerSecond : null,
        },
      ];
    });
});

const machine = {
  ...machineInfo(),
  python: py?.python ?? null,
  numpy: py?.numpy ?? null,
  // The interpreter each Python peer ran on (it may differ from numpy's, see PYTHONS).
  pythons: Object.fromEntries(
    backends.filter((b) => BACKENDS[b].python).map((b) => [b, pythonFor(BACKENDS[b])]),
  ),
  // 1-minute load average before and after: other work on the machine skews every number.
  loadAverage: [loadBefore, os.loadavg()[0]].map((x) => Math.round(x * 100) / 100),
};

// Readable table.
const fmt = (x, d) => (x === undefined ? "" : x.toFixed(d));
const rows = [
  ["backend", "N", "steps", "steps/s", "ms/step", "× real time", "active/step", "peak RSS MB"],
];
for (const r of results) {
  if (r.skipped) {
    rows.push([r.backend, String(r.granuleCells), `skipped: ${r.skipped}`]);
    continue;
  }
  const target = Math.round(0.05 * r.granuleCells);
  rows.push([
    r.backend,
    String(r.granuleCells),
    String(r.steps),
    fmt(r.stepsPerSecond, 0),
    fmt(r.msPerStep, 3),
    fmt(r.realTimeFactor, 2),
    `${fmt(r.meanActive, 0)} (${fmt((100 * r.meanActive) / r.granuleCells, 1)} %)`,
    fmt(r.peakRssMB, 0),
  ]);
  if (r.meanActive < 0.9 * target) {
    process.stderr.write(
      `bench: warning: ${r.backend} N=${r.granuleCells} is below the 5 % coding level\n`,
    );
  }
}
const full = rows.filter((row) => row.length > 3);
const widths = rows[0].map((_, i) => Math.max(...full.map((row) => row[i].length)));
const line = (row) =>
  row.map((cell, i) => (i < 2 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join("  ");
console.log(
  `\nCerebellum.step(): K=4, P=32, M=256, f=5 %, learning on, dt=1 ms (${machine.nproc} CPUs, ${machine.cpu})`,
);
const { threshold } = paramsFor(sizes[0]).granule;
console.log(
  `granule.threshold floor θ₀ = ${threshold}; 1-min load average ` +
    `${machine.loadAverage.join(" → ")} (the bench itself adds ≈ 1)`,
);
for (const row of rows) console.log(row.length === 3 ? row.join("  ") : line(row));
// Memory per granule cell: the growth of peak RSS between the two largest sizes measured.
const perCell = backends.flatMap((b) => {
  const rows = results
    .filter((r) => r.backend === b && !r.skipped)
    .sort((x, y) => x.granuleCells - y.granuleCells);
  if (rows.length < 2) return [];
  const [a, z] = rows.slice(-2);
  const bytes = ((z.peakRssMB - a.peakRssMB) * 2 ** 20) / (z.granuleCells - a.granuleCells);
  return [{ backend: b, from: a.granuleCells, to: z.granuleCells, bytesPerCell: bytes }];
});
if (perCell.length) {
  console.log("\nmemory per granule cell (growth of peak RSS between the two largest sizes):");
  for (const m of perCell)
    console.log(`  ${m.backend.padEnd(13)} ${m.bytesPerCell.toFixed(0)} B (N ${m.from} → ${m.to})`);
}

if (ratios.length) {
  const peers = PEERS.filter((q) => backends.includes(q));
  console.log(`\nsteps/s relative to ${[...peers, "ts"].join(", ")} (medians of this run):`);
  const f = (x) => (x === null || x === undefined ? "–" : `${x.toFixed(2)}×`);
  for (const r of ratios) {
    const cells = [...peers.map((q) => `${f(r.over[q])} ${q}`), `${f(r.overTs)} ts`];
    console.log(
      `  ${r.backend.padEnd(13)} N=${String(r.granuleCells).padEnd(9)} ${cells.join("  ")}`,
    );
  }
}

// Bytes per step and the bound they set (bench/bytes.js), for the float and the integer tier.
// The integer tier's incremental sums read only the rows that changed: its measured churn.
const churnAt = (n) =>
  results.find((r) => r.granuleCells === n && !r.skipped && r.churn !== undefined)?.churn;
const bounds = sizes.map((n) =>
  stepBytes(paramsFor(n), { bandwidthGBs, rowNs, churn: churnAt(n) }),
);
console.log(
  `\nbytes per step and the memory bound (streaming at ${bandwidthGBs} GB/s, ${rowNs} ns per random row on one thread; --bandwidth-gbs, --row-ns):`,
);
for (const b of bounds) {
  for (const t of b.tiers) {
    console.log(
      `  N=${String(b.granuleCells).padEnd(9)} ${t.tier.padEnd(6)} streamed ${(t.streamedBytes / 1e6).toFixed(1)} MB + ${t.randomRows} rows × ${t.rowBytes} B → ≥ ${t.boundMs.toFixed(2)} ms/step (≤ ${Math.round(1000 / t.boundMs)} steps/s)`,
    );
  }
}

if (opts.json) {
  const out = { results, ratios, memoryPerCell: perCell, bytesPerStep: bounds, machine };
  writeAtomic(opts.json, `${JSON.stringify(out, null, 2)}\n`);
  // The scaling plot beside it: FILE.json → FILE.svg.
  const svgPath = opts.json.replace(/\.json$/, "") + ".svg";
  const series = backends.map((b) => {
    const rows = results.filter((r) => r.backend === b && !r.skipped);
    return { name: b, x: rows.map((r) => r.granuleCells), y: rows.map((r) => r.stepsPerSecond) };
  });
  const svg = await linePlot({
    title: `Cerebellum.step() speed (K=4, P=32, M=256, f=5 %, learning on; ${machine.nproc} CPUs)`,
    xLabel: "granule cells N",
    yLabel: "steps per second",
    series: series.filter((s) => s.x.length > 0),
    logLog: true,
    points: true,
  });
  writeAtomic(svgPath, svg);
  console.log(`\nwrote ${opts.json} and ${svgPath}`);
}
