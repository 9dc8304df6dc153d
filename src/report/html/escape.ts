/** Escaping for the HTML report: markup is built only with the `html` tag. */

/*
 * The tag escapes every interpolated value unless it is itself the result of `html`: a lead named
 * `<script>alert(1)</script>` can only ever reach the page as text.
 */

import { printable } from "../../text.js";

const ENTITIES: Readonly<Record<string, string>> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/**
 * Escapes text for an HTML text node or a quoted attribute value (`& < > " '`), after the
 * printable filter: a control or direction character would act on a terminal that shows the file.
 */
export function escapeHtml(text: string): string {
  return printable(text).replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}

/** Markup that is safe to insert as it is: made only by `html` (or `joinHtml` of such markup). */
export class SafeHtml {
  constructor(readonly text: string) {}

  toString(): string {
    return this.text;
  }
}

/** What `html` accepts: text and numbers are escaped; null, undefined and false render nothing. */
export type HtmlValue = SafeHtml | string | number | boolean | null | undefined | readonly HtmlValue[];

function render(value: HtmlValue): string {
  if (value instanceof SafeHtml) return value.text;
  if (Array.isArray(value)) return value.map(render).join("");
  if (value === null || value === undefined || value === false) return "";
  if (typeof value === "number" && !Number.isFinite(value))
    throw new RangeError(`not a finite number in the HTML report: ${value}`);
  return escapeHtml(String(value));
}

/** Tagged template: the literal parts are trusted markup, every interpolation is escaped. */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let out = strings[0] ?? "";
  values.forEach((v, i) => {
    out += render(v) + (strings[i + 1] ?? "");
  });
  return new SafeHtml(out);
}

/** Joins markup with a separator (itself trusted markup, such as "\n"). */
export function joinHtml(parts: readonly SafeHtml[], separator = "\n"): SafeHtml {
  return new SafeHtml(parts.map((p) => p.text).join(separator));
}
