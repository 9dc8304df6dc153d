/** Test texts made from a valid base by one edit. */

/** `text` with `from` replaced by `to`; throws when `from` is absent, so no case is a silent no-op. */
export function edit(text: string, from: string | RegExp, to: string): string {
  const out = text.replace(from, to);
  if (out === text) throw new Error(`test setup: ${String(from)} not found`);
  return out;
}
