/** The review pack's "proposed version": the diff of --proposed FILE against the SLA, in `sla diff`'s words. */

import type { AgreementChange } from "../config/diff.js";
import type { SlaConfig } from "../types.js";
import { markdownBody } from "./agreement.js";
import type { ProposedDiff } from "./review-doc.js";
import { slaDiffMarkdown } from "./sla-diff.js";

/** The diff's headings one level down, under the pack's section heading (its title line left out). */
export const demoteMd = (md: string) =>
  md
    .split("\n")
    .filter((l) => !l.startsWith("# "))
    .map((l) => l.replace(/^(#+) /, "#$1 "))
    .join("\n")
    .trim();

/** The proposed version's part of the pack: `sla diff current proposed`, as Markdown and as escaped HTML. */
export function proposedPart(
  current: SlaConfig,
  proposed: SlaConfig,
  changes: readonly AgreementChange[],
): ProposedDiff {
  const markdown = slaDiffMarkdown(current, proposed, changes);
  const n = changes.length;
  return {
    file: proposed.file,
    available: true,
    changes: n,
    markdown,
    html: markdownBody(demoteMd(markdown)),
    note: n
      ? `${n} change${n === 1 ? "" : "s"} from the signed agreement to ${proposed.file}, in the words of \`funnel-audit sla diff\`:`
      : `${proposed.file} states the same agreement: no change.`,
  };
}
