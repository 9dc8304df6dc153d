/** Fictional people and companies: a distinct name, company and e-mail address for every lead. */

/*
 * Every lead index maps to a distinct (first name, last name,
 * company) triple through a seeded bijection, so generated e-mail addresses never collide by
 * accident; shared addresses only appear where an anomaly is planted on purpose.
 */
import { deriveSeed, hashString, Rng } from "./random.js";

// biome-ignore format: a compact word list
export const FIRST_NAMES: readonly string[] = [
  "Aaron", "Abigail", "Adam", "Aisha", "Alan", "Alejandro", "Alice", "Amara", "Amir", "Ana",
  "Andrea", "Andrew", "Angela", "Anil", "Anna", "Anthony", "Ben", "Bianca", "Brandon", "Brian",
  "Camila", "Carlos", "Caroline", "Chen", "Chloe", "Chris", "Claire", "Daniel", "David", "Deepa",
  "Diego", "Eleanor", "Emily", "Emma", "Eric", "Erin", "Ethan", "Fatima", "Felix", "Fiona",
  "Gabriel", "Grace", "Hannah", "Hiro", "Ian", "Isabel", "Jack", "James", "Jana", "Jason",
  "Jennifer", "Jessica", "Joanna", "John", "Jonas", "Jordan", "José", "Julia", "Kate", "Kevin",
  "Kofi", "Laura", "Leah", "Lena", "Liam", "Linda", "Lucas", "Maria", "Mark", "Martin",
  "Maya", "Megan", "Mei", "Michael", "Miguel", "Mohammed", "Nadia", "Natalie", "Nathan", "Nina",
  "Noah", "Olivia", "Omar", "Patrick", "Paul", "Rachel", "Rahul", "Rebecca", "Ricardo", "Robert",
  "Rosa", "Ryan", "Samuel", "Sandra", "Sara", "Sean", "Sofia", "Sophie", "Stefan", "Steven",
  "Tara", "Thomas", "Tobias", "Valentina", "Victor", "Wei", "William", "Yara", "Yusuf", "Zoe",
];

// biome-ignore format: a compact word list
export const LAST_NAMES: readonly string[] = [
  "Abbott", "Adeyemi", "Alvarez", "Andersen", "Bailey", "Baker", "Bauer", "Becker", "Bennett", "Brooks",
  "Campbell", "Carter", "Castillo", "Chang", "Clarke", "Coleman", "Cooper", "Cruz", "Das", "Diaz",
  "Dubois", "Edwards", "Evans", "Fischer", "Fitzgerald", "Foster", "Garcia", "Gonzalez", "Graham", "Gupta",
  "Hall", "Hansen", "Harris", "Hayes", "Hernandez", "Hoffmann", "Hughes", "Ibrahim", "Iyer", "Jackson",
  "Jensen", "Johnson", "Kaur", "Kelly", "Khan", "Kim", "Klein", "Koch", "Kowalski", "Kumar",
  "Lambert", "Larsen", "Lee", "Lewis", "Lopez", "Martin", "Mendes", "Meyer", "Miller", "Mitchell",
  "Morales", "Morgan", "Murphy", "Nakamura", "Nguyen", "Novak", "O'Brien", "Okafor", "Olsen", "Ortiz",
  "Park", "Patel", "Perez", "Peters", "Phillips", "Price", "Quinn", "Ramirez", "Reed", "Reyes",
  "Richter", "Rivera", "Roberts", "Rossi", "Russell", "Sanchez", "Santos", "Schmidt", "Schneider", "Scott",
  "Shah", "Silva", "Singh", "Sullivan", "Tanaka", "Taylor", "Thompson", "Torres", "Turner", "Vogel",
  "Wagner", "Walker", "Wang", "Ward", "Watson", "Weber", "White", "Wilson", "Wright", "Young",
];

// biome-ignore format: a compact word list
const COMPANY_PREFIXES: readonly string[] = [
  "Acorn", "Alder", "Apex", "Arbor", "Atlas", "Beacon", "Birch", "Blue Harbor", "Bright", "Cascade",
  "Cedar", "Clearwater", "Cobalt", "Copper", "Crescent", "Delta", "Ember", "Evergreen", "Falcon", "Fjord",
  "Granite", "Harbor Point", "Helix", "Horizon", "Iron Gate", "Juniper", "Keystone", "Lakeside", "Lumen", "Maple",
  "Meridian", "Northwind", "Oakridge", "Orbit", "Pinnacle", "Quarry", "Redwood", "Riverbend", "Sable", "Summit",
];

// biome-ignore format: a compact word list
const COMPANY_SUFFIXES: readonly string[] = [
  "Analytics", "Bank", "Biotech", "Brands", "Capital", "Clinics", "Cloud", "Dynamics", "Energy", "Foods",
  "Freight", "Games", "Health", "Insurance", "Labs", "Learning", "Logistics", "Manufacturing", "Media", "Mobility",
  "Outfitters", "Partners", "Pharma", "Properties", "Retail", "Robotics", "Security", "Software", "Systems", "Telecom",
  "Travel", "Ventures", "Wholesale", "Works",
];

export const COMPANY_SIZES: readonly (readonly [string, number])[] = [
  ["1-10", 8],
  ["11-50", 22],
  ["51-200", 30],
  ["201-1000", 25],
  ["1000+", 15],
];

const COUNTRIES: readonly (readonly [string, number])[] = [
  ["US", 62],
  ["CA", 10],
  ["GB", 15],
  ["DE", 11],
  ["IE", 1],
  ["AU", 1],
];
const TLD: Readonly<Record<string, string>> = {
  US: "com",
  CA: "ca",
  GB: "co.uk",
  DE: "de",
  IE: "ie",
  AU: "com.au",
};
const LEGAL: Readonly<Record<string, string>> = {
  US: "Inc.",
  CA: "Inc.",
  GB: "Ltd",
  DE: "GmbH",
  IE: "Ltd",
  AU: "Pty Ltd",
};

const TITLES: readonly (readonly [string, number])[] = [
  ["Data Analyst", 14],
  ["Senior Data Analyst", 8],
  ["BI Developer", 7],
  ["Analytics Engineer", 6],
  ["Head of Data", 6],
  ["Director of Analytics", 6],
  ["VP of Finance", 4],
  ["CFO", 2],
  ["CTO", 2],
  ["Marketing Operations Manager", 7],
  ["Revenue Operations Manager", 6],
  ["Product Manager", 6],
  ["Software Engineer", 5],
  ["IT Manager", 4],
  ["Operations Director", 4],
  ["Founder", 3],
  ["Consultant", 3],
  ["Student", 2],
  ["Intern", 1],
];

/** A generated person and the company they work for. */
export interface Person {
  firstName: string;
  lastName: string;
  email: string;
  company: string;
  companySize: string;
  country: string;
  /** Sales territory of the company: East or West. */
  territory: "East" | "West";
  title: string;
}

const COMPANY_COUNT = COMPANY_PREFIXES.length * COMPANY_SUFFIXES.length;
const NAME_COUNT = FIRST_NAMES.length * LAST_NAMES.length;
/** How many distinct people the bijection can produce. */
export const PERSON_SPACE = COMPANY_COUNT * NAME_COUNT;

/** Lower-cases and strips accents and punctuation, for e-mail local parts and domains. */
export function slug(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "");
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

function multiplierFor(seed: number): number {
  let a = (deriveSeed(seed, 0x5eed) % (PERSON_SPACE - 2)) + 2;
  while (gcd(a, PERSON_SPACE) !== 1) a++;
  return a;
}

const multipliers = new Map<number, number>();

interface Company {
  name: string;
  domain: string;
  country: string;
  companySize: string;
  territory: "East" | "West";
  emailStyle: "first.last" | "first_last" | "last.first";
}

const companies = new Map<number, Company>();

/** The company with the given index: stable name, size, country and territory (memoised). */
function companyFor(companyIndex: number): Company {
  const known = companies.get(companyIndex);
  if (known !== undefined) return known;
  const prefix = COMPANY_PREFIXES[companyIndex % COMPANY_PREFIXES.length] as string;
  const suffix = COMPANY_SUFFIXES[Math.floor(companyIndex / COMPANY_PREFIXES.length)] as string;
  const rng = new Rng(deriveSeed(hashString(`${prefix}|${suffix}`)));
  const country = rng.weighted(COUNTRIES);
  const companySize = rng.weighted(COMPANY_SIZES);
  const territory: "East" | "West" =
    country === "CA" || country === "AU" || (country === "US" && rng.chance(0.63)) ? "West" : "East";
  const emailStyle = rng.weighted([
    ["first.last", 7],
    ["first_last", 1],
    ["last.first", 2],
  ] as const);
  const useLegal = rng.chance(0.3);
  const name = useLegal ? `${prefix} ${suffix} ${LEGAL[country]}` : `${prefix} ${suffix}`;
  const domain = `${slug(prefix)}${slug(suffix)}.${TLD[country]}`;
  const company: Company = { name, domain, country, companySize, territory, emailStyle };
  companies.set(companyIndex, company);
  return company;
}

const slugs = new Map<string, string>();
const cachedSlug = (name: string): string => {
  let s = slugs.get(name);
  if (s === undefined) {
    s = slug(name);
    slugs.set(name, s);
  }
  return s;
};

/** The person behind lead number `index` (0-based) for `seed`. Pure and O(1). */
export function personFor(seed: number, index: number): Person {
  if (index < 0 || index >= PERSON_SPACE) throw new RangeError(`Lead index out of range: ${index}`);
  let a = multipliers.get(seed);
  if (a === undefined) {
    a = multiplierFor(seed);
    multipliers.set(seed, a);
  }
  const offset = deriveSeed(seed, 0xc0de) % PERSON_SPACE;
  const slot = (((a * index) % PERSON_SPACE) + offset) % PERSON_SPACE;
  const company = companyFor(slot % COMPANY_COUNT);
  const nameSlot = Math.floor(slot / COMPANY_COUNT);
  const firstName = FIRST_NAMES[nameSlot % FIRST_NAMES.length] as string;
  const lastName = LAST_NAMES[Math.floor(nameSlot / FIRST_NAMES.length) % LAST_NAMES.length] as string;
  const [f, l] = [cachedSlug(firstName), cachedSlug(lastName)];
  const local =
    company.emailStyle === "first.last"
      ? `${f}.${l}`
      : company.emailStyle === "first_last"
        ? `${f}_${l}`
        : `${l}.${f}`;
  const rng = new Rng(deriveSeed(seed, 0x7171e, index));
  return {
    firstName,
    lastName,
    email: `${local}@${company.domain}`,
    company: company.name,
    companySize: company.companySize,
    country: company.country,
    territory: company.territory,
    title: rng.weighted(TITLES),
  };
}

/** Number of distinct companies (for tests). */
export const COMPANY_SPACE = COMPANY_COUNT;

/** The name and web domain of the company `prefix suffix` (as leads of it carry them). */
export function companyNamed(prefix: string, suffix: string): { name: string; domain: string } {
  const p = COMPANY_PREFIXES.indexOf(prefix);
  const s = COMPANY_SUFFIXES.indexOf(suffix);
  if (p < 0 || s < 0) throw new RangeError(`No company "${prefix} ${suffix}"`);
  const { name, domain } = companyFor(p + s * COMPANY_PREFIXES.length);
  return { name, domain };
}
