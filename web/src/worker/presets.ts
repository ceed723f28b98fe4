/** Experiment presets offered by the playground's experiment editor, per paradigm. */

const ITI = "iti=2500, jitter=1000";
const delay = (isi: number, extra = "") => `isi=${isi}, usdur=100${extra}, ${ITI}`;

export const PRESETS: Record<string, { name: string; text: string }[]> = {
  eyeblink: [
    { name: "Paradigm default", text: "" },
    {
      name: "Delay conditioning, ISI 500 ms (100 trials, 10 % probes)",
      text: `acquisition: 90 T+(${delay(500)}) / 10 T-(${delay(500)})`,
    },
    {
      name: "Delay conditioning, ISI 250 ms",
      text: `acquisition: 90 T+(${delay(250)}) / 10 T-(${delay(250)})`,
    },
    {
      name: "Acquisition then extinction",
      text: `acquisition: 90 T+(${delay(500)}) / 10 T-(${delay(500)}) > extinction: 100 T-(${delay(500)})`,
    },
    {
      name: "Trace conditioning (100-ms tone, 500-ms trace)",
      text: `acquisition: 180 T+(${delay(600, ", trace=500")}) / 20 T-(${delay(600, ", trace=500")})`,
    },
    {
      name: "Two ISIs mixed (Millenson et al. 1977)",
      text: `acquisition: 150 T+(isi=200, cs=800, usdur=100, ${ITI}) / 150 T+(isi=700, cs=800, usdur=100, ${ITI})`,
    },
  ],
};
