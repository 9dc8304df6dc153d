/** A trace's stamps pass (stamps.ts) within the whole read (index.ts): its workers, its span, its opportunities. */

import type { TakenWorker } from "../parallel/rows.js";
import type { SourceDef } from "../types.js";
import { FLOOR } from "./plausible.js";
import type { Joined } from "./read-events.js";
import { WholeRead } from "./read-leads.js";
import { opportunityTimes, readOpportunities } from "./read-opportunities.js";
import { Reading, stampsFirst } from "./reading.js";
import type { StageLookup } from "./sources/stage-lookup.js";
import { TimeSpan } from "./span.js";
import { readStamps } from "./stamps.js";

/**
 * trace without --as-of: the data's span from every row's stamp, typed by the ingest's readers
 * (stamps.ts); null for any other read. A read this pass cannot serve is done again whole. It
 * takes the workers of the history and activities; the lead's own rows are read while it waits.
 */
export function stampsSpan(...args: Parameters<typeof readSpanOfStamps>): Promise<TimeSpan | null> {
  const read = readSpanOfStamps(...args);
  // Awaited after the lead's own rows are read: a failure meanwhile is not an unhandled rejection.
  read.catch(() => {});
  return read;
}

async function readSpanOfStamps(
  r: Reading,
  lookup: StageLookup,
  j: Joined,
  plausible: (t: number) => boolean,
  ceiling: number,
): Promise<TimeSpan | null> {
  const { traced, leadTable } = j.leads;
  if (!traced || !stampsFirst(r.options)) return null;
  const taken = takeWorkers(r);
  const stamps = new TimeSpan(FLOOR, ceiling);
  for (const t of traced.all.created) if (plausible(t)) stamps.see(t);
  const read = await readStamps({
    sources: r.config.sources,
    leadTable,
    ...traced.all,
    open: (source) => r.openAs(source, undefined, [], undefined),
    onWorker: (source) => taken.get(source) ?? Promise.resolve(null),
    context: (source, index, header, all, notes) => ({
      ...j.contextOf(source, index, header),
      leads: all,
      findings: notes,
    }),
    lookup,
    see: (t) => {
      if (plausible(t)) stamps.see(t);
    },
    // The whole read's span holds the instants of every opportunity joined to any lead (seeTimes):
    // read again against every lead, apart (its findings and counts let go).
    allLeads: async (all) => {
      if (!r.config.sources.opportunities?.length) return;
      const { onProgress: _, ...quiet } = r.options;
      const apart = new Reading(r.config, quiet, new Map(), []);
      // No lead of this pass names an opportunity (stampsReadable: no converted_opportunity_id).
      const leads = { ...j.leads, sorted: [], byEmail: null };
      const joined = { ...j, leads, leadIndex: all.index, ...all };
      for (const t of opportunityTimes(await readOpportunities(apart, joined))) stamps.see(t);
    },
  });
  if (!read) {
    // The files are read whole again, by workers of their own: these stop now, not at the end.
    for (const worker of taken.values())
      void worker.then(
        (w) => w?.worker.stop(),
        () => {},
      );
    throw new WholeRead();
  }
  return stamps;
}

/**
 * Every worker of the pass, taken now, before the reads that go on meanwhile look for one. Taking
 * one waits for its table, which fails on a bad file: that failure is thrown when the pass reaches
 * the file (readStamps), and is not an unhandled rejection meanwhile.
 */
function takeWorkers(r: Reading): Map<SourceDef, Promise<TakenWorker | null>> {
  const { stage_history, owner_history, activities } = r.config.sources;
  const taken = new Map<SourceDef, Promise<TakenWorker | null>>();
  for (const source of [stage_history, owner_history, ...activities])
    if (source) {
      const worker = r.takeWorker(source);
      worker.catch(() => {});
      taken.set(source, worker);
    }
  return taken;
}
