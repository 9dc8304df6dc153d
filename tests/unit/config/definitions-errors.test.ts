import { describe, expect, it } from "vitest";
import { parseSlaConfig } from "../../../src/config/parse.js";
import { formatIssue, sortIssues } from "../../../src/errors.js";
import { edit } from "../../helpers/edit.js";

/** A valid SLA file with a definition and an engagements source; the line numbers below refer to it. */
const BASE = `version: 1
timezone: UTC
stages:
  - { id: inquiry, matches: [New] }
  - { id: mql, matches: [MQL] }
  - { id: sql, matches: [SQL] }
outcomes:
  - { id: recycled, matches: [Recycled], returns_to: inquiry }
calendars:
  office: { hours: ["09:00-17:00"] }
engagement_types: [form_fill, demo_request]
definitions:
  never:
    - { field: email, email: [free] }
  mql:
    pass_within: 1bd
    calendar: office
    all:
      - { field: title, matches: "vp|director" }
      - { engagement: demo_request, within: 30d }
commitments:
  marketing: { definition: 0.8 }
sources:
  leads: { file: leads.csv }
  engagements:
    file: activities.csv
    columns: { lead_id: leadId, at: activityDate, type: activityTypeId }
    types:
      form_fill: 2
      ignore: [10]
`;

function formatted(text: string): string[] {
  return sortIssues(parseSlaConfig(text, "sla.yaml").issues).map(formatIssue);
}

describe("definitions and engagement sources: the valid base", () => {
  it("parses with no issues", () => {
    expect(formatted(BASE)).toEqual([]);
  });

  it("reads lead_key: (its file joined to the SLA's folder, to: email matched by e-mail) and preset: marketo", () => {
    const text = edit(
      BASE,
      "    columns: { lead_id: leadId, at: activityDate, type: activityTypeId }\n",
      "    preset: marketo\n    lead_key: { file: marketo-leads.csv, from: id, to: sfdcLeadId, fallback: email }\n",
    );
    const { config, issues } = parseSlaConfig(text, "dir/sla.yaml");
    expect(issues).toEqual([]);
    const [source] = config?.sources.engagements ?? [];
    expect(source?.engagement?.bridge).toEqual({
      file: "marketo-leads.csv",
      path: "dir/marketo-leads.csv",
      from: "id",
      to: "sfdcLeadId",
      toEmail: false,
      fallback: "email",
    });
    // The preset's headers, and Marketo's literal "null" as empty.
    expect(source?.columns).toMatchObject({
      lead_id: ["leadId"],
      at: ["activityDate"],
      type: ["activityTypeId"],
      detail: ["primaryAttributeValue"],
    });
    expect(source?.engagement?.nullValue).toBe("null");
    const byEmail = parseSlaConfig(edit(text, "to: sfdcLeadId, fallback: email", "to: E-mail"), "sla.yaml");
    expect(byEmail.config?.sources.engagements[0]?.engagement?.bridge?.toEmail).toBe(true);
  });
});

describe("definitions and engagement sources: one problem at a time, at its line and column", () => {
  it.each<[string, string, string, string[]]>([
    [
      "an unknown stage under definitions suggests the closest",
      "  mql:\n    pass",
      "  mqll:\n    pass",
      [
        'sla.yaml:15:3  error  definitions.mqll: unknown stage "mqll"\n    hint: did you mean "mql"? declared stages: inquiry, mql, sql (never: lists the go-nowhere leads)',
        'sla.yaml:22:16  error  commitments.marketing.definition: there is no definition of "mql" to judge\n    hint: add definitions: { mql: { all: [ … ] } }, or remove definition:',
      ],
    ],
    [
      "an outcome under definitions",
      "  never:\n",
      "  recycled: { all: [ { field: title, present: true } ] }\n  never:\n",
      [
        'sla.yaml:13:3  error  definitions.recycled: unknown stage "recycled"\n    hint: "recycled" is an outcome; a definition says which leads count as entering a stage',
      ],
    ],
    [
      "an unknown engagement type in a rule",
      "engagement: demo_request",
      "engagement: demo_requests",
      [
        'sla.yaml:20:23  error  definitions.mql.all[1].engagement: unknown engagement type "demo_requests"\n    hint: did you mean "demo_request"? declared engagement types: form_fill, demo_request',
      ],
    ],
    [
      "an unknown engagement type in a list of types",
      "engagement: demo_request",
      "engagement: [form_fill, webnar]",
      [
        'sla.yaml:20:35  error  definitions.mql.all[1].engagement[1]: unknown engagement type "webnar"\n    hint: declared engagement types: form_fill, demo_request',
      ],
    ],
    [
      "an unknown engagement type in a source's types:",
      "      form_fill: 2",
      "      form_fil: 2",
      [
        'sla.yaml:29:7  error  sources.engagements.types.form_fil: unknown engagement type "form_fil"\n    hint: did you mean "form_fill"? declared engagement types: form_fill, demo_request',
      ],
    ],
    [
      "a criterion with no test",
      '{ field: title, matches: "vp|director" }',
      "{ field: title }",
      [
        'sla.yaml:19:9  error  definitions.mql.all[0]: the criterion on "title" has no test\n    hint: add one of matches, not_matches, in, not_in, in_file, between, at_least, at_most, email, present',
      ],
    ],
    [
      "a criterion with two tests",
      '{ field: title, matches: "vp|director" }',
      "{ field: title, matches: vp, in: [CEO] }",
      [
        "sla.yaml:19:38  error  definitions.mql.all[0].in: a criterion has one test, and this one has 2: matches, in\n    hint: split it into criteria under all: (each must hold) or any: (one is enough)",
      ],
    ],
    [
      "at_least and at_most on one field: between",
      '{ field: title, matches: "vp|director" }',
      "{ field: size, at_least: 10, at_most: 50 }",
      [
        "sla.yaml:19:38  error  definitions.mql.all[0].at_most: a criterion has one test, and this one has 2: at_least, at_most\n    hint: write between: [10, 50]",
      ],
    ],
    [
      "an unknown key in a criterion",
      '{ field: title, matches: "vp|director" }',
      "{ field: title, match: vp }",
      [
        'sla.yaml:19:9  error  definitions.mql.all[0]: the criterion on "title" has no test\n    hint: add one of matches, not_matches, in, not_in, in_file, between, at_least, at_most, email, present',
        'sla.yaml:19:25  error  definitions.mql.all[0].match: unknown key "match"\n    hint: did you mean "matches"? valid keys here: name, field, matches, not_matches, in, not_in, in_file, column, between, at_least, at_most, email, present, engagement, within, all, any',
      ],
    ],
    [
      "a regular expression that does not compile",
      'matches: "vp|director"',
      'matches: "vp|(director"',
      [
        'sla.yaml:19:34  error  definitions.mql.all[0].matches: "vp|(director" is not a regular expression: Unterminated group\n    hint: escape ( ) [ ] { } . * + ? \\ | with a backslash to match them as text',
      ],
    ],
    [
      "between with lo > hi",
      '{ field: title, matches: "vp|director" }',
      "{ field: size, between: [5000, 50] }",
      [
        "sla.yaml:19:33  error  definitions.mql.all[0].between: between: [5000, 50] is empty: 5000 is more than 50\n    hint: write the lower bound first: [50, 5000]",
      ],
    ],
    [
      "at_least 0 engagements",
      "{ engagement: demo_request, within: 30d }",
      "{ engagement: demo_request, at_least: 0, within: 30d }",
      [
        "sla.yaml:20:47  error  definitions.mql.all[1].at_least: at_least: 0 engagements: a count is a whole number, 1 or more\n    hint: write at_least: 1 (the default) or more",
      ],
    ],
    [
      "a within that is not a window",
      "within: 30d",
      "within: 30 dayz",
      [
        "sla.yaml:20:45  error  definitions.mql.all[1].within: not a window\n    hint: write a number and a unit: 30m, 4h, 2d, 1w (calendar time) or 4bh / 4 business hours, 2bd / 2 business days (on a calendar)",
      ],
    ],
    [
      "a pass_within that is not a window",
      "pass_within: 1bd",
      "pass_within: soon",
      [
        "sla.yaml:16:18  error  definitions.mql.pass_within: not a window\n    hint: write a number and a unit: 30m, 4h, 2d, 1w (calendar time) or 4bh / 4 business hours, 2bd / 2 business days (on a calendar)",
      ],
    ],
    [
      "an unknown pass clock calendar",
      "calendar: office\n    all",
      "calendar: ofice\n    all",
      [
        'sla.yaml:17:15  error  definitions.mql.calendar: unknown calendar "ofice"\n    hint: did you mean "office"? declared calendars: office',
      ],
    ],
    [
      "target without pass_within",
      "    pass_within: 1bd\n",
      "    target: 0.9\n",
      [
        "sla.yaml:16:5  error  definitions.mql.target: target: belongs to marketing's pass clock, and this definition has no pass_within:\n    hint: add pass_within: 1bd (how soon a lead that meets the definition must be passed), or remove it",
        "sla.yaml:17:5  error  definitions.mql.calendar: calendar: belongs to marketing's pass clock, and this definition has no pass_within:\n    hint: add pass_within: 1bd (how soon a lead that meets the definition must be passed), or remove it",
      ],
    ],
    [
      "a definition commitment without a definition of the MQL stage",
      "  marketing: { definition: 0.8 }",
      "  marketing: { mql_stage: sql, definition: 0.8 }",
      [
        'sla.yaml:22:32  error  commitments.marketing.definition: there is no definition of "sql" to judge\n    hint: add definitions: { sql: { all: [ … ] } }, or remove definition:',
      ],
    ],
    [
      "a behaviour rule with no engagements source",
      "  engagements:\n    file: activities.csv\n    columns: { lead_id: leadId, at: activityDate, type: activityTypeId }\n    types:\n      form_fill: 2\n      ignore: [10]\n",
      "",
      [
        "sla.yaml:20:11  error  definitions.mql.all[1].engagement: this rule counts engagements, and no engagements source is declared\n    hint: add sources.engagements: { file: engagements.csv, columns: { lead_id: …, at: …, type: … } }",
      ],
    ],
    [
      "a definition with both all: and any:",
      "    all:\n",
      "    any: [ { field: title, present: true } ]\n    all:\n",
      [
        'sla.yaml:15:3  error  definitions.mql: the definition of "mql" has both all: and any:\n    hint: keep one at the top and nest the other inside it: all: [ …, { any: [ … ] } ]',
      ],
    ],
    [
      "a definition with neither all: nor any:",
      '  mql:\n    pass_within: 1bd\n    calendar: office\n    all:\n      - { field: title, matches: "vp|director" }\n      - { engagement: demo_request, within: 30d }\n',
      "  mql:\n    pass_within: 1bd\n",
      [
        'sla.yaml:15:3  error  definitions.mql: the definition of "mql" has neither all: nor any:\n    hint: list its criteria under all: (every one must hold) or any: (one is enough)',
      ],
    ],
    [
      "a criterion that is neither field, engagement nor group",
      '{ field: title, matches: "vp|director" }',
      "{ name: Decision maker }",
      [
        "sla.yaml:19:9  error  definitions.mql.all[0]: a criterion needs field:, engagement:, all: or any:\n    hint: e.g. { field: title, matches: director } or { engagement: demo_request, within: 30d }",
      ],
    ],
    [
      "a group with a test of its own",
      '{ field: title, matches: "vp|director" }',
      "{ any: [ { field: title, present: true } ], matches: x }",
      [
        "sla.yaml:19:53  error  definitions.mql.all[0].matches: a group (any:) takes no matches:\n    hint: move it into a criterion of its own inside any:",
      ],
    ],
    [
      "an engagement rule with a field test",
      "{ engagement: demo_request, within: 30d }",
      "{ engagement: demo_request, matches: x }",
      [
        "sla.yaml:20:37  error  definitions.mql.all[1].matches: matches: tests a field; an engagement rule takes at_least: and within:\n    hint: put the field test in a criterion of its own under all:",
      ],
    ],
    [
      "a field criterion with a lookback",
      '{ field: title, matches: "vp|director" }',
      "{ field: title, matches: vp, within: 30d }",
      [
        "sla.yaml:19:38  error  definitions.mql.all[0].within: within: is a lookback for engagements; a field's value is as exported\n    hint: remove within:, or count engagements: { engagement: <type>, within: 30d }",
      ],
    ],
    [
      "a business lookback with no calendar",
      'calendars:\n  office: { hours: ["09:00-17:00"] }\n',
      "",
      [
        'sla.yaml:14:18  error  definitions.mql.pass_within: "1bd" is business time, but no calendar is declared\n    hint: add calendars: { standard: { hours: [09:00-17:00] } }, or use calendar time (2d)',
        'sla.yaml:15:15  error  definitions.mql.calendar: unknown calendar "office"\n    hint: no calendars are declared',
      ],
    ],
    [
      "an unknown key in an engagements source",
      "    types:\n",
      "    timezon: UTC\n    types:\n",
      [
        'sla.yaml:28:5  error  sources.engagements.timezon: unknown key "timezon"\n    hint: did you mean "timezone"? valid keys here: file, preset, columns, date_format, delimiter, encoding, type, types, timezone, date_only, epoch, where, null_value, lead_key',
      ],
    ],
    [
      "an unknown time zone in an engagements source",
      "    types:\n",
      "    timezone: America/Chicgo\n    types:\n",
      [
        'sla.yaml:28:15  error  sources.engagements.timezone: unknown time zone "America/Chicgo"\n    hint: did you mean "America/Chicago"? use an IANA name such as Europe/Berlin',
      ],
    ],
    [
      "lead_id and lead_email both",
      "lead_id: leadId,",
      "lead_id: leadId, lead_email: Email,",
      [
        "sla.yaml:27:33  error  sources.engagements.columns.lead_email: a source names its lead by id or by e-mail, not both (unless lead_key: bridges the id)\n    hint: keep lead_id: (matched to the leads' ids) or lead_email: (matched to their e-mails, ignoring case)",
      ],
    ],
    [
      "a fixed type and types:",
      "    types:\n",
      "    type: form_fill\n    types:\n",
      [
        "sla.yaml:28:5  error  sources.engagements.type: type: gives every row one type, and columns.type reads it from a column: choose one\n    hint: remove type: to map the column's values with types:, or remove columns.type",
        "sla.yaml:29:5  error  sources.engagements.types: types: maps a type column's values, and type: gives every row one type\n    hint: remove types:, or remove type: and name the column in columns.type",
      ],
    ],
    [
      "a fixed type that is not declared",
      "    types:\n      form_fill: 2\n      ignore: [10]\n",
      "    type: form_fil\n",
      [
        "sla.yaml:28:5  error  sources.engagements.type: type: gives every row one type, and columns.type reads it from a column: choose one\n    hint: remove type: to map the column's values with types:, or remove columns.type",
        'sla.yaml:28:11  error  sources.engagements.type: unknown engagement type "form_fil"\n    hint: did you mean "form_fill"? declared engagement types: form_fill, demo_request',
      ],
    ],
    [
      "a pair source given a single value",
      "type: activityTypeId }",
      "type: [type, type_name] }",
      [
        "sla.yaml:29:18  error  sources.engagements.types.form_fill: this source's type is a pair of columns: write each raw value as a pair\n    hint: e.g. [4, Form], or a list of pairs: [[4, Form], [4, Landing Page]]",
        "sla.yaml:30:15  error  sources.engagements.types.ignore: this source's type is a pair of columns: write each raw value as a pair\n    hint: e.g. [4, Form], or a list of pairs: [[4, Form], [4, Landing Page]]",
      ],
    ],
    [
      "a one-column source given a pair",
      "      form_fill: 2",
      "      form_fill: [[4, Form]]",
      [
        "sla.yaml:29:18  error  sources.engagements.types.form_fill: a pair of values needs a pair of type columns\n    hint: name both columns: columns: { type: [type, type_name] }, or list single values",
      ],
    ],
    [
      "three type columns",
      "type: activityTypeId }",
      "type: [a, b, c] }",
      [
        "sla.yaml:27:57  error  sources.engagements.columns.type: a type is one header or a pair of two, not 3\n    hint: write type: Activity Type, or a pair: type: [type, type_name]",
      ],
    ],
    [
      "engagement sources without engagement_types",
      "engagement_types: [form_fill, demo_request]\n",
      "",
      [
        'sla.yaml:19:23  error  definitions.mql.all[1].engagement: unknown engagement type "demo_request"\n    hint: declare the types first: engagement_types: [demo_request, …]',
        "sla.yaml:24:3  error  sources.engagements: engagement sources map raw values to engagement types, and no engagement_types: are declared\n    hint: add engagement_types: [form_fill, demo_request, …] at the top of the file",
      ],
    ],
    [
      "an engagement type listed twice",
      "[form_fill, demo_request]",
      "[form_fill, demo_request, form_fill]",
      [
        'sla.yaml:11:45  error  engagement_types[2]: engagement type "form_fill" is listed twice\n    hint: list each type once',
      ],
    ],
    [
      "lead_key: on a source matched by e-mail",
      "columns: { lead_id: leadId,",
      "lead_key: { file: m.csv, from: id, to: sfdcLeadId }\n    columns: { lead_email: leadId,",
      [
        "sla.yaml:27:5  error  sources.engagements.lead_key: lead_key: maps the vendor id of columns.lead_id, and this source names its lead by e-mail\n    hint: map lead_id: to the vendor's id column (leadId, prospect_id), or remove lead_key:",
      ],
    ],
    [
      "lead_key: to: email with a fallback",
      "    columns: { lead_id",
      "    lead_key: { file: m.csv, from: id, to: Email, fallback: email }\n    columns: { lead_id",
      [
        "sla.yaml:27:51  error  sources.engagements.lead_key.fallback: to: Email already matches the leads by e-mail; fallback: is for a to: column of lead ids\n    hint: remove fallback:, or set to: to the bridge's lead id column (sfdcLeadId, crm_lead_fid)",
      ],
    ],
    [
      "lead_key: a misspelt key suggests the closest",
      "    columns: { lead_id",
      "    lead_key: { file: m.csv, from: id, to: sfdcLeadId, fallbak: email }\n    columns: { lead_id",
      [
        'sla.yaml:27:56  error  sources.engagements.lead_key.fallbak: unknown key "fallbak"\n    hint: did you mean "fallback"? valid keys here: file, from, to, fallback',
      ],
    ],
    [
      "a stage called never, with definitions",
      "  - { id: sql, matches: [SQL] }",
      "  - { id: sql, matches: [SQL] }\n  - { id: never, matches: [Never] }",
      [
        'sla.yaml:7:11  error  stages[3].id: a stage called "never" cannot be defined: definitions.never is the go-nowhere list\n    hint: give the stage another id, e.g. never_contacted',
      ],
    ],
  ])("%s", (_name, from, to, expected) => {
    const text = edit(BASE, from, to);
    expect(parseSlaConfig(text, "sla.yaml").config).toBeNull();
    expect(formatted(text)).toEqual(expected);
  });
});
