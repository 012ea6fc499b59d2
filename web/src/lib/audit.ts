// Audit log events (GET /api/v1/events) in words.
import type { Event } from "../api/types";
import type { LicenseTerm } from "../api/types";
import { dealStateLabel, formatDate, formatNumber, offerStateLabel } from "./format";
import { termRange } from "./licenseTerms";

export function describeActor(actor: string, currentUserId?: string): string {
  if (actor === "system") return "Seatkeeper";
  if (actor === "public") return "Marketplace visitor";
  const [kind, id = ""] = actor.split(":", 2);
  if (kind === "user") return currentUserId && id === currentUserId ? "You" : `User ${id.slice(0, 8)}`;
  if (kind === "key") return `API key ${id.slice(0, 8)}`;
  if (kind === "invitation") return "Customer admin (signed up from the invitation)";
  return actor;
}

function field(value: unknown, key: string): unknown {
  return value && typeof value === "object" ? (value as Record<string, unknown>)[key] : undefined;
}

function stateName(value: unknown): string {
  return typeof value === "string" && value in offerStateLabel
    ? offerStateLabel[value as keyof typeof offerStateLabel]
    : String(value ?? "?");
}

function dealStateName(value: unknown): string {
  return typeof value === "string" && value in dealStateLabel
    ? dealStateLabel[value as keyof typeof dealStateLabel]
    : String(value ?? "?");
}

function quantity(value: unknown): string {
  const q = field(value, "quantity");
  return typeof q === "number" ? formatNumber(q) : "?";
}

// A license snapshot's term (absent before terms existed, null for none), or null when it has none.
function termOf(value: unknown): LicenseTerm | null {
  const term = field(value, "term");
  const start = field(term, "start_date");
  const end = field(term, "end_date");
  if (typeof start !== "string" || typeof end !== "string") return null;
  const grace = field(term, "grace_days");
  return { start_date: start, end_date: end, grace_days: typeof grace === "number" ? grace : 0 };
}

function termWords(term: LicenseTerm | null): string {
  return term ? termRange(term) : "no end date";
}

export function describeEvent(event: Event): string {
  const before = event.payload.before;
  const after = event.payload.after;
  const plan = /\/plans\/([^/]+)$/.exec(event.subject)?.[1];
  const licensePlan = /\/licenses\/([^/]+)$/.exec(event.subject)?.[1] ?? "?";
  switch (event.type) {
    case "offer.created":
      return "Offer created";
    case "offer.updated":
      return "Offer changed";
    case "offer.package_uploaded":
      return "Package uploaded";
    case "offer.state_changed":
      return `Status: ${stateName(field(before, "state"))} → ${stateName(field(after, "state"))}`;
    case "offer.reviewed": {
      const notes = field(after, "notifications");
      const count = Array.isArray(notes) ? notes.length : 0;
      return count === 0 ? "Review passed" : `Review found ${count} issue${count === 1 ? "" : "s"}`;
    }
    case "plan.created":
      return `Plan ${plan ?? ""} created`.replace("  ", " ");
    case "plan.updated":
      return `Plan ${plan ?? ""} changed`.replace("  ", " ");
    case "lead.created": {
      // The event keeps the company and e-mail address of the lead (not the name).
      const from = [field(after, "company"), field(after, "email")].find((v) => typeof v === "string" && v !== "");
      return typeof from === "string" ? `Lead from ${from}` : "Lead received";
    }
    case "deal.registered":
      return "Deal registered";
    case "deal.updated":
      return "Deal changed";
    case "deal.state_changed":
      return `Status: ${dealStateName(field(before, "state"))} → ${dealStateName(field(after, "state"))}`;
    case "invitation.created": {
      const email = field(after, "email");
      return typeof email === "string" ? `Customer invited to consent (${email})` : "Customer invited to consent";
    }
    case "invitation.accepted":
      return "Customer accepted the invitation";
    case "invitation.declined":
      return "Customer declined the invitation";
    case "license.granted": {
      const term = termOf(after);
      return `Licenses added: ${licensePlan}, ${quantity(after)}${term ? ` (${termWords(term)})` : ""}`;
    }
    case "license.changed": {
      const changes: string[] = [];
      if (quantity(before) !== quantity(after)) changes.push(`${quantity(before)} → ${quantity(after)}`);
      const [was, is] = [termWords(termOf(before)), termWords(termOf(after))];
      if (was !== is) changes.push(`term ${was} → ${is}`);
      return `Licenses changed: ${licensePlan}${changes.length > 0 ? `, ${changes.join("; ")}` : ""}`;
    }
    case "license.removed":
      return `Licenses removed: ${licensePlan}`;
    case "license.suspended": {
      const reason = field(after, "suspension_reason");
      return `Licenses suspended: ${licensePlan}${typeof reason === "string" ? ` (${reason})` : ""}`;
    }
    case "license.reinstated":
      return `Licenses reinstated: ${licensePlan}`;
    case "license.renewed": {
      const term = termOf(after);
      return `Licenses renewed: ${licensePlan}${term ? `, to ${formatDate(term.end_date)}` : ""}`;
    }
    default:
      return event.type;
  }
}

// The fields that differ between before and after, as dotted paths ("listing.name"); bookkeeping fields
// that change with every write are left out.
export function changedFields(payload: Event["payload"]): string[] {
  if (payload.before == null || payload.after == null) return [];
  const skip = new Set(["updated_at", "created_at"]);
  const out: string[] = [];
  const walk = (a: unknown, b: unknown, path: string) => {
    const objects = a && b && typeof a === "object" && typeof b === "object" && !Array.isArray(a) && !Array.isArray(b);
    if (objects) {
      const keys = new Set([...Object.keys(a as object), ...Object.keys(b as object)]);
      for (const k of [...keys].sort()) {
        if (skip.has(k)) continue;
        walk((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], path ? `${path}.${k}` : k);
      }
    } else if (JSON.stringify(a) !== JSON.stringify(b)) {
      out.push(path || "(value)");
    }
  };
  walk(payload.before, payload.after, "");
  return out;
}
