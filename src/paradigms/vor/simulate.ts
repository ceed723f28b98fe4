/**
 * VOR simulation: a floccular AdaptiveMotorLoop in closed loop with the VorBody. Each condition
 * starts from a naive module (same seed, same wiring) and runs its phases in order; every
 * `test.everyMinutes` the VOR is tested in the dark with learning frozen (as in the experiments:
 * a brief test in darkness), then training resumes.
 */
import { reflexGain } from "../../analysis/sinusoid.js";
import { Cerebellum } from "../../brain/cerebellum.js";
import { AdaptiveMotorLoop } from "../../brain/motorLoop.js";
import { getKernel } from "../../kernels/index.js";
import { deriveSeed } from "../../model/rng.js";
import { OPTICS_PRESETS, type Optics, requiredGain } from "../../world/motor/optics.js";
import { sinusoid, still } from "../../world/motor/stimulus.js";
import { VorBody, vorChannels } from "../../world/motor/vor.js";
import type { OpticsInput, VorCondition, VorConfig } from "./config.js";

export function resolveOptics(o: OpticsInput): Optics {
  return typeof o === "string" ? { ...OPTICS_PRESETS[o] } : { ...o };
}

export interface GainPoint {
  condition: string;
  phase: string;
  /** Real minutes since the condition began. */
  minute: number;
  gain: number;
  phaseDeg: number;
  /** RMS retinal slip (deg/s) since the previous test, NaN in darkness. */
  rmsSlip: number;
  /** The gain the phase's optics ask for (NaN in darkness). */
  required: number;
}

export interface TraceRow {
  condition: string;
  when: string;
  tMs: number;
  head: number;
  eye: number;
}

export interface ConditionResult {
  name: string;
  points: GainPoint[];
  traces: TraceRow[];
  steps: number;
}

/** The floccular loop and body of one condition, built from the config (naive module). */
export function buildVor(config: VorConfig) {
  const b = config.body;
  const bodyParams = {
    dtMs: config.model.dtMs,
    brainstemGain: b.brainstemGain,
    plantTauMs: b.plantTauMs,
    velocityScaleDegS: b.velocityScaleDegS,
    accelerationRefHz: config.stimulus.frequencyHz,
    restRate: b.restRate,
    efferenceCopy: b.efferenceCopy,
    vestibularNucleus: b.vestibularNucleus.enabled ? b.vestibularNucleus : null,
  };
  const brain = new Cerebellum(
    {
      kind: "cerebellum",
      params: config.model,
      channels: vorChannels(bodyParams),
      seed: deriveSeed(config.seed, "flocculus"),
    },
    getKernel(config.backend),
  );
  const loop = new AdaptiveMotorLoop(brain, config.loop);
  const moving = sinusoid(config.stimulus.amplitudeDegS, config.stimulus.frequencyHz);
  const body = new VorBody(bodyParams, moving, OPTICS_PRESETS.normal);
  return { brain, loop, body, moving };
}

export type VorRig = ReturnType<typeof buildVor>;

/** One closed-loop step: sense, module, act; returns the slip produced (null in darkness). */
export function stepVor(rig: VorRig, previousSlip: number | null): number | null {
  const errors = previousSlip === null ? null : [previousSlip];
  const u = rig.loop.step(rig.body.sense(), errors);
  return rig.body.act(u[0]).slip;
}

/**
 * Dark test: learning frozen, head rotating, one settling cycle then `cycles` measured cycles.
 * Module and plant state continue (it is a real test in the dark, not a copy).
 */
export function darkTest(
  rig: VorRig,
  config: VorConfig,
  cycles: number,
  record?: { traces: TraceRow[]; condition: string; when: string },
) {
  const { body, brain } = rig;
  const savedOptics = body.optics;
  const savedHead = body.head;
  const savedLearning = brain.learning;
  const savedNucleus = body.learning;
  body.optics = OPTICS_PRESETS.dark;
  body.head = rig.moving;
  brain.learning = false;
  body.learning = false;
  const dt = config.model.dtMs;
  const perCycle = Math.round(1000 / config.stimulus.frequencyHz / dt);
  const head: number[] = [];
  const eye: number[] = [];
  const t: number[] = [];
  let slip: number | null = null;
  for (let i = 0; i < (cycles + 1) * perCycle; i++) {
    const tMs = body.tMs;
    const h = body.head.velocity(tMs);
    slip = stepVor(rig, slip);
    if (i >= perCycle) {
      head.push(h);
      eye.push(body.plant.velocity);
      t.push(tMs);
      if (record) {
        const { condition, when } = record;
        record.traces.push({
          condition,
          when,
          tMs: (i - perCycle) * dt,
          head: h,
          eye: body.plant.velocity,
        });
      }
    }
  }
  body.optics = savedOptics;
  body.head = savedHead;
  brain.learning = savedLearning;
  body.learning = savedNucleus;
  return reflexGain(head, eye, t, config.stimulus.frequencyHz);
}

/** One unit of a VOR run: a condition's baseline test, one training block + test, or its end. */
export type VorUnit =
  | { kind: "baseline"; condition: VorCondition }
  | { kind: "block"; condition: VorCondition; phase: number; first: boolean; blockMinutes: number }
  | { kind: "end"; condition: VorCondition };

/** The units of a run, in order (from the config alone, so a resumed run finds the same list). */
export function vorUnits(config: VorConfig): VorUnit[] {
  const units: VorUnit[] = [];
  for (const condition of config.conditions) {
    units.push({ kind: "baseline", condition });
    condition.phases.forEach((phase, p) => {
      const blocks = Math.max(1, Math.round(phase.minutes / config.test.everyMinutes));
      for (let k = 0; k < blocks; k++)
        units.push({
          kind: "block",
          condition,
          phase: p,
          first: k === 0,
          blockMinutes: phase.minutes / blocks,
        });
    });
    units.push({ kind: "end", condition });
  }
  return units;
}

/** A VOR run between two units: the condition under way, and the conditions finished. */
export interface VorState {
  rig: VorRig;
  /** The rig has not stepped yet (the first condition uses it instead of building another). */
  naive: boolean;
  current: ConditionResult;
  minute: number;
  /** The slip of the last step, carried from block to block within a phase. */
  slip: number | null;
  results: ConditionResult[];
}

export function startVor(config: VorConfig): VorState {
  const name = config.conditions[0]?.name ?? "";
  return {
    rig: buildVor(config),
    naive: true,
    current: { name, points: [], traces: [], steps: 0 },
    minute: 0,
    slip: null,
    results: [],
  };
}

/**
 * Runs one unit. Each condition starts from a naive module; a block trains for its minutes then
 * tests in the dark. Returns the gain point it added, if any.
 */
export function stepVorUnit(state: VorState, unit: VorUnit, config: VorConfig): GainPoint | null {
  const name = unit.condition.name;
  if (unit.kind === "baseline") {
    if (!state.naive) state.rig = buildVor(config);
    state.naive = false;
    state.current = { name, points: [], traces: [], steps: 0 };
    state.minute = 0;
    state.slip = null;
    const first = darkTest(state.rig, config, config.test.traceCycles, {
      traces: state.current.traces,
      condition: name,
      when: "before",
    });
    const point = {
      condition: name,
      phase: "baseline",
      minute: 0,
      ...first,
      rmsSlip: Number.NaN,
      required: Number.NaN,
    };
    state.current.points.push(point);
    return point;
  }
  const { rig, current } = state;
  if (unit.kind === "end") {
    darkTest(rig, config, config.test.traceCycles, {
      traces: current.traces,
      condition: name,
      when: "after",
    });
    state.results.push(current);
    return null;
  }
  const phase = unit.condition.phases[unit.phase];
  const { body } = rig;
  // Optics and head are set at every block (not only the phase's first): a resumed run has them.
  body.optics = resolveOptics(phase.optics);
  body.head = phase.head === "still" ? still : rig.moving;
  if (unit.first) state.slip = null;
  const stepsPerRealMinute = 60_000 / config.timeScale / config.model.dtMs;
  const n = Math.round(unit.blockMinutes * stepsPerRealMinute);
  let slip = state.slip;
  let sq = 0;
  let seen = 0;
  for (let i = 0; i < n; i++) {
    slip = stepVor(rig, slip);
    if (slip !== null) {
      sq += slip * slip;
      seen++;
    }
  }
  state.slip = slip;
  current.steps += n;
  state.minute += unit.blockMinutes;
  const g = darkTest(rig, config, config.test.cycles);
  const point = {
    condition: name,
    phase: phase.name,
    minute: state.minute,
    gain: g.gain,
    phaseDeg: g.phaseDeg,
    rmsSlip: seen ? Math.sqrt(sq / seen) : Number.NaN,
    required: requiredGain(body.optics),
  };
  current.points.push(point);
  return point;
}

export function simulateCondition(
  config: VorConfig,
  condition: VorCondition,
  /** After the baseline test and after each block: minutes trained so far and the new gain point. */
  onProgress?: (minutes: number, point: GainPoint) => void,
): ConditionResult {
  const state = startVor(config);
  for (const unit of vorUnits({ ...config, conditions: [condition] })) {
    const point = stepVorUnit(state, unit, config);
    if (point) onProgress?.(point.minute, point);
  }
  return state.results[0];
}
