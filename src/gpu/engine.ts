/// <reference types="@webgpu/types" />
/**
 * The cerebellar module on WebGPU: the same model and phases as brain/cerebellum.ts, batched.
 *
 * A GPU cannot be driven one step at a time (a read-back per step costs more than the step), so
 * this engine runs S steps per submission:
 *
 *   1. CPU   mossy fibres, temporal basis and nucleus input filter for S steps (frontend.ts);
 *            one upload of S × (U + M + P) floats (units, x̃, teacher)
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
import { FrontEnd, packWiring } from "./frontend.js";
import { C_RING, type EngineConstants, streamOffsets } from "./kernels/common.js";
import {
  blockCountKernel,
  blockScanKernel,
  cutKernel,
  driveKernel,
  histogramKernel,
  type KernelSource,
  scatterKernel,
  tickKernel,
} from "./kernels/granule.js";
import { finishKernel, sumsKernel, updateKernel } from "./kernels/readout.js";
import { BINS, type GpuLayout, grid, planLayout, WORKGROUP } from "./layout.js";
import { STEP_BYTES } from "./wgsl.js";

export interface GpuCerebellumOptions extends GpuDeviceOptions {
  /** A device to use; otherwise one is requested (see device.ts). */
  device?: GPUDevice;
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

interface Kernel {
  name: string;
  pipeline: GPUComputePipeline;
  group0: GPUBindGroup;
  slot: boolean;
}

/** GPUBufferUsage as numbers (the global exists only once a WebGPU implementation is loaded). */
function GPUBufferUsageFlags() {
  return { STORAGE: 0x80, COPY_SRC: 0x04, COPY_DST: 0x08, MAP_READ: 0x01, UNIFORM: 0x40 };
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

  private readonly kernels = new Map<string, Kernel>();
  private readonly buffers = new Map<string, GPUBuffer>();
  private readonly weightChunks: GPUBuffer[] = [];
  private readonly slotGroups: GPUBindGroup[] = [];
  private stepGroup!: GPUBindGroup;
  private readonly staging: GPUBuffer[] = [];
  private readonly stream: Float32Array;
  private readonly steps: ArrayBuffer;
  private readonly delaySteps: number;
  private readonly window: number;
  private readonly channelCount: number;

  private constructor(
    readonly spec: CerebellumSpec,
    readonly device: GPUDevice,
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
    this.createBuffers(kappa);
    this.createKernels(c, kappa);
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

  private buffer(name: string, bytes: number, usage: number): GPUBuffer {
    const b = this.device.createBuffer({
      label: name,
      size: Math.max(16, Math.ceil(bytes / 16) * 16),
      usage,
    });
    this.buffers.set(name, b);
    return b;
  }

  private createBuffers(kappa: Float64Array): void {
    const { device, layout, params: p } = this;
    const U = GPUBufferUsageFlags();
    const rw = U.STORAGE | U.COPY_SRC | U.COPY_DST;
    const { cells, fanIn, packed, purkinje: P, mossy: M } = layout;
    const wiring = packWiring(this.frontEnd.granuleInputs, fanIn, packed);
    device.queue.writeBuffer(this.buffer("wiring", wiring.byteLength, rw), 0, wiring);
    this.buffer("stream", this.stream.byteLength, rw);
    this.buffer("drive", cells * 4, rw);
    this.buffer("ctrl", (C_RING + layout.ringSlots) * 4, rw);
    this.buffer("blocks", layout.blocks * 16, rw);
    this.buffer("partials", layout.chunks * layout.sumGroups * P * 4, rw);
    this.buffer("v", M * P * 4, rw);
    const historyLength = (this.delaySteps + 1) * P + kappa.length * P + kappa.length;
    const history = new Float32Array(historyLength);
    history.set(kappa, historyLength - kappa.length);
    device.queue.writeBuffer(this.buffer("history", history.byteLength, rw), 0, history);
    this.buffer("dw", P * 4, rw);
    const outBytes = this.batchSteps * (P + 1) * 4;
    this.buffer("out", outBytes, rw);
    this.buffer("steps", this.steps.byteLength, U.UNIFORM | U.COPY_DST);
    for (let i = 0; i < 2; i++) {
      this.staging.push(
        device.createBuffer({
          label: `staging${i}`,
          size: outBytes,
          usage: U.MAP_READ | U.COPY_DST,
        }),
      );
    }
    // PF→PC weights, in chunks of rows, all w₀ (written in slices to bound host memory).
    const fill = new Float32Array(Math.min(cells * P, 1 << 24)).fill(p.purkinje.initialWeight);
    for (let c = 0; c < layout.chunks; c++) {
      const rows = Math.min(layout.rowsPerChunk, cells - c * layout.rowsPerChunk);
      const chunk = device.createBuffer({ label: `w${c}`, size: rows * P * 4, usage: rw });
      for (let at = 0; at < rows * P; at += fill.length) {
        const n = Math.min(fill.length, rows * P - at);
        device.queue.writeBuffer(chunk, at * 4, fill, 0, n);
      }
      this.weightChunks.push(chunk);
    }
  }

  private createKernels(c: EngineConstants, kappa: Float64Array): void {
    const { device, layout, params: p } = this;
    const storage = (n: number): GPUBindGroupLayoutEntry[] =>
      Array.from({ length: n }, (_, i) => ({
        binding: i,
        visibility: GPUShaderStageCompute(),
        buffer: { type: "storage" as GPUBufferBindingType },
      }));
    const stepLayout = device.createBindGroupLayout({
      entries: [
        {
          binding: 0,
          visibility: GPUShaderStageCompute(),
          buffer: { type: "uniform", hasDynamicOffset: true, minBindingSize: STEP_BYTES },
        },
      ],
    });
    const slotLayout = device.createBindGroupLayout({ entries: storage(1) });
    this.stepGroup = device.createBindGroup({
      layout: stepLayout,
      entries: [{ binding: 0, resource: { buffer: this.get("steps"), size: STEP_BYTES } }],
    });
    // Activity ring: slot s is bytes [s·slotBytes, (s+1)·slotBytes) of its ring buffer.
    const U = GPUBufferUsageFlags();
    const ring: GPUBuffer[] = [];
    for (let b = 0; b < layout.ringBuffers; b++) {
      const slots = Math.min(layout.slotsPerBuffer, layout.ringSlots - b * layout.slotsPerBuffer);
      ring.push(
        device.createBuffer({
          label: `ring${b}`,
          size: slots * layout.slotBytes,
          usage: U.STORAGE | U.COPY_SRC | U.COPY_DST,
        }),
      );
    }
    for (let s = 0; s < layout.ringSlots; s++) {
      const buffer = ring[Math.floor(s / layout.slotsPerBuffer)];
      const offset = (s % layout.slotsPerBuffer) * layout.slotBytes;
      this.slotGroups.push(
        device.createBindGroup({
          layout: slotLayout,
          entries: [{ binding: 0, resource: { buffer, offset, size: layout.slotBytes } }],
        }),
      );
    }
    this.ring = ring;
    const rule = p.plasticity.pfPurkinje;
    const sources: KernelSource[] = [
      driveKernel(c),
      histogramKernel(c),
      cutKernel(c),
      blockCountKernel(c),
      blockScanKernel(c),
      scatterKernel(c),
      finishKernel(c, p, kappa),
      tickKernel(c),
    ];
    // The weights are touched one chunk buffer per dispatch, so a kernel binds one chunk only.
    for (let chunk = 0; chunk < layout.chunks; chunk++) {
      sources.push(sumsKernel(c, p.purkinje.initialWeight, chunk));
      sources.push(updateKernel(c, p, { delayed: true }, chunk));
      if (rule.nonAssociativeLtp > 0) {
        const constant = rule.nonAssociativeLtp * p.dtMs;
        sources.push(updateKernel(c, p, { delayed: false, constant }, chunk));
      }
    }
    for (const source of sources) {
      const group0Layout = device.createBindGroupLayout({ entries: storage(source.uses.length) });
      const layouts = [group0Layout, stepLayout];
      if (source.slot) layouts.push(slotLayout);
      const module = device.createShaderModule({ label: source.name, code: source.code });
      const pipeline = device.createComputePipeline({
        label: source.name,
        layout: device.createPipelineLayout({ bindGroupLayouts: layouts }),
        compute: { module, entryPoint: "main" },
      });
      const group0 = device.createBindGroup({
        layout: group0Layout,
        entries: source.uses.map((u, i) => ({
          binding: i,
          resource: { buffer: this.bufferFor(u.name) },
        })),
      });
      this.kernels.set(source.name, { name: source.name, pipeline, group0, slot: source.slot });
    }
  }

  private ring: GPUBuffer[] = [];

  private get(name: string): GPUBuffer {
    const b = this.buffers.get(name);
    if (!b) throw new Error(`no GPU buffer ${name}`);
    return b;
  }

  /** Buffers as the kernels name them: "outf" is "out" read as floats, "w3" is weight chunk 3. */
  private bufferFor(name: string): GPUBuffer {
    if (name === "outf") return this.get("out");
    const chunk = /^w(\d+)$/.exec(name);
    if (chunk) return this.weightChunks[Number(chunk[1])];
    return this.get(name);
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
      const staging = this.staging[batch % 2];
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
    for (let s = 0; s < n; s++) {
      for (let c = 0; c < C; c++) channels[c] = context[(from + s) * C + c];
      this.frontEnd.step(
        channels,
        this.stream.subarray(off.units + s * Uc, off.units + (s + 1) * Uc),
        this.stream.subarray(off.xin + s * M, off.xin + (s + 1) * M),
      );
      for (let q = 0; q < P; q++)
        this.stream[off.teacher + s * P + q] = teacher[(from + s) * P + q] ?? 0;
    }
    this.device.queue.writeBuffer(this.get("stream"), 0, this.stream);
  }

  private submit(n: number, staging: GPUBuffer): void {
    const { device, layout, params: p } = this;
    const L1 = this.window;
    const Z1 = this.delaySteps + 1;
    const words = new Uint32Array(this.steps);
    const floats = new Float32Array(this.steps);
    const cortex = (1 - this.lesion) * p.purkinje.outputGain;
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
    }
    device.queue.writeBuffer(this.get("steps"), 0, new Uint8Array(this.steps, 0, n * STEP_BYTES));
    const max = device.limits.maxComputeWorkgroupsPerDimension;
    const blocks = grid(layout.blocks, max);
    const sums = grid(layout.sumGroups, max);
    const ticks = grid(Math.ceil(BINS / WORKGROUP), max);
    const pf = p.plasticity.pfPurkinje;
    const learnPf = this.learning && pf.enabled;
    const encoder = device.createCommandEncoder();
    const pass = encoder.beginComputePass();
    const run = (name: string, size: [number, number], s: number, slot?: number) => {
      const k = this.kernels.get(name);
      if (!k) throw new Error(`no kernel ${name}`);
      pass.setPipeline(k.pipeline);
      pass.setBindGroup(0, k.group0);
      pass.setBindGroup(1, this.stepGroup, [s * STEP_BYTES]);
      if (k.slot) pass.setBindGroup(2, this.slotGroups[slot ?? 0]);
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
    encoder.copyBufferToBuffer(this.get("out"), 0, staging, 0, n * (layout.purkinje + 1) * 4);
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
  async read(buffer: GPUBuffer, offset: number, bytes: number): Promise<ArrayBuffer> {
    const U = GPUBufferUsageFlags();
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
    for (let c = 0; c < this.weightChunks.length; c++) {
      const rows = Math.min(rowsPerChunk, cells - c * rowsPerChunk);
      const data = await this.read(this.weightChunks[c], 0, rows * purkinje * 4);
      w.set(new Float32Array(data), c * rowsPerChunk * purkinje);
    }
    return w;
  }

  /** Mossy fibre → nucleus weights v, M × P. */
  async readNucleusWeights(): Promise<Float32Array> {
    const { mossy, purkinje } = this.layout;
    return new Float32Array(await this.read(this.get("v"), 0, mossy * purkinje * 4));
  }

  /** The granule drive h of the last step, N. */
  async readDrive(): Promise<Float32Array> {
    return new Float32Array(await this.read(this.get("drive"), 0, this.layout.cells * 4));
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
    const counts = new Uint32Array(await this.read(this.get("ctrl"), (C_RING + slot) * 4, 4));
    const buffer = this.ring[Math.floor(slot / layout.slotsPerBuffer)];
    const offset = (slot % layout.slotsPerBuffer) * layout.slotBytes;
    return new Uint32Array(await this.read(buffer, offset, counts[0] * 4));
  }

  /** Free the GPU buffers (the device stays, it may be shared). */
  destroy(): void {
    for (const b of this.buffers.values()) b.destroy();
    for (const b of [...this.weightChunks, ...this.ring, ...this.staging]) b.destroy();
  }
}

/** GPUShaderStage.COMPUTE. */
function GPUShaderStageCompute(): number {
  return 0x4;
}
