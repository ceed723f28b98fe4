/// <reference types="@webgpu/types" />
/**
 * The cerebellar module on WebGPU: the same model and phases as brain/cerebellum.ts, batched.
 *
 * A GPU cannot be driven one step at a time (a read-back per step costs more than the step), so
 * this engine runs S steps per submission:
 *
 *   1. CPU   mossy fibres, temporal basis, nucleus input filter and the olive's drive by the
 *            shoulda signal for S steps (frontend.ts); one upload of S × (U + M + P) floats
 *            (units, x̃, drive)
 *   2. GPU   per step, in one compute pass: drive → histogram → cut → blockCount → blockScan →
 *            scatter (granule layer, kernels/granule.ts); sums → finish (Purkinje cells, nuclei,
 *            olive, credit, MF→nucleus learning) → update (→ ltp) (PF→PC, kernels/readout.ts);
 *            tick (clears the per-step counters)
 *   3. read back the outputs z (S × P) and active counts (S) once per batch
 *
 * While the GPU runs batch b the CPU prepares batch b + 1. The state (weights, activity ring,
 * error and output histories) stays on the GPU; `readWeights` etc. copy it out for tests.
 */
import { learningWindow } from "../circuit/eligibility.js";
import type { CerebellumParams, CerebellumSpec } from "../model/cerebellum.js";
import { ConfigError } from "../model/errors.js";
import { type GpuDeviceOptions, requestGpuDevice } from "./device.js";
import { FrontEnd } from "./frontend.js";
import { C_RING, type EngineConstants, streamOffsets } from "./kernels/common.js";
import { BINS, type GpuLayout, grid, planLayout, WORKGROUP } from "./layout.js";
import { GpuResources, USAGE } from "./resources.js";
import type { WebGpuBuffer, WebGpuDevice } from "./webgpuTypes.js";
import { STEP_BYTES } from "./wgsl.js";

export interface GpuCerebellumOptions extends GpuDeviceOptions {
  /** A device to use; otherwise one is requested (see device.ts). */
  device?: WebGpuDevice;
  /** Steps per submission S (default 100). */
  batchSteps?: number;
  /** Cap on one weight chunk buffer in bytes (default: the device's binding limit). */
  maxChunkBytes?: number;
}

/** Outputs of `run`: z_p(t) for each step (steps × P, float32) and the active cell counts. */
export interface GpuRunOutput {
  output: Float32Array;
  active: Uint32Array;
}

export class GpuCerebellum {
  /** Learning can be paused between batches, as Cerebellum.learning. */
  learning = true;
  /** Fraction of Purkinje output removed (as PurkinjeNuclei.lesion); read at each batch. */
  lesion: number;
  /** Steps taken. */
  time = 0;
  readonly params: CerebellumParams;
  readonly layout: GpuLayout;
  readonly batchSteps: number;
  readonly frontEnd: FrontEnd;
  /** "hardware" or "software" (Mesa), and the adapter's description. */
  readonly deviceMode: string;
  readonly adapter: string;

  private readonly res: GpuResources;
  private readonly stream: Float32Array<ArrayBuffer>;
  private readonly steps: ArrayBuffer;
  private readonly delaySteps: number;
  private readonly window: number;
  private readonly channelCount: number;

  private constructor(
    readonly spec: CerebellumSpec,
    readonly device: WebGpuDevice,
    info: { mode: string; adapter: string },
    options: GpuCerebellumOptions,
  ) {
    const p = spec.params;
    this.params = p;
    this.deviceMode = info.mode;
    this.adapter = info.adapter;
    this.lesion = p.lesion.cortexFraction;
    this.channelCount = spec.channels.length;
    this.batchSteps = options.batchSteps ?? 100;
    if (!Number.isInteger(this.batchSteps) || this.batchSteps < 1) {
      throw new ConfigError("batchSteps", `${this.batchSteps}; allowed: an integer ≥ 1`);
    }
    const kappa = learningWindow(p);
    this.window = kappa.length;
    this.delaySteps = Math.round(p.olive.feedbackDelayMs / p.dtMs);
    this.layout = planLayout(p, kappa.length, device.limits, {
      batchSteps: this.batchSteps,
      maxChunkBytes: options.maxChunkBytes,
    });
    this.frontEnd = new FrontEnd(spec);
    const c: EngineConstants = {
      layout: this.layout,
      batchSteps: this.batchSteps,
      floor: p.granule.threshold,
    };
    const { units, mossy, purkinje } = this.layout;
    this.stream = new Float32Array(this.batchSteps * (units + mossy + purkinje));
    this.steps = new ArrayBuffer(this.batchSteps * STEP_BYTES);
    this.res = new GpuResources(device, p, c, this.frontEnd.granuleInputs, kappa, {
      stepBytes: this.steps.byteLength,
      streamBytes: this.stream.byteLength,
    });
  }

  /** Build the module on a WebGPU device (requested unless `options.device` is given). */
  static async create(
    spec: CerebellumSpec,
    options: GpuCerebellumOptions = {},
  ): Promise<GpuCerebellum> {
    const info = options.device
      ? { device: options.device, mode: "given", adapter: "given" }
      : await requestGpuDevice(options);
    // Shader or pipeline mistakes surface here, once, instead of as silent empty results.
    info.device.pushErrorScope("validation");
    info.device.pushErrorScope("out-of-memory");
    const engine = new GpuCerebellum(spec, info.device, info, options);
    const memory = await info.device.popErrorScope();
    const invalid = await info.device.popErrorScope();
    const error = invalid ?? memory;
    if (error) {
      engine.destroy();
      throw new Error(`WebGPU engine could not be built: ${(error as GPUError).message}`);
    }
    return engine;
  }

  /**
   * Run `steps` steps. `context` holds steps × C channel values (step-major), `teacher` steps × P
   * shoulda values. Resolves with z(t) and the active counts of every step.
   */
  async run(
    context: ArrayLike<number>,
    teacher: ArrayLike<number>,
    steps: number,
  ): Promise<GpuRunOutput> {
    const C = this.channelCount;
    const P = this.layout.purkinje;
    if (context.length < steps * C) {
      throw new ConfigError(
        "context",
        `${context.length} values; need steps × channels = ${steps * C}`,
      );
    }
    if (teacher.length < steps * P) {
      throw new ConfigError("teacher", `${teacher.length} values; need steps × P = ${steps * P}`);
    }
    const output = new Float32Array(steps * P);
    const active = new Uint32Array(steps);
    let pending: Promise<void> | null = null;
    let batch = 0;
    for (let from = 0; from < steps; from += this.batchSteps, batch++) {
      const n = Math.min(this.batchSteps, steps - from);
      const staging = this.res.staging[batch % 2];
      this.prepare(context, teacher, from, n);
      this.submit(n, staging);
      // The CPU prepares the next batch while this one runs; collect the previous one first.
      if (pending) await pending;
      pending = this.collect(staging, n, from, output, active);
    }
    if (pending) await pending;
    return { output, active };
  }

  /** Front end for steps [from, from + n) into the stream array, then one upload. */
  private prepare(context: ArrayLike<number>, teacher: ArrayLike<number>, from: number, n: number) {
    const { units: Uc, mossy: M, purkinje: P } = this.layout;
    const off = streamOffsets({ layout: this.layout, batchSteps: this.batchSteps, floor: 0 });
    const C = this.channelCount;
    const channels = new Float64Array(C);
    const shoulda = new Float64Array(P);
    for (let s = 0; s < n; s++) {
      for (let c = 0; c < C; c++) channels[c] = context[(from + s) * C + c];
      this.frontEnd.step(
        channels,
        this.stream.subarray(off.units + s * Uc, off.units + (s + 1) * Uc),
        this.stream.subarray(off.xin + s * M, off.xin + (s + 1) * M),
      );
      for (let q = 0; q < P; q++) shoulda[q] = teacher[(from + s) * P + q] ?? 0;
      this.frontEnd.drive(
        shoulda,
        this.stream.subarray(off.teacher + s * P, off.teacher + (s + 1) * P),
      );
    }
    this.device.queue.writeBuffer(this.res.get("stream"), 0, this.stream);
  }

  private submit(n: number, staging: GPUBuffer): void {
    const { device, layout, params: p } = this;
    const L1 = this.window;
    const Z1 = this.delaySteps + 1;
    const words = new Uint32Array(this.steps);
    const floats = new Float32Array(this.steps);
    const cortex = (1 - this.lesion) * p.purkinje.outputGain;
    const disinhibition = this.lesion * p.purkinje.tonicInhibition;
    const learn = this.learning ? 1 : 0;
    for (let s = 0; s < n; s++) {
      const t = this.time + s;
      const r = (s * STEP_BYTES) / 4;
      words[r] = s;
      words[r + 1] = t % Z1;
      words[r + 2] = (t + 1) % Z1;
      words[r + 3] = t % L1;
      words[r + 4] = learn;
      words[r + 5] = t % L1;
      words[r + 6] = (t + 1) % L1;
      floats[r + 7] = cortex;
      floats[r + 8] = disinhibition;
    }
    device.queue.writeBuffer(
      this.res.get("steps"),
      0,
      new Uint8Array(this.steps, 0, n * STEP_BYTES),
    );
    const max = device.limits.maxComputeWorkgroupsPerDimension;
    const blocks = grid(layout.blocks, max);
    const sums = grid(layout.sumGroups, max);
    const ticks = grid(Math.ceil(BINS / WORKGROUP), max);
    const pf = p.plasticity.pfPurkinje;
    const learnPf = this.learning && pf.enabled;
    const encoder = device.createCommandEncoder();
    const pass = encoder.beginComputePass();
    const run = (name: string, size: [number, number], s: number, slot?: number) => {
      const k = this.res.kernels.get(name);
      if (!k) throw new Error(`no kernel ${name}`);
      pass.setPipeline(k.pipeline);
      pass.setBindGroup(0, k.group0);
      pass.setBindGroup(1, this.res.stepGroup, [s * STEP_BYTES]);
      if (k.slot) pass.setBindGroup(2, this.res.slotGroups[slot ?? 0]);
      pass.dispatchWorkgroups(size[0], size[1]);
    };
    for (let s = 0; s < n; s++) {
      const t = this.time + s;
      const now = t % L1;
      const lag = (t + 1) % L1;
      run("drive", blocks, s);
      run("histogram", blocks, s);
      run("cut", [1, 1], s);
      run("blockCount", blocks, s);
      run("blockScan", [1, 1], s);
      run("scatter", blocks, s, now);
      for (let c = 0; c < layout.chunks; c++) run(`sums${c}`, sums, s, now);
      run("finish", [layout.purkinje, 1], s);
      for (let c = 0; learnPf && c < layout.chunks; c++) {
        run(`update${c}`, sums, s, lag);
        if (pf.nonAssociativeLtp > 0) run(`ltp${c}`, sums, s, now);
      }
      run("tick", ticks, s);
    }
    pass.end();
    encoder.copyBufferToBuffer(this.res.get("out"), 0, staging, 0, n * (layout.purkinje + 1) * 4);
    device.queue.submit([encoder.finish()]);
    this.time += n;
  }

  private async collect(
    staging: GPUBuffer,
    n: number,
    from: number,
    output: Float32Array,
    active: Uint32Array,
  ): Promise<void> {
    const P = this.layout.purkinje;
    await staging.mapAsync(1, 0, n * (P + 1) * 4);
    const data = staging.getMappedRange(0, n * (P + 1) * 4);
    const f = new Float32Array(data);
    const u = new Uint32Array(data);
    for (let s = 0; s < n; s++) {
      output.set(f.subarray(s * (P + 1), s * (P + 1) + P), (from + s) * P);
      active[from + s] = u[s * (P + 1) + P];
    }
    staging.unmap();
  }

  /** Copy `bytes` bytes of a GPU buffer out (for tests and inspection; waits for the GPU). */
  async read(buffer: WebGpuBuffer, offset: number, bytes: number): Promise<ArrayBuffer> {
    const U = USAGE;
    const size = Math.max(4, Math.ceil(bytes / 4) * 4);
    const tmp = this.device.createBuffer({ size, usage: U.MAP_READ | U.COPY_DST });
    const encoder = this.device.createCommandEncoder();
    encoder.copyBufferToBuffer(buffer, offset, tmp, 0, size);
    this.device.queue.submit([encoder.finish()]);
    await tmp.mapAsync(1);
    const copy = tmp.getMappedRange().slice(0, bytes);
    tmp.unmap();
    tmp.destroy();
    return copy;
  }

  /** The PF→PC weights, N × P (all chunks). */
  async readWeights(): Promise<Float32Array> {
    const { cells, purkinje, rowsPerChunk } = this.layout;
    const w = new Float32Array(cells * purkinje);
    for (let c = 0; c < this.res.weightChunks.length; c++) {
      const rows = Math.min(rowsPerChunk, cells - c * rowsPerChunk);
      const data = await this.read(this.res.weightChunks[c], 0, rows * purkinje * 4);
      w.set(new Float32Array(data), c * rowsPerChunk * purkinje);
    }
    return w;
  }

  /** Mossy fibre → nucleus weights v, M × P. */
  async readNucleusWeights(): Promise<Float32Array> {
    const { mossy, purkinje } = this.layout;
    return new Float32Array(await this.read(this.res.get("v"), 0, mossy * purkinje * 4));
  }

  /** The granule drive h of the last step, N. */
  async readDrive(): Promise<Float32Array> {
    return new Float32Array(await this.read(this.res.get("drive"), 0, this.layout.cells * 4));
  }

  /** The active cells of the step `age` steps before the last one (0: the last), increasing. */
  async readActive(age = 0): Promise<Uint32Array> {
    const { layout } = this;
    if (age >= layout.ringSlots || age >= this.time) {
      throw new RangeError(
        `age ${age}: the ring holds ${Math.min(layout.ringSlots, this.time)} steps`,
      );
    }
    const slot = (this.time - 1 - age) % layout.ringSlots;
    const counts = new Uint32Array(await this.read(this.res.get("ctrl"), (C_RING + slot) * 4, 4));
    const buffer = this.res.ring[Math.floor(slot / layout.slotsPerBuffer)];
    const offset = (slot % layout.slotsPerBuffer) * layout.slotBytes;
    return new Uint32Array(await this.read(buffer, offset, counts[0] * 4));
  }

  /** Free the GPU buffers (the device stays, it may be shared). */
  destroy(): void {
    this.res.destroy();
  }
}
