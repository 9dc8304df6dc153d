/**
 * The headline figures of an audit, computed independently in DuckDB SQL from the same CSV files
 * and the same (calendar-time) SLA, following docs/definitions.md:
 *
 * - ingest: values trimmed, empty = missing; stage values matched ignoring case and repeated
 *   spaces; rows with an unknown stage, an unknown lead, a missing or unreadable time stamp are not
 *   used; naive time stamps are wall times of the SLA's zone (ICU's `timezone()`: a skipped hour
 *   reads with the offset before the change, a repeated one as the first, as src/time/zone.ts does);
 *   time stamps before 1990 or over a year after the newest creation (its 99.9th percentile) are not
 *   used; of leads sharing an id the earliest created is kept; the as-of is the latest time stamp used.
 * - replay: a lead's events in time order, ties by kind (creation, owner changes, stages in
 *   waterfall order, outcomes in declared order) then by content; the journey state machine
 *   (recycles, completed journeys, outcomes after the end, backward moves, repeats, backfill) is
 *   written with window functions (see `journeys` below for why they reproduce the fold).
 * - metrics: obligations per real entry into a handoff's `from` stage; the response is the first
 *   `to` entry or ending, or the first qualifying activity (by the owner at that instant) within the
 *   journey; reassignments restart the clock (`on_reassign: restart`) while they come before the
 *   running deadline and the response; percentiles are quantile_cont (the project's definition).
 */
import { DuckDBInstance } from "@duckdb/node-api";
import { col, FORMATS, id, lit, readCsv, sniffFormat } from "./duckdb-csv.js";
import { definitionFields, definitionFigures, fieldColumn } from "./duckdb-definitions.js";
import { loadOpportunities, MONEY_LEAD_FIELDS, moneyFigures } from "./duckdb-money.js";
import { countedHandoff, type Figures, handoffCounts, hours2, rate4 } from "./figures.js";
import type { BenchSla, BenchSource } from "./sla.js";

export interface DuckRun {
  figures: Figures;
  version: string;
  threads: number;
  /** Reading and typing the CSV files into tables. */
  loadMs: number;
  /** Replay and metrics in SQL. */
  queryMs: number;
  totalMs: number;
}

const FLOOR = Date.UTC(1990, 0, 1);
const YEAR = 366 * 86_400_000;

/** BENCH_SQL_TIMING=1 prints each statement's time on stderr. */
const TRACE = process.env.BENCH_SQL_TIMING === "1";

async function run<T>(label: string, f: () => Promise<T>): Promise<T> {
  const start = performance.now();
  try {
    return await f();
  } catch (err) {
    throw new Error(`DuckDB, ${label}: ${(err as Error).message}`);
  } finally {
    if (TRACE) process.stderr.write(`  sql ${label}: ${((performance.now() - start) / 1000).toFixed(2)} s\n`);
  }
}

/** Computes the figures in a fresh in-memory DuckDB with `threads` threads. */
export async function duckdbFigures(sla: BenchSla, threads: number): Promise<DuckRun> {
  const t0 = performance.now();
  const instance = await DuckDBInstance.create(":memory:", { threads: String(threads) });
  const db = await instance.connect();
  const exec = (label: string, sql: string) => run(label, () => db.run(sql));
  const rows = async (label: string, sql: string) =>
    run(label, async () => (await db.runAndReadAll(sql)).getRowObjectsJS() as Record<string, unknown>[]);
  const num = (v: unknown): number => (v === null || v === undefined ? Number.NaN : Number(v));
  const n = sla.stages.length;
  const last = n - 1;
  const stageIndex = new Map(sla.stages.map((s, i) => [s.id, i]));
  const outcomeIndex = new Map(sla.outcomes.map((o, i) => [o.id, i]));
  const { leads, stageHistory, activities, ownerHistory, engagements } = sla.sources;
  // The lead fields the definitions read (f_<field>), kept on the leads table.
  const defFields = definitionFields(sla);
  for (const f of defFields)
    if (leads.columns[f] === undefined)
      throw new Error(`definitions: the leads source maps no column to ${f}`);
  // The lead's source and campaign, when the SLA reads opportunities (the money groups).
  const moneyFields = sla.money ? Object.entries(MONEY_LEAD_FIELDS) : [];
  const fieldSelect = [...defFields.map(fieldColumn), ...moneyFields.map(([as]) => as)]
    .map((c) => `, ${c}`)
    .join("");

  await exec("settings", "SET preserve_insertion_order = false");
  const [v] = await rows("version", "SELECT version() AS v");
  // ---- load: each file read once, values trimmed (empty = missing), the time stamp read as a
  // wall time (naive, or UTC for the Z format); unusable rows are left out, as the audit's findings
  // are. Event files declare their time-stamp column TIMESTAMP in the format of their first row;
  // the leads file keeps it text (a lead with an unreadable creation time is still a lead) and
  // tries every format, its own first.
  const stage = async (
    table: string,
    source: BenchSource,
    fields: Record<string, string>,
    at: string,
    keepBadTimes: boolean,
  ) => {
    const select = Object.entries(fields)
      .map(([as, field]) => `${col(source, field)} AS ${as}`)
      .join(", ");
    const sniffed = sniffFormat(source, at);
    const column = source.columns[at];
    if (sniffed && column && !keepBadTimes) {
      await exec(
        `read ${table}`,
        `CREATE TABLE ${table} AS SELECT ${select}, ${id(column)} AS wall, ${sniffed.utc} AS utc
         FROM ${readCsv(source, { column, format: sniffed.format })}`,
      );
      return;
    }
    const formats = [...(sniffed ? [sniffed] : []), ...FORMATS.filter((f) => f !== sniffed)];
    const parse = formats.map((f) => `try_strptime(t, ${lit(f.format)})`);
    const utc = formats.map((f) => `WHEN try_strptime(t, ${lit(f.format)}) IS NOT NULL THEN ${f.utc}`);
    await exec(
      `read ${table}`,
      `CREATE TABLE ${table} AS
       SELECT * EXCLUDE (t), coalesce(${parse.join(", ")}) AS wall, coalesce(CASE ${utc.join(" ")} END, false) AS utc
       FROM (SELECT ${select}, ${col(source, at)} AS t FROM ${readCsv(source)})`,
    );
  };
  await stage(
    "leads_raw",
    leads,
    {
      lead_id: "id",
      owner: "owner",
      ...Object.fromEntries(defFields.map((f) => [fieldColumn(f), f])),
      ...Object.fromEntries(moneyFields),
    },
    "created_at",
    true,
  );
  await stage(
    "hist_raw",
    stageHistory,
    { lead_id: "lead_id", raw: "stage", owner: "owner", reason: "reason" },
    "at",
    false,
  );
  if (ownerHistory)
    await stage("owners_raw", ownerHistory, { lead_id: "lead_id", owner: "owner" }, "at", false);
  await stage(
    "acts_raw",
    activities,
    { lead_id: "lead_id", owner: "owner", type: "type", status: "status" },
    "at",
    false,
  );
  if (engagements) await stage("eng_raw", engagements, { lead_id: "lead_id", type: "type" }, "at", false);
  // Naive wall times are read in the SLA's zone with ICU's timezone() (a skipped hour with the
  // offset before the change, a repeated one as the first, as src/time/zone.ts does), once per distinct
  // minute: every zone's offset changes on a minute boundary.
  const raws = [
    "leads_raw",
    "hist_raw",
    ...(ownerHistory ? ["owners_raw"] : []),
    "acts_raw",
    ...(engagements ? ["eng_raw"] : []),
  ];
  await exec(
    "zone offsets",
    `CREATE TABLE zone_minutes AS
     SELECT m, epoch_ms(timezone(${lit(sla.timezone)}, m)) - epoch_ms(m) AS off FROM (
       SELECT DISTINCT date_trunc('minute', wall) AS m FROM (
         ${raws.map((r) => `SELECT wall FROM ${r} WHERE NOT utc AND wall IS NOT NULL`).join(" UNION ALL ")}))`,
  );
  /** The raw table with its time stamp as epoch milliseconds (`ts`). */
  const typed = (raw: string) =>
    `(SELECT r.* EXCLUDE (wall, utc), epoch_ms(r.wall) + CASE WHEN r.utc THEN 0 ELSE z.off END AS ts
      FROM ${raw} r LEFT JOIN zone_minutes z ON z.m = date_trunc('minute', r.wall))`;

  await exec(
    "leads",
    // Each lead also gets a number (lid): the later tables key on it, cheaper than the text id.
    `CREATE TABLE leads AS
     SELECT row_number() OVER () AS lid, * FROM (
       SELECT lead_id, ts AS created, owner${fieldSelect} FROM ${typed("leads_raw")}
       WHERE lead_id IS NOT NULL
       QUALIFY row_number() OVER (PARTITION BY lead_id ORDER BY created NULLS LAST, owner NULLS LAST) = 1)`,
  );
  // Plausible time stamps: from 1990 to a year after the newest creation (its 99.9th percentile).
  const [countRow] = await rows("plausible", `SELECT count(*) AS n FROM leads WHERE created >= ${FLOOR}`);
  const plausibleCount = num(countRow?.n);
  let ceiling = Number.MAX_SAFE_INTEGER;
  if (plausibleCount > 0) {
    const k = Math.floor((plausibleCount - 1) * 0.999);
    const [r] = await rows(
      "ceiling",
      `SELECT created FROM leads WHERE created >= ${FLOOR} ORDER BY created LIMIT 1 OFFSET ${k}`,
    );
    ceiling = num(r?.created) + YEAR;
  }
  const plausible = (x: string) => `(${x} BETWEEN ${FLOOR} AND ${ceiling})`;
  await exec("leads plausible", `UPDATE leads SET created = NULL WHERE NOT ${plausible("created")}`);

  const values: string[] = [];
  sla.stages.forEach((s, i) => {
    for (const m of s.matches) values.push(`(${lit(normalize(m))}, 'stage', ${i}, NULL::INTEGER)`);
  });
  sla.outcomes.forEach((o, i) => {
    const back = o.returnsTo === null ? "NULL" : String(stageIndex.get(o.returnsTo) ?? "NULL");
    for (const m of o.matches) values.push(`(${lit(normalize(m))}, 'outcome', ${i}, ${back})`);
  });
  await exec(
    "stage map",
    `CREATE TABLE stage_map AS SELECT * FROM (VALUES ${values.join(", ")}) t(value, kind, idx, returns_idx)`,
  );
  // Matching ignores case and repeated spaces: done once per distinct raw value.
  await exec(
    "raw values",
    `CREATE TABLE raw_map AS
     SELECT r.raw, m.kind, m.idx, m.returns_idx
     FROM (SELECT DISTINCT raw FROM hist_raw WHERE raw IS NOT NULL) r
     JOIN stage_map m ON m.value = lower(regexp_replace(r.raw, '\\s+', ' ', 'g'))`,
  );
  // History events: stage and outcome rows, and owner changes (an empty stage with an owner).
  await exec(
    "history events",
    `CREATE TABLE evx AS
     SELECT l.lid AS lead_id, h.ts, coalesce(m.kind, 'owner') AS kind, coalesce(m.idx, 0) AS idx, m.returns_idx,
            h.owner, coalesce(h.raw, h.owner) AS k1, CASE WHEN h.raw IS NULL THEN '' ELSE coalesce(h.owner, '') END AS k2,
            CASE WHEN h.raw IS NULL THEN '' ELSE coalesce(h.reason, '') END AS k3
     FROM ${typed("hist_raw")} h JOIN leads l ON l.lead_id = h.lead_id LEFT JOIN raw_map m ON m.raw = h.raw
     WHERE h.ts IS NOT NULL AND ${plausible("h.ts")}
       AND (m.kind IS NOT NULL OR (h.raw IS NULL AND h.owner IS NOT NULL))`,
  );
  if (ownerHistory)
    await exec(
      "owner history",
      `INSERT INTO evx
       SELECT l.lid, o.ts, 'owner', 0, NULL, o.owner, o.owner, '', ''
       FROM ${typed("owners_raw")} o JOIN leads l ON l.lead_id = o.lead_id
       WHERE o.owner IS NOT NULL AND o.ts IS NOT NULL AND ${plausible("o.ts")}`,
    );
  await exec(
    "activities",
    `CREATE TABLE acts AS
     SELECT l.lid AS lead_id, a.ts, a.owner, lower(a.type) AS type, lower(a.status) AS status
     FROM ${typed("acts_raw")} a JOIN leads l ON l.lead_id = a.lead_id
     WHERE a.type IS NOT NULL AND a.ts IS NOT NULL AND ${plausible("a.ts")}`,
  );
  // Engagements: of a known lead, a type, a usable time stamp; a repeat (same lead, type and
  // instant) counts once.
  if (engagements)
    await exec(
      "engagements",
      `CREATE TABLE eng AS
       SELECT DISTINCT l.lid AS lead_id, lower(g.type) AS type, g.ts
       FROM ${typed("eng_raw")} g JOIN leads l ON l.lead_id = g.lead_id
       WHERE g.type IS NOT NULL AND g.ts IS NOT NULL AND ${plausible("g.ts")}`,
    );
  // Opportunities (the money SLA): their creations and closes are time stamps of the inputs too.
  const oppStamps = await loadOpportunities({ sla, exec, rows });
  await exec("drop raw tables", raws.map((r) => `DROP TABLE ${r};`).join(" "));
  const t1 = performance.now();

  // ---- as-of and period: the latest and earliest time stamps used.
  const [range] = await rows(
    "as-of",
    `SELECT max(t) AS as_of, min(t) AS earliest FROM (
       SELECT created AS t FROM leads UNION ALL SELECT ts FROM evx UNION ALL SELECT ts FROM acts
       ${oppStamps ? `UNION ALL ${oppStamps}` : ""})`,
  );
  const asOf = num(range?.as_of);
  const from = num(range?.earliest);
  const inPeriod = (x: string) => `(${x} BETWEEN ${from} AND ${asOf})`;

  // ---- replay. Every event of a lead gets its place in replay order (seq); the creation comes
  // first (rank -1) at the lead's created time, moved back to an earlier event if there is one.
  await exec(
    "events",
    `CREATE TABLE ev AS
     WITH firsts AS (SELECT lead_id, min(ts) AS first_ts FROM evx WHERE ts <= ${asOf} GROUP BY lead_id),
     creations AS (
       SELECT l.lid AS lead_id, CASE WHEN l.created IS NULL OR f.first_ts < l.created THEN f.first_ts ELSE l.created END AS ts,
              l.owner
       FROM leads l LEFT JOIN firsts f ON f.lead_id = l.lid),
     alle AS (
       SELECT lead_id, ts, 'create' AS kind, 0 AS idx, NULL::INTEGER AS returns_idx, owner, -1 AS rank, '' AS k1, '' AS k2, '' AS k3
       FROM creations WHERE ts IS NOT NULL AND ts <= ${asOf}
       UNION ALL
       SELECT lead_id, ts, kind, idx, returns_idx, owner,
              CASE kind WHEN 'owner' THEN 0 WHEN 'stage' THEN 1 + idx ELSE ${1 + n} + idx END, k1, k2, k3
       FROM evx WHERE ts <= ${asOf})
     SELECT *, row_number() OVER (PARTITION BY lead_id ORDER BY ts, rank, k1, k2, k3) AS seq FROM alle`,
  );
  // Owners over time: at each instant the last owner named (in replay order); a span starts
  // where that differs from the owner before. The creation names the lead file's owner (or none).
  await exec(
    "owner spans",
    `CREATE TABLE spans AS
     WITH o AS (
       SELECT lead_id, ts, owner FROM ev WHERE kind = 'create' OR owner IS NOT NULL
       QUALIFY row_number() OVER (PARTITION BY lead_id, ts ORDER BY seq DESC) = 1),
     d AS (
       SELECT *, lag(owner) OVER w AS prev, row_number() OVER w AS rn FROM o
       WINDOW w AS (PARTITION BY lead_id ORDER BY ts))
     SELECT lead_id, ts AS from_ts, owner, rn = 1 AS is_first FROM d WHERE rn = 1 OR prev IS DISTINCT FROM owner`,
  );
  await exec(
    "first owners",
    "CREATE TABLE first_owner AS SELECT lead_id, owner, from_ts FROM spans WHERE is_first",
  );
  // The journeys. A stage event always leaves a journey open (opening one if none was), except
  // the last stage, which closes it. An outcome counts only while a journey is open: that is, when
  // the latest stage event before it was not the last stage and no other (non-recycling) outcome
  // came in between; it closes the journey, and a recycle opens the next one at the same instant.
  // So a stage event opens a journey exactly when the event before it left none open.
  const lastIdx = String(last);
  await exec(
    "journey rows",
    `CREATE TABLE jrows AS
     WITH a AS (
       SELECT lead_id, seq, ts, kind, idx, returns_idx, kind <> 'outcome' AS is_stage,
              kind <> 'outcome' AND idx = ${lastIdx} AS is_last,
              kind = 'outcome' AND returns_idx IS NOT NULL AS is_recycle,
              sum(CASE WHEN kind = 'outcome' AND returns_idx IS NULL THEN 1 ELSE 0 END)
                OVER (PARTITION BY lead_id ORDER BY seq ROWS UNBOUNDED PRECEDING) AS nr_cum
       FROM ev WHERE kind <> 'owner'),
     b AS (
       SELECT *,
         last_value(CASE WHEN is_stage THEN nr_cum END IGNORE NULLS) OVER w AS nr_at_stage,
         last_value(CASE WHEN is_stage THEN is_last END IGNORE NULLS) OVER w AS stage_was_last
       FROM a WINDOW w AS (PARTITION BY lead_id ORDER BY seq ROWS UNBOUNDED PRECEDING)),
     c AS (
       SELECT *,
         kind = 'outcome' AND NOT coalesce(stage_was_last, true)
           AND nr_cum - (CASE WHEN is_recycle THEN 0 ELSE 1 END) = nr_at_stage AS effective
       FROM b),
     d AS (
       SELECT *, is_last OR (kind = 'outcome' AND NOT (effective AND is_recycle)) AS closes FROM c),
     e AS (
       SELECT *,
         is_stage AND coalesce(lag(closes) OVER (PARTITION BY lead_id ORDER BY seq), true) AS opens,
         effective AND is_recycle AS recycles
       FROM d)
     SELECT lead_id, seq, ts, kind, idx, returns_idx, is_stage, is_last, effective, opens, recycles,
       sum(opens::INTEGER) OVER (PARTITION BY lead_id ORDER BY seq ROWS UNBOUNDED PRECEDING)
       + coalesce(sum(recycles::INTEGER) OVER (PARTITION BY lead_id ORDER BY seq ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0)
         AS journey
     FROM e`,
  );
  // Entries: the journey's first stage, then each stage event beyond the furthest stage reached
  // (a repeat or a backward move is no entry); under backfill the stages jumped over are entered
  // (backfilled) at the same instant.
  await exec(
    "entries",
    `CREATE TABLE entries AS
     WITH s AS (
       SELECT lead_id, journey, seq, ts, idx FROM jrows WHERE is_stage
       UNION ALL
       SELECT lead_id, journey + 1, seq, ts, returns_idx FROM jrows WHERE recycles),
     m AS (
       SELECT *, max(idx) OVER (PARTITION BY lead_id, journey ORDER BY seq ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS prev_max
       FROM s),
     r AS (SELECT * FROM m WHERE prev_max IS NULL OR idx > prev_max)
     SELECT lead_id, journey, idx, ts, false AS backfilled FROM r
     ${
       sla.skippedStages === "backfill"
         ? `UNION ALL
     SELECT lead_id, journey, unnest(range(prev_max + 1, idx)) AS idx, ts, true AS backfilled
     FROM r WHERE prev_max IS NOT NULL AND idx > prev_max + 1`
         : ""
     }`,
  );
  const pivot = sla.stages
    .map(
      (_, i) =>
        `max(CASE WHEN idx = ${i} THEN ts END) AS e${i}, bool_or(CASE WHEN idx = ${i} THEN backfilled END) AS b${i}`,
    )
    .join(",\n       ");
  await exec(
    "journeys",
    `CREATE TABLE journeys AS
     WITH ends AS (
       SELECT lead_id, journey, ts AS end_ts, idx AS end_outcome FROM jrows WHERE kind = 'outcome' AND effective),
     p AS (SELECT lead_id, journey, ${pivot} FROM entries GROUP BY lead_id, journey)
     SELECT p.*, coalesce(ends.end_ts, p.e${lastIdx}) AS end_ts, ends.end_outcome
     FROM p LEFT JOIN ends USING (lead_id, journey)`,
  );

  // ---- metrics.
  const obligations: string[] = [];
  for (const [hi, h] of sla.handoffs.entries()) {
    const f = stageIndex.get(h.from);
    if (f === undefined) throw new Error(`handoff ${h.id}: unknown stage ${h.from}`);
    const answers = h.to.map((target) => {
      const s = stageIndex.get(target);
      if (s !== undefined) return `CASE WHEN j.e${s} >= j.e${f} THEN j.e${s} END`;
      const o = outcomeIndex.get(target);
      if (o === undefined) throw new Error(`handoff ${h.id}: unknown stage or outcome ${target}`);
      return `CASE WHEN j.end_outcome = ${o} AND j.end_ts >= j.e${f} THEN j.end_ts END`;
    });
    const stageAnswer = answers.length ? `least(${answers.join(", ")})` : "NULL::BIGINT";
    let activityAnswer = "NULL::BIGINT";
    let join = "";
    if (h.activity) {
      const rule = h.activity;
      const inList = (xs: string[]) => xs.map((x) => lit(x.toLowerCase())).join(", ");
      const kind = [
        rule.types.length ? `a.type IN (${inList(rule.types)})` : "true",
        rule.statuses.length ? `a.status IN (${inList(rule.statuses)})` : "true",
      ].join(" AND ");
      // Only activities at or after the lead's first real entry into `from` can answer. By the
      // owner: the owner then is the latest owner span at or before the activity (there is one:
      // the creation opens the first, before any entry).
      await exec(
        `touches ${h.id}`,
        `CREATE TABLE q${hi} AS
         WITH firsts AS (
           SELECT lead_id, min(e${f}) AS first_entry FROM journeys WHERE e${f} IS NOT NULL AND NOT b${f} GROUP BY lead_id),
         c AS (
           SELECT a.lead_id, a.ts, a.owner FROM acts a JOIN firsts f ON a.lead_id = f.lead_id
           WHERE a.ts >= f.first_entry AND a.ts <= ${asOf} AND ${kind})
         ${
           rule.by === "owner"
             ? `SELECT c.lead_id, c.ts FROM c ASOF JOIN spans s ON c.lead_id = s.lead_id AND c.ts >= s.from_ts
                WHERE c.owner IS NOT NULL AND c.owner = s.owner`
             : "SELECT lead_id, ts FROM c"
         }`,
      );
      join = `ASOF LEFT JOIN q${hi} q ON j.lead_id = q.lead_id AND j.e${f} <= q.ts`;
      activityAnswer = `CASE WHEN q.ts <= coalesce(j.end_ts, ${Number.MAX_SAFE_INTEGER}) THEN q.ts END`;
    }
    obligations.push(
      `SELECT ${lit(h.id)} AS handoff, ${hi} AS h, ${h.withinMs}::BIGINT AS within_ms, j.lead_id, j.journey,
              j.e${f} AS entry_ts, j.end_ts, least(${stageAnswer}, ${activityAnswer}) AS response_ts
       FROM journeys j ${join}
       WHERE j.e${f} IS NOT NULL AND NOT j.b${f} AND ${inPeriod(`j.e${f}`)}`,
    );
  }
  await exec(
    "obligations",
    `CREATE TABLE obl AS SELECT row_number() OVER () AS oid, * FROM (${obligations.join("\nUNION ALL\n")})`,
  );
  // Restarts: the reassignments after the entry, in order, each within the running deadline
  // (the previous clock start + window) and no later than the response, the journey's end and
  // the as-of; the chain stops at the first that is not. The last one starts the deciding clock.
  const restart =
    sla.onReassign === "restart"
      ? `WITH c AS (
           SELECT o.oid, s.from_ts,
             s.from_ts - coalesce(lag(s.from_ts) OVER (PARTITION BY o.oid ORDER BY s.from_ts), o.entry_ts) AS gap,
             least(${asOf}, o.end_ts, o.response_ts) AS until_ts, o.within_ms
           FROM obl o JOIN spans s ON s.lead_id = o.lead_id AND s.from_ts > o.entry_ts),
         b AS (SELECT oid, min(from_ts) AS first_bad FROM c WHERE gap > within_ms OR from_ts > until_ts GROUP BY oid),
         ok AS (
           SELECT c.oid, max(c.from_ts) AS clock_ts FROM c LEFT JOIN b USING (oid)
           WHERE b.first_bad IS NULL OR c.from_ts < b.first_bad GROUP BY c.oid)
         SELECT o.*, coalesce(ok.clock_ts, o.entry_ts) AS clock_ts FROM obl o LEFT JOIN ok USING (oid)`
      : "SELECT o.*, o.entry_ts AS clock_ts FROM obl o";
  await exec(
    "status",
    `CREATE TABLE obl2 AS
     WITH r AS (${restart}),
     d AS (
       SELECT *, clock_ts + within_ms AS deadline,
         CASE WHEN response_ts IS NOT NULL THEN CASE WHEN response_ts <= clock_ts + within_ms THEN 'met' ELSE 'late' END
              WHEN clock_ts + within_ms < ${asOf} THEN 'missed' ELSE 'pending' END AS status,
         least(response_ts, clock_ts + within_ms, ${asOf}, end_ts) AS decisive
       FROM r)
     SELECT d.handoff, d.h, d.status, (d.response_ts - d.entry_ts)::DOUBLE AS latency,
            (d.response_ts - d.clock_ts)::DOUBLE AS owner_latency,
            coalesce(CASE WHEN s.from_ts IS NULL THEN f.owner ELSE s.owner END, '(unassigned)') AS rep
     FROM d
     ASOF LEFT JOIN spans s ON d.lead_id = s.lead_id AND d.decisive >= s.from_ts
     LEFT JOIN first_owner f ON f.lead_id = d.lead_id`,
  );

  // ---- the figures.
  const [totals] = await rows(
    "totals",
    "SELECT (SELECT count(*) FROM leads) AS leads, (SELECT count(*) FROM journeys) AS journeys",
  );
  const stageSql = sla.stages
    .map(
      (_, i) => `SELECT ${i} AS i, count(*) AS entries, count(*) FILTER (WHERE b${i}) AS backfilled,
                count(DISTINCT lead_id) AS leads FROM journeys WHERE ${inPeriod(`e${i}`)}`,
    )
    .join(" UNION ALL ");
  const stageRows = await rows("stages", `${stageSql} ORDER BY i`);
  const pairs: [number, number][] = [];
  for (let i = 0; i + 1 < n; i++) pairs.push([i, i + 1]);
  if (n > 2) pairs.push([0, last]);
  const window = sla.conversionWindowMs;
  const stepSql = pairs
    .map(([a, b], k) => {
      const beyond = sla.stages.map((_, x) => x).filter((x) => x > b);
      const beyondSql = beyond.length ? beyond.map((x) => `e${x} IS NOT NULL`).join(" OR ") : "false";
      const converted = `(e${b} IS NOT NULL AND e${b} >= e${a}${window === null ? "" : ` AND e${b} - e${a} <= ${window}`})`;
      const skipped = `((e${b} IS NULL OR b${b}) AND (${beyondSql}))`;
      const open = window === null ? "true" : `e${a} + ${window} > ${asOf}`;
      return `SELECT ${k} AS k, count(*) AS entered, count(*) FILTER (WHERE ${converted}) AS converted,
                count(*) FILTER (WHERE ${skipped}) AS skipped,
                count(*) FILTER (WHERE NOT ${converted} AND NOT ${skipped} AND end_ts IS NULL AND ${open}) AS in_flight,
                count(*) FILTER (WHERE NOT ${converted} AND ${skipped}) AS skipped_out
              FROM journeys WHERE ${inPeriod(`e${a}`)}`;
    })
    .join(" UNION ALL ");
  const stepRows = await rows("conversion", `${stepSql} ORDER BY k`);
  const handoffRows = await rows(
    "handoffs",
    `SELECT h, count(*) AS obligations,
       count(*) FILTER (WHERE status = 'met') AS met, count(*) FILTER (WHERE status = 'late') AS late,
       count(*) FILTER (WHERE status = 'missed') AS missed, count(*) FILTER (WHERE status = 'pending') AS pending,
       quantile_cont(latency, 0.5) AS p50, quantile_cont(latency, 0.9) AS p90
     FROM obl2 GROUP BY h ORDER BY h`,
  );
  const repRows = await rows(
    "reps",
    `SELECT h, rep, count(*) AS obligations,
       count(*) FILTER (WHERE status = 'met') AS met, count(*) FILTER (WHERE status = 'late') AS late,
       count(*) FILTER (WHERE status = 'missed') AS missed, count(*) FILTER (WHERE status = 'pending') AS pending,
       quantile_cont(owner_latency, 0.5) AS p50, quantile_cont(owner_latency, 0.9) AS p90
     FROM obl2 GROUP BY h, rep ORDER BY h, rep`,
  );
  const defined = sla.definitions.length
    ? await definitionFigures({ sla, exec, rows, asOf, inPeriod })
    : { definitions: [], leakage: [] };
  const money = await moneyFigures({ sla, exec, rows, from, asOf });
  const t2 = performance.now();
  db.closeSync();
  instance.closeSync();

  const ms = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  const order = (handoff: string) => sla.handoffs.findIndex((h) => h.id === handoff);
  const byH = new Map(handoffRows.map((r) => [num(r.h), r]));
  const figures: Figures = {
    asOf,
    leads: num(totals?.leads),
    journeys: num(totals?.journeys),
    stages: sla.stages.map((s, i) => {
      const r = stageRows[i] ?? {};
      return { stage: s.id, entries: num(r.entries), backfilled: num(r.backfilled), leads: num(r.leads) };
    }),
    steps: pairs.map(([a, b], k) => {
      const r = stepRows[k] ?? {};
      const [entered, converted, inFlight] = [num(r.entered), num(r.converted), num(r.in_flight)];
      const excluded = sla.skippedStages === "eligible" ? num(r.skipped_out) : 0;
      const decided = entered - inFlight - excluded;
      // docs/definitions.md, headline rate: over the decided journeys only with a window and at
      // least half of them decided; else over every journey counted (in flight as not converted yet).
      const counted = entered - excluded;
      const over = window !== null && 2 * decided >= counted ? decided : counted;
      return {
        from: sla.stages[a]?.id ?? "",
        to: sla.stages[b]?.id ?? "",
        entered,
        converted,
        in_flight: inFlight,
        skipped: num(r.skipped),
        decided,
        rate: rate4(converted, over),
      };
    }),
    handoffs: sla.handoffs.map((h, i) => {
      const r = byH.get(i);
      return countedHandoff(h.id, handoffCounts(r), ms(r?.p50), ms(r?.p90));
    }),
    reps: repRows
      .map((r) => ({
        handoff: sla.handoffs[num(r.h)]?.id ?? "",
        rep: String(r.rep),
        obligations: num(r.obligations),
        met: num(r.met),
        late: num(r.late),
        missed: num(r.missed),
        pending: num(r.pending),
        compliance: rate4(num(r.met), num(r.met) + num(r.late) + num(r.missed)),
        median_hours: hours2(ms(r.p50)),
        p90_hours: hours2(ms(r.p90)),
      }))
      .sort((x, y) => order(x.handoff) - order(y.handoff) || (x.rep < y.rep ? -1 : x.rep > y.rep ? 1 : 0)),
    ...defined,
    money,
  };
  return { figures, version: String(v?.v), threads, loadMs: t1 - t0, queryMs: t2 - t1, totalMs: t2 - t0 };
}

/** As the audit matches stage values: trimmed, inner spaces folded, lower case. */
function normalize(value: string): string {
  return value.trim().replace(/\s+/g, " ").toLowerCase();
}
