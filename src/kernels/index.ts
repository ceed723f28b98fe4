/** Kernel backends, looked up by name. Faster backends register here beside the reference. */
import { ConfigError } from "../model/errors.js";
import type { Kernel } from "./kernel.js";
import { referenceKernel } from "./reference.js";

export type { Kernel } from "./kernel.js";
export { referenceKernel } from "./reference.js";

const registry = new Map<string, Kernel>([[referenceKernel.name, referenceKernel]]);

export function registerKernel(kernel: Kernel): void {
  registry.set(kernel.name, kernel);
}

export function getKernel(name: string): Kernel {
  const kernel = registry.get(name);
  if (!kernel) {
    throw new ConfigError(
      "backend",
      `unknown backend "${name}"; allowed: ${[...registry.keys()].join(", ")}`,
    );
  }
  return kernel;
}

export function kernelNames(): string[] {
  return [...registry.keys()];
}
