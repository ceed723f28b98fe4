/** Kernel backends, looked up by name. Faster backends register here beside the reference. */
import { z } from "zod";
import { ConfigError } from "../model/errors.js";
import { referenceIntKernel } from "./intWeights.js";
import type { Kernel } from "./kernel.js";
import { referenceKernel } from "./reference.js";
import { ThreadedWasmKernel } from "./wasm/threads.js";
import { WasmKernel } from "./wasm/wasmKernel.js";

export type { Kernel, KernelArrays } from "./kernel.js";
export { kernelArrays, plainArrays } from "./kernel.js";
export { referenceKernel } from "./reference.js";

/**
 * A backend is a kernel object or a factory for one. Backends that own memory (wasm) are made
 * fresh by each `getKernel` call, so that one circuit's arrays go when the circuit goes.
 */
const registry = new Map<string, Kernel | (() => Kernel)>([
  [referenceKernel.name, referenceKernel],
  ["wasm", () => new WasmKernel({ name: "wasm" })],
  ["wasm-threads", () => new ThreadedWasmKernel({ name: "wasm-threads" })],
  // The integer-weight tier (kernels/intWeights.ts): int16 PF→PC weights, exact sums.
  ["ts-int", { ...referenceKernel, name: "ts-int", intWeights: referenceIntKernel }],
  ["wasm-int", () => new WasmKernel({ name: "wasm-int", intWeights: true })],
]);

export function registerKernel(kernel: Kernel): void {
  registry.set(kernel.name, kernel);
}

/** Registers a backend made afresh by each `getKernel(name)`. */
export function registerKernelFactory(name: string, make: () => Kernel): void {
  registry.set(name, make);
}

export function getKernel(name: string): Kernel {
  const entry = registry.get(name);
  if (!entry) {
    throw new ConfigError(
      "backend",
      `unknown backend "${name}"; allowed: ${[...registry.keys()].join(", ")}`,
    );
  }
  return typeof entry === "function" ? entry() : entry;
}

export function kernelNames(): string[] {
  return [...registry.keys()];
}

/**
 * The backend every paradigm defaults to instead of its own, while set (null: each paradigm's
 * own default). The scorecard sets it for `shoulda validate --backend NAME`, so that every
 * target's runs use that backend without a target knowing; a config's explicit `backend` wins.
 */
let defaultBackendOverride: string | null = null;

/** Sets (or with null clears) the override of every paradigm's default backend; checks the name. */
export function overrideDefaultBackend(name: string | null): void {
  if (name !== null && !registry.has(name)) getKernel(name);
  defaultBackendOverride = name;
}

/** A paradigm config's `backend` field: a `getKernel` name (checked when the run builds its kernel). */
export function backendField(defaultName: string) {
  return z
    .string()
    .default(() => defaultBackendOverride ?? defaultName)
    .describe(
      "Kernel backend (see `getKernel`): ts (TypeScript reference), wasm (WebAssembly SIMD, same results), wasm-threads (wasm on Node worker threads, or Web Workers in a cross-origin-isolated page; same results); ts-int, wasm-int (the integer-weight tier: int16 PF→PC weights with stochastic rounding, its own results, docs/kernels.md)",
    );
}
