import { amygdalaParamsSchema } from "./dist/model/amygdala.js";
import { Amygdala } from "./dist/brain/amygdala.js";
const params = amygdalaParamsSchema.parse({});
const a = new Amygdala({kind:"amygdala", params, channels:[{name:"T",role:"cue"},{name:"context-B",role:"context"}], outputs:["fear"], seed:1});
const show = () => console.log(Array.from(a.temporal.value, v=>v.toFixed(2)).join(" "));
show(); a.rest(3.6e6); show(); a.rest(24*3.6e6); show(); a.rest(24*3.6e6*7); show();
// active ITC cells for T in B
for (let i=0;i<5;i++) a.step([1,1],[0]);
console.log("itc active", a.itc.count, "ref", a.itcReference, "la active", a.la.count, "laRef", a.laReference);
const K=3; let withTime=0; const ch = a.mossyWiring.source;
for (let j=0;j<a.itc.count;j++){ const i=a.itc.active[j]; const src = ch[a.itcInputs[i*3+2]]; if (a.channels[src]?.role==="time") withTime++; }
console.log("active with time input", withTime);
