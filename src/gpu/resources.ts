/// <reference types="@webgpu/types" />
/**
 * The GPU engine's buffers, bind groups and pipelines (engine.ts drives them). Buffers are
 * named as the kernels name them (kernels/*.ts); each kernel gets a bind-group layout made from
 * its own list of buffers, so the WGSL declarations and the layouts cannot drift apart.
 */
import type { CerebellumParams } from "../model/cerebellum.js";
import { packWiring } from "./frontend.js";
import { C_RING, type EngineConstants } from "./kernels/common.js";
import {
  blockCountKernel,
  blockScanKernel,
  cutKernel,
  driveKernel,
  histogramKernel,
  scatterKernel,
  tickKernel,
} from "./kernels/granule.js";
import { finishKernel, sumsKernel, updateKernel } from "./kernels/readout.js";
import type { GpuLayout } from "./layout.js";
import { type KernelSource, STEP_BYTES } from "./wgsl.js";

export interface Kernel {
  name: string;
  pipeline: GPUComputePipeline;
  group0: GPUBindGroup;
  slot: boolean;
}

/** GPUBufferUsage as numbers (the global exists only once a WebGPU implementation is loaded). */
export const USAGE = {
  STORAGE: 0x80,
  COPY_SRC: 0x04,
  COPY_DST: 0x08,
  MAP_READ: 0x01,
  UNIFORM: 0x40,
};
/** GPUShaderStage.COMPUTE. */
const COMPUTE = 0x4;

export class GpuResources {
  readonly kernels = new Map<string, Kernel>();
  readonly weightChunks: GPUBuffer[] = [];
  /** Activity ring buffers, and one bind group per ring slot. */
  ring: GPUBuffer[] = [];
  readonly slotGroups: GPUBindGroup[] = [];
  /** The per-step uniform, bound with a dynamic offset per step. */
  stepGroup!: GPUBindGroup;
  /** Two read-back buffers, so one batch can be read while the next runs. */
  readonly staging: GPUBuffer[] = [];
  private readonly buffers = new Map<string, GPUBuffer>();
  private readonly layout: GpuLayout;

  constructor(
    private readonly device: GPUDevice,
    private readonly params: CerebellumParams,
    c: EngineConstants,
    granuleInputs: Int32Array,
    kappa: Float64Array,
    sizes: { stepBytes: number; streamBytes: number },
  ) {
    this.layout = c.layout;
    this.createBuffers(granuleInputs, kappa, c.batchSteps, sizes);
    this.createKernels(c, kappa);
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

  private createBuffers(
    granuleInputs: Int32Array,
    kappa: Float64Array,
    batchSteps: number,
    sizes: { stepBytes: number; streamBytes: number },
  ): void {
    const { device, layout, params: p } = this;
    const U = USAGE;
    const rw = U.STORAGE | U.COPY_SRC | U.COPY_DST;
    const { cells, fanIn, packed, purkinje: P, mossy: M } = layout;
    // Never shared memory (the DOM typings of writeBuffer want an ArrayBuffer-backed view).
    const wiring = packWiring(granuleInputs, fanIn, packed) as Uint32Array<ArrayBuffer>;
    device.queue.writeBuffer(this.buffer("wiring", wiring.byteLength, rw), 0, wiring);
    this.buffer("stream", sizes.streamBytes, rw);
    this.buffer("drive", cells * 4, rw);
    this.buffer("ctrl", (C_RING + layout.ringSlots) * 4, rw);
    this.buffer("blocks", layout.blocks * 16, rw);
    this.buffer("partials", layout.chunks * layout.sumGroups * P * 4, rw);
    this.buffer("v", M * P * 4, rw);
    const delaySteps = Math.round(p.olive.feedbackDelayMs / p.dtMs);
    const historyLength = (delaySteps + 1) * P + kappa.length * P + kappa.length;
    const history = new Float32Array(historyLength);
    history.set(kappa, historyLength - kappa.length);
    device.queue.writeBuffer(this.buffer("history", history.byteLength, rw), 0, history);
    this.buffer("dw", P * 4, rw);
    const outBytes = batchSteps * (P + 1) * 4;
    this.buffer("out", outBytes, rw);
    this.buffer("steps", sizes.stepBytes, U.UNIFORM | U.COPY_DST);
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
        visibility: COMPUTE,
        buffer: { type: "storage" as GPUBufferBindingType },
      }));
    const stepLayout = device.createBindGroupLayout({
      entries: [
        {
          binding: 0,
          visibility: COMPUTE,
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
    const U = USAGE;
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

  get(name: string): GPUBuffer {
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

  destroy(): void {
    for (const b of this.buffers.values()) b.destroy();
    for (const b of [...this.weightChunks, ...this.ring, ...this.staging]) b.destroy();
  }
}
