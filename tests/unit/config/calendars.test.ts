/** SLA file v1, issue 3 additions: calendars, assignments, business windows, commitments — each error exactly. */

import { describe, expect, it } from "vitest";
import { parseSlaConfig } from "../../../src/config/parse.js";
import { formatIssue, sortIssues } from "../../../src/errors.js";

const BASE = `version: 1
timezone: UTC
stages:
  - { id: inquiry, matches: [New] }
  - { id: mql, matches: [MQL] }
  - { id: sal, matches: [SAL] }
outcomes:
  - { id: recycled, matches: [Recycled], returns_to: inquiry }
sources:
  leads: { file: leads.csv }
`;
const errors = (extra: string) =>
  sortIssues(parseSlaConfig(`${BASE}${extra}`, "sla.yaml").issues).map(formatIssue);

describe("calendars and business windows", () => {
  it("a valid calendar set-up parses into calendar definitions with defaults", () => {
    const { config, issues } = parseSlaConfig(
      `${BASE}calendars:
  office: { hours: ["13:00-17:00", "09:00-12:00"], holidays: { country: US, region: NY, dates: ["2026-08-14"] } }
  emea: { timezone: Europe/Berlin, days: [mon, tue], hours: ["08:00-24:00"] }
default_calendar: emea
assign: { teams: { West: office }, reps: { "Tom Whitaker": emea } }
handoffs:
  - { id: accept, from: mql, to: [sal], within: 2bd, target: 0.9 }
`,
      "sla.yaml",
    );
    expect(issues).toEqual([]);
    expect(config?.calendars).toEqual([
      {
        id: "office",
        timezone: null,
        days: ["mon", "tue", "wed", "thu", "fri"],
        hours: [
          { start: 540, end: 720 },
          { start: 780, end: 1020 },
        ],
        holidays: { dates: ["2026-08-14"], country: "US", region: "NY" },
      },
      {
        id: "emea",
        timezone: "Europe/Berlin",
        days: ["mon", "tue"],
        hours: [{ start: 480, end: 1440 }],
        holidays: { dates: [], country: null, region: null },
      },
    ]);
    expect(config?.defaultCalendar).toBe("emea");
    expect(config?.assign).toEqual({ teams: { West: "office" }, reps: { "Tom Whitaker": "emea" } });
    expect(config?.handoffs[0]?.within).toEqual({ text: "2bd", unit: "business_days", amount: 2 });
  });

  it.each([
    [
      "business time without a calendar",
      "handoffs:\n  - { id: a, from: mql, to: [sal], within: 4bh, target: 0.9 }\n",
      [
        'sla.yaml:12:44  error  handoffs[0].within: "4bh" is business time, but no calendar is declared\n    hint: add calendars: { standard: { hours: [09:00-17:00] } }, or use calendar time (4h)',
      ],
    ],
    [
      "business days are whole",
      'calendars: { c: { hours: ["09:00-17:00"] } }\nhandoffs:\n  - { id: a, from: mql, to: [sal], within: 1.5bd, target: 0.9 }\n',
      [
        'sla.yaml:13:44  error  handoffs[0].within: "1.5bd": business days are counted whole\n    hint: write 1bd, 2bd, … or use business hours, e.g. 12bh',
      ],
    ],
    [
      "a conversion window in business time",
      'calendars: { c: { hours: ["09:00-17:00"] } }\nconversion: { window: 5bd }\n',
      [
        'sla.yaml:12:23  error  conversion.window: a conversion window is calendar time, not "5bd"\n    hint: write it in days or weeks, e.g. 90d',
      ],
    ],
    [
      "unknown calendars named elsewhere",
      'calendars: { office: { hours: ["09:00-17:00"] } }\ndefault_calendar: ofice\nassign: { teams: { West: emea } }\nhandoffs:\n  - { id: a, from: mql, to: [sal], within: 4bh, target: 0.9, calendar: offce }\n',
      [
        'sla.yaml:12:19  error  default_calendar: unknown calendar "ofice"\n    hint: did you mean "office"? declared calendars: office',
        'sla.yaml:13:26  error  assign.teams.West: unknown calendar "emea"\n    hint: declared calendars: office',
        'sla.yaml:15:72  error  handoffs[0].calendar: unknown calendar "offce"\n    hint: did you mean "office"? declared calendars: office',
      ],
    ],
    [
      "working hours that are not a time range",
      'calendars: { c: { hours: ["9-5"] } }\n',
      ["sla.yaml:11:27  error  calendars.c.hours[0]: write working hours as HH:MM-HH:MM, e.g. 09:00-17:30"],
    ],
    [
      "a window that ends before it starts, and overlapping windows",
      'calendars: { c: { hours: ["17:00-09:00", "09:00-13:00", "12:00-18:00"] } }\n',
      [
        "sla.yaml:11:27  error  calendars.c.hours[0]: a working window must end after it starts\n    hint: split a night shift at midnight: [22:00-24:00, 00:00-06:00]",
        "sla.yaml:11:57  error  calendars.c.hours[2]: working windows overlap\n    hint: list each working window once, e.g. [09:00-12:00, 13:00-17:00]",
      ],
    ],
    [
      "an unknown country, an unknown region, a region without a country",
      'calendars:\n  a: { hours: ["09:00-17:00"], holidays: { country: XX } }\n  b: { hours: ["09:00-17:00"], holidays: { country: US, region: ZZ } }\n  c: { hours: ["09:00-17:00"], holidays: { region: NY } }\n  d: { timezone: Europe/Parris, hours: ["09:00-17:00"] }\n',
      [
        'sla.yaml:12:53  error  calendars.a.holidays.country: unknown country "XX"\n    hint: use an ISO 3166 country code, e.g. US, GB, DE',
        'sla.yaml:13:65  error  calendars.b.holidays.region: unknown region "ZZ" of US\n    hint: did you mean "AZ"? declared regions: AL, AK, AZ, AR, CA, CO, CT, DE, DC, FL, GA, HI, ID, IL, IN, IA, KS, KY, LA, ME, MD, MA, MI, MN, MS, MO, MT, NE, NV, NH, NJ, NM, NY, NC, ND, OH, OK, OR, PA, RI, SC, SD, TN, TX, UT, VT, VA, WA, WV, WI, WY',
        "sla.yaml:14:52  error  calendars.c.holidays.region: a region needs a country\n    hint: add country: next to region:",
        'sla.yaml:15:18  error  calendars.d.timezone: unknown time zone "Europe/Parris"\n    hint: did you mean "Europe/Paris"? use an IANA name such as Europe/Berlin',
      ],
    ],
  ])("%s", (_name, extra, expected) => {
    expect(errors(extra)).toEqual(expected);
  });
});

describe("commitments", () => {
  it("defaults: weekly, mql → the next stage, every handoff, every outcome", () => {
    const { config } = parseSlaConfig(
      `${BASE}handoffs:\n  - { id: a, from: mql, to: [sal], within: 1d, target: 0.9 }\ncommitments: { marketing: { mqls: 30 } }\n`,
      "sla.yaml",
    );
    expect(config?.commitments).toEqual({
      period: "week",
      marketing: { mqlStage: "mql", acceptedStage: "sal", mqls: 30, acceptance: null },
      sales: { handoffs: ["a"], reasons: null, reasonOutcomes: ["recycled"] },
    });
  });

  it("an accepted stage before the MQL stage", () => {
    expect(errors("commitments:\n  marketing: { accepted_stage: inquiry }\n")).toEqual([
      'sla.yaml:12:32  error  commitments.marketing.accepted_stage: "inquiry" does not come after "mql"\n    hint: name the stage sales enters when it accepts an MQL, e.g. sal',
    ]);
  });

  it("names only declared stages, handoffs and outcomes", () => {
    expect(
      errors(
        "commitments:\n  marketing: { mql_stage: mq, accepted_stage: inquiry }\n  sales: { handoffs: [mql-respons], reasons: 1.5, reason_outcomes: [recyled] }\n",
      ),
    ).toEqual([
      'sla.yaml:12:27  error  commitments.marketing.mql_stage: unknown stage "mq"\n    hint: did you mean "mql"? declared stages: inquiry, mql, sal',
      'sla.yaml:13:23  error  commitments.sales.handoffs[0]: unknown handoff "mql-respons"\n    hint: no handoffs are declared',
      "sla.yaml:13:46  error  commitments.sales.reasons: must be at most 1\n    hint: a target is a share between 0 and 1, e.g. 0.9 for 90%",
      'sla.yaml:13:69  error  commitments.sales.reason_outcomes[0]: unknown outcome "recyled"\n    hint: did you mean "recycled"? declared outcomes: recycled',
    ]);
  });
});
