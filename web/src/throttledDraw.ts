/**
 * Calls `draw` on the next animation frame, at most ~8 times a second however often it is
 * asked for: the worker may deliver hundreds of trials or samples per second.
 */
export class ThrottledDraw {
  private frame = 0;
  private last = 0;

  constructor(
    private readonly draw: () => void,
    private readonly minMs = 120,
  ) {}

  request(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      const now = performance.now();
      if (now - this.last < this.minMs) {
        setTimeout(() => this.request(), this.minMs - (now - this.last));
        return;
      }
      this.last = now;
      this.draw();
    });
  }
}
