/**
 * The playground page: paradigm and experiment choice, the generated parameter form, run
 * controls, live plots, exports and shareable links. All simulation happens in workers (see
 * worker/worker.ts): one answers config questions, another runs the loaded experiment, and a
 * third, short-lived one measures speed.
 */
import { namespaceSvgIds } from "../../src/io/report.js";
import { CurvesView } from "./curvesView.js";
import { EyeblinkView, type PlotData } from "./eyeblinkView.js";
import { buildForm, type FieldSpec, type FormHandle, fieldSpecs, getPath, same } from "./form.js";
import type {
  FromWorker,
  KernelUsage,
  OutputFileMsg,
  ParadigmMeta,
  PlaygroundInput,
  ToWorker,
} from "./messages.js";
import { SPEEDS } from "./messages.js";
import { decodeInput, encodeInput, hashCode } from "./share.js";

const CONTROL_BYTES = 16;

/** Omit<T, "id"> for each member of a union. */
type WithoutId<T> = T extends unknown ? Omit<T, "id"> : never;

type RunState = "idle" | "loading" | "playing" | "paused" | "finished";

const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;

function newWorker(): Worker {
  return new Worker(new URL("./worker/worker.ts", import.meta.url), {
    type: "module",
    name: "shoulda",
  });
}

function send(worker: Worker, msg: ToWorker): void {
  worker.postMessage(msg);
}

/** Saves `data` as a file through a temporary link. */
function download(name: string, data: string, type: string): void {
  const a = document.createElement("a");
  a.href = URL.createObjectURL(new Blob([data], { type }));
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 30_000);
}

const mimeOf = (name: string) =>
  name.endsWith(".json")
    ? "application/json"
    : name.endsWith(".csv")
      ? "text/csv"
      : name.endsWith(".svg")
        ? "image/svg+xml"
        : "text/plain";

const number = (v: number, digits = 0) =>
  v.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });

class Playground {
  private metas = new Map<string, ParadigmMeta>();
  private input: PlaygroundInput = { paradigm: "eyeblink", set: {} };
  private specs: FieldSpec[] = [];
  private form: FormHandle | undefined;
  private resolved: Record<string, unknown> | undefined;
  private invalid: { field: string; message: string } | undefined;
  private requestId = 0;
  private readonly pending = new Map<number, (msg: FromWorker) => void>();
  private readonly configWorker = newWorker();

  private runWorker: Worker | undefined;
  private state: RunState = "idle";
  private streaming = false;
  private loadedInput: string | undefined;
  private loadedConfig: Record<string, unknown> | undefined;
  private control: Int32Array | undefined;
  private view: EyeblinkView | undefined;
  /** Live learning curves of a paradigm that runs as one unit. */
  private curves: CurvesView | undefined;
  private results:
    | { summary: Record<string, unknown>; files: OutputFileMsg[]; final: boolean }
    | undefined;
  private progress = { done: 0, total: 0, steps: 0, busyMs: 0 };
  /** The running eyeblink's kernel backend and its threads, from the last trial. */
  private kernel: { backend: string; usage: KernelUsage } | undefined;
  private speed = 0;
  private afterLoad: (() => void) | undefined;
  private hashWritten = "";

  constructor() {
    this.configWorker.onmessage = (e: MessageEvent<FromWorker>) => this.onConfigMessage(e.data);
    this.configWorker.onerror = (e) => this.message(`worker failed to start: ${e.message}`);
    send(this.configWorker, { type: "hello" });
    this.wire();
  }

  // ---- config side ---------------------------------------------------------------------------

  private onConfigMessage(msg: FromWorker): void {
    if (msg.type === "paradigms") {
      for (const m of msg.list) this.metas.set(m.id, m);
      $("version").textContent = `v${msg.version}`;
      const select = $<HTMLSelectElement>("paradigm");
      for (const m of msg.list) {
        const option = new Option(`${m.title} (${m.id})${m.error ? " — unavailable" : ""}`, m.id);
        option.disabled = m.error !== undefined;
        if (m.error) option.title = m.error;
        select.add(option);
      }
      void this.start();
      return;
    }
    if ("id" in msg && typeof msg.id === "number" && this.pending.has(msg.id)) {
      const resolve = this.pending.get(msg.id);
      this.pending.delete(msg.id);
      resolve?.(msg);
      return;
    }
    if (msg.type === "error") this.message(msg.message);
  }

  private ask(msg: WithoutId<Extract<ToWorker, { id: number }>>): Promise<FromWorker> {
    const id = ++this.requestId;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      send(this.configWorker, { ...msg, id } as ToWorker);
    });
  }

  private async start(): Promise<void> {
    const fromLink = await this.inputFromHash();
    const usable = [...this.metas.values()].filter((m) => !m.error).map((m) => m.id);
    const first = usable.includes("eyeblink") ? "eyeblink" : usable[0];
    this.useInput(fromLink ?? { paradigm: first, set: {}, experiment: "" });
    window.addEventListener("hashchange", async () => {
      if (location.hash.slice(1) === this.hashWritten) return;
      const next = await this.inputFromHash();
      if (next) {
        this.reset();
        this.useInput(next);
      }
    });
    document.body.dataset.ready = "true";
  }

  private async inputFromHash(): Promise<PlaygroundInput | undefined> {
    const code = hashCode(location.hash);
    if (!code) return undefined;
    try {
      const input = await decodeInput(code);
      const meta = this.metas.get(input.paradigm);
      if (!meta) throw new Error(`unknown paradigm "${input.paradigm}"`);
      if (meta.error) throw new Error(`paradigm "${input.paradigm}" is unavailable: ${meta.error}`);
      return input;
    } catch (e) {
      this.message(`Could not read the link: ${e instanceof Error ? e.message : String(e)}`);
      return undefined;
    }
  }

  /** Shows `input` in the setup panel and validates it. */
  private useInput(input: PlaygroundInput): void {
    this.input = {
      paradigm: input.paradigm,
      set: { ...input.set },
      experiment: input.experiment ?? "",
    };
    const meta = this.metas.get(this.input.paradigm);
    if (!meta) return;
    $<HTMLSelectElement>("paradigm").value = meta.id;
    $("paradigm-info").innerHTML = "";
    const summary = document.createElement("p");
    summary.textContent = meta.summary;
    const cite = document.createElement("p");
    cite.className = "muted";
    cite.textContent = meta.citation;
    $("paradigm-info").append(summary, cite);

    const hasExperiment = "experiment" in meta.defaults;
    $("experiment-section").hidden = !hasExperiment;
    if (hasExperiment) {
      const preset = $<HTMLSelectElement>("preset");
      preset.innerHTML = "";
      preset.add(new Option("Presets…", "__none"));
      for (const p of meta.presets) preset.add(new Option(p.name, p.text));
      $<HTMLTextAreaElement>("experiment").value = this.input.experiment ?? "";
      $<HTMLTextAreaElement>("experiment").placeholder =
        `Empty: the paradigm's default experiment${meta.defaultExperiment ? ` (${meta.defaultExperiment})` : ""}.\n` +
        'A design string such as "acquisition: 90 T+(isi=500, usdur=100) / 10 T-(isi=500, usdur=100)", or YAML / JSON.';
    }
    this.specs = fieldSpecs(
      meta.jsonSchema,
      meta.defaults,
      meta.descriptions,
      (p) => p === "paradigm" || p === "experiment",
    );
    this.form = buildForm($("form"), this.specs, this.input.set, (path, value) =>
      this.onField(path, value),
    );
    this.validate();
    void this.writeHash();
    this.markStale();
  }

  private onField(path: string, value: unknown): void {
    if (value instanceof Error) {
      this.form?.setError(path, `cannot read this as YAML: ${value.message}`);
      return;
    }
    const spec = this.specs.find((s) => s.path === path);
    if (spec && same(value, spec.defaultValue)) delete this.input.set[path];
    else this.input.set[path] = value;
    this.changed();
  }

  private changed(): void {
    this.validate();
    void this.writeHash();
    this.markStale();
  }

  private async validate(): Promise<void> {
    const snapshot = JSON.stringify(this.input);
    const reply = await this.ask({ type: "resolve", input: JSON.parse(snapshot) });
    if (JSON.stringify(this.input) !== snapshot) return; // superseded
    this.form?.setError(null);
    $("experiment-error").textContent = "";
    if (reply.type === "resolved") {
      this.resolved = reply.config;
      this.invalid = undefined;
      $("config-status").textContent = "config valid";
      $("config-status").className = "ok";
    } else if (reply.type === "invalid") {
      this.resolved = undefined;
      this.invalid = { field: reply.field, message: reply.message };
      if (reply.field.startsWith("experiment"))
        $("experiment-error").textContent = `${reply.field}: ${reply.message}`;
      else this.form?.setError(reply.field, reply.message);
      $("config-status").textContent = `invalid: ${reply.field}`;
      $("config-status").className = "bad";
    }
    this.updateButtons();
  }

  private async writeHash(): Promise<void> {
    const code = await encodeInput(this.input);
    this.hashWritten = `c=${code}`;
    history.replaceState(null, "", `#${this.hashWritten}`);
    $<HTMLInputElement>("share-link").value = location.href;
  }

  private markStale(): void {
    const stale = this.loadedInput !== undefined && this.loadedInput !== JSON.stringify(this.input);
    $("stale").hidden = !stale;
  }

  private async importFile(file: File): Promise<void> {
    const text = await file.text();
    const reply = await this.ask({
      type: "import",
      text,
      name: file.name,
      paradigm: this.input.paradigm,
    });
    if (reply.type === "invalid") {
      this.message(`Could not import ${file.name}: ${reply.field}: ${reply.message}`);
      return;
    }
    if (reply.type !== "imported") return;
    const meta = this.metas.get(reply.paradigm);
    if (!meta) return;
    const specs = fieldSpecs(
      meta.jsonSchema,
      meta.defaults,
      meta.descriptions,
      (p) => p === "paradigm" || p === "experiment",
    );
    const set: Record<string, unknown> = {};
    for (const s of specs) {
      const v = getPath(reply.config, s.path);
      if (v !== undefined && !same(v, s.defaultValue)) set[s.path] = v;
    }
    this.reset();
    this.useInput({ paradigm: reply.paradigm, set, experiment: reply.experiment });
    this.message(`Imported ${file.name}.`, "info");
  }

  // ---- run side ------------------------------------------------------------------------------

  private load(then: () => void): void {
    this.reset();
    this.state = "loading";
    this.afterLoad = then;
    const worker = newWorker();
    this.runWorker = worker;
    worker.onmessage = (e: MessageEvent<FromWorker>) => {
      if (worker === this.runWorker) this.onRunMessage(e.data);
    };
    worker.onerror = (e) => this.message(`simulation worker failed: ${e.message}`);
    const shared = globalThis.crossOriginIsolated
      ? new SharedArrayBuffer(CONTROL_BYTES)
      : undefined;
    this.control = shared ? new Int32Array(shared) : undefined;
    this.loadedInput = JSON.stringify(this.input);
    send(worker, { type: "load", input: JSON.parse(this.loadedInput), control: shared });
    this.updateButtons();
  }

  private onRunMessage(msg: FromWorker): void {
    switch (msg.type) {
      case "loaded": {
        this.streaming = msg.streaming;
        this.loadedConfig = msg.config;
        this.progress = { done: 0, total: msg.total, steps: 0, busyMs: 0 };
        const live = $("live");
        this.curves = undefined;
        if (msg.config.paradigm === "eyeblink" && msg.streaming) {
          const analysis = msg.config.analysis as {
            criterionWindow: number;
            crWindowStartMs: number;
          };
          this.view = new EyeblinkView(
            live,
            analysis.criterionWindow,
            analysis.crWindowStartMs,
            msg.total,
          );
        } else {
          this.curves = new CurvesView(live);
          const note = document.createElement("p");
          note.className = "muted";
          note.textContent =
            "This paradigm runs as one unit: its learning curves draw live here, its full plots below when it finishes." +
            (this.control
              ? " Pause and step act between progress units."
              : " Pause and step need a cross-origin-isolated page (shoulda serve provides one).");
          live.prepend(note);
        }
        this.state = "paused";
        this.markStale();
        const then = this.afterLoad;
        this.afterLoad = undefined;
        then?.();
        break;
      }
      case "trial":
        this.view?.add(msg);
        this.progress = { done: msg.done, total: msg.total, steps: msg.steps, busyMs: msg.busyMs };
        this.kernel = { backend: msg.backend, usage: msg.kernel };
        this.status();
        break;
      case "progress":
        this.progress = {
          done: msg.done,
          total: msg.total,
          steps: msg.steps ?? 0,
          busyMs: msg.busyMs,
        };
        this.status();
        break;
      case "sample":
        this.curves?.add(msg.sample);
        break;
      case "state":
        this.state = msg.state;
        if (msg.state === "finished") {
          this.view?.draw();
          this.curves?.draw();
        }
        this.status();
        break;
      case "results":
        this.showResults(msg);
        break;
      case "invalid":
        this.state = "idle";
        this.loadedInput = undefined;
        this.message(`${msg.field}: ${msg.message}`);
        break;
      case "error":
        this.message(msg.message);
        break;
    }
    this.updateButtons();
  }

  private play(): void {
    if (!this.runWorker) return;
    if (this.control && !this.streaming) {
      Atomics.store(this.control, 2, this.speed);
      Atomics.store(this.control, 0, 0);
      Atomics.notify(this.control, 0);
    }
    send(this.runWorker, { type: "play", speed: this.speed });
    this.state = "playing";
    this.updateButtons();
  }

  private pause(): void {
    if (!this.runWorker) return;
    if (this.streaming) send(this.runWorker, { type: "pause" });
    else if (this.control) Atomics.store(this.control, 0, 1);
  }

  private step(): void {
    if (!this.runWorker) return;
    if (this.streaming || this.progress.done === 0) {
      if (!this.streaming && this.control) Atomics.store(this.control, 0, 1);
      send(this.runWorker, { type: "step" });
    } else if (this.control) {
      Atomics.add(this.control, 1, 1);
      Atomics.notify(this.control, 0);
    }
  }

  reset(): void {
    this.runWorker?.terminate();
    this.runWorker = undefined;
    this.view = undefined;
    this.curves = undefined;
    this.results = undefined;
    this.loadedInput = undefined;
    this.loadedConfig = undefined;
    this.control = undefined;
    this.state = "idle";
    this.progress = { done: 0, total: 0, steps: 0, busyMs: 0 };
    this.kernel = undefined;
    $("live").innerHTML = "";
    $("live").className = "";
    $("files").innerHTML = "";
    $("report-plots").innerHTML = "";
    $("results").hidden = true;
    $("message").textContent = "";
    this.markStale();
    this.status();
    this.updateButtons();
  }

  private status(): void {
    const { done, total, steps, busyMs } = this.progress;
    const parts: string[] = [this.state];
    if (total)
      parts.push(`${this.streaming ? "trial" : "progress"} ${number(done)} / ${number(total)}`);
    const rate = busyMs > 0 && steps > 0 ? steps / (busyMs / 1000) : 0;
    if (rate) {
      parts.push(`${number(rate)} steps/s`);
      const dt = (this.loadedConfig?.model as { dtMs?: number } | undefined)?.dtMs;
      if (dt) parts.push(`${number((rate * dt) / 1000, 1)}× real time`);
    }
    if (this.kernel) parts.push(kernelText(this.kernel.backend, this.kernel.usage));
    $("status").textContent = parts.join(" · ");
    $("progress-bar").style.width = total ? `${(100 * done) / total}%` : "0";
    document.body.dataset.state = this.state;
  }

  private updateButtons(): void {
    const s = this.state;
    const start = $<HTMLButtonElement>("start");
    const canPause = this.streaming || this.control !== undefined;
    start.textContent =
      s === "playing"
        ? "‖ Pause"
        : s === "paused" && this.progress.done > 0
          ? "▶ Resume"
          : "▶ Start";
    start.disabled =
      s === "loading" ||
      s === "finished" ||
      (s === "playing" && !canPause) ||
      (s === "idle" && !this.resolved);
    $<HTMLButtonElement>("step").disabled =
      s === "loading" ||
      s === "finished" ||
      (s === "playing" && !canPause) ||
      (s === "idle" && !this.resolved);
    $<HTMLButtonElement>("reset").disabled = s === "idle";
    $<HTMLButtonElement>("snapshot").disabled = !this.streaming || s === "idle" || s === "loading";
    $<HTMLButtonElement>("export-config").disabled = !this.resolved && !this.loadedConfig;
  }

  private showResults(r: {
    summary: Record<string, unknown>;
    files: OutputFileMsg[];
    final: boolean;
  }): void {
    this.results = r;
    const config = this.loadedConfig ?? this.resolved;
    const files: OutputFileMsg[] = [
      ...(config ? [{ name: "config.json", data: `${JSON.stringify(config, null, 2)}\n` }] : []),
      { name: "summary.json", data: `${JSON.stringify(r.summary, null, 2)}\n` },
      ...r.files,
    ];
    const list = $("files");
    list.innerHTML = "";
    const note = document.createElement("p");
    note.className = "muted";
    note.textContent = r.final
      ? "The complete run, as `shoulda run … --out DIR` would write it:"
      : `Results so far (${number(this.progress.done)} of ${number(this.progress.total)} trials):`;
    list.append(note);
    for (const f of files) {
      const a = document.createElement("a");
      a.href = URL.createObjectURL(new Blob([f.data], { type: mimeOf(f.name) }));
      a.download = f.name;
      a.textContent = f.name;
      a.className = "file";
      a.dataset.file = f.name;
      list.append(a);
    }
    const all = document.createElement("button");
    all.textContent = "Download all";
    all.onclick = () => {
      for (const f of files) download(f.name, f.data, mimeOf(f.name));
    };
    list.append(all);
    const plots = $("report-plots");
    plots.innerHTML = "";
    for (const [i, f] of r.files.filter((f) => f.name.endsWith(".svg")).entries()) {
      const fig = document.createElement("figure");
      fig.className = "report-plot";
      fig.dataset.file = f.name;
      // The SVG comes from our own worker (vega's renderer escapes text).
      fig.innerHTML = namespaceSvgIds(f.data, `report${i + 1}`);
      plots.append(fig);
    }
    $("results").hidden = false;
  }

  // ---- misc ----------------------------------------------------------------------------------

  message(text: string, kind: "error" | "info" = "error"): void {
    const el = $("message");
    el.textContent = text;
    el.className = kind;
  }

  /** One request to a fresh worker, answered by one message of type `reply`. */
  private async once<T extends FromWorker["type"]>(
    msg: ToWorker,
    reply: T,
  ): Promise<Extract<FromWorker, { type: T }>> {
    const worker = newWorker();
    try {
      return await new Promise((resolve, reject) => {
        worker.onmessage = (e: MessageEvent<FromWorker>) => {
          if (e.data.type === reply) resolve(e.data as Extract<FromWorker, { type: T }>);
          else if (e.data.type === "error" || e.data.type === "invalid")
            reject(new Error(JSON.stringify(e.data)));
        };
        worker.onerror = (e) => reject(new Error(e.message));
        send(worker, msg);
      });
    } finally {
      worker.terminate();
    }
  }

  bench(granules: number, seconds: number, backend?: string) {
    return this.once({ type: "bench", granules, seconds, backend }, "bench");
  }

  /** The WebGPU engine against the CPU reference at `granules` cells (bench/gpu_check.js). */
  gpuCheck(granules: number, steps: number) {
    return this.once({ type: "gpuCheck", granules, steps }, "gpuCheck");
  }

  private wire(): void {
    $<HTMLSelectElement>("paradigm").onchange = (e) => {
      this.reset();
      this.useInput({ paradigm: (e.target as HTMLSelectElement).value, set: {}, experiment: "" });
    };
    const area = $<HTMLTextAreaElement>("experiment");
    let timer = 0;
    area.addEventListener("input", () => {
      clearTimeout(timer);
      timer = window.setTimeout(() => {
        this.input.experiment = area.value;
        this.changed();
      }, 250);
    });
    area.addEventListener("change", () => {
      clearTimeout(timer);
      if (this.input.experiment === area.value) return;
      this.input.experiment = area.value;
      this.changed();
    });
    $<HTMLSelectElement>("preset").onchange = (e) => {
      const select = e.target as HTMLSelectElement;
      if (select.value === "__none") return;
      area.value = select.value;
      this.input.experiment = select.value;
      select.value = "__none";
      this.changed();
    };
    for (const s of SPEEDS)
      $<HTMLSelectElement>("speed").add(new Option(s === 0 ? "max" : `${s} / s`, String(s)));
    $<HTMLSelectElement>("speed").value = "0";
    $<HTMLSelectElement>("speed").onchange = (e) => {
      this.speed = Number((e.target as HTMLSelectElement).value);
      if (this.runWorker) send(this.runWorker, { type: "speed", speed: this.speed });
      if (this.control) Atomics.store(this.control, 2, this.speed);
    };
    $("start").onclick = () => {
      const stale =
        this.loadedInput !== undefined && this.loadedInput !== JSON.stringify(this.input);
      if (this.state === "playing") this.pause();
      else if (this.state === "idle" || (stale && this.progress.done === 0))
        this.load(() => this.play());
      else if (this.state === "paused") this.play();
    };
    $("step").onclick = () => {
      if (this.state === "idle") this.load(() => this.step());
      else this.step();
    };
    $("reset").onclick = () => this.reset();
    $("export-config").onclick = () => {
      const config = this.resolved ?? this.loadedConfig;
      if (config)
        download("config.json", `${JSON.stringify(config, null, 2)}\n`, "application/json");
    };
    $<HTMLInputElement>("import").onchange = (e) => {
      const input = e.target as HTMLInputElement;
      const file = input.files?.[0];
      if (file) void this.importFile(file).finally(() => (input.value = ""));
    };
    $("share").onclick = async () => {
      await this.writeHash();
      const link = $<HTMLInputElement>("share-link");
      link.select();
      try {
        await navigator.clipboard.writeText(location.href);
        this.message("Link copied: it opens this configuration.", "info");
      } catch {
        this.message("Copy the link from the box next to the button.", "info");
      }
    };
    $("snapshot").onclick = () => {
      if (this.runWorker) send(this.runWorker, { type: "results" });
    };
    $("bench").onclick = async () => {
      const granules = Number($<HTMLInputElement>("bench-granules").value) || 100_000;
      const backend = $<HTMLSelectElement>("bench-backend").value || undefined;
      const out = $("bench-result");
      const what = backend === "webgpu" ? "the WebGPU engine (bench workload)" : "eyeblink";
      out.textContent = `measuring ${what} at ${number(granules)} granule cells…`;
      try {
        const r = await this.bench(granules, 5, backend);
        if (r.unavailable) {
          out.textContent = `WebGPU unavailable: ${r.unavailable}`;
          return;
        }
        const ran = r.kernel
          ? kernelText(r.backend, r.kernel)
          : `${r.backend}, ${r.workload}${r.adapter ? `; ${r.deviceMode} adapter ${r.adapter}` : ""}`;
        out.textContent = `${number(r.stepsPerSecond)} steps/s at ${number(granules)} granule cells, ${ran} (${number(r.steps)} steps in ${number(r.seconds, 1)} s; build ${number(r.buildSeconds, 1)} s)`;
        out.dataset.stepsPerSecond = String(r.stepsPerSecond);
        out.dataset.backend = r.backend;
        out.dataset.threads = String(r.kernel?.mostThreads ?? 0);
      } catch (e) {
        out.textContent = `failed: ${e instanceof Error ? e.message : String(e)}`;
      }
    };
    $("gpu-check").onclick = async () => {
      const out = $("bench-result");
      out.textContent = "comparing the WebGPU engine with the CPU reference at 2,000 cells…";
      try {
        const r = await this.gpuCheck(2000, 200);
        const c = r.result;
        out.textContent = c
          ? `WebGPU check ${c.check === "pass" ? "passed" : "FAILED"}: active counts equal on ${c.countsEqual} of ${r.steps} steps, max |Δz| ${c.zErr.toExponential(2)} (allowed ${c.zTolerance.toExponential(2)}); ${c.deviceMode} adapter ${c.adapter}`
          : `WebGPU unavailable: ${r.unavailable}`;
      } catch (e) {
        out.textContent = `failed: ${e instanceof Error ? e.message : String(e)}`;
      }
    };
  }

  /** What tests (and curious users) can read from the console. */
  api() {
    return {
      state: () => this.state,
      input: () => structuredClone(this.input),
      resolved: () => this.resolved,
      invalid: () => this.invalid,
      loadedConfig: () => this.loadedConfig,
      progress: () => ({ ...this.progress }),
      plot: (): PlotData | undefined => this.view?.data(),
      curves: () => this.curves?.data(),
      results: () => this.results,
      kernel: () => this.kernel,
      bench: (granules: number, seconds = 5, backend?: string) =>
        this.bench(granules, seconds, backend),
      gpuCheck: (granules = 2000, steps = 200) => this.gpuCheck(granules, steps),
    };
  }
}

/** "wasm-threads, 2 of 2 threads used", "wasm", or why threads fell back to one. */
function kernelText(backend: string, usage: KernelUsage): string {
  if (usage.fallbackReason) return `${backend} on 1 thread (${usage.fallbackReason})`;
  if (usage.threads <= 1) return backend;
  return `${backend}, ${usage.mostThreads} of ${usage.threads} threads used`;
}

const playground = new Playground();
(window as unknown as { __shoulda: ReturnType<Playground["api"]> }).__shoulda = playground.api();
