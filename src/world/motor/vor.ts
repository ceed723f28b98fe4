/**
 * The vestibulo-ocular reflex's body: head rotation → vestibular afferents → brainstem VOR path
 * (fixed gain g_b) → eye plant, and the optics that turn head and eye motion into retinal slip.
 * The floccular module's command adds to the brainstem's:
 *
 *   u(t)  = −g_b · H(t) + u_c(t)                    (eye-velocity command, deg/s)
 *
 * With the vestibular-nucleus site on (`vestibularNucleus`, circuit/vestibularNucleus.ts) the
 * brainstem term is −g_b·S·(v₊[H/S]₊ − v₋[−H/S]₊), S = velocityScaleDegS, each side's canal
 * weight v_s learned from the floccular command u_c while `learning` is true.
 *   E(t)  = plant(u)(t)                             (first-order, τ_plant)
 *   slip  = m · (W − H) − E                         (optics.ts)
 *
 * Context for the module (non-negative mossy-fibre rates, push–pull pairs): head velocity and
 * head acceleration (irregular vestibular afferents carry a phase lead), scaled by
 * `velocityScaleDegS` and the acceleration of a sinusoid of that amplitude at
 * `accelerationRefHz`; optionally an efference copy of the eye-velocity command.
 */
import {
  VestibularNucleus,
  type VestibularNucleusParams,
} from "../../circuit/vestibularNucleus.js";
import type { Optics } from "./optics.js";
import { retinalSlip } from "./optics.js";
import { FirstOrderPlant } from "./plant.js";
import { pushPull } from "./sensors.js";
import type { HeadStimulus } from "./stimulus.js";

export interface VorBodyParams {
  dtMs: number;
  /** g_b: gain of the brainstem VOR path (eye velocity per head velocity, before learning). */
  brainstemGain: number;
  /** τ of the eye plant (ms). */
  plantTauMs: number;
  /** Head velocity that maps to a channel rate of 1 (deg/s). */
  velocityScaleDegS: number;
  /** Acceleration channels are scaled by the peak acceleration of a sinusoid at this frequency. */
  accelerationRefHz: number;
  /** Resting rate of each push–pull channel (0 = rectified halves). */
  restRate: number;
  /** Add a push–pull efference copy of the eye-velocity command to the context. */
  efferenceCopy: boolean;
  /** The MF → vestibular-nucleus site's rule, or null (a fixed brainstem gain). */
  vestibularNucleus?: VestibularNucleusParams | null;
}

export const VOR_CHANNELS = ["headVel+", "headVel-", "headAcc+", "headAcc-"] as const;
export const EFFERENCE_CHANNELS = ["eyeCmd+", "eyeCmd-"] as const;

export function vorChannels(p: Pick<VorBodyParams, "efferenceCopy">): string[] {
  return p.efferenceCopy ? [...VOR_CHANNELS, ...EFFERENCE_CHANNELS] : [...VOR_CHANNELS];
}

export interface VorSample {
  tMs: number;
  head: number;
  eye: number;
  command: number;
  /** Retinal slip (deg/s), or null in darkness. */
  slip: number | null;
}

export class VorBody {
  readonly plant: FirstOrderPlant;
  readonly context: number[];
  /** Simulated time (ms) of the next step. */
  tMs = 0;
  /** The second plasticity site, or null when off. */
  readonly nucleus: VestibularNucleus | null;
  /** The nucleus learns only while this is true (frozen in dark tests). */
  learning = true;
  private lastCommand = 0;
  private readonly accelerationScale: number;

  constructor(
    readonly p: VorBodyParams,
    public head: HeadStimulus,
    public optics: Optics,
  ) {
    this.plant = new FirstOrderPlant(p.plantTauMs, p.dtMs);
    this.context = new Array(vorChannels(p).length).fill(0);
    this.accelerationScale = p.velocityScaleDegS * 2 * Math.PI * p.accelerationRefHz;
    this.nucleus = p.vestibularNucleus ? new VestibularNucleus(p.vestibularNucleus, p.dtMs) : null;
  }

  /** Fill and return the context channels at the current time. */
  sense(): number[] {
    const { p, context } = this;
    pushPull(this.head.velocity(this.tMs), p.velocityScaleDegS, p.restRate, context, 0);
    pushPull(this.head.acceleration(this.tMs), this.accelerationScale, p.restRate, context, 2);
    if (p.efferenceCopy) pushPull(this.lastCommand, p.velocityScaleDegS, p.restRate, context, 4);
    return context;
  }

  /** The brainstem's command −g_b·H, through the learned canal weights when the site is on. */
  private brainstem(head: number, moduleCommand: number): number {
    const { nucleus, p } = this;
    if (nucleus === null) return -p.brainstemGain * head;
    const scale = p.velocityScaleDegS;
    const xPos = head > 0 ? head / scale : 0;
    const xNeg = head < 0 ? -head / scale : 0;
    const command = -p.brainstemGain * scale * nucleus.drive(xPos, xNeg);
    // Still head (no velocity, no acceleration): rest, where only the replay can transfer.
    const resting = head === 0 && this.head.acceleration(this.tMs) === 0;
    if (this.learning && resting) nucleus.rest();
    else if (this.learning)
      nucleus.learn(xPos, xNeg, (Math.sign(p.brainstemGain) * moduleCommand) / scale);
    return command;
  }

  /** Apply the module's command contribution (deg/s) for one step; returns what happened. */
  act(moduleCommand: number): VorSample {
    const head = this.head.velocity(this.tMs);
    const command = this.brainstem(head, moduleCommand) + moduleCommand;
    this.lastCommand = command;
    const eye = this.plant.step(command);
    const slip = retinalSlip(this.optics, head, eye);
    const sample = { tMs: this.tMs, head, eye, command, slip };
    this.tMs += this.p.dtMs;
    return sample;
  }
}
