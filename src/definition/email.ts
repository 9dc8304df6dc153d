/** E-mail domain classes a definition can name: free mail, disposable, role addresses, invalid, business. */

import { isDisposableEmail, isInvalidEmail } from "../ingest/sources/junk.js";
import type { EmailClass } from "../types.js";

// Personal mail services: a lead writing from one gives no company. A short, stable list (not a live feed).
const FREE = new Set([
  "gmail.com",
  "googlemail.com",
  "yahoo.com",
  "ymail.com",
  "hotmail.com",
  "outlook.com",
  "live.com",
  "msn.com",
  "aol.com",
  "icloud.com",
  "me.com",
  "mac.com",
  "proton.me",
  "protonmail.com",
  "gmx.com",
  "gmx.net",
  "gmx.de",
  "web.de",
  "t-online.de",
  "mail.com",
  "mail.ru",
  "yandex.com",
  "yandex.ru",
  "zoho.com",
  "qq.com",
  "163.com",
  "126.com",
  "naver.com",
  "free.fr",
  "orange.fr",
  "laposte.net",
  "libero.it",
  "rediffmail.com",
  "fastmail.com",
  "hey.com",
]);
// Country variants of the large services: yahoo.co.uk, hotmail.fr, outlook.de, live.co.uk.
const FREE_FAMILY = /^(?:yahoo|hotmail|outlook|live|windowslive)\.(?:[a-z]{2}|co\.[a-z]{2}|com\.[a-z]{2})$/;
// Local parts that name a function, not a person.
const ROLE = new Set([
  "info",
  "sales",
  "admin",
  "support",
  "contact",
  "hello",
  "office",
  "marketing",
  "noreply",
  "no-reply",
  "webmaster",
  "billing",
  "hr",
  "jobs",
  "careers",
  "team",
  "enquiries",
  "inquiries",
  "help",
  "postmaster",
]);

/** The classes an address belongs to (an invalid address belongs to `invalid` only). */
export function emailClasses(email: string): Set<EmailClass> {
  const e = email.trim().toLowerCase();
  if (isInvalidEmail(e)) return new Set(["invalid"]);
  const at = e.lastIndexOf("@");
  const local = e.slice(0, at);
  const domain = e.slice(at + 1);
  const out = new Set<EmailClass>();
  const free = FREE.has(domain) || FREE_FAMILY.test(domain);
  const disposable = isDisposableEmail(e);
  if (free) out.add("free");
  if (disposable) out.add("disposable");
  if (ROLE.has(local)) out.add("role");
  if (!free && !disposable) out.add("business");
  return out;
}
