// Dates and numbers for people, in the browser's locale (Intl).
import type { CallToAction, DealState, OfferState, PlanState } from "../api/types";

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });
const numberFormat = new Intl.NumberFormat();

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return "—";
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : dateTime.format(d);
}

export function formatNumber(n: number): string {
  return numberFormat.format(n);
}

// "1 user", "12 users"; `plural` where adding an s won't do.
export function formatCount(n: number, noun: string, plural = `${noun}s`): string {
  return `${formatNumber(n)} ${n === 1 ? noun : plural}`;
}

export function formatBytes(n: number): string {
  const units = ["bytes", "KB", "MB", "GB"];
  let value = n;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const digits = unit === 0 ? 0 : 1;
  return `${new Intl.NumberFormat(undefined, { maximumFractionDigits: digits }).format(value)} ${units[unit]}`;
}

export type BadgeColor = "informative" | "warning" | "success" | "danger" | "severe" | "important" | "brand" | "subtle";

export const offerStateLabel: Record<OfferState, string> = {
  draft: "Draft",
  in_review: "In review",
  needs_attention: "Needs attention",
  preview: "Preview",
  publishing: "Publishing",
  live: "Live",
};

export const offerStateColor: Record<OfferState, BadgeColor> = {
  draft: "subtle",
  in_review: "informative",
  needs_attention: "danger",
  preview: "warning",
  publishing: "brand",
  live: "success",
};

export const planStateLabel: Record<PlanState, string> = {
  draft: "Draft",
  submitted: "Submitted",
  published: "Published",
};

// The seed's words for a deal's states (Deal Registration's tabs).
export const dealStateLabel: Record<DealState, string> = {
  submitted: "Submitted",
  in_progress: "In Progress",
  won: "Won",
  lost: "Lost",
  withdrawn: "Withdrawn",
};

export const dealStateColor: Record<DealState, BadgeColor> = {
  submitted: "informative",
  in_progress: "brand",
  won: "success",
  lost: "danger",
  withdrawn: "subtle",
};

// An amount of money in its ISO 4217 currency ("$12,500.50"); an unknown code is written after the number.
export function formatMoney(value: number, currency: string): string {
  try {
    return new Intl.NumberFormat(undefined, { style: "currency", currency }).format(value);
  } catch {
    return `${new Intl.NumberFormat(undefined, { maximumFractionDigits: 2 }).format(value)} ${currency}`;
  }
}

// A calendar date (YYYY-MM-DD, no time zone) as the reader writes dates.
export function formatDate(date: string | null | undefined): string {
  if (!date) return "—";
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return date;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeZone: "UTC" }).format(d);
}

// When a seat was last checked (the day of its last check or token), or "Never".
export function formatLastChecked(date: string | null | undefined): string {
  return date ? formatDate(date) : "Never";
}

// The seed's words for each call to action.
export const callToActionLabel: Record<CallToAction, string> = {
  get_it_now: "Get it now (Free)",
  free_trial: "Free trial",
  contact_me: "Contact me",
};

export const marketplaceActionLabel: Record<CallToAction, string> = {
  get_it_now: "Get it now",
  free_trial: "Free trial",
  contact_me: "Contact me",
};

// Offer states in which nothing may change (the server refuses with 409).
export function isFrozen(state: OfferState): boolean {
  return state === "in_review" || state === "publishing";
}

// "contoso.crm" → its parts, or null when it is not a product id.
export function parseProductId(id: string): { publisher: string; offer: string } | null {
  const m = /^([a-z0-9_-]+)\.([a-z0-9_-]+)$/.exec(id);
  return m ? { publisher: m[1] ?? "", offer: m[2] ?? "" } : null;
}

// Where the sign-in page sends the user back to: only paths of this site, never another origin.
export function safeNext(next: string | null): string {
  if (!next || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) return "/partner";
  if (next.startsWith("/signin")) return "/partner";
  return next;
}
