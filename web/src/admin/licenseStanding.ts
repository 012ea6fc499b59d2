// What a license's status means for a customer's admin (the Admin Center's Licenses and a license's page): its
// end and the days left in a line (a free trial's named so), and, when the app denies the users assigned to it,
// why and until when; and how many assigned users the licenses in force no longer cover. Users keep their seats
// through every status; only the publisher renews, reinstates or sells licenses after a trial.
import type { TenantLicense } from "../api/types";
import { formatCount, formatDate, formatNumber } from "../lib/format";
import { daysLeftText, lastDayOfGrace } from "../lib/licenseTerms";

type Standing = Pick<TenantLicense, "status" | "term" | "publisher_name" | "suspension" | "trial">;

// The term in a line: "Ends 31 Dec 2027 · 25 days left", "Ended 31 Dec 2027 · 3 days of grace left",
// "Starts 1 Jan 2027", "No end date"; a trial's "Trial ends 6 Jan 2027 · 30 days left", "Trial ended …".
export function termSummary(
  { status, term, trial = false }: Pick<TenantLicense, "status" | "term"> & { trial?: boolean },
  today: number,
): string {
  if (!term) return "No end date";
  if (status === "pending") return `Starts ${formatDate(term.start_date)}`;
  const left = daysLeftText(status, term, today);
  const ended = status === "grace" || status === "expired";
  const verb = ended ? "Ended" : "Ends";
  const lead = trial ? `Trial ${verb.toLowerCase()}` : verb;
  return `${lead} ${formatDate(term.end_date)}${left ? ` · ${left}` : ""}`;
}

export interface LicenseNotice {
  intent: "info" | "warning" | "error";
  title: string;
  text: string;
}

// Why the app may deny the users assigned to the license, and what ends it; null while it is active.
export function licenseNotice(
  { status, term, publisher_name: publisher, suspension, trial }: Standing,
  today: number,
): LicenseNotice | null {
  const keep = "Assigned users keep their seats";
  const ended = term ? `The term ended on ${formatDate(term.end_date)}` : "The term ended";
  switch (status) {
    case "active":
      return null;
    case "pending": {
      const starts = term ? `These licenses start on ${formatDate(term.start_date)}.` : "These licenses have not started.";
      return {
        intent: "info",
        title: "Not started yet",
        text: `${starts} ${keep}, but the app denies them until then, and no one new can be assigned.`,
      };
    }
    case "grace": {
      const through = term ? ` through ${formatDate(lastDayOfGrace(term))}` : "";
      const left = daysLeftText(status, term, today);
      return {
        intent: "warning",
        title: "In grace",
        text:
          `${ended}; the app still lets assigned users in${through}${left ? ` (${left.toLowerCase()})` : ""}. ` +
          `After that it denies them until ${publisher} renews these licenses.`,
      };
    }
    case "expired":
      if (trial) {
        return {
          intent: "error",
          title: "Trial ended",
          text:
            `The free trial ended${term ? ` on ${formatDate(term.end_date)}` : ""}. ${keep}, but the app denies them ` +
            `until your organization buys licenses from ${publisher}.`,
        };
      }
      return {
        intent: "error",
        title: "Expired",
        text: `${ended}. ${keep}, but the app denies them until ${publisher} renews these licenses.`,
      };
    case "suspended":
      return {
        intent: "error",
        title: `Suspended by ${publisher}`,
        text:
          `${suspension ? `The reason given: ${suspension.reason}. ` : ""}` +
          `${keep}, but the app denies them until ${publisher} reinstates these licenses.`,
      };
  }
}

// How many assigned users the licenses in force don't cover (`uncovered`: licenses lowered or lapsed below the
// seats kept), and what that means; null when all are covered, or when the status's own notice already says
// every assigned user is denied.
export function uncoveredNotice(
  license: Pick<TenantLicense, "status" | "assigned" | "uncovered" | "publisher_name">,
): LicenseNotice | null {
  const { status, assigned, uncovered, publisher_name: publisher } = license;
  if (uncovered <= 0) return null;
  if (status !== "active" && status !== "grace" && uncovered >= assigned) return null;
  const users = formatCount(uncovered, "assigned user");
  return {
    intent: "warning",
    title: `${users} not covered`,
    text:
      `The licenses in force cover fewer users than are assigned: the app denies the ` +
      `${uncovered === 1 ? "one" : formatNumber(uncovered)} most recently assigned until ${publisher} adds, renews ` +
      `or reinstates licenses, or you unassign users.`,
  };
}
