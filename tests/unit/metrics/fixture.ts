/**
 * The hand-computed funnel most metric tests use (times in hours after T0, as-of T0 + 10 days):
 *   L1: inquiry 0, mql 24, sal 48                       (open)
 *   L2: inquiry 0, mql 24, disqualified 72              (ended)
 *   L3: inquiry 0, mql 48, sql 72 (skips sal)           (open)
 *   L4: inquiry 0                                       (open)
 *   L5: inquiry 0, mql 24, sal 48, sql 72, won 96       (completed)
 *   L6: inquiry 0, mql 216 (9 days), no response        (open)
 *   L7: inquiry 0, mql 192 (8 days), no response        (open)
 * Activities: L1 call by Ann at 51 (sal + 3h); L5 call by Bob at 49, e-mail by Ann at 53.
 */

import { activity, DAY, dataset, HOUR, lead, stage, T0 } from "../../helpers/builders.js";

export const AS_OF = T0 + 10 * DAY;
const h = (n: number) => T0 + n * HOUR;

export const HANDOFFS = `handoffs:
  - { id: mql-response, from: mql, to: [sal, disqualified], within: 1d, target: 0.9 }
  - { id: first-touch, from: sal, activity: { types: [call, email] }, within: 4h, target: 0.8 }
`;

export function funnel() {
  const leads = ["L1", "L2", "L3", "L4", "L5", "L6", "L7"].map((id) => lead(id));
  const events = [
    stage("L1", "mql", h(24)),
    stage("L1", "sal", h(48)),
    stage("L2", "mql", h(24)),
    stage("L2", "disqualified", h(72)),
    stage("L3", "mql", h(48)),
    stage("L3", "sql", h(72)),
    stage("L5", "mql", h(24)),
    stage("L5", "sal", h(48)),
    stage("L5", "sql", h(72)),
    stage("L5", "won", h(96)),
    stage("L6", "mql", h(216)),
    stage("L7", "mql", h(192)),
  ];
  const activities = [
    activity("L1", "call", h(51), "Ann"),
    activity("L5", "call", h(49), "Bob"),
    activity("L5", "email", h(53), "Ann"),
  ];
  return dataset(leads, events, activities);
}
