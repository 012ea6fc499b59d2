// Usage reports' dates and numbers: the range and interval a report covers (kept in the page's address, with a
// default), the totals per period that the chart and its table show, and each period in words.
import type { UsageQuery } from "../api/usage";
import type { UsageInterval, UsageRow } from "../api/types";
import { dayText, parseDay, utcToday } from "./days";
import { formatDate } from "./format";

export const intervals: readonly UsageInterval[] = ["day", "week", "month"];

export const intervalLabel: Record<UsageInterval, string> = { day: "Daily", week: "Weekly", month: "Monthly" };

// What one period is called (a table's first column, the chart's axis).
export const periodName: Record<UsageInterval, string> = { day: "Day", week: "Week", month: "Month" };

// The range a report starts with: the last 30 days by day, the last 12 weeks by week, the last 12 months by
// month, each ending today (UTC).
export function defaultRange(interval: UsageInterval, today: number = utcToday()): { from: string; to: string } {
  const to = dayText(today);
  if (interval === "day") return { from: dayText(today - 29), to };
  if (interval === "week") return { from: dayText(today - 7 * 12 + 1), to };
  const d = new Date(today * 86_400_000);
  return { from: dayText(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - 11, 1) / 86_400_000), to };
}

// The most periods one report has (the server's limit, domain/limits.hpp kMaxUsagePeriods).
export const MAX_PERIODS = 366;

// How many periods a report from day `from` to day `to` has, as the server counts them: days; ISO weeks (Monday
// to Sunday) touched; calendar months touched.
export function countPeriods(from: number, to: number, interval: UsageInterval): number {
  if (to < from) return 0;
  if (interval === "day") return to - from + 1;
  if (interval === "week") {
    const monday = (day: number) => day - ((day + 3) % 7); // 1970-01-01 was a Thursday
    return (monday(to) - monday(from)) / 7 + 1;
  }
  const f = new Date(from * 86_400_000);
  const t = new Date(to * 86_400_000);
  return (t.getUTCFullYear() - f.getUTCFullYear()) * 12 + t.getUTCMonth() - f.getUTCMonth() + 1;
}

export function rangeError(from: string, to: string, interval: UsageInterval): { from?: string; to?: string } {
  const errors: { from?: string; to?: string } = {};
  const f = parseDay(from);
  const t = parseDay(to);
  if (f === null) errors.from = "Enter a date (YYYY-MM-DD) from 2000 on";
  if (t === null) errors.to = "Enter a date (YYYY-MM-DD) from 2000 on";
  if (f !== null && t !== null && f > t) errors.to = "The end can't be before the start";
  else if (f !== null && t !== null && countPeriods(f, t, interval) > MAX_PERIODS) {
    errors.from = `A report covers at most ${MAX_PERIODS} ${periodName[interval].toLowerCase()}s: choose a later start or a longer interval`;
  }
  return errors;
}

// The report a page's address asks for (from, to, interval, tenant, service), with defaults for what it leaves
// out or gets wrong.
export function readUsageQuery(params: URLSearchParams, today: number = utcToday()): UsageQuery {
  const asked = params.get("interval");
  const interval: UsageInterval = intervals.includes(asked as UsageInterval) ? (asked as UsageInterval) : "day";
  const range = defaultRange(interval, today);
  const query: UsageQuery = { from: params.get("from") ?? range.from, to: params.get("to") ?? range.to, interval };
  const tenant = params.get("tenant");
  const service = params.get("service");
  if (tenant) query.tenant_id = tenant;
  if (service) query.service_id = service;
  return query;
}

export function usageParams(query: UsageQuery): Record<string, string> {
  const params: Record<string, string> = { from: query.from, to: query.to, interval: query.interval };
  if (query.tenant_id) params.tenant = query.tenant_id;
  if (query.service_id) params.service = query.service_id;
  return params;
}

export interface UsagePoint {
  date: string;
  provisioned: number;
  assigned: number;
  active: number;
}

// The rows of each period added up (over the customers and plans the report covers), oldest first.
export function totalsByDate(rows: readonly UsageRow[]): UsagePoint[] {
  const byDate = new Map<string, UsagePoint>();
  for (const r of rows) {
    const p = byDate.get(r.date) ?? { date: r.date, provisioned: 0, assigned: 0, active: 0 };
    p.provisioned += r.provisioned;
    p.assigned += r.assigned;
    p.active += r.active;
    byDate.set(r.date, p);
  }
  return [...byDate.values()].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

const monthFormat = new Intl.DateTimeFormat(undefined, { month: "long", year: "numeric", timeZone: "UTC" });

// A period by its first day: the day, "Week of <day>", or the month and year.
export function periodLabel(date: string, interval: UsageInterval): string {
  if (interval === "day") return formatDate(date);
  if (interval === "week") return `Week of ${formatDate(date)}`;
  const day = parseDay(date);
  return day === null ? date : monthFormat.format(new Date(day * 86_400_000));
}

// "Not checked for N days", as typed: a whole number of days from 1, or what is wrong with it.
export function inactiveDaysError(text: string): string | null {
  const t = text.trim();
  if (t === "") return "Enter a number of days";
  if (!/^\d+$/.test(t) || Number(t) < 1) return "Enter a whole number of days, 1 or more";
  return null;
}
