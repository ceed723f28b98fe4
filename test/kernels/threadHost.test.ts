/**
 * Where wasm-threads gets its helpers (src/kernels/wasm/threads.ts helperHost): Node's
 * worker_threads, Web Workers from a Blob URL in a cross-origin-isolated worker, or one thread
 * with a reason. The browser helpers' script is run for real here, on Node worker threads standing
 * in for Web Workers, and must give the reference's results bit for bit.
 */
import { Worker as NodeWorker } from "node:worker_threads";
import { afterAll, describe, expect, it } from "vitest";
import { Cerebellum } from "../../src/brain/cerebellum.js";
import { referenceKernel as ref } from "../../src/kernels/reference.js";
import {
  helperHost,
  ThreadedWasmKernel,
  threadUsage,
  type WebHost,
} from "../../src/kernels/wasm/threads.js";
import { WasmKernel } from "../../src/kernels/wasm/wasmKernel.js";
import { cerebellumParamsSchema } from "../../src/model/cerebellum.js";

/** Blob URLs made, by URL: the script text. */
const blobs = new Map<string, string>();
class FakeBlob {
  constructor(
    readonly parts: string[],
    readonly options: { type: string },
  ) {}
}
const FakeURL = {
  createObjectURL(blob: object): string {
    const url = `blob:test/${blobs.size + 1}`;
    blobs.set(url, (blob as FakeBlob).parts.join(""));
    return url;
  },
  revokeObjectURL(url: string): void {
    blobs.delete(url);
  },
};

/**
 * A Web Worker on a Node worker thread: `self` is the thread's global, and the first message is
 * handed to `self.onmessage` as a MessageEvent would be.
 */
const running: NodeWorker[] = [];
class NodeBackedWebWorker {
  readonly thread: NodeWorker;
  private readonly listeners = new Map<string, (e: { message?: string }) => void>();
  constructor(url: string) {
    const script = blobs.get(url);
    if (script === undefined) throw new Error(`no blob at ${url}`);
    const source = `globalThis.self = globalThis;
${script}
require("node:worker_threads").parentPort.once("message", (data) => self.onmessage({ data }));`;
    this.thread = new NodeWorker(source, { eval: true });
    this.thread.unref();
    this.thread.on("error", (e) => this.listeners.get("error")?.({ message: e.message }));
    running.push(this.thread);
  }
  postMessage(data: unknown): void {
    this.thread.postMessage(data);
  }
  addEventListener(type: string, listener: (e: { message?: string }) => void): void {
    this.listeners.set(type, listener);
  }
  terminate(): Promise<number> {
    return this.thread.terminate();
  }
}

/** A browser's globals as the kernel sees them. */
function browser(overrides: Partial<WebHost>): WebHost {
  return {
    Worker: NodeBackedWebWorker,
    Blob: FakeBlob,
    URL: FakeURL,
    crossOriginIsolated: true,
    WorkerGlobalScope: class {},
    navigator: { hardwareConcurrency: 4 },
    ...overrides,
  };
}

afterAll(async () => {
  await Promise.all(running.map((w) => w.terminate()));
});

describe("helperHost", () => {
  it("uses worker_threads in Node", () => {
    const host = helperHost();
    expect("spawn" in host).toBe(true);
    expect("cores" in host && host.cores).toBeGreaterThanOrEqual(1);
  });

  it("gives a reason where helpers cannot run", () => {
    expect(helperHost({})).toEqual({ reason: expect.stringMatching(/no worker_threads or Web/) });
    expect(helperHost(browser({ crossOriginIsolated: false }))).toEqual({
      reason: expect.stringMatching(/not cross-origin isolated/),
    });
    // A main thread may not Atomics.wait: one thread, and the reason says so.
    expect(helperHost(browser({ WorkerGlobalScope: undefined }))).toEqual({
      reason: expect.stringMatching(/main thread/),
    });
  });

  it("falls back to one thread, saying why, and runs like wasm", () => {
    const kernel = new ThreadedWasmKernel({
      host: helperHost(browser({ crossOriginIsolated: false })),
    });
    expect(kernel.threads).toBe(1);
    expect(kernel.fallbackReason).toMatch(/not cross-origin isolated/);
    expect(kernel.usage()).toMatchObject({ threads: 1, mostThreads: 1, splitCalls: 0 });
  });

  it("in a browser worker, starts Web Workers from one Blob URL of the shared helper loop", () => {
    const host = helperHost(browser({}));
    expect("spawn" in host && host.cores).toBe(4);
    const kernel = new ThreadedWasmKernel({ host, threads: 3 });
    kernel.dispose();
    expect(blobs.size).toBe(1); // two helpers, one script
    const source = [...blobs.values()][0];
    expect(source).toContain("function shouldaHelper(");
    expect(source).toContain("self.onmessage");
    expect(source).not.toContain("require(");
  });
});

describe("wasm-threads on Web Worker helpers (run on Node threads)", () => {
  it("splits the work across them, bit-identically to the reference", async () => {
    const kernel = new ThreadedWasmKernel({
      host: helperHost(browser({})),
      threads: 3,
      minCells: 0,
      minWeights: 0,
      adaptive: false,
      smallWork: 0,
    });
    try {
      expect(kernel.fallbackReason).toBeNull();
      await kernel.whenReady(20_000);
      expect(kernel.usage().readyHelpers).toBe(2);
      const params = cerebellumParamsSchema.parse({
        dtMs: 1,
        granule: { count: 3001, fanIn: 4, codingLevel: 0.05, threshold: 1.2 },
        purkinje: { count: 32 },
        mossy: { count: 64, fibresPerChannel: 8 },
      });
      const spec = { kind: "cerebellum" as const, params, channels: ["a", "b"], seed: 5 };
      const a = new Cerebellum(spec, ref);
      const b = new Cerebellum(spec, kernel);
      const context = new Float64Array(2);
      const teacher = new Float64Array(32);
      const outA: number[] = [];
      const outB: number[] = [];
      for (let t = 0; t < 400; t++) {
        context[0] = t % 200 < 80 ? 1 : 0;
        context[1] = (t + 100) % 200 < 80 ? 1 : 0;
        teacher.fill(t % 200 === 60 ? 1 : 0.1);
        outA.push(...a.step(context, teacher));
        outB.push(...b.step(context, teacher));
      }
      expect(outB).toEqual(outA);
      expect(Array.from(b.purkinje.w)).toEqual(Array.from(a.purkinje.w));
      const usage = threadUsage(kernel);
      expect(usage.mostThreads).toBe(3);
      expect(usage.splitCalls).toBeGreaterThan(400);
    } finally {
      kernel.dispose();
    }
  });

  it("reports one thread for a kernel without helpers", () => {
    expect(threadUsage(new WasmKernel())).toEqual({
      threads: 1,
      readyHelpers: 0,
      splitCalls: 0,
      mostThreads: 1,
      fallbackReason: null,
    });
  });
});
