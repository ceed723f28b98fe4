// The C peer (bench/c_step.c) for run.js: compiles it at bench time, never at install, with the
// system's `cc` (-O3 -march=native, and -fopenmp for `threads` > 1) into a temporary directory,
// feeds it the job as a flat list of numbers and prints its JSON result line. Speaks the protocol
// of ts_step.js: a job on stdin, one result line on stdout, `{"unavailable": why}` without `cc`.
// `job.threads`: OpenMP threads (1: plain C; 0: every core).
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { learningWindow } from "../dist/circuit/eligibility.js";

const here = dirname(fileURLToPath(import.meta.url));
const job = JSON.parse(readFileSync(0, "utf8"));
const threads = job.threads === 0 ? os.availableParallelism() : (job.threads ?? 1);
const backend = threads === 1 ? "c" : "c-omp";
const say = (o) => console.log(JSON.stringify(o));

const dir = mkdtempSync(join(os.tmpdir(), "shoulda-cpeer-"));
try {
  const exe = join(dir, "c_step");
  const flags = ["-O3", "-march=native", "-std=c11", "-D_POSIX_C_SOURCE=199309L"];
  if (threads > 1) flags.push("-fopenmp");
  const cc = spawnSync("cc", [...flags, join(here, "c_step.c"), "-o", exe, "-lm"], {
    encoding: "utf8",
  });
  if (cc.error) say({ unavailable: `cc not found (${cc.error.code ?? cc.error.message})` });
  else if (cc.status !== 0) say({ unavailable: `cc failed: ${cc.stderr.trim().split("\n")[0]}` });
  else {
    const p = job.params;
    const { mossy: mo, basis: ba, granule: gr, purkinje: pu, olive: ol } = p;
    const pf = p.plasticity.pfPurkinje;
    const mf = p.plasticity.mfNucleus;
    const kappa = learningWindow(p);
    const b = (x) => (x ? 1 : 0);
    const numbers = [
      [gr.count, gr.fanIn, pu.count, mo.count, ba.bumps, ba.order, job.channels.length],
      [mo.fibresPerChannel, p.dtMs, mo.gainMin, mo.gainMax, mo.background, mo.noiseTauMs],
      [mo.noiseSd, ba.minDelayMs, ba.maxDelayMs, ba.jitter, ba.bumpGain, ba.decay],
      [ba.tonicProbability, gr.codingLevel, gr.threshold, b(gr.golgi === "quantile")],
      [pu.initialWeight, pu.outputGain, p.lesion.cortexFraction],
      [Math.round(ol.feedbackDelayMs / p.dtMs), ol.errorGain],
      [b(pf.enabled), pf.ltd, pf.ltp, pf.minWeight, pf.maxWeight, pf.nonAssociativeLtp],
      [b(mf.enabled), mf.rate, mf.maxWeight],
      [job.seed, job.warmupSteps, job.steps ?? 0, job.seconds],
      [kappa.length, ...kappa],
      [job.stream.period, ...job.stream.context, ...job.stream.teacher],
    ];
    const input = numbers.map((row) => row.map((x) => String(x)).join(" ")).join("\n");
    const env = { ...process.env, OMP_NUM_THREADS: String(threads) };
    const r = spawnSync(exe, [], { input, encoding: "utf8", env, maxBuffer: 1 << 20 });
    if (r.status !== 0) throw new Error(`c_step exited ${r.status}: ${r.stderr}`);
    const result = JSON.parse(r.stdout.trim().split("\n").pop());
    say({ backend, ...result, cc: ccVersion() });
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

function ccVersion() {
  const r = spawnSync("cc", ["--version"], { encoding: "utf8" });
  return r.status === 0 ? r.stdout.split("\n")[0] : null;
}
