import { describe, expect, it } from "vitest";
import type { LicenseStatus, LicenseTerm } from "../api/types";
import { parseDay } from "../lib/days";
import { formatDate } from "../lib/format";
import { licenseNotice, termSummary, uncoveredNotice } from "./licenseStanding";

const year: LicenseTerm = { start_date: "2027-01-01", end_date: "2027-12-31", grace_days: 30 };
const day = (text: string) => parseDay(text) ?? Number.NaN;
const license = (status: LicenseStatus, term: LicenseTerm | null = year) => ({
  status,
  term,
  publisher_name: "Contoso Ltd",
  suspension: null,
  trial: false,
});

describe("termSummary", () => {
  it.each<[LicenseStatus, LicenseTerm | null, string, string]>([
    ["active", null, "2027-06-01", "No end date"],
    ["active", year, "2027-12-07", `Ends ${formatDate("2027-12-31")} · 25 days left`],
    ["active", year, "2027-12-31", `Ends ${formatDate("2027-12-31")} · Last day today`],
    ["grace", year, "2028-01-28", `Ended ${formatDate("2027-12-31")} · 3 days of grace left`],
    ["expired", year, "2028-03-01", `Ended ${formatDate("2027-12-31")}`],
    ["pending", year, "2026-12-07", `Starts ${formatDate("2027-01-01")}`],
    ["suspended", year, "2027-06-01", `Ends ${formatDate("2027-12-31")}`],
  ])("%s %j on %s", (status, term, today, expected) => {
    expect(termSummary({ status, term }, day(today))).toBe(expected);
  });
});

describe("licenseNotice: what the status means for assigned users", () => {
  it("says nothing while active", () => {
    expect(licenseNotice(license("active"), day("2027-06-01"))).toBeNull();
  });
  it.each<[LicenseStatus, string, "info" | "warning" | "error", RegExp[]]>([
    ["pending", "2026-12-07", "info", [new RegExp(`start on ${formatDate("2027-01-01")}`), /keep their seats/, /denies them until then/]],
    ["grace", "2028-01-30", "warning", [/still lets assigned users in/, /last day of grace today/, /until Contoso Ltd renews/]],
    ["expired", "2028-03-01", "error", [/keep their seats/, /denies them until Contoso Ltd renews/]],
    ["suspended", "2027-06-01", "error", [/keep their seats/, /denies them until Contoso Ltd reinstates/]],
  ])("%s", (status, today, intent, says) => {
    const notice = licenseNotice(license(status), day(today));
    expect(notice?.intent).toBe(intent);
    for (const s of says) expect(notice?.text).toMatch(s);
  });
  it("gives the publisher's reason for a suspension", () => {
    const suspended = { ...license("suspended"), suspension: { reason: "Invoice overdue", suspended_at: "2027-05-01T00:00:00.000Z" } };
    expect(licenseNotice(suspended, day("2027-06-01"))?.text).toMatch(/^The reason given: Invoice overdue\. /);
  });
  it("names the publisher who suspended", () => {
    expect(licenseNotice(license("suspended", null), day("2027-06-01"))?.title).toBe("Suspended by Contoso Ltd");
  });
});

describe("a free trial", () => {
  const trial: LicenseTerm = { start_date: "2027-01-01", end_date: "2027-01-30", grace_days: 0 };
  it.each<[LicenseStatus, string, string]>([
    ["active", "2027-01-17", `Trial ends ${formatDate("2027-01-30")} · 14 days left`],
    ["active", "2027-01-30", `Trial ends ${formatDate("2027-01-30")} · Last day today`],
    ["expired", "2027-02-01", `Trial ended ${formatDate("2027-01-30")}`],
  ])("%s on %s", (status, today, expected) => {
    expect(termSummary({ status, term: trial, trial: true }, day(today))).toBe(expected);
  });
  it("says, once ended, that the publisher sells the licenses that let users in again", () => {
    const notice = licenseNotice({ ...license("expired", trial), trial: true }, day("2027-02-01"));
    expect(notice?.title).toBe("Trial ended");
    expect(notice?.text).toBe(
      `The free trial ended on ${formatDate("2027-01-30")}. Assigned users keep their seats, but the app denies them ` +
        "until your organization buys licenses from Contoso Ltd.",
    );
  });
});

describe("uncoveredNotice: assigned users the licenses in force don't cover", () => {
  const row = (status: LicenseStatus, assigned: number, uncovered: number) => ({
    status,
    assigned,
    uncovered,
    publisher_name: "Contoso Ltd",
  });
  it("says nothing when all are covered", () => {
    expect(uncoveredNotice(row("active", 8, 0))).toBeNull();
  });
  it("counts them while licenses are in force", () => {
    const notice = uncoveredNotice(row("active", 8, 3));
    expect(notice?.intent).toBe("warning");
    expect(notice?.title).toBe("3 assigned users not covered");
    expect(notice?.text).toMatch(/denies the 3 most recently assigned until Contoso Ltd adds, renews or reinstates/);
    expect(uncoveredNotice(row("grace", 8, 1))?.title).toBe("1 assigned user not covered");
    expect(uncoveredNotice(row("grace", 8, 1))?.text).toMatch(/denies the one most recently assigned/);
  });
  it("leaves it to the status's notice when that already denies everyone", () => {
    expect(uncoveredNotice(row("expired", 8, 8))).toBeNull();
    expect(uncoveredNotice(row("suspended", 2, 2))).toBeNull();
    // Some licenses expired while others of the pool still run: counted.
    expect(uncoveredNotice(row("expired", 8, 5))?.title).toBe("5 assigned users not covered");
  });
});
