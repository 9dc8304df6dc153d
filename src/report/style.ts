/** Colour decided once by the CLI and passed in: renderers never look at the terminal. */

import { Chalk, type ChalkInstance } from "chalk";

export interface Style {
  color: boolean;
  chalk: ChalkInstance;
}

/**
 * A style at the colour level the CLI decided (true is level 1: 16 colours, enough and safe).
 * The level is always given: chalk never reads the environment or the terminal here.
 */
export function makeStyle(level: boolean | 0 | 1 | 2 | 3): Style {
  const n = level === true ? 1 : level === false ? 0 : level;
  return { color: n > 0, chalk: new Chalk({ level: n }) };
}
