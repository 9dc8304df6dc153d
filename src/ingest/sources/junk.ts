/** Rules for "junk leads": placeholder names and e-mail addresses that cannot be real. */

// Names people type into forms to get past them, and test records.
export const PLACEHOLDERS: ReadonlySet<string> = new Set([
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

/** The longest placeholder: a longer part or name is none (most names are longer; no copy is made for them). */
const LONGEST = Math.max(...[...PLACEHOLDERS].map((p) => p.length));

/** True when a name (first, last or both) is a placeholder rather than a person. */
export function isPlaceholderName(first: string | null, last: string | null): boolean {
  // Runs once per lead (a million times): no lists, no regular expression.
  const a = first === null ? "" : first.trim();
  const b = last === null ? "" : last.trim();
  if (a === "" && b === "") return false;
  // Markup in a name is bot spam or an injection attempt, never a person.
  if (hasMarkup(a) || hasMarkup(b)) return true;
  if (a.length > LONGEST || b.length > LONGEST) return false;
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  if (x === "" || y === "") return PLACEHOLDERS.has(x || y);
  // The whole name ("john doe"), or every part a placeholder: "Test Test", "asdf asdf", "Test N/A".
  return (
    (x.length + 1 + y.length <= LONGEST && PLACEHOLDERS.has(`${x} ${y}`)) ||
    (PLACEHOLDERS.has(x) && PLACEHOLDERS.has(y))
  );
}

const hasMarkup = (s: string) => s.indexOf("<") >= 0 || s.indexOf(">") >= 0;

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

// Test records: what people type to try a form or an import. test@ at any domain, and domains made
// for tests (RFC 2606 reserves .test and .invalid). Not .example or example.com: documentation and
// synthetic data sets use them for every address, so they would flag whole files.
const TEST_DOMAINS = new Set(["test.com", "testing.com", "test.de"]);
const TEST_NAME_PARTS = new Set(["user", "lead", "contact", "account", "person", "demo", "test", "testing"]);
const TEST_COMPANIES = new Set([
  "test",
  "testing",
  "test company",
  "test inc",
  "test inc.",
  "test account",
  "test co",
]);

/**
 * Why a lead is a test record (its name, e-mail or company), or null. "Test User" and "Test Lead"
 * are test names; a surname Test beside a real first name is not. Runs once per lead: one
 * regular expression or a first-letter check before any lower-casing.
 */
export function testRecordReason(
  name: string | null,
  email: string | null,
  company: string | null,
): string | null {
  if (name !== null && TEST_HINT.test(name)) {
    const words = name.trim().toLowerCase().split(/\s+/);
    const [a = "", b = ""] = words;
    const isTest = (s: string) => s === "test" || s === "testing";
    if (
      words.length <= 2 &&
      ((isTest(a) && (b === "" || TEST_NAME_PARTS.has(b))) || (isTest(b) && TEST_NAME_PARTS.has(a)))
    )
      return `name "${name.trim()}"`;
  }
  if (email !== null && TEST_HINT.test(email)) {
    const e = email.trim().toLowerCase();
    const at = e.lastIndexOf("@");
    const local = e.slice(0, at);
    const domain = e.slice(at + 1);
    if (
      at > 0 &&
      (local === "test" ||
        local === "testing" ||
        TEST_DOMAINS.has(domain) ||
        domain.endsWith(".test") ||
        domain.endsWith(".invalid"))
    )
      return `e-mail "${email.trim()}"`;
  }
  if (company !== null && startsWithT(company) && TEST_COMPANIES.has(company.trim().toLowerCase()))
    return `company "${company.trim()}"`;
  return null;
}

const TEST_HINT = /test|\.invalid/i;

/** True when the first non-space character is t or T (every test word starts so). */
function startsWithT(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c !== 32) return c === 116 || c === 84;
  }
  return false;
}
