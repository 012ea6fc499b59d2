import { describe, expect, it } from "vitest";
import type { LicenseStatus, LicenseTerm } from "../api/types";
import { parseDay } from "./days";
import { daysLeft, daysLeftText, graceText, lastDayOfGrace, licenseStatusColor, licenseStatusLabel, termRange } from "./licenseTerms";

const day = (text: string) => parseDay(text) ?? Number.NaN;
const term = (start_date: string, end_date: string, grace_days = 0): LicenseTerm => ({ start_date, end_date, grace_days });

describe("status words and colours", () => {
  it("names every status in words, each with its own colour", () => {
    const statuses: LicenseStatus[] = ["pending", "active", "grace", "expired", "suspended"];
    expect(statuses.map((s) => licenseStatusLabel[s])).toEqual(["Pending", "Active", "In grace", "Expired", "Suspended"]);
    expect(new Set(statuses.map((s) => licenseStatusColor[s])).size).toBe(statuses.length);
  });
});

describe("lastDayOfGrace", () => {
  it.each([
    [term("2027-01-01", "2027-12-31"), "2027-12-31"],
    [term("2027-01-01", "2027-12-31", 30), "2028-01-30"],
    [term("2027-01-01", "2028-02-28", 1), "2028-02-29"], // across a leap day
    [term("2027-01-01", "2027-02-28", 1), "2027-03-01"],
    [{ start_date: "2027-01-01", end_date: "2027-12-31" }, "2027-12-31"], // grace_days absent is 0
  ])("%j → %s", (t, expected) => {
    expect(lastDayOfGrace(t)).toBe(expected);
  });
});

describe("daysLeft: days in force, today included, in UTC days", () => {
  const year = term("2027-01-01", "2027-12-31", 30);
  it.each<[string, LicenseStatus, LicenseTerm | null, string, ReturnType<typeof daysLeft>]>([
    ["an active term ending today", "active", year, "2027-12-31", { days: 1, of: "term" }],
    ["an active term ending tomorrow", "active", year, "2027-12-30", { days: 2, of: "term" }],
    ["a whole year from its first day", "active", year, "2027-01-01", { days: 365, of: "term" }],
    ["grace's first day", "grace", year, "2028-01-01", { days: 30, of: "grace" }],
    ["grace's last day", "grace", year, "2028-01-30", { days: 1, of: "grace" }],
    ["a leap day: to its end", "active", term("2028-01-01", "2028-02-29"), "2028-02-28", { days: 2, of: "term" }],
    ["grace over a leap day", "grace", term("2028-01-01", "2028-02-28", 2), "2028-02-29", { days: 2, of: "grace" }],
    ["a term through a leap year", "active", term("2028-01-01", "2028-12-31"), "2028-01-01", { days: 366, of: "term" }],
    ["no term: no end", "active", null, "2027-06-01", null],
    ["expired", "expired", year, "2028-02-01", null],
    ["suspended", "suspended", year, "2027-06-01", null],
    ["pending", "pending", year, "2026-12-01", null],
    // The server's day turned before the browser's, or the other way round: nothing rather than 0 or less.
    ["active by the server, past its end by the browser", "active", year, "2028-01-01", null],
    ["in grace by the server, past it by the browser", "grace", year, "2028-01-31", null],
  ])("%s", (_, status, t, today, expected) => {
    expect(daysLeft(status, t, day(today))).toEqual(expected);
  });
});

describe("daysLeftText", () => {
  const year = term("2027-01-01", "2027-12-31", 30);
  it.each<[LicenseStatus, string, string | null]>([
    ["active", "2027-12-31", "Last day today"],
    ["active", "2027-12-30", "2 days left"],
    ["grace", "2028-01-30", "Last day of grace today"],
    ["grace", "2028-01-28", "3 days of grace left"],
    ["expired", "2028-02-01", null],
  ])("%s on %s → %j", (status, today, expected) => {
    expect(daysLeftText(status, year, day(today))).toBe(expected);
  });
});

describe("term in words", () => {
  it("writes the range, or no end date", () => {
    expect(termRange(null)).toBe("No end date");
    expect(termRange(term("2027-01-01", "2027-12-31"))).toMatch(/2027.+–.+2027/);
  });
  it.each([
    [0, "No grace days"],
    [1, "1 day of grace"],
    [30, "30 days of grace"],
  ])("%i grace days → %s", (n, expected) => {
    expect(graceText(term("2027-01-01", "2027-12-31", n))).toBe(expected);
  });
});
