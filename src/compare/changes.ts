/** The obligations whose outcome changes between two agreements: counts per handoff and transition, examples. */

/*
 * An obligation is matched across the two agreements by its lead, its handoff id and the instant
 * of the entry that created it (docs/definitions.md, Compare). Its outcome changes when its status
 * differs (met → late, …), or when one agreement creates it and the other does not ("none").
 */

import type { Millis } from "../types.js";
import type { Outcome } from "./outcomes.js";

/** An obligation's status or an entry's definition verdict; "none": not created under that agreement. */
export type Side = Outcome["status"] | "none";

export interface Transition {
  handoff: string;
  from: Side;
  to: Side;
  obligations: number;
}

export interface ChangeExample {
  handoff: string;
  from: Side;
  to: Side;
  leadId: string;
  entryAt: Millis;
}

/** Examples kept per handoff and transition: the first by lead id, then entry. */
export const EXAMPLES_PER_TRANSITION = 3;

const byExample = (a: ChangeExample, b: ChangeExample) =>
  a.leadId < b.leadId ? -1 : a.leadId > b.leadId ? 1 : a.entryAt - b.entryAt;

/** Counts changed and unchanged obligations lead by lead; keeps a few examples of each change. */
export class ChangeTally {
  /** "handoff\tfrom\tto" → obligations. */
  private readonly counts = new Map<string, number>();
  private readonly examples = new Map<string, ChangeExample[]>();
  /** Obligations both agreements create with the same outcome, per handoff. */
  readonly same = new Map<string, number>();
  leadsChanged = 0;

  /** One lead's outcomes under the current and the proposed agreement. */
  add(leadId: string, current: readonly Outcome[], proposed: readonly Outcome[]): void {
    let changed = false;
    const matched = new Set<number>();
    for (const c of current) {
      const j = proposed.findIndex(
        (p, k) => !matched.has(k) && p.handoff === c.handoff && p.entryAt === c.entryAt,
      );
      if (j >= 0) matched.add(j);
      const to = j >= 0 ? (proposed[j] as Outcome).status : "none";
      if (to === c.status) this.same.set(c.handoff, (this.same.get(c.handoff) ?? 0) + 1);
      else changed = this.note(leadId, c.handoff, c.entryAt, c.status, to) || changed;
    }
    proposed.forEach((p, k) => {
      if (!matched.has(k)) changed = this.note(leadId, p.handoff, p.entryAt, "none", p.status) || changed;
    });
    if (changed) this.leadsChanged++;
  }

  private note(leadId: string, handoff: string, entryAt: Millis, from: Side, to: Side): true {
    const key = `${handoff}\t${from}\t${to}`;
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
    const list = this.examples.get(key) ?? [];
    const e = { handoff, from, to, leadId, entryAt };
    // Leads come in reading order: keep the smallest few by id, whatever the order.
    if (list.length < EXAMPLES_PER_TRANSITION || byExample(e, list.at(-1) as ChangeExample) < 0) {
      list.push(e);
      list.sort(byExample);
      if (list.length > EXAMPLES_PER_TRANSITION) list.pop();
    }
    this.examples.set(key, list);
    return true;
  }

  /** The transitions, by handoff (in the order given, others after by name), then from, then to. */
  transitions(order: readonly string[]): Transition[] {
    const rank = (h: string) => (order.includes(h) ? order.indexOf(h) : order.length);
    return [...this.counts]
      .map(([key, obligations]) => {
        const [handoff, from, to] = key.split("\t") as [string, Side, Side];
        return { handoff, from, to, obligations };
      })
      .sort(
        (a, b) =>
          rank(a.handoff) - rank(b.handoff) ||
          cmp(a.handoff, b.handoff) ||
          SIDES.indexOf(a.from) - SIDES.indexOf(b.from) ||
          SIDES.indexOf(a.to) - SIDES.indexOf(b.to),
      );
  }

  /** The examples of each transition, in the transitions' order. */
  examplesOf(transitions: readonly Transition[]): ChangeExample[] {
    return transitions.flatMap((t) => this.examples.get(`${t.handoff}\t${t.from}\t${t.to}`) ?? []);
  }
}

const SIDES: readonly Side[] = ["met", "late", "missed", "pending", "not met", "none"];
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
