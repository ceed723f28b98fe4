import { describe, expect, it } from "vitest";
import { Chart, legendLayout } from "../../web/src/plots.js";

const chart = () =>
  new Chart({
    id: "t",
    title: "t",
    xLabel: "x",
    yLabel: "y",
    xDomain: [0, 1],
    yDomain: [0, 1],
  });

/** The y of every legend label drawn, and the labels' texts. */
function legendTexts(svg: string): { y: number; text: string }[] {
  return [
    ...svg.matchAll(
      /<text x="[\d.]+" y="([\d.]+)" font-size="10" fill="#(?:333|666)">([^<]*)<\/text>/g,
    ),
  ].map((m) => ({ y: Number(m[1]), text: m[2] }));
}

describe("live chart legend", () => {
  it("keeps few entries in one column, labels whole", () => {
    const c = chart();
    c.legend([
      { label: "paired", color: "#000" },
      { label: "probe", color: "#111" },
    ]);
    expect(legendTexts(c.svg()).map((t) => t.text)).toEqual(["paired", "probe"]);
  });

  it("never draws past the plot area, however many runs (shoulda-vs-reward's tuning panel)", () => {
    const c = chart();
    const items = Array.from({ length: 40 }, (_, k) => ({
      label: `reward 0.0${k}, seed ${k % 3}: a long run name that would run across the plot`,
      color: "#000",
    }));
    c.legend(items);
    const texts = legendTexts(c.svg());
    const bottom = 26 + c.plotHeight; // MARGIN.top + plot height
    for (const t of texts) expect(t.y).toBeLessThanOrEqual(bottom);
    const { shown, maxChars } = legendLayout(40, c.plotWidth, c.plotHeight);
    expect(texts).toHaveLength(shown);
    expect(texts.at(-1)?.text).toBe(`+ ${40 - shown + 1} more`);
    for (const t of texts) expect(t.text.length).toBeLessThanOrEqual(maxChars);
    // Cut labels keep their whole text in a tooltip.
    expect(c.svg()).toContain(`<title>${items[0].label}</title>`);
  });

  it("uses a second column before it cuts entries", () => {
    const c = chart();
    const { rows } = legendLayout(1, c.plotWidth, c.plotHeight);
    c.legend(Array.from({ length: rows + 2 }, (_, k) => ({ label: `run ${k}`, color: "#000" })));
    const texts = legendTexts(c.svg());
    expect(texts.map((t) => t.text)).toEqual(
      Array.from({ length: rows + 2 }, (_, k) => `run ${k}`),
    );
  });
});
