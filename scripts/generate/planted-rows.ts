/** Planted problems written into a lead's rows, and the rows of orphan blocks (ids missing from leads.csv). */

import { type OrphanBlock, PLACEHOLDERS, type PlantedLead, STATUS_TYPOS } from "./anomalies.js";
import { ownerName, REPS, type Rep } from "./sales-org.js";
import { placeForRep } from "./touches.js";
import { lastWorkingMinuteBefore, REP_CALENDAR } from "./working-time.js";
import { formatLocal, formatUtc, MINUTE } from "./zone-time.js";

/** Applies a planted lead-file problem to a lead row. */
export function plantInLead(planted: PlantedLead | undefined, lead: string[]): string[] {
  switch (planted?.kind) {
    case "placeholderName": {
      const fallback = ["Test", "Test", planted.detail, "Test"] as const;
      const [first, last, email, company] = PLACEHOLDERS[planted.other] ?? fallback;
      return [...lead.slice(0, 2), first, last, email, company, "", "", "", ...lead.slice(9)];
    }
    case "invalidEmail":
      return lead.map((v, i) => (i === 4 ? planted.detail : v));
    case "emptyLeadSource":
      return lead.map((v, i) => (i === 9 || i === 10 ? "" : v));
    case "emptyOwner":
      return lead.map((v, i) => (i === 11 ? "" : v));
    case "markupName":
      // A bot fills every free-text field it finds with the probe.
      return lead.map((v, i) => (i === 2 || i === 4 ? planted.detail : v));
    default:
      return lead;
  }
}

/** Applies a planted row-level problem to the quick-path history rows (MQL, SAL, SQL). */
export function plantInHistory(planted: PlantedLead | undefined, rows: string[][]): string[][] {
  if (planted?.kind === "statusTypo") {
    const typo = STATUS_TYPOS[planted.other] as (typeof STATUS_TYPOS)[number];
    (rows[typo.row] as string[])[1] = typo.status;
  } else if (planted?.kind === "badHistoryTimestamp") {
    (rows[2] as string[])[2] = planted.detail;
  } else if (planted?.kind === "outOfOrder") {
    [rows[0], rows[1]] = [rows[1] as string[], rows[0] as string[]];
  }
  return rows;
}

/**
 * The rows of an orphan block after a lead created at `created`, before the export at `cutoff`;
 * activity rows come without their id (the caller numbers them in file order).
 */
export function orphanRows(
  orphan: OrphanBlock,
  orphanId: string,
  created: number,
  cutoff: number,
  zone: string,
): { history: string[][]; activities: string[][] } {
  const owner = ownerName(orphan.owner);
  if (orphan.kind === "unknownLeadHistory") {
    // MQL by automation at any time; acceptance and qualification in the rep's working time.
    let at = created + (orphan.offsets[0] as number);
    const history = orphan.statuses.map((status, r) => {
      const raw = Math.max(created + (orphan.offsets[r] as number), at + MINUTE);
      const placed = r === 0 ? raw : placeForRep(raw, orphan.owner, () => orphan.owner).at;
      at = placed < cutoff ? placed : raw;
      return [orphanId, status, formatUtc(at), owner, ""];
    });
    return { history, activities: [] };
  }
  // A rep's touch: in the rep's working time, and before the export.
  const raw = created + (orphan.offsets[0] as number);
  let at = placeForRep(raw, orphan.owner, () => orphan.owner).at;
  const repZone = (REPS[orphan.owner] as Rep).timeZone;
  if (at >= cutoff) at = lastWorkingMinuteBefore(cutoff, repZone, REP_CALENDAR);
  const row = [orphanId, owner, orphan.activityType, "completed", formatLocal(at, zone, " ")];
  return { history: [], activities: [row] };
}
