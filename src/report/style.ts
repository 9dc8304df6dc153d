/** Colour decided once by the CLI and passed in: renderers never look at the terminal. */

import { Chalk, type ChalkInstance } from "chalk";

export interface Style {
  color: boolean;
  chalk: ChalkInstance;
}

/** A style with colour on (level 1: 16 colours, enough and safe) or off. */
export function makeStyle(color: boolean): Style {
  return { color, chalk: new Chalk({ level: color ? 1 : 0 }) };
}
