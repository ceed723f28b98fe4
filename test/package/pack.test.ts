/**
 * The package as a user gets it: `npm pack` (of the built dist/; `npm test` builds first), the
 * tarball installed into an empty project from the npm cache (offline, no install scripts), and a
 * TypeScript script there that imports shoulda, runs a tiny eyeblink experiment and reads its
 * typed summary, and writes a run's folder with runParadigm(). The script must type-check with skipLibCheck false (every shipped .d.ts is
 * checked, with Node's types and nothing else: no WebGPU or DOM types) and then run.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, normalize } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const repo = fileURLToPath(new URL("../..", import.meta.url));
const tsc = join(repo, "node_modules", "typescript", "bin", "tsc");
const npm = process.platform === "win32" ? "npm.cmd" : "npm";

let work: string;
let app: string;
let files: string[];

function sh(cmd: string, args: string[], cwd: string): string {
  try {
    return execFileSync(cmd, args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  } catch (e) {
    const err = e as { stdout?: string; stderr?: string; message: string };
    throw new Error(`${cmd} ${args.join(" ")} failed:\n${err.stdout ?? ""}\n${err.stderr ?? ""}`);
  }
}

/** Installs the tarball from the npm cache; where the cache lacks a dependency, npm may fetch it. */
function install(tarball: string): void {
  const common = ["install", "--no-audit", "--no-fund", "--ignore-scripts", tarball];
  try {
    sh(npm, [...common, "--offline"], app);
  } catch {
    sh(npm, [...common, "--prefer-offline"], app);
  }
}

beforeAll(() => {
  if (!existsSync(join(repo, "dist", "index.js")))
    throw new Error("dist/ is not built: run `npm run build` (npm test does) first");
  work = mkdtempSync(join(tmpdir(), "shoulda-pack-"));
  // --ignore-scripts: pack the dist/ that was just built rather than rebuilding it (and the
  // playground) inside the test; `npm publish` runs prepack for real.
  const packed = JSON.parse(
    sh(npm, ["pack", "--json", "--ignore-scripts", "--pack-destination", work], repo),
  ) as { filename: string; files: { path: string }[] }[];
  files = packed[0].files.map((f) => f.path);
  app = join(work, "app");
  mkdirSync(app);
  writeFileSync(
    join(app, "package.json"),
    JSON.stringify({ name: "consumer", private: true, type: "module" }),
  );
  install(join(work, packed[0].filename));
}, 110_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe("the packed package", () => {
  it("ships the licence, readme, docs and compiled code, and no source maps or sources", () => {
    for (const f of ["LICENSE", "README.md", "package.json", "bin/shoulda.js", "dist/index.js"])
      expect(files).toContain(f);
    expect(files).toContain("dist/index.d.ts");
    expect(files.filter((f) => f.startsWith("docs/") && f.endsWith(".md")).length).toBeGreaterThan(
      3,
    );
    expect(files.filter((f) => f.endsWith(".map"))).toEqual([]);
    expect(files.filter((f) => f.startsWith("src/") || f.startsWith("test/"))).toEqual([]);
    // The playground ships once built (prepack builds it; a bare `npm run build` does not).
    if (existsSync(join(repo, "web", "dist", "index.html")))
      expect(files).toContain("web/dist/index.html");
    expect(readFileSync(join(repo, "LICENSE"), "utf8")).toMatch(
      /^MIT License\n\nCopyright \(c\) \d{4} the shoulda authors\n/,
    );
    const pkg = JSON.parse(readFileSync(join(repo, "package.json"), "utf8"));
    expect(pkg.license).toBe("MIT");
  });

  it("has every relative link of its readme and docs inside the package", () => {
    const dangling: string[] = [];
    for (const doc of files.filter((f) => f.endsWith(".md"))) {
      const text = readFileSync(join(repo, doc), "utf8");
      for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
        if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith("#")) continue;
        const path = normalize(join(dirname(doc), target.split("#")[0])).replaceAll("\\", "/");
        const inside = files.includes(path) || files.some((f) => f.startsWith(`${path}/`));
        if (!inside) dangling.push(`${doc} → ${target}`);
      }
    }
    expect(dangling).toEqual([]);
  });

  it("installs into an empty project, where a typed script type-checks and runs an experiment", () => {
    writeFileSync(
      join(app, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: {
          target: "ES2022",
          module: "NodeNext",
          moduleResolution: "NodeNext",
          lib: ["ES2022"],
          types: ["node"],
          typeRoots: [join(repo, "node_modules", "@types")],
          strict: true,
          skipLibCheck: false,
          outDir: "out",
        },
        files: ["main.ts"],
      }),
    );
    writeFileSync(
      join(app, "main.ts"),
      `import {
  Cerebellum,
  cerebellumParamsSchema,
  getParadigm,
  gpu,
  type ParadigmSummary,
  restoreCerebellum,
  runParadigm,
  saveCerebellum,
} from "shoulda";

const eyeblink = getParadigm("eyeblink");
const config = eyeblink.resolve({
  seed: 7,
  model: { granule: { count: 300 }, mossy: { count: 16 } },
  experiment: { design: "acquisition: 12 T+(isi=250) / 3 T-(isi=250)" },
});
const { summary, files } = await eyeblink.run(config);
// The summary is typed per paradigm: these lines do not compile against Record<string, unknown>.
const typed: ParadigmSummary<"eyeblink"> = summary;
const phase: string = typed.phases[0].phase;
const crPercent: number = typed.phases[0].crPercent;
// @ts-expect-error: no such field in the eyeblink summary
void summary.noSuchField;
// The GPU API's types resolve without WebGPU's globals.
const device: gpu.GpuDeviceInfo["device"] | null = null;

const params = cerebellumParamsSchema.parse({ granule: { count: 200 }, mossy: { count: 16 } });
const brain = new Cerebellum({ kind: "cerebellum", params, channels: ["tone"], seed: 1 });
for (let t = 0; t < 20; t++) brain.step([t < 10 ? 1 : 0], [0]);
const restored = restoreCerebellum(JSON.parse(JSON.stringify(saveCerebellum(brain))));

// The batch runner writes the run's folder, as \`shoulda run\` does.
const written = await runParadigm(
  {
    paradigm: "eyeblink",
    seed: 7,
    model: { granule: { count: 300 } },
    experiment: { design: "a: 4 T+(isi=250)" },
  },
  { out: "run-out" },
);
const writtenTrials: number = written.summary.trials;

console.log(
  JSON.stringify({
    paradigm: summary.paradigm,
    trials: summary.trials,
    phase,
    crPercent,
    files: files.map((f) => f.name),
    device,
    restoredTime: restored.time,
    writtenTrials,
  }),
);
`,
    );
    sh(process.execPath, [tsc, "-p", "tsconfig.json", "--noEmit"], app);
    sh(process.execPath, [tsc, "-p", "tsconfig.json"], app);
    const result = JSON.parse(sh(process.execPath, [join(app, "out", "main.js")], app));
    expect(result).toMatchObject({
      paradigm: "eyeblink",
      trials: 15,
      phase: "acquisition",
      device: null,
      restoredTime: 20,
      writtenTrials: 4,
    });
    expect(JSON.parse(readFileSync(join(app, "run-out", "summary.json"), "utf8")).trials).toBe(4);
    expect(result.crPercent).toBeGreaterThanOrEqual(0);
    expect(result.files).toContain("trials.csv");
    // The command line works from node_modules too.
    const version = JSON.parse(readFileSync(join(repo, "package.json"), "utf8")).version;
    expect(
      sh(process.execPath, [join(app, "node_modules", ".bin", "shoulda"), "--version"], app),
    ).toContain(version);
  });
});
