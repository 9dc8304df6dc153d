/** The key of `--redact` tokens: the user's (to line reports up across runs) or one for this run. */

import type { Io } from "./io.js";

export const REDACT_KEY_ENV = "FUNNEL_AUDIT_REDACT_KEY";

/**
 * FUNNEL_AUDIT_REDACT_KEY when set (an environment variable, not a flag: a flag shows in `ps`);
 * else a random key for this run only, said on stderr, since tokens then differ between runs.
 */
export function redactKey(io: Io): string {
  const given = io.env[REDACT_KEY_ENV];
  if (given) return given;
  io.stderr.write(
    `--redact: tokens are keyed for this run only; set ${REDACT_KEY_ENV} to a secret you keep for tokens that stay the same across runs\n`,
  );
  // node:crypto loads only here (10 ms at every start otherwise: docs/performance.md).
  return process.getBuiltinModule("node:crypto").randomBytes(32).toString("hex");
}
