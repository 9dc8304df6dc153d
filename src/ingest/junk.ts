/** Rules for "junk leads": placeholder names and e-mail addresses that cannot be real. */

// Names people type into forms to get past them, and test records.
const PLACEHOLDERS = new Set([
  "test",
  "testing",
  "asdf",
  "asd",
  "qwerty",
  "xxx",
  "xx",
  "x",
  "aaa",
  "abc",
  "na",
  "n/a",
  "none",
  "null",
  "unknown",
  "fake",
  "dummy",
  "sample",
  "foo",
  "bar",
  "blah",
  "nobody",
  "noname",
  "no name",
  "mickey mouse",
  "donald duck",
  "john doe",
  "jane doe",
  "-",
  ".",
  "?",
]);

/** True when a name (first, last or both) is a placeholder rather than a person. */
export function isPlaceholderName(first: string | null, last: string | null): boolean {
  const parts = [first, last].map((p) => (p ?? "").trim().toLowerCase()).filter((p) => p !== "");
  if (parts.length === 0) return false;
  if (PLACEHOLDERS.has(parts.join(" "))) return true;
  // Markup in a name is bot spam or an injection attempt, never a person.
  if (parts.some((p) => /[<>]/.test(p))) return true;
  // Every part a placeholder: "Test Test", "asdf asdf", "Test N/A".
  return parts.every((p) => PLACEHOLDERS.has(p));
}

// One @, a non-empty local part, a domain with a dot and a 2+ letter top-level label.
const EMAIL = /^[^\s@]+@[^\s@.]+(?:\.[^\s@.]+)*\.[a-z]{2,}$/i;

/** True when a present e-mail address cannot be delivered to (no @, no domain, spaces). */
export function isInvalidEmail(email: string): boolean {
  return !EMAIL.test(email.trim());
}

// Throw-away mail services seen in form spam; a short, stable list (not a live feed).
const DISPOSABLE = new Set([
  "mailinator.com",
  "guerrillamail.com",
  "guerrillamail.net",
  "sharklasers.com",
  "10minutemail.com",
  "tempmail.com",
  "temp-mail.org",
  "yopmail.com",
  "trashmail.com",
  "getnada.com",
  "dispostable.com",
  "maildrop.cc",
  "throwawaymail.com",
  "fakeinbox.com",
  "mailnesia.com",
  "mintemail.com",
  "spamgourmet.com",
  "mohmal.com",
  "emailondeck.com",
  "burnermail.io",
]);

/** True when an e-mail's domain is a known disposable-mail service. */
export function isDisposableEmail(email: string): boolean {
  // The text between the first "@" and the next one (or the end), as split("@")[1] gives it,
  // without making a list of parts for every lead.
  const e = email.trim().toLowerCase();
  const at = e.indexOf("@");
  if (at < 0) return DISPOSABLE.has("");
  const next = e.indexOf("@", at + 1);
  return DISPOSABLE.has(e.slice(at + 1, next < 0 ? e.length : next));
}
