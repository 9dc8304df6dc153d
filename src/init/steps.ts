/** The words that place a raw status value in a stage or outcome of the draft, and the waterfall's order. */

import { normalizeValue } from "../text.js";

export interface Step {
  id: string;
  label: string;
  outcome: boolean;
  returnsTo?: string;
  words: RegExp;
}

// The waterfall in order, then the outcomes. A value goes to the first step whose words it matches.
export const STEPS: Step[] = [
  {
    id: "inquiry",
    label: "Inquiry",
    outcome: false,
    words: /not contacted|^new$|^open\b|^open -|^nuev[oa]s?$|^nov[oa]$|^nouveau$|^neu$/,
  },
  {
    id: "recycled",
    label: "Recycled to nurture",
    outcome: true,
    returnsTo: "inquiry",
    words: /nurture|recycl|contact in future|later|reciclad|nutrici/,
  },
  {
    id: "disqualified",
    label: "Disqualified",
    outcome: true,
    words:
      /unqualif|disqualif|junk|not converted|not qualified|spam|invalid|descartad|rechazad|no cualificad|descalificad|desqualificad|non qualifi|nicht qualifiziert/,
  },
  { id: "lost", label: "Lost", outcome: true, words: /lost|perdid|perdu|verloren/ },
  {
    id: "won",
    label: "Won",
    outcome: false,
    words: /won|customer|evangelist|ganad|gagn[ée]|gewonnen|^client[ea]?s?$/,
  },
  {
    id: "opportunity",
    label: "Opportunity",
    outcome: false,
    words: /opportunit|proposal|negotiat|quote|converted|deal|convertid|oportunidad|negociaci|propuesta/,
  },
  {
    id: "mql",
    label: "Marketing qualified",
    outcome: false,
    words: /marketing qualified|marketingqualified|\bmql\b|por marketing|par le marketing/,
  },
  {
    id: "sql",
    label: "Sales qualified",
    outcome: false,
    words:
      /sales qualified|salesqualified|\bsql\b|pre qualified|qualified lead|engag|^cualificad|^calificad|^qualificad|^qualifi[ée]/,
  },
  {
    id: "sal",
    label: "Sales accepted",
    outcome: false,
    words:
      /accepted|working|contacted|attempt|in progress|connected|gesti[oó]n|contactad|en curso|trabajando|en cours|kontaktiert/,
  },
  {
    id: "inquiry",
    label: "Inquiry",
    outcome: false,
    words: /new|open|not contacted|lead|subscriber|prospect|inquir|created/,
  },
];
export const ORDER = ["inquiry", "mql", "sal", "sql", "opportunity", "won"];

/** The step a raw value most likely means, or undefined. */
export function placeValue(value: string): Step | undefined {
  const v = normalizeValue(value).replace(/_/g, " ");
  return STEPS.find((s) => s.words.test(v));
}
