import { expect, it } from "vitest";
import { Cerebellum } from "../../src/brain/cerebellum.js";
import { requestGpuDevice } from "../../src/gpu/device.js";
import { GpuCerebellum } from "../../src/gpu/engine.js";
import { cerebellumParamsSchema } from "../../src/model/cerebellum.js";

it("smoke", async () => {
  const t0 = performance.now();
  const info = await requestGpuDevice();
  console.log(info.mode, info.adapter, performance.now() - t0);
  const params = cerebellumParamsSchema.parse({
    granule: { count: 4000, threshold: 1.2 },
    purkinje: { count: 4 },
    mossy: { count: 64, fibresPerChannel: 8 },
    basis: { bumps: 8 },
  });
  const channels = ["a", "b", "c", "d"];
  const spec = { kind: "cerebellum" as const, params, channels, seed: 3 };
  const steps = 600;
  const context = new Float64Array(steps * 4);
  const teacher = new Float64Array(steps * 4);
  for (let t = 0; t < steps; t++) {
    for (let c = 0; c < 4; c++) context[t * 4 + c] = (t + c * 50) % 300 < 120 ? 1 : 0;
    for (let q = 0; q < 4; q++) teacher[t * 4 + q] = (t + q * 50) % 300 > 200 && (t + q * 50) % 300 < 220 ? 1 : 0.1;
  }
  const gpu = await GpuCerebellum.create(spec, { device: info.device, batchSteps: 50 });
  const t1 = performance.now();
  const out = await gpu.run(context, teacher, steps);
  console.log("gpu ms", performance.now() - t1);
  const cpu = new Cerebellum(spec);
  const z = new Float64Array(steps * 4);
  const counts = new Uint32Array(steps);
  for (let t = 0; t < steps; t++) {
    z.set(cpu.step(context.subarray(t * 4, t * 4 + 4), teacher.subarray(t * 4, t * 4 + 4)), t * 4);
    counts[t] = cpu.granule.count;
  }
  let maxErr = 0;
  for (let i = 0; i < z.length; i++) maxErr = Math.max(maxErr, Math.abs(z[i] - out.output[i]));
  console.log("counts", Array.from(out.active.slice(0, 10)), Array.from(counts.slice(0, 10)));
  console.log("z", Array.from(out.output.slice(2000, 2008)), Array.from(z.slice(2000, 2008)));
  console.log("maxErr", maxErr);
  const drive = await gpu.readDrive();
  let dmax = 0;
  for (let i = 0; i < drive.length; i++) dmax = Math.max(dmax, Math.abs(drive[i] - cpu.granule.drive[i]));
  console.log("drive diff", dmax);
  const act = await gpu.readActive(0);
  console.log("active", act.length, cpu.granule.count, Array.from(act.slice(0, 8)), Array.from(cpu.granule.active.slice(0, 8)));
  const w = await gpu.readWeights();
  let wmax = 0;
  for (let i = 0; i < w.length; i++) wmax = Math.max(wmax, Math.abs(w[i] - cpu.purkinje.w[i]));
  console.log("w diff", wmax);
  expect(out.active[steps - 1]).toBeGreaterThan(0);
});
