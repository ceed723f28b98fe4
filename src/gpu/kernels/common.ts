/**
 * What the GPU kernels share: the constants of one engine (baked into the WGSL) and the layout
 * of the `ctrl` and `stream` buffers.
 *
 * ctrl (uint32): per-step scalars, then the selection histogram, then the activity ring counts.
 * stream (float32, one batch of S steps): units S × U, then nucleus input x̃ S × M, then the
 * teacher S × P — everything a step needs from the CPU, uploaded once per batch.
 */
import type { GpuLayout } from "../layout.js";

export const C_MAX = 0; // largest drive above the floor, as float32 bits (atomicMax)
export const C_ABOVE = 1; // cells above the floor (atomicAdd)
export const C_CUT = 2; // histogram cut bin
export const C_ROOM = 3; // places left in the cut bin
export const C_ALL = 4; // 1: at most `target` above the floor, all of them fire
export const C_COUNT = 5; // active cells this step
export const C_SCALE = 6; // histogram scale, float32 bits
export const C_HIST = 8;
export const C_RING = C_HIST + 1024;

export interface EngineConstants {
  layout: GpuLayout;
  /** Steps per batch S (the stream and output buffers hold S steps). */
  batchSteps: number;
  /** Granule threshold floor θ₀ (float64, as in the params). */
  floor: number;
}

/**
 * WGSL condition "h is above the floor", exactly the reference's float64 `h > floor` for a
 * float32 h: with f = fround(floor), h > floor ⇔ h > f when f ≤ floor, and h ≥ f when f > floor.
 */
export function aboveFloor(floor: number): string {
  const f = Math.fround(floor);
  return f > floor ? `(h >= FLOOR32)` : `(h > FLOOR32)`;
}

export function streamOffsets(c: EngineConstants): { units: number; xin: number; teacher: number } {
  const { units, mossy } = c.layout;
  return { units: 0, xin: c.batchSteps * units, teacher: c.batchSteps * (units + mossy) };
}
