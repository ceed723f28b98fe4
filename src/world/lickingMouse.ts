/**
 * A licking mouse at a water spout (after Singla et al. 2017, Nat Neurosci 20:943).
 *
 * Body. Licks come in bouts: each bout has a lick rate f ~ U(rateMin, rateMax) (6–8 Hz) and
 * n ~ U{boutMin … boutMax} licks, inter-lick interval 1/f with ±3 % jitter; bouts are
 * separated by pauses ~ U(pauseMin, pauseMax). Lick i has a force F_i = exp(σ_F·ξ), ξ ~ N(0,1),
 * and opens the jaw to J_i = min(1, jawPerForce·√F_i). The jaw follows
 *   jaw(t) = J_i · sin²(π (t − t_i) / (0.8 / f))     for 0 ≤ t − t_i < 0.8 / f
 * The tongue hits the spout at t_c = t_i + contactMs · (1.15 − 0.15·min(F_i, 2)) (harder licks
 * arrive sooner).
 *
 * Lick sound (self-generated), in N cochlear channels (tonotopic, index 0 = low frequency), with
 * loudness L_i and spectral centre κ_i from the sound law (world/soundLaw.ts; `soundLaw`, or a
 * function passed to lickingMouseScene). The default law ("singla"):
 *   loudness       L_i = level · tanh(F_i²) / tanh(1)                   (nonlinear in force)
 *   spectral centre  κ_i = (N − 1) · (0.2 + 0.6 · jaw(t_c)²)           (nonlinear in jaw position)
 *   contact click  L_i · exp(−(j − κ_i)² / 2w²) · exp(−(t − t_c)/decay)
 *   release click  0.4 L_i · exp(−(j − κ_i − 1.5)² / 2w²) · exp(−(t − t_c − releaseMs)/decay)
 * then each channel's sum passes the receptor compression q(x) = x / (1 + x/qSat).
 *
 * Context the brain gets (non-negative): "lick" = the lick motor command (efference copy: a
 * pulse of height F_i for commandMs at t_i) and "jaw" = jaw position (proprioception).
 *
 * External sounds (not self-generated): Poisson at externalRateHz, each a band of width w
 * around a random channel, random level, flat envelope with 5-ms ramps. Playback: recorded-like
 * lick sounds (random force and jaw, same formula) at random times in the pauses between bouts.
 * Paired tone: a tone in one channel at a fixed lag after every lick (or, "unpaired", at random
 * times during bouts) — Singla's artificial sound–lick pairing.
 *
 * Optional parts, off unless enabled (with their own random streams, so that the scene of a seed
 * with both off is exactly what it was before they existed):
 *   chewing  (world/chewing.ts) bouts of 4–6 Hz chews after some lick bouts; adds the
 *            context channel "chew" (jaw-closing command) and drives "jaw"; source "chew".
 *   head     (world/headMovement.ts) head turns; adds "headLeft", "headRight" (vestibular) and
 *            "headPosition" (neck); source "head" (a rustle ∝ speed²).
 *   song     (world/lickSong.ts) lick sounds whose spectral centre follows a sequence over the
 *            licks of a bout instead of the jaw (draws nothing from the random streams).
 * Context channels are lick, jaw, then chew and the head channels when enabled
 * (lickContextNames).
 */
import { z } from "zod";
import { Rng } from "../model/rng.js";
import { addChewSound, chewContext, chewingSchema, planChewBout } from "./chewing.js";
import { addHeadSound, HEAD_CONTEXT, headMovementSchema, headTrack } from "./headMovement.js";
import { lickSongSchema, songCentre } from "./lickSong.js";
import { emptyScene, type Scene } from "./scene.js";
import { type LickSoundLaw, soundLaw, soundLawSchema } from "./soundLaw.js";

const toneSchema = z
  .object({
    enabled: z.boolean().default(false).describe("Play this tone"),
    channel: z.number().int().min(0).default(1).describe("Cochlear channel of the tone"),
    lagMs: z
      .number()
      .min(0)
      .default(30)
      .describe("Paired: onset this long after each lick command"),
    durationMs: z.number().positive().default(20).describe("Tone duration (ms)"),
    level: z.number().min(0).default(0.6).describe("Tone level (input deviation units)"),
    probability: z
      .number()
      .min(0)
      .max(1)
      .default(1)
      .describe("Chance that a given lick (or slot) has the tone"),
  })
  .strict();

export const lickingMouseSchema = z
  .object({
    cochlearChannels: z
      .number()
      .int()
      .min(1)
      .max(64)
      .default(8)
      .describe("N: cochlear frequency channels"),
    rateMinHz: z.number().positive().default(6).describe("Slowest lick rate in a bout (Hz)"),
    rateMaxHz: z.number().positive().default(8).describe("Fastest lick rate in a bout (Hz)"),
    boutMin: z.number().int().min(1).default(4).describe("Fewest licks per bout"),
    boutMax: z.number().int().min(1).default(12).describe("Most licks per bout"),
    pauseMinMs: z.number().min(0).default(600).describe("Shortest pause between bouts (ms)"),
    pauseMaxMs: z.number().min(0).default(1500).describe("Longest pause between bouts (ms)"),
    forceSd: z.number().min(0).default(0.35).describe("σ_F: log-normal spread of lick force"),
    jawPerForce: z.number().positive().default(0.7).describe("Jaw opening per √force"),
    commandMs: z
      .number()
      .positive()
      .default(10)
      .describe("Duration of the lick command pulse (ms)"),
    contactMs: z
      .number()
      .min(0)
      .default(40)
      .describe("Command → tongue contact at mean force (ms)"),
    releaseMs: z.number().min(0).default(50).describe("Contact → release click (ms)"),
    decayMs: z.number().positive().default(12).describe("Decay time of a click (ms)"),
    level: z.number().min(0).default(1).describe("Lick sound level at mean force"),
    soundLaw: soundLawSchema
      .prefault({})
      .describe("How force and jaw make the lick sound (world/soundLaw.ts)"),
    spectralWidth: z
      .number()
      .positive()
      .default(1.2)
      .describe("w: spectral width of a click (channels)"),
    compression: z
      .number()
      .positive()
      .default(2)
      .describe("qSat: receptor compression q(x) = x/(1 + x/qSat)"),
    externalRateHz: z
      .number()
      .min(0)
      .default(0.5)
      .describe("Rate of external sounds (Poisson, per s)"),
    externalMinMs: z.number().positive().default(30).describe("Shortest external sound (ms)"),
    externalMaxMs: z.number().positive().default(80).describe("Longest external sound (ms)"),
    externalLevelMin: z.number().min(0).default(0.3).describe("Quietest external sound"),
    externalLevelMax: z.number().min(0).default(0.8).describe("Loudest external sound"),
    playbackRateHz: z
      .number()
      .min(0)
      .default(0)
      .describe("Rate (per s of pause) of played-back lick sounds at random times between bouts"),
    paired: toneSchema.prefault({}).describe("A tone at a fixed lag after each lick (DCN3, DCN4)"),
    unpaired: toneSchema
      .prefault({})
      .describe("A tone at random times during bouts (one per lick slot with `probability`)"),
    licking: z.boolean().default(true).describe("false: no licks (external sounds only)"),
    chewing: chewingSchema
      .prefault({})
      .describe("Chewing bouts between lick bouts (their own rhythm and sound)"),
    head: headMovementSchema
      .prefault({})
      .describe("Head turns: vestibular and neck context, and a rustle"),
    song: lickSongSchema
      .prefault({})
      .describe("Lick sounds that follow a sequence over each bout (world/lickSong.ts)"),
  })
  .strict();

export type LickingMouseOptions = z.output<typeof lickingMouseSchema>;

/** The context channels every licking mouse has (chewing and head movement add more). */
export const LICK_CONTEXT = ["lick", "jaw"];
export const LICK_SOURCES = ["self", "external", "playback", "paired", "unpaired", "chew", "head"];

/** Context channel names of a licking mouse with these options, in scene order. */
export function lickContextNames(o: LickingMouseOptions): string[] {
  return [
    ...LICK_CONTEXT,
    ...(o.chewing.enabled ? ["chew"] : []),
    ...(o.head.enabled ? HEAD_CONTEXT : []),
  ];
}

export function cochlearNames(n: number): string[] {
  return Array.from({ length: n }, (_, j) => `cochlea${j}`);
}

interface Click {
  start: number;
  centre: number;
  level: number;
}

/** Add a click's compressed-later envelope into a raw (uncompressed) per-source buffer. */
function addClick(
  raw: Float32Array,
  steps: number,
  n: number,
  click: Click,
  o: LickingMouseOptions,
  dtMs: number,
): number {
  const length = Math.ceil((5 * o.decayMs) / dtMs);
  for (let k = 0; k < length; k++) {
    const t = click.start + k;
    if (t < 0 || t >= steps) continue;
    const env = Math.exp(-(k * dtMs) / o.decayMs);
    for (let j = 0; j < n; j++) {
      const spec = Math.exp(-((j - click.centre) ** 2) / (2 * o.spectralWidth ** 2));
      raw[t * n + j] += click.level * spec * env;
    }
  }
  return length;
}

function compress(buffer: Float32Array, qSat: number): void {
  for (let i = 0; i < buffer.length; i++) buffer[i] = buffer[i] / (1 + buffer[i] / qSat);
}

/** Lick sound (contact + release click) of one lick's body state, by the sound law. */
function lickClicks(
  law: LickSoundLaw,
  body: { force: number; jawAtContact: number; jawMax: number; index: number },
  start: number,
  o: LickingMouseOptions,
  dtMs: number,
  centreOverride: number | null = null,
): Click[] {
  const sound = law({ ...body, channels: o.cochlearChannels });
  const level = sound.level;
  const centre = centreOverride ?? sound.centre;
  if (!Number.isFinite(level) || !Number.isFinite(centre) || level < 0)
    throw new RangeError(
      `sound law gave level ${level}, centre ${centre}; allowed: a finite level ≥ 0 and a finite centre`,
    );
  return [
    { start, centre, level },
    { start: start + Math.round(o.releaseMs / dtMs), centre: centre + 1.5, level: 0.4 * level },
  ];
}

function tone(
  buffer: Float32Array,
  steps: number,
  n: number,
  start: number,
  spec: z.output<typeof toneSchema>,
  dtMs: number,
): number {
  const length = Math.max(1, Math.round(spec.durationMs / dtMs));
  const ramp = Math.max(1, Math.round(5 / dtMs));
  for (let k = 0; k < length; k++) {
    const t = start + k;
    if (t >= steps) break;
    const env = Math.min(1, (k + 1) / ramp, (length - k) / ramp);
    buffer[t * n + spec.channel] += spec.level * env;
  }
  return length;
}

/**
 * Generate `durationMs` of a licking mouse's world. `law` replaces the declared `o.soundLaw` with
 * any function from a lick's body state to its sound (world/soundLaw.ts).
 */
export function lickingMouseScene(
  o: LickingMouseOptions,
  dtMs: number,
  durationMs: number,
  rng: Rng,
  law: LickSoundLaw = soundLaw(o.soundLaw, o.level),
): Scene {
  const n = o.cochlearChannels;
  const steps = Math.round(durationMs / dtMs);
  const contextNames = lickContextNames(o);
  const scene = emptyScene(dtMs, steps, contextNames, cochlearNames(n), LICK_SOURCES);
  const C = contextNames.length;
  const raw = Object.fromEntries(LICK_SOURCES.map((s) => [s, new Float32Array(steps * n)]));
  const commandSteps = Math.max(1, Math.round(o.commandMs / dtMs));
  const pauses: [number, number][] = [];
  // Optional parts draw from their own streams (nothing is drawn from `rng` when they are off).
  const chewRng = o.chewing.enabled ? new Rng(rng.nextUint32()) : null;
  const headRng = o.head.enabled ? new Rng(rng.nextUint32()) : null;
  const jawIndex = contextNames.indexOf("jaw");
  const chewIndex = contextNames.indexOf("chew");
  const setContext = (c: number, max: boolean) => (at: number, v: number) => {
    if (at < 0 || at >= steps) return;
    const i = at * C + c;
    scene.context[i] = max ? Math.max(scene.context[i], v) : v;
  };
  const bouts: [number, number][] = [];
  let t = Math.round((o.pauseMinMs + rng.uniform() * (o.pauseMaxMs - o.pauseMinMs)) / dtMs);
  pauses.push([0, t]);
  while (o.licking && t < steps) {
    const rate = o.rateMinHz + rng.uniform() * (o.rateMaxHz - o.rateMinHz);
    const licks = o.boutMin + rng.int(o.boutMax - o.boutMin + 1);
    const boutStart = t;
    for (let i = 0; i < licks && t < steps; i++) {
      const ili = (1000 / rate) * (1 + 0.03 * (2 * rng.uniform() - 1));
      const force = Math.exp(o.forceSd * rng.normal());
      const jawMax = Math.min(1, o.jawPerForce * Math.sqrt(force));
      const openSteps = Math.round((0.8 * 1000) / rate / dtMs);
      for (let k = 0; k < openSteps && t + k < steps; k++) {
        const jaw = jawMax * Math.sin((Math.PI * k) / openSteps) ** 2;
        scene.context[(t + k) * C + 1] = Math.max(scene.context[(t + k) * C + 1], jaw);
      }
      for (let k = 0; k < commandSteps && t + k < steps; k++) scene.context[(t + k) * C] = force;
      const contactSteps = Math.round((o.contactMs * (1.15 - 0.15 * Math.min(force, 2))) / dtMs);
      const jawAtContact =
        jawMax * Math.sin((Math.PI * Math.min(contactSteps, openSteps)) / openSteps) ** 2;
      let length = 0;
      const song = songCentre(o.song, n, i, t, dtMs);
      const body = { force, jawAtContact, jawMax, index: i };
      for (const click of lickClicks(law, body, t + contactSteps, o, dtMs, song)) {
        length = click.start - t + addClick(raw.self, steps, n, click, o, dtMs);
      }
      scene.events.push({
        kind: "lick",
        step: t,
        length,
        force,
        jaw: jawMax,
        contact: t + contactSteps,
      });
      if (o.paired.enabled && rng.uniform() < o.paired.probability) {
        const start = t + Math.round(o.paired.lagMs / dtMs);
        const len = tone(raw.paired, steps, n, start, o.paired, dtMs);
        scene.events.push({ kind: "paired", step: start, length: len, lick: t });
      }
      const iliSteps = Math.round(ili / dtMs);
      if (o.unpaired.enabled && rng.uniform() < o.unpaired.probability) {
        const start = t + rng.int(iliSteps);
        const len = tone(raw.unpaired, steps, n, start, o.unpaired, dtMs);
        scene.events.push({ kind: "unpaired", step: start, length: len, lick: t });
      }
      t += iliSteps;
    }
    bouts.push([boutStart, t]);
    if (chewRng && t < steps && chewRng.uniform() < o.chewing.boutProbability) {
      const gap = Math.round(o.chewing.gapMs / dtMs);
      const chews = planChewBout(t + gap, n, o.chewing, dtMs, chewRng);
      for (const chew of chews) {
        chewContext(
          chew,
          setContext(jawIndex, true),
          setContext(chewIndex, false),
          o.chewing,
          dtMs,
        );
        const length = addChewSound(raw.chew, steps, n, chew, o.chewing, dtMs);
        scene.events.push({
          kind: "chew",
          step: chew.contact,
          length,
          command: chew.command,
          cycle: chew.cycle,
          force: chew.force,
          gape: chew.gape,
          crunch: chew.crunch,
        });
      }
      const last = chews[chews.length - 1];
      t = last.start + last.cycle + gap;
    }
    const pause = Math.round((o.pauseMinMs + rng.uniform() * (o.pauseMaxMs - o.pauseMinMs)) / dtMs);
    pauses.push([t, Math.min(steps, t + pause)]);
    t += pause;
  }
  // Playback of lick-like sounds at random times inside pauses (well clear of licking).
  if (o.playbackRateHz > 0) {
    const margin = Math.round(200 / dtMs);
    for (const [a, b] of pauses) {
      const from = a + margin;
      const to = b - margin;
      if (to <= from) continue;
      let s = from + Math.round((-Math.log(1 - rng.uniform()) * 1000) / o.playbackRateHz / dtMs);
      while (s < to) {
        const force = Math.exp(o.forceSd * rng.normal());
        const jawMax = Math.min(1, o.jawPerForce * Math.sqrt(force));
        const jawAtContact = jawMax * Math.sin(Math.PI * (o.contactMs / (0.8 * (1000 / 7)))) ** 2;
        let length = 0;
        const body = { force, jawAtContact, jawMax, index: 0 };
        for (const click of lickClicks(law, body, s, o, dtMs)) {
          length = click.start - s + addClick(raw.playback, steps, n, click, o, dtMs);
        }
        scene.events.push({ kind: "playback", step: s, length, force });
        s += length + Math.round((-Math.log(1 - rng.uniform()) * 1000) / o.playbackRateHz / dtMs);
      }
    }
  }
  // External sounds: Poisson over the whole scene.
  if (o.externalRateHz > 0) {
    let s = Math.round((-Math.log(1 - rng.uniform()) * 1000) / o.externalRateHz / dtMs);
    while (s < steps) {
      const durationMs = o.externalMinMs + rng.uniform() * (o.externalMaxMs - o.externalMinMs);
      const level = o.externalLevelMin + rng.uniform() * (o.externalLevelMax - o.externalLevelMin);
      const centre = rng.uniform() * (n - 1);
      const length = Math.round(durationMs / dtMs);
      const ramp = Math.max(1, Math.round(5 / dtMs));
      for (let k = 0; k < length && s + k < steps; k++) {
        const env = Math.min(1, (k + 1) / ramp, (length - k) / ramp);
        for (let j = 0; j < n; j++) {
          raw.external[(s + k) * n + j] +=
            level * env * Math.exp(-((j - centre) ** 2) / (2 * o.spectralWidth ** 2));
        }
      }
      const licking = bouts.some(([a, b]) => s >= a && s < b);
      scene.events.push({
        kind: "external",
        step: s,
        length,
        level,
        centre,
        duringLicking: licking ? 1 : 0,
      });
      s += length + Math.round((-Math.log(1 - rng.uniform()) * 1000) / o.externalRateHz / dtMs);
    }
  }
  if (o.head.enabled) {
    const track = headTrack(o.head, dtMs, steps, headRng ?? rng);
    const [left, right, position] = HEAD_CONTEXT.map((name) => contextNames.indexOf(name));
    for (let t = 0; t < steps; t++) {
      scene.context[t * C + left] = 0.5 + 0.5 * track.velocity[t];
      scene.context[t * C + right] = 0.5 - 0.5 * track.velocity[t];
      scene.context[t * C + position] = 0.5 + 0.5 * track.position[t];
    }
    addHeadSound(raw.head, n, track, o.head);
    for (const turn of track.turns) {
      scene.events.push({ kind: "head", step: turn.start, length: turn.length, peak: turn.peak });
    }
  }
  for (const key of LICK_SOURCES) {
    compress(raw[key], o.compression);
    scene.components[key] = raw[key];
  }
  scene.events.sort((a, b) => a.step - b.step);
  return scene;
}
