/**
 * Writes the Acme Analytics example exports (leads, stage history, activities, owner history, reps,
 * marketing engagements, competitors) and their README. Usage: `npm run examples -- [--leads N] [--seed S] [--out DIR] [--start YYYY-MM-DD] [--end YYYY-MM-DD]
 * [--extra-history X] [--extra-touches Y] [--extra-engagements Z]`. The extras (means per lead, default 0) add
 * re-logged statuses, follow-up touches (scripts/generate/density.ts) and marketing engagements
 * (scripts/generate/engagement-touches.ts) for benchmarks; without them the output is the bundled example.
 */
import { once } from "node:events";
import { createWriteStream, mkdirSync, type WriteStream, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { stringify } from "csv-stringify/sync";
import { type FunnelOptions, generateFunnel, repRows } from "./generate/acme.js";
import {
  ACTIVITIES_HEADER,
  LEADS_HEADER,
  OWNER_HISTORY_HEADER,
  REPS_HEADER,
  STAGE_HISTORY_HEADER,
} from "./generate/columns.js";
import { TRUTH_KINDS, type TruthKind } from "./generate/definition-truth.js";
import { BADGE_SCAN_CAMPAIGN, competitorRows, ENGAGEMENTS_HEADER } from "./generate/engagements.js";
import type { FunnelManifest } from "./generate/manifest.js";
import { OPPORTUNITIES_HEADER, RATE_ROWS, RATES_HEADER } from "./generate/opportunities.js";
import { ROUTING_QUEUE } from "./generate/sales-org.js";
import { DAYS_OFF } from "./generate/working-time.js";
import { markdownTable } from "./markdown-table.js";

/** A CSV file written in large chunks, with back-pressure, LF line endings and minimal quoting. */
class CsvWriter {
  private readonly stream: WriteStream;
  private pending: string[][];
  rows = 0;

  constructor(path: string, header: readonly string[]) {
    this.stream = createWriteStream(path, { encoding: "utf8" });
    this.pending = [[...header]];
  }

  async write(rows: string[][]): Promise<void> {
    for (const row of rows) this.pending.push(row);
    this.rows += rows.length;
    if (this.pending.length >= 20_000) await this.flush();
  }

  private async flush(): Promise<void> {
    if (this.pending.length === 0) return;
    const chunk = stringify(this.pending, { record_delimiter: "unix" });
    this.pending = [];
    if (!this.stream.write(chunk)) await once(this.stream, "drain");
  }

  async close(): Promise<void> {
    await this.flush();
    this.stream.end();
    await once(this.stream, "finish");
  }
}

function numberArg(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  const n = Number(value.replaceAll("_", ""));
  if (!Number.isInteger(n)) throw new Error(`--${name} must be an integer, got "${value}"`);
  return n;
}

function decimalArg(value: string | undefined, name: string): number {
  if (value === undefined) return 0;
  const n = Number(value.replaceAll("_", ""));
  if (!Number.isFinite(n) || n < 0) throw new Error(`--${name} must be a number ≥ 0, got "${value}"`);
  return n;
}

const table = markdownTable;

/** A paragraph on the extra rows of a benchmark data set; empty for the example. */
function density(options: FunnelOptions): string {
  const { extraHistory = 0, extraTouches = 0, extraEngagements = 0 } = options;
  if (extraHistory === 0 && extraTouches === 0 && extraEngagements === 0) return "";
  return `
This is a denser data set for benchmarks (\`--extra-history ${extraHistory} --extra-touches ${extraTouches} --extra-engagements ${extraEngagements}\`): on
average ${extraHistory} re-logged statuses (the open stage written again, a repeat the replay ignores),
${extraTouches} extra follow-up touches and ${extraEngagements} extra marketing engagements per lead, of the same
kinds as the other rows (scripts/generate/density.ts, engagement-touches.ts). The extra engagements include
pricing views, downloads and demo requests: the definition counts below are those of the example's rules
before them, not what the audit of this data set finds.
`;
}

const COMPETITORS_HEADER = ["name", "domain"];

/** Classes counted per lead (one journey each) rather than per MQL entry. */
const ONE_PER_LEAD: ReadonlySet<TruthKind> = new Set<TruthKind>(["passedLate", "neverPassed"]);
const PLANTED: ReadonlySet<TruthKind> = new Set<TruthKind>(["badgeScans", "passedLate", "neverPassed"]);

const TRUTH_INFO: Readonly<Record<TruthKind, string>> = {
  badgeScans: `Badge scans of the "${BADGE_SCAN_CAMPAIGN}" campaign passed as MQLs with no intent at all: not met, failing the intent criterion.`,
  passedLate:
    "Fit leads that requested a demo within an hour of their creation and became MQLs 7 to 25 days later: met, but marketing's clock is late.",
  neverPassed:
    "Fit leads that requested a demo and are still inquiries (at least 10 days before the export): marketing's clock is missed.",
  competitors: "MQLs of leads at a company in competitors.csv: not met (never: competitor).",
  studentsInterns: "MQLs of students and interns: not met (never: student or intern).",
  tooSmall: "MQLs of companies of 1-10 employees: not met (company size).",
  consultants: "MQLs of consultants: not met (title).",
  recycledSoon:
    "MQLs of fit leads that sales recycled too soon for any intent to lapse before (within hours of the MQL): generated without intent, so not met.",
  passedOnTime: "MQLs of fit leads with intent minutes before the MQL: met, and marketing's clock met.",
  dataProblems:
    "MQL rows of leads with planted data problems (above): only their creation engagement, so not met (the replay may count fewer).",
};

function readme(options: FunnelOptions, manifest: FunnelManifest, counts: Record<string, number>): string {
  const fmt = (n: number) => String(n).replace(/\B(?=(\d{3})+$)/g, ",");
  const pct = (n: number, d: number) => `${d === 0 ? 0 : Math.round((100 * n) / d)}%`;
  const ids = (list: string[]) =>
    list.length > 8 ? `${list.slice(0, 8).join(", ")}, … (${fmt(list.length)})` : list.join(", ");
  const values = (list: string[]) =>
    list.length === 0
      ? ""
      : [...new Set(list)]
          .slice(0, 6)
          .map((v) => (v === "" ? "(empty)" : `\`${v}\``))
          .join(", ");
  const problems = table(
    ["Kind", "File", "Count", "What", "Lead ids", "Values"],
    [false, false, true, false, false, false],
    manifest.entries.map((e) => [
      `\`${e.kind}\``,
      e.file,
      `${fmt(e.count)} ${e.unit}`,
      e.description,
      ids(e.leadIds),
      values(e.values),
    ]),
  );
  const { byOutcome, byRep } = manifest.reasons;
  const outcomeRows = byOutcome.recycled.rows + byOutcome.disqualified.rows + byOutcome.lost.rows;
  const totals = table(
    ["Total", "File", "Count", "What"],
    [false, false, true, false],
    [
      [
        "`queueRoutedLeads`",
        "leads.csv, owner_history.csv",
        `${fmt(manifest.queueRoutedLeads)} leads`,
        `Leads created owned by "${ROUTING_QUEUE}" and assigned to a rep later (${pct(manifest.queueRoutedLeads, options.leads)} of leads).`,
      ],
      [
        "`scheduledActivities`",
        "activities.csv",
        `${fmt(manifest.scheduledActivities)} rows`,
        'Calls and meetings with status "scheduled": planned, not held, not a touch.',
      ],
      [
        "`outcomesWithoutReason`",
        "stage_history.csv",
        `${fmt(manifest.outcomesWithoutReason)} rows`,
        `Recycles, disqualifications and losses with an empty reason (${pct(manifest.outcomesWithoutReason, outcomeRows)} of ${fmt(outcomeRows)}).`,
      ],
    ],
  );
  const reasonTable = (first: string, rows: [string, { rows: number; withoutReason: number }][]) =>
    table(
      [first, "Outcome rows", "Without reason", "Share"],
      [false, true, true, true],
      rows.map(([name, c]) => [name, fmt(c.rows), fmt(c.withoutReason), pct(c.withoutReason, c.rows)]),
    );
  const exits = {
    rows: byOutcome.recycled.rows + byOutcome.disqualified.rows,
    withoutReason: byOutcome.recycled.withoutReason + byOutcome.disqualified.withoutReason,
  };
  const files = table(
    ["File", "Rows", "Columns"],
    [false, true, false],
    [
      ["leads.csv", fmt(counts.leads ?? 0), LEADS_HEADER.join(", ")],
      ["stage_history.csv", fmt(counts.history ?? 0), STAGE_HISTORY_HEADER.join(", ")],
      ["activities.csv", fmt(counts.activities ?? 0), ACTIVITIES_HEADER.join(", ")],
      ["owner_history.csv", fmt(counts.owners ?? 0), OWNER_HISTORY_HEADER.join(", ")],
      ["reps.csv", fmt(counts.reps ?? 0), REPS_HEADER.join(", ")],
      ["engagements.csv", fmt(counts.engagements ?? 0), ENGAGEMENTS_HEADER.join(", ")],
      ["competitors.csv", fmt(counts.competitors ?? 0), COMPETITORS_HEADER.join(", ")],
      ["Opportunity.csv", fmt(counts.opportunities ?? 0), OPPORTUNITIES_HEADER.join(", ")],
      ["rates.csv", fmt(RATE_ROWS.length), RATES_HEADER.join(", ")],
    ],
  );
  const zone = `naive, ${options.timezone} local time`;
  const opps = manifest.opportunities;
  const stamps = table(
    ["Column", "Format", "Zone"],
    [false, false, false],
    [
      ["leads.created_at", "`YYYY-MM-DDTHH:mm:ss` (e.g. `2026-05-04T09:13:00`)", zone],
      ["stage_history.changed_at", "`YYYY-MM-DDTHH:mm:ssZ` (e.g. `2026-05-04T13:13:00Z`)", "UTC"],
      ["activities.occurred_at", "`YYYY-MM-DD HH:mm:ss` (e.g. `2026-05-04 09:13:00`)", zone],
      ["owner_history.assigned_at", "`YYYY-MM-DD HH:mm:ss` (e.g. `2026-05-04 09:27:41`)", zone],
      ["engagements.occurred_at", "`YYYY-MM-DDTHH:mm:ssZ` (e.g. `2026-05-04T13:13:00Z`)", "UTC"],
    ],
  );
  const truth = table(
    ["Kind", "Planted", "Count", "What the definition finds", "Lead ids"],
    [false, false, true, false, false],
    TRUTH_KINDS.map((k) => {
      const c = manifest.definition[k];
      const unit = ONE_PER_LEAD.has(k) ? "leads" : "MQL entries";
      return [
        `\`${k}\``,
        PLANTED.has(k) ? "yes" : "no",
        `${fmt(c.entries)} ${unit}`,
        TRUTH_INFO[k],
        ids(c.leadIds),
      ];
    }),
  );
  const daysOff = table(
    ["Date", "Day off"],
    [false, false],
    DAYS_OFF.map((d) => [d.date, d.name]),
  );
  return `# Acme Analytics: example CRM exports

> Generated by \`npm run examples\` (scripts/generate-examples.ts, seed ${options.seed}). Do not edit by hand:
> change the generator in scripts/generate/ and run it again.

Acme Analytics is a fictional B2B analytics SaaS vendor. Marketing brings in leads from five sources
(Web Form, Webinar, Paid Search, Trade Show, Partner Referral); eight inbound sales reps in two teams
(East and West) accept, work and qualify them. The SLA between the two teams is
[sla.example.yaml](../../sla.example.yaml), which points at the files below.

These files are what a Salesforce-style CRM exports: ${fmt(options.leads)} leads created between
${options.start} and ${options.end} (${options.timezone} time), with their full status history, the
activities logged against them, and the routing of leads that arrive in the lead queue. The export was
taken at the end of ${options.end}: leads created near the end are still in flight, and nothing later is
in the files.
${density(options)}
## Files

${files}

All files are UTF-8 CSV with a header row, LF line endings, and quotes only where needed.

- **leads.csv**: one row per lead. \`lead_id\` looks like \`L-000123\` and grows with \`created_at\`
  (numbers of deleted leads are skipped). \`owner\` is the owner at creation: a rep (round-robin within
  the team that covers the company's territory), or the queue "${ROUTING_QUEUE}" for leads that wait to
  be routed (see owner_history.csv). \`company_size\` is one of 1-10, 11-50, 51-200, 201-1000, 1000+.
- **stage_history.csv**: one row per status change, with the owner at that moment ("${ROUTING_QUEUE}"
  before a queued lead is routed). Status values are the raw CRM values listed under \`matches:\` in the
  SLA (both synonyms are used, e.g. "Sales Accepted" and "Working - Contacted"). Creating a lead counts as
  entering Inquiry; some leads also have an explicit "New" / "Open - Not Contacted" row at creation. A row
  with an empty \`status\` and reason "Reassigned" is a reassignment from one rep to another: \`owner\` is
  the new owner. \`reason\` explains recycles, disqualifications and losses, and is sometimes empty.
- **activities.csv**: calls, e-mails, meetings and notes logged by reps, plus automated \`email_sequence\`
  e-mails sent by marketing automation right after a lead becomes an MQL (they are not sales touches;
  their owner is the lead's owner then, which can be the queue). \`status\` is \`completed\` for everything
  that happened and \`scheduled\` for calls and meetings that were planned but not held (not a touch; the
  real touch follows later, as its own \`completed\` row). \`email_sequence\` rows are always
  \`completed\`. Some touches are logged by a colleague rather than the owner.
- **owner_history.csv**: one row per lead created in the queue (in lead order): the rep it was routed
  to and when. Reassignments between reps stay in stage_history.csv.
- **engagements.csv**: the marketing-automation export, one row per engagement (lead, type, when,
  and a detail: the form, page, asset, webinar or e-mail). \`type\` is one of form_fill, demo_request,
  page_view, pricing_view, content_download, webinar_attended, email_click. Rows are in lead order,
  then time order. Page visits made before a lead filled its first form are merged into it, so a few
  \`pricing_view\` rows precede the lead's \`created_at\`. \`email\` is the lead's address as in leads.csv.
- **competitors.csv**: rival analytics vendors (\`name\` as leads.csv spells the company, \`domain\`),
  which the SLA's lead definition names as go-nowhere leads.
- **reps.csv**: the reps, their team, their e-mail, and \`time_zone\`: each rep's own IANA time zone,
  in which they keep their working hours (New York, Chicago or Los Angeles). Owners in the other files
  are the rep's full name; "${ROUTING_QUEUE}" is not a rep and is not in reps.csv.

## Time stamps

${stamps}

## Working hours and holidays

Reps work Monday to Friday, 09:00–12:00 and 13:00–17:00 in their own time zone (reps.csv
\`time_zone\`), except on these days off (US public holidays and the company's summer shutdown; the
generator knows the 2026 dates only):

${daysOff}

Every human touch (call, e-mail, meeting, note) and every status change a rep makes (acceptance,
qualification, recycle, disqualification, opportunity, close) falls in the working time of the rep who
made it. Reps' delays are working time too: a slow rep answers late the same day, the next working
morning or a few working days later, never at 3 a.m. Leads themselves arrive at any time (web forms
fill up on evenings and weekends), and marketing automation (MQL scoring, \`email_sequence\`) and
reassignments by managers happen at any time, so business-hour SLAs have something to measure.

## The routing queue

${pct(manifest.queueRoutedLeads, options.leads)} of leads (${fmt(manifest.queueRoutedLeads)}) are created owned by "${ROUTING_QUEUE}" and routed to a rep by the
routing desk, which works Monday to Friday, 09:00–17:00 ${options.timezone} time, with the same days
off. During those hours a lead is routed within minutes; a lead that arrives overnight, over a weekend
or on a day off waits for the next morning. Until then its stage_history rows (and automated e-mails)
carry the queue as owner; from \`owner_history.assigned_at\` on, the rep. Routing always comes before
acceptance (sal): the rep's own response time starts at the routing, so a report can split the queue's
delay (system) from the rep's (person). Leads with planted problems are never queued, nor are leads
whose routing would fall after the export.

## What is in the data

- Roughly 45% of leads become MQLs; sales accepts about 70% of MQLs, recycles or disqualifies most of the
  rest, and leaves a few unanswered. About 5% of MQLs skip straight to "Sales Qualified". About 40% of
  recycled leads come back as MQLs weeks later (a new journey).
- Partner Referral leads convert best, Paid Search leads worst.
- Reps differ: Priya Raman usually touches an accepted lead within minutes, Tom Whitaker often after more
  than four working hours (the next working morning, or two working days later), Luis Ortega often never
  calls. Most MQLs are answered within a few working hours; some late, after one to eight working days.
- About 5% of leads are reassigned once, before or after the first response.
- About 8% of calls and meetings are \`scheduled\` rows (${fmt(manifest.scheduledActivities)} rows, at round quarter hours): each
  comes before the completed touch it was planned as (a few are still open at the export).
- Some recycles, disqualifications and losses carry no reason (sales forgot): about 12% in the long
  run, ${pct(exits.withoutReason, exits.rows)} of the ${fmt(exits.rows)} recycles and disqualifications here. Luis Ortega (about a third) and
  Tom Whitaker (about a quarter) forget far more often than the others:

${reasonTable("Outcome", Object.entries(byOutcome))}

${reasonTable("Owner on the row", Object.entries(byRep))}

## Planted problems

These rows are wrong on purpose, so that an audit has something to find. Everything else is clean.

${problems}

## Planted for the lead definition

The SLA's lead definition (\`definitions:\` in sla.example.yaml) calls an MQL qualified when the company
has 11 or more employees, the person is not a consultant, and the lead showed intent: a demo request in
the 30 days before, or 3 pricing-page views or content downloads in the 14 days before; competitors
(competitors.csv), students and interns never qualify. Marketing promises to pass a lead within one
business day of meeting it. engagements.csv is generated so that the audit's \`definitions\` section
finds the classes below (the manifest's \`definition\`; lead ids in lead order). A lead can be in
several fit classes.

${truth}

The MQL entries the definition finds met are those of \`passedOnTime\` and \`passedLate\`
(${fmt(manifest.definition.passedOnTime.entries + manifest.definition.passedLate.entries)}); marketing's clock counts them met and late, and \`neverPassed\` missed.
Everything else is not met. Other fit leads' MQLs are preceded by intent minutes before the MQL (scoring
fires on the action), and their intent lapses before sales recycles them, so a recycled lead does not
reopen marketing's clock. Sales' decisions in this data ignore fit, so the audit finds the size and
title criteria contradicted (the MQLs failing them are accepted as often): evidence for the next review.

## Opportunities and money

Opportunity.csv has one Salesforce Opportunity per "Opportunity Created" row of stage_history.csv
(created then, by its owner then), closed by the lead's next "Closed Won" or "Closed Lost" (its
\`CloseDate\` is that day, New York time; an open one's \`CloseDate\` is the expected close). A
Salesforce Opportunity has no lead column and leads.csv has no \`ConvertedOpportunityId\`, so the
custom field \`Converted_Lead_Id__c\` names the lead. Planted (the manifest's \`opportunities\`):

- **${opps.source} brings volume and no revenue**: ${fmt(opps.noRevenue.opportunities)} opportunities, ${fmt(opps.noRevenue.lost)} lost and
  ${fmt(opps.noRevenue.open)} open; its ${fmt(opps.noRevenue.wonWithoutOpportunity)} leads marked "Closed Won" have no opportunity (booked elsewhere), so its revenue is 0.
- **Sales-sourced deals**: the East team's ${fmt(opps.outbound.opportunities)} outbound opportunities (\`LeadSource\` Outbound, no lead,
  ${fmt(opps.outbound.won)} won), created on working afternoons.
- **A currency mix**: leads in DE and IE deal in EUR, in GB in GBP, the rest in USD
  (${Object.entries(opps.currencies)
    .map(([c, n]) => `${fmt(n)} ${c}`)
    .join(
      ", ",
    )}); rates.csv gives 1 EUR = ${RATE_ROWS[0]?.[1]} USD and 1 GBP = ${RATE_ROWS[1]?.[1]} USD, and the SLA reports in USD.

The manifest (\`generateFunnel\`'s return value, or \`funnelManifest\` in scripts/generate/acme.ts) also
counts:

${totals}
`;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      leads: { type: "string" },
      seed: { type: "string" },
      out: { type: "string" },
      start: { type: "string" },
      end: { type: "string" },
      "extra-history": { type: "string" },
      "extra-touches": { type: "string" },
      "extra-engagements": { type: "string" },
    },
  });
  const extraHistory = decimalArg(values["extra-history"], "extra-history");
  const extraTouches = decimalArg(values["extra-touches"], "extra-touches");
  const extraEngagements = decimalArg(values["extra-engagements"], "extra-engagements");
  const options: FunnelOptions = {
    seed: numberArg(values.seed, 20260501, "seed"),
    leads: numberArg(values.leads, 2000, "leads"),
    start: values.start ?? "2026-05-01",
    end: values.end ?? "2026-10-31",
    timezone: "America/New_York",
    ...(extraHistory > 0 ? { extraHistory } : {}),
    ...(extraTouches > 0 ? { extraTouches } : {}),
    ...(extraEngagements > 0 ? { extraEngagements } : {}),
  };
  const out = values.out ?? join("examples", "acme");
  mkdirSync(out, { recursive: true });
  const leads = new CsvWriter(join(out, "leads.csv"), LEADS_HEADER);
  const history = new CsvWriter(join(out, "stage_history.csv"), STAGE_HISTORY_HEADER);
  const activities = new CsvWriter(join(out, "activities.csv"), ACTIVITIES_HEADER);
  const owners = new CsvWriter(join(out, "owner_history.csv"), OWNER_HISTORY_HEADER);
  const engagements = new CsvWriter(join(out, "engagements.csv"), ENGAGEMENTS_HEADER);
  const opportunities = new CsvWriter(join(out, "Opportunity.csv"), OPPORTUNITIES_HEADER);
  const funnel = generateFunnel(options);
  let manifest: FunnelManifest;
  for (;;) {
    const step = funnel.next();
    if (step.done === true) {
      manifest = step.value;
      break;
    }
    await leads.write(step.value.leads);
    await history.write(step.value.history);
    await activities.write(step.value.activities);
    await owners.write(step.value.ownerHistory);
    await engagements.write(step.value.engagements);
    await opportunities.write(step.value.opportunities);
  }
  await Promise.all([
    leads.close(),
    history.close(),
    activities.close(),
    owners.close(),
    engagements.close(),
    opportunities.close(),
  ]);
  writeFileSync(
    join(out, "rates.csv"),
    stringify([RATES_HEADER, ...RATE_ROWS], { record_delimiter: "unix" }),
  );
  const reps = repRows();
  writeFileSync(
    join(out, "reps.csv"),
    stringify([REPS_HEADER as string[], ...reps], { record_delimiter: "unix" }),
  );
  const competitors = competitorRows();
  writeFileSync(
    join(out, "competitors.csv"),
    stringify([COMPETITORS_HEADER, ...competitors], { record_delimiter: "unix" }),
  );
  const counts = {
    leads: leads.rows,
    history: history.rows,
    activities: activities.rows,
    owners: owners.rows,
    reps: reps.length,
    engagements: engagements.rows,
    competitors: competitors.length,
    opportunities: opportunities.rows,
  };
  writeFileSync(join(out, "README.md"), readme(options, manifest, counts));
  console.log(
    `Wrote ${out}: ${Object.entries(counts)
      .map(([k, n]) => `${n} ${k}`)
      .join(", ")}`,
  );
}

await main();
