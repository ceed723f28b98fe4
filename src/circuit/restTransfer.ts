/**
 * Transfer from the flocculus to the vestibular nucleus during rest (consolidation): the
 * nucleus keeps, per side s, a running mean of the teaching product it saw during the last
 * head movement, m_s = ⟨p_s · x_s⟩ over an exponential window τ (one stimulus cycle), and while
 * the head is still (and learning is on) it goes on applying the online rule with that held
 * product, as if the flocculus replayed its learned output for the last movement:
 *
 *   moving:  m_s ← k·m_s + (1 − k)·p_s·x_s,       k = e^(−dt/τ)
 *   still:   Δv_s = dt · D(m_s) · room_s           (D, room_s as in vestibularNucleus.ts)
 *
 * Why: a fresh VOR gain change still needs the flocculus after training (Nagao et al. 2003,
 * Neuroscience 118:563, monkeys: it lasted 1 h with the head fixed in darkness, and floccular
 * lidocaine right after training returned the gain to its pre-adaptation level), while an older
 * one has left it, presumably for the vestibular nuclei (Neurosci Res 2010, 68:191: floccular
 * shutdown undid 2 h of training, hardly 3 days); consolidation during rest in the dark:
 * Kassardjian et al. 2005 [M]. The learned Purkinje output is what teaches the brainstem (Miles &
 * Lisberger 1981), and m_s is that output weighted by the canal drive: a naive flocculus
 * (m_s = 0) transfers nothing, however long the rest. Because D is linear on each sign, D(m_s) equals the
 * online rule's mean over the window with the floccular output held: no new rate.
 */
export class RestReplay {
  /** m₊, m₋: held teaching products p_s·x_s of the last movement. */
  readonly held = new Float64Array([0, 0]);
  private readonly keep: number;

  constructor(dtMs: number, windowMs: number) {
    this.keep = Math.exp(-dtMs / windowMs);
  }

  /** During movement: fold this step's teaching products into the running means. */
  observe(productPos: number, productNeg: number): void {
    const { held, keep } = this;
    held[0] = keep * held[0] + (1 - keep) * productPos;
    held[1] = keep * held[1] + (1 - keep) * productNeg;
  }
}
