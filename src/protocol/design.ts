/**
 * Design strings: a compact text form of an experiment, modelled on calmr's phase strings.
 *
 *   acquisition: 300 T+(isi=500ms) > extinction: 100 T-(isi=500ms)
 *
 * Grammar (EBNF; whitespace is free between tokens, see docs/design-strings.md):
 *
 *   design  = phase { ">" phase } ;
 *   phase   = [ name ":" ] group { "/" group } ;
 *   group   = [ count ] trial ;                  (* count defaults to 1, as in calmr *)
 *   count   = digit { digit } ;                  (* 1 .. 1 000 000 *)
 *   trial   = cues outcome [ "(" option { "," option } ")" ] ;
 *   cues    = upper { upper } ;                  (* each letter is a cue channel: T, L, A, B … *)
 *   outcome = "+" | "-" ;                        (* + reinforced; - CS alone (probe) *)
 *   option  = key "=" number [ "ms" | "s" ] ;
 *   key     = "isi" | "cs" | "trace" | "us" | "usdur" | "pre" | "post" | "iti" | "jitter" | "p" ;
 *   number  = [ "-" | "+" ] digit { digit } [ "." digit { digit } ] ;
 *   name    = ( letter | "_" ) { letter | digit | "_" | "-" } ;
 *
 * Layout of a trial (ms): every cue starts at `pre` and lasts `cs`; the US starts at
 * `pre + isi` and lasts `usdur`; the window is `pre + max(cs, max(isi, 0) + usdur) + post`.
 * On a "-" trial the US stays in the trial type (it defines the analysis windows) but
 * `probe` is true, so it is not delivered.
 */
import { ConfigError } from "../model/errors.js";
import { MAX_ITI_MS, MAX_TRIAL_MS, MAX_TRIALS } from "./limits.js";
import { allocateCounts } from "./schedule.js";
import type { Experiment, Phase, TrialType } from "./types.js";

const OPTION_KEYS = [
  "isi",
  "cs",
  "trace",
  "us",
  "usdur",
  "pre",
  "post",
  "iti",
  "jitter",
  "p",
] as const;
type OptionKey = (typeof OPTION_KEYS)[number];

/** Options given in time units (accept "ms" or "s"). */
const TIME_KEYS: ReadonlySet<OptionKey> = new Set([
  "isi",
  "cs",
  "trace",
  "usdur",
  "pre",
  "post",
  "iti",
  "jitter",
]);

/** Options that shape the trial, so they appear in its name, in this canonical order. */
const TRIAL_KEYS: readonly OptionKey[] = ["isi", "cs", "trace", "us", "usdur", "pre", "post"];

/** Defaults of the design options (ms, or plain numbers for `us`); a paradigm may give its own. */
export interface DesignDefaults {
  readonly isi: number;
  readonly us: number;
  readonly usdur: number;
  readonly pre: number;
  readonly post: number;
  /** The first phase's ITI; a later phase without `iti` keeps the one before it. */
  readonly iti: number;
  /** Jitter when a phase gives `iti` but not `jitter` (capped at the ITI). */
  readonly jitter: number;
}

export const DESIGN_DEFAULTS: DesignDefaults = {
  isi: 500,
  us: 1,
  usdur: 50,
  pre: 250,
  post: 500,
  iti: 1000,
  jitter: 200,
};

const ISI_MIN = -5000;
const ISI_MAX = 60_000;

/** Default jitter, but never more than the ITI, so `iti=100` alone stays valid. */
const defaultJitter = (itiMs: number, d: DesignDefaults) => Math.min(d.jitter, itiMs);

const IDENT = /[A-Za-z_][A-Za-z0-9_-]*/y;
const FULL_IDENT = /^[A-Za-z_][A-Za-z0-9_-]*$/;
const DIGITS = /[0-9]+/y;
const CUES = /[A-Z]+/y;
const KEY = /[A-Za-z_][A-Za-z0-9_]*/y;
const NUMBER = /[-+]?[0-9]+(?:\.[0-9]+)?/y;
const UNIT = /[A-Za-z]+/y;

interface OptionAt {
  value: number;
  /** Offset of the value in the text, for error columns. */
  pos: number;
  /** The value as written (number and unit), for messages. */
  raw: string;
}

interface GroupAst {
  pos: number;
  count: number;
  cues: string;
  outcome: "+" | "-";
  options: Map<OptionKey, OptionAt>;
}

interface PhaseAst {
  pos: number;
  name?: string;
  groups: GroupAst[];
}

/** A ConfigError pointing at `pos` in `text`: line/column, the message and a caret line. */
function designError(text: string, field: string, pos: number, message: string): ConfigError {
  const lineStart = text.lastIndexOf("\n", pos - 1) + 1;
  const line = text.slice(0, lineStart).split("\n").length;
  const column = pos - lineStart + 1;
  const where = text.includes("\n") ? `at line ${line}, column ${column}` : `at column ${column}`;
  const lineEnd = text.indexOf("\n", lineStart);
  let shown = text.slice(lineStart, lineEnd < 0 ? undefined : lineEnd);
  let caret = column - 1;
  // Keep long lines readable: a window of text around the problem.
  if (shown.length > 100) {
    const from = Math.max(0, caret - 60);
    shown = shown.slice(from, from + 100);
    caret -= from;
  }
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what we strip
  shown = shown.replace(/[\u0000-\u001f\u007f]/g, " ");
  return new ConfigError(field, `${where}: ${message}\n  ${shown}\n  ${" ".repeat(caret)}^`);
}

/** Recursive-descent parser over the raw text; positions are UTF-16 offsets. */
class Parser {
  pos = 0;
  /** Whether the last group had an option list (for the "expected" message after it). */
  lastHadOptions = false;

  constructor(
    readonly text: string,
    readonly field: string,
    readonly defaults: DesignDefaults = DESIGN_DEFAULTS,
  ) {}

  fail(pos: number, message: string): never {
    throw designError(this.text, this.field, pos, message);
  }

  /** Fails at the current position: "expected X, found Y". */
  expected(what: string): never {
    this.fail(this.pos, `expected ${what}, found ${this.found()}`);
  }

  found(): string {
    const cp = this.text.codePointAt(this.pos);
    return cp === undefined ? "the end of the design" : JSON.stringify(String.fromCodePoint(cp));
  }

  skipWs(): void {
    while (this.pos < this.text.length && /\s/.test(this.text[this.pos])) this.pos++;
  }

  peek(): string {
    return this.text[this.pos] ?? "";
  }

  /** Consumes a match of a sticky regex at the current position ("" if none). */
  match(re: RegExp): string {
    re.lastIndex = this.pos;
    const m = re.exec(this.text);
    if (!m) return "";
    this.pos += m[0].length;
    return m[0];
  }

  design(): PhaseAst[] {
    const phases = [this.phase()];
    for (;;) {
      this.skipWs();
      if (this.pos >= this.text.length) return phases;
      if (this.peek() !== ">") {
        const options = this.lastHadOptions ? "" : `"(" (options), `;
        this.expected(`${options}"/" (next group), ">" (next phase) or the end of the design`);
      }
      this.pos++;
      phases.push(this.phase());
    }
  }

  phase(): PhaseAst {
    this.skipWs();
    const pos = this.pos;
    let name: string | undefined;
    const ident = this.match(IDENT);
    if (ident) {
      this.skipWs();
      if (this.peek() === ":") {
        this.pos++;
        name = ident;
        if (name.length > 64) {
          this.fail(pos, `phase name is ${name.length} characters long; allowed: at most 64`);
        }
      } else if (/^[a-z_]/.test(ident)) {
        // Cues are uppercase, so a lowercase word can only be a phase name missing its colon.
        this.expected(`":" after the phase name ${JSON.stringify(ident)}`);
      } else {
        this.pos = pos;
      }
    }
    const groups = [this.group(name === undefined)];
    for (;;) {
      this.skipWs();
      if (this.peek() !== "/") break;
      this.pos++;
      groups.push(this.group(false));
    }
    return { pos, name, groups };
  }

  group(mayBeName: boolean): GroupAst {
    this.skipWs();
    const pos = this.pos;
    const digits = this.match(DIGITS);
    const count = digits ? Number(digits) : 1;
    if (digits && !(count >= 1 && count <= MAX_TRIALS)) {
      this.fail(pos, `trial count ${digits}; allowed: an integer 1..${MAX_TRIALS}`);
    }
    this.skipWs();
    const cuesPos = this.pos;
    const cues = this.match(CUES);
    if (!cues) {
      if (digits) this.expected("cue letters (uppercase A-Z) after the trial count");
      this.expected(
        mayBeName
          ? 'a trial count, cue letters (uppercase A-Z) or a phase name followed by ":"'
          : "a trial count or cue letters (uppercase A-Z)",
      );
    }
    for (let i = 1; i < cues.length; i++) {
      if (cues.indexOf(cues[i]) < i) {
        this.fail(
          cuesPos + i,
          `cue ${JSON.stringify(cues[i])} appears twice in this trial; allowed: each cue letter once`,
        );
      }
    }
    this.skipWs();
    const outcome = this.peek();
    if (outcome !== "+" && outcome !== "-") {
      const hint = /[A-Za-z0-9]/.test(outcome) ? " (each cue is one uppercase letter)" : "";
      this.expected(`"+" or "-" after cue letters${hint}`);
    }
    this.pos++;
    this.skipWs();
    const options = new Map<OptionKey, OptionAt>();
    this.lastHadOptions = this.peek() === "(";
    if (this.lastHadOptions) {
      this.pos++;
      this.optionList(options);
    }
    return { pos, count, cues, outcome, options };
  }

  optionList(options: Map<OptionKey, OptionAt>): void {
    for (;;) {
      this.skipWs();
      const keyPos = this.pos;
      const key = this.match(KEY);
      if (!key) this.expected(`an option name (${OPTION_KEYS.join(", ")})`);
      if (!(OPTION_KEYS as readonly string[]).includes(key)) {
        this.fail(
          keyPos,
          `unknown option ${JSON.stringify(key)}; allowed: ${OPTION_KEYS.join(", ")}`,
        );
      }
      const k = key as OptionKey;
      if (options.has(k)) this.fail(keyPos, `option "${k}" is given twice in this trial`);
      this.skipWs();
      if (this.peek() !== "=") this.expected(`"=" after option "${k}"`);
      this.pos++;
      this.skipWs();
      const numPos = this.pos;
      const num = this.match(NUMBER);
      if (!num) this.expected(`a number for option "${k}"`);
      let value = Number(num);
      this.skipWs();
      const unitPos = this.pos;
      const unit = this.match(UNIT);
      if (unit) {
        if (unit !== "ms" && unit !== "s") {
          this.fail(unitPos, `unknown unit ${JSON.stringify(unit)}; allowed: ms, s`);
        }
        if (!TIME_KEYS.has(k)) this.fail(unitPos, `option "${k}" is not a time; it takes no unit`);
        // Seconds → ms, rounded to a nanosecond so 1.1s is exactly 1100.
        if (unit === "s") value = Math.round(value * 1e9) / 1e6;
      }
      const raw = this.text.slice(numPos, this.pos).replace(/\s+/g, "");
      options.set(k, { value, pos: numPos, raw: raw.length > 24 ? `${raw.slice(0, 20)}...` : raw });
      this.skipWs();
      if (this.peek() === ")") {
        this.pos++;
        return;
      }
      if (this.peek() !== ",") this.expected('"," or ")" in the option list');
      this.pos++;
    }
  }
}

/** Formats a number for names and design text (plain JS form: 500, -300, 1.5). */
function fmt(n: number): string {
  return String(n);
}

interface ResolvedTrial {
  type: TrialType;
  iti?: OptionAt;
  jitter?: OptionAt;
}

/** Checks the options and lays out one group as a trial type. */
function resolveGroup(g: GroupAst, p: Parser): ResolvedTrial {
  const d = p.defaults;
  const opt = (k: OptionKey) => g.options.get(k);
  const check = (k: OptionKey, ok: (v: number) => boolean, allowed: string): void => {
    const o = opt(k);
    if (o && !(Number.isFinite(o.value) && ok(o.value))) {
      p.fail(o.pos, `${k}=${o.raw}; allowed: ${allowed}`);
    }
  };
  const time = `a number of ms > 0 and ≤ ${MAX_TRIAL_MS}`;
  check("isi", (v) => v >= ISI_MIN && v <= ISI_MAX, `${ISI_MIN}..${ISI_MAX} ms`);
  check("cs", (v) => v > 0 && v <= MAX_TRIAL_MS, time);
  check("usdur", (v) => v > 0 && v <= MAX_TRIAL_MS, time);
  check("us", (v) => v >= 0, "a number ≥ 0");
  check("post", (v) => v >= 0 && v <= MAX_TRIAL_MS, `0..${MAX_TRIAL_MS} ms`);
  check("iti", (v) => v >= 0 && v <= MAX_ITI_MS, `a number of ms 0..${MAX_ITI_MS}`);
  check("jitter", (v) => v >= 0 && v <= MAX_ITI_MS, "a number of ms ≥ 0 and ≤ iti");
  check("p", (v) => v > 0, "a number > 0");

  const isi = opt("isi")?.value ?? d.isi;
  const usdur = opt("usdur")?.value ?? d.usdur;
  const minPre = Math.max(0, -isi);
  check("pre", (v) => v >= minPre && v <= MAX_TRIAL_MS, `${minPre}..${MAX_TRIAL_MS} ms`);
  const pre = opt("pre")?.value ?? d.pre;
  if (pre < minPre) {
    // Only reachable with the default pre and a backward isi: say which option to add.
    const at = opt("isi")?.pos ?? g.pos;
    p.fail(
      at,
      `isi=${fmt(isi)} would start the US before the trial; add pre=${fmt(minPre)} or more`,
    );
  }

  const cs = opt("cs");
  const trace = opt("trace");
  let csMs = Math.max(isi, 0) + usdur;
  if (cs && trace) {
    p.fail(
      Math.max(cs.pos, trace.pos),
      'options "cs" and "trace" cannot be combined (trace sets the CS duration to isi - trace)',
    );
  }
  if (trace) {
    if (!(Number.isFinite(trace.value) && trace.value >= 0 && trace.value < isi)) {
      p.fail(trace.pos, `trace=${trace.raw}; allowed: 0 ≤ trace < isi (${fmt(isi)} ms)`);
    }
    csMs = isi - trace.value;
  } else if (cs) {
    csMs = cs.value;
  }

  const post = opt("post")?.value ?? d.post;
  const durationMs = pre + Math.max(csMs, Math.max(isi, 0) + usdur) + post;
  if (!(durationMs >= 1 && durationMs <= MAX_TRIAL_MS)) {
    p.fail(
      g.pos,
      `the trial window pre + max(cs, isi + usdur) + post is ${fmt(durationMs)} ms; ` +
        `allowed: 1..${MAX_TRIAL_MS} ms`,
    );
  }

  const nameOptions = TRIAL_KEYS.filter((k) => g.options.has(k)).map(
    (k) => `${k}=${fmt(g.options.get(k)!.value)}`,
  );
  const name = `${g.cues}${g.outcome}${nameOptions.length ? `(${nameOptions.join(",")})` : ""}`;
  const type: TrialType = {
    name,
    proportion: opt("p")?.value ?? g.count,
    durationMs,
    cues: [...g.cues].map((channel) => ({ channel, onsetMs: pre, durationMs: csMs, magnitude: 1 })),
    us: [
      {
        channel: "us",
        onsetMs: pre + isi,
        durationMs: usdur,
        magnitude: opt("us")?.value ?? d.us,
      },
    ],
    probe: g.outcome === "-",
  };
  return { type, iti: opt("iti"), jitter: opt("jitter") };
}

/** The one value of an option that may be set on any group of a phase but must agree. */
function agreeing(values: (OptionAt | undefined)[], key: string, p: Parser): OptionAt | undefined {
  const given = values.filter((v): v is OptionAt => v !== undefined);
  for (const v of given.slice(1)) {
    if (v.value !== given[0].value) {
      p.fail(
        v.pos,
        `${key}=${v.raw} disagrees with ${key}=${given[0].raw} earlier in this ` +
          `phase; allowed: one ${key} per phase`,
      );
    }
  }
  return given[0];
}

/** A phase's ITI: its own `iti`/`jitter`, else the previous phase's, else the defaults. */
function resolvePhase(
  ast: PhaseAst,
  index: number,
  p: Parser,
  previous: Phase["iti"] | undefined,
): Phase {
  const trials = ast.groups.reduce((a, g) => a + g.count, 0);
  if (trials > MAX_TRIALS) {
    p.fail(ast.pos, `this phase has ${trials} trials; allowed: at most ${MAX_TRIALS}`);
  }
  const resolved = ast.groups.map((g) => resolveGroup(g, p));
  const seen = new Set<string>();
  resolved.forEach((r, i) => {
    if (seen.has(r.type.name)) {
      p.fail(
        ast.groups[i].pos,
        `trial type ${JSON.stringify(r.type.name)} appears twice in this phase; ` +
          "allowed: distinct trial types (merge the counts, or set different options)",
      );
    }
    seen.add(r.type.name);
  });
  const iti = agreeing(
    resolved.map((r) => r.iti),
    "iti",
    p,
  );
  const jitter = agreeing(
    resolved.map((r) => r.jitter),
    "jitter",
    p,
  );
  const inherited = previous ?? {
    meanMs: p.defaults.iti,
    jitterMs: defaultJitter(p.defaults.iti, p.defaults),
  };
  const meanMs = iti?.value ?? inherited.meanMs;
  const jitterMs = jitter?.value ?? (iti ? defaultJitter(meanMs, p.defaults) : inherited.jitterMs);
  if (jitter && jitterMs > meanMs) {
    p.fail(jitter.pos, `jitter=${jitter.raw}; allowed: 0 ≤ jitter ≤ iti (${fmt(meanMs)} ms)`);
  }
  return {
    name: ast.name ?? `phase${index + 1}`,
    trials,
    trialTypes: resolved.map((r) => r.type),
    iti: { meanMs, jitterMs },
    order: "random",
  };
}

/**
 * Parses a design string into a fully resolved Experiment (all defaults filled in from
 * `defaults`, a paradigm's own or DESIGN_DEFAULTS). Throws only ConfigError, with `field` and a
 * detail giving the column, what was found and what was expected.
 */
export function parseDesign(
  text: string,
  field = "design",
  defaults: DesignDefaults = DESIGN_DEFAULTS,
): Experiment {
  if (typeof text !== "string") {
    throw new ConfigError(field, `got ${typeof text}; allowed: a design string`);
  }
  const p = new Parser(text, field, defaults);
  const phases: Phase[] = [];
  for (const [i, ast] of p.design().entries()) {
    phases.push(resolvePhase(ast, i, p, phases.at(-1)?.iti));
  }
  return { phases };
}

// ---------------------------------------------------------------------------------------------
// formatDesign: the inverse, for experiments that a design string can express.

type Entry = [OptionKey, number];

interface TrialText {
  head: string;
  options: Entry[];
}

function notRepresentable(field: string, why: string): never {
  throw new ConfigError(field, `cannot be written as a design string: ${why}`);
}

/** Same times (to a nanosecond: layouts rebuilt from sums may differ in the last bit). */
function sameLayout(a: TrialType, b: TrialType): boolean {
  const near = (x: number, y: number) => Math.abs(x - y) <= 1e-6;
  type Stim = { channel: string; onsetMs: number; durationMs: number; magnitude: number };
  const same = (x: Stim[], y: Stim[]) =>
    x.length === y.length &&
    x.every(
      (s, i) =>
        s.channel === y[i].channel &&
        near(s.onsetMs, y[i].onsetMs) &&
        near(s.durationMs, y[i].durationMs) &&
        s.magnitude === y[i].magnitude,
    );
  return (
    near(a.durationMs, b.durationMs) &&
    a.probe === b.probe &&
    same(a.cues, b.cues) &&
    same(a.us, b.us)
  );
}

/** Parses one trial (e.g. a trial type's name) on its own; undefined if it is not one. */
function tryParseTrial(
  text: string,
  d: DesignDefaults,
): { text: TrialText; type: TrialType } | undefined {
  try {
    const p = new Parser(text, "trial", d);
    const g = p.group(false);
    p.skipWs();
    if (p.pos !== text.length || g.count !== 1) return undefined;
    const { type } = resolveGroup(g, p);
    const options = TRIAL_KEYS.filter((k) => g.options.has(k)).map(
      (k): Entry => [k, g.options.get(k)!.value],
    );
    return { text: { head: `${g.cues}${g.outcome}`, options }, type };
  } catch (e) {
    if (e instanceof ConfigError) return undefined;
    throw e;
  }
}

/** The design text of one trial type, from its name if that matches, else from its layout. */
function trialText(t: TrialType, field: string, d: DesignDefaults): TrialText {
  const fromName = tryParseTrial(t.name, d);
  if (fromName && sameLayout(fromName.type, t)) return fromName.text;

  if (t.cues.length === 0) notRepresentable(`${field}.cues`, "a design trial has at least one cue");
  const first = t.cues[0];
  t.cues.forEach((c, i) => {
    const f = `${field}.cues[${i}]`;
    if (!/^[A-Z]$/.test(c.channel)) notRepresentable(`${f}.channel`, "cues are single letters A-Z");
    if (t.cues.findIndex((o) => o.channel === c.channel) !== i) {
      notRepresentable(`${f}.channel`, "each cue letter appears once per trial");
    }
    if (c.onsetMs !== first.onsetMs || c.durationMs !== first.durationMs) {
      notRepresentable(f, "all cues of a design trial share one onset and duration");
    }
    if (c.magnitude !== 1) notRepresentable(`${f}.magnitude`, "cue magnitudes are 1");
  });
  if (t.us.length !== 1) notRepresentable(`${field}.us`, "a design trial has exactly one US");
  const u = t.us[0];
  if (u.channel !== "us") notRepresentable(`${field}.us[0].channel`, 'the US channel is "us"');

  const pre = first.onsetMs;
  const isi = Math.round((u.onsetMs - pre) * 1e6) / 1e6;
  const cs = first.durationMs;
  // Rounded to a nanosecond so float noise does not show up as post=499.99999999999994.
  const post =
    Math.round((t.durationMs - pre - Math.max(cs, Math.max(isi, 0) + u.durationMs)) * 1e6) / 1e6;
  const options: Entry[] = [];
  const add = (k: OptionKey, v: number, dflt: number) => {
    if (v !== dflt) options.push([k, v]);
  };
  add("isi", isi, d.isi);
  add("cs", cs, Math.max(isi, 0) + u.durationMs);
  add("us", u.magnitude, d.us);
  add("usdur", u.durationMs, d.usdur);
  add("pre", pre, d.pre);
  add("post", post, d.post);
  const text: TrialText = {
    head: `${t.cues.map((c) => c.channel).join("")}${t.probe ? "-" : "+"}`,
    options,
  };
  const check = tryParseTrial(render(text), d);
  if (!check || !sameLayout(check.type, t)) {
    notRepresentable(field, "its times do not fit the layout pre + max(cs, isi + usdur) + post");
  }
  return text;
}

function render(t: TrialText): string {
  const opts = t.options.map(([k, v]) => `${k}=${fmt(v)}`).join(", ");
  return opts ? `${t.head}(${opts})` : t.head;
}

function formatPhase(
  phase: Phase,
  index: number,
  field: string,
  d: DesignDefaults,
  previous: Phase["iti"] | undefined,
): string {
  if (phase.order !== "random") {
    notRepresentable(`${field}.order`, 'a design string always gives "random" order');
  }
  if (phase.context !== undefined) {
    notRepresentable(`${field}.context`, "a design string has no phase context");
  }
  const counts = allocateCounts(
    phase.trials,
    phase.trialTypes.map((t) => t.proportion),
  );
  const groups = phase.trialTypes.map((t, j) => {
    const f = `${field}.trialTypes[${j}]`;
    if (counts[j] < 1) {
      notRepresentable(`${f}.proportion`, `it gets 0 of the phase's ${phase.trials} trials`);
    }
    const text = trialText(t, f, d);
    const options = [...text.options];
    if (t.proportion !== counts[j]) options.push(["p", t.proportion]);
    if (j === 0) {
      // What the parser would give this phase without options: the previous phase's ITI.
      const inherited = previous ?? { meanMs: d.iti, jitterMs: defaultJitter(d.iti, d) };
      const { meanMs, jitterMs } = phase.iti;
      if (meanMs !== inherited.meanMs) {
        options.push(["iti", meanMs]);
        if (jitterMs !== defaultJitter(meanMs, d)) options.push(["jitter", jitterMs]);
      } else if (jitterMs !== inherited.jitterMs) options.push(["jitter", jitterMs]);
    }
    return `${counts[j]} ${render({ head: text.head, options })}`;
  });
  let prefix = "";
  if (phase.name !== `phase${index + 1}`) {
    if (!FULL_IDENT.test(phase.name) || phase.name.length > 64) {
      notRepresentable(`${field}.name`, "phase names are identifiers (letters, digits, _ and -)");
    }
    prefix = `${phase.name}: `;
  }
  return prefix + groups.join(" / ");
}

/**
 * Writes an experiment as a design string: the inverse of parseDesign for experiments that came
 * from one (parseDesign(formatDesign(e)) deep-equals e), best effort for others. Throws
 * ConfigError naming the first field a design string cannot express (and `experiment.name`,
 * which has no place in a design string, is dropped).
 */
export function formatDesign(
  experiment: Experiment,
  field = "experiment",
  defaults: DesignDefaults = DESIGN_DEFAULTS,
): string {
  const text = experiment.phases
    .map((phase, i) =>
      formatPhase(phase, i, `${field}.phases[${i}]`, defaults, experiment.phases[i - 1]?.iti),
    )
    .join(" > ");
  try {
    parseDesign(text, field, defaults);
  } catch (e) {
    if (e instanceof ConfigError) notRepresentable(field, e.detail);
    throw e;
  }
  return text;
}
