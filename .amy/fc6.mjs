import { amygdalaParamsSchema } from "./dist/model/amygdala.js";
import { steeringParamsSchema } from "./dist/brain/steering.js";
import { fearDesign, fearTrial } from "./dist/paradigms/fear/experiments.js";
import { simulateFear } from "./dist/paradigms/fear/simulate.js";
import { simulateRescorlaWagner } from "./dist/paradigms/fear/rescorlaWagnerRun.js";
const over = process.argv[2] ? JSON.parse(process.argv[2]) : {};
const model = amygdalaParamsSchema.parse(over.model ?? {});
const steering = steeringParamsSchema.parse(over.steering ?? {});
const T = (us) => fearTrial({ cues: "T", us });
const design = fearDesign([
  { name: "cond", trials: 5, types: [T(1)], context: "A" },
  { name: "ext", trials: 20, types: [T(0)], context: "B" },
  { name: "recall", trials: 4, types: [T(0)], context: "B" },
  { name: "renewal", trials: 4, types: [T(0)], context: "A", gapHours: 2 },
  { name: "late", trials: 4, types: [T(0)], context: "B", gapHours: 24*7 },
]);
const t0 = Date.now();
const { records, run } = simulateFear(design, { seed: 1, model, steering });
console.log("ms", Date.now() - t0, "steps", run.amygdala.time);
for (const r of records) console.log(r.trial.phase.padEnd(8), r.trial.indexInPhase, r.context, "frz", r.csFreezing.toFixed(1).padStart(5), "pre", r.preFreezing.toFixed(1).padStart(5), "z", r.csFear.toFixed(3), "exc", r.csExcitation.toFixed(3), "inh", r.csInhibition.toFixed(3), "preZ", r.preFear.toFixed(3), "ar", r.csArousal.toFixed(3));
const rw = simulateRescorlaWagner(design);
console.log("RW", rw.map(r => r.csFreezing.toFixed(0)).join(" "));
