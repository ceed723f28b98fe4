import { amygdalaParamsSchema } from "./dist/model/amygdala.js";
import { steeringParamsSchema } from "./dist/brain/steering.js";
import { fearDesign, fearTrial } from "./dist/paradigms/fear/experiments.js";
import { FearRun } from "./dist/paradigms/fear/simulate.js";
const model = amygdalaParamsSchema.parse({});
const steering = steeringParamsSchema.parse({});
const T = (us) => fearTrial({ cues: "T", us });
const design = fearDesign([
  { name: "cond", trials: 5, types: [T(1)], context: "A" },
  { name: "ext", trials: 20, types: [T(0)], context: "B" },
  { name: "late", trials: 4, types: [T(0)], context: "B", gapHours: 24*7 },
]);
const run = new FearRun({ seed: 1, backend: "ts", model, steering, ...design });
run.run({ onTrial: (r) => { if (r.trial.indexInPhase===0) console.log(r.trial.phase, Array.from(run.amygdala.temporal.value, v=>v.toFixed(2)).join(" "), r.csFreezing.toFixed(1), r.csInhibition.toFixed(3)); }});
