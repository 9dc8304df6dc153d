/** Signals between a command and main(): exit 1 means the run completed but a checked target was missed. */

export class TargetMissed extends Error {
  constructor() {
    super("a checked target was missed");
    this.name = "TargetMissed";
  }
}
