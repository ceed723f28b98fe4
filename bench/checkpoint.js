// The cost of one checkpoint (paradigms/units.ts) per paradigm, default config, after `npm run
// build`: `node bench/checkpoint.js fear vor mouse …` (an id may carry config overrides as
// `id@{"protocol":{"homeostasis":true}}`). Each run stops at its first checkpoint after
// `stopAt` units (vor: 2, its first unit being a short baseline test) and prints one JSON line:
// the checkpoint's size, the CPU ms of the units before it, of `snapshotState`, of
// JSON.stringify and of the JSON.parse a resume does. CPU time (user + system), not wall time,
// so the numbers hold on a loaded machine.
import { getParadigm } from "../dist/paradigms/registry.js";

class Stop extends Error {}
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

for (const arg of process.argv.slice(2)) {
  const [id, extra] = arg.split("@");
  const paradigm = getParadigm(id);
  const config = paradigm.resolve({ paradigm: id, ...(extra ? JSON.parse(extra) : {}) });
  const stopAt = id === "vor" ? 2 : 1;
  const start = cpuMs();
  let lastUnit = 0;
  const out = { id };
  try {
    await paradigm.run(config, {
      onProgress: (_, total) => {
        lastUnit = cpuMs();
        out.units = total;
      },
      checkpoint: {
        every: 1,
        save: (state, done) => {
          if (done < stopAt) return;
          const saved = cpuMs();
          const text = JSON.stringify(state);
          const json = cpuMs();
          JSON.parse(text);
          Object.assign(out, {
            unitsDone: done,
            bytes: text.length,
            unitsCpuMs: Math.round(lastUnit - start),
            snapshotMs: Math.round(saved - lastUnit),
            stringifyMs: Math.round(json - saved),
            parseMs: Math.round(cpuMs() - json),
          });
          throw new Stop();
        },
      },
    });
  } catch (e) {
    if (!(e instanceof Stop)) throw e;
  }
  console.log(JSON.stringify(out));
}
