import { describe, expect, it } from "vitest";
import type { DealLicenseRow, LicenseStatus, LicenseTerm } from "../../api/types";
import { parseDay } from "../../lib/days";
import { ApiError } from "../../lib/problem";
import {
  licenseActions,
  reasonError,
  renewalError,
  renewalProposal,
  sameTerm,
  termChange,
  termDraft,
  termErrors,
  termFieldOf,
  termOf,
  type TermDraft,
} from "./terms";

const year: LicenseTerm = { start_date: "2027-01-01", end_date: "2027-12-31", grace_days: 30 };
const dates = (start_date: string, end_date: string, grace_days = "0"): TermDraft => ({ ends: true, start_date, end_date, grace_days });

describe("term fields", () => {
  it("open with the license's term, or with no end date and a year from today ready", () => {
    expect(termDraft(year, 0)).toEqual(dates("2027-01-01", "2027-12-31", "30"));
    expect(termDraft(null, parseDay("2026-12-07") ?? 0)).toEqual({ ...dates("2026-12-07", "2027-12-06"), ends: false });
    expect(termDraft(null, parseDay("2028-02-29") ?? 0)).toEqual({ ...dates("2028-02-29", "2029-02-27"), ends: false });
  });

  it.each<[string, TermDraft, ReturnType<typeof termErrors>]>([
    ["no end date needs nothing", { ends: false, start_date: "", end_date: "", grace_days: "x" }, {}],
    ["a one-day term", dates("2027-01-01", "2027-01-01"), {}],
    ["a leap day", dates("2028-02-29", "2028-02-29"), {}],
    ["empty grace days are 0", dates("2027-01-01", "2027-12-31", ""), {}],
    ["365 grace days", dates("2027-01-01", "2027-12-31", "365"), {}],
    ["past dates are allowed", dates("2001-01-01", "2001-12-31"), {}],
    ["no dates", dates("", ""), { start_date: "Enter the first day.", end_date: "Enter the last day." }],
    ["not a leap year", dates("2027-02-29", "2027-12-31"), { start_date: expect.stringMatching(/real date/) as string }],
    ["before 2000", dates("1999-01-01", "2027-12-31"), { start_date: expect.stringMatching(/2000/) as string }],
    ["the end before the start", dates("2027-12-31", "2027-01-01"), { end_date: "The end date can't be before the start date." }],
    ["366 grace days", dates("2027-01-01", "2027-12-31", "366"), { grace_days: expect.stringMatching(/0 to 365/) as string }],
    ["negative grace days", dates("2027-01-01", "2027-12-31", "-1"), { grace_days: expect.stringMatching(/0 to 365/) as string }],
    ["fractional grace days", dates("2027-01-01", "2027-12-31", "1.5"), { grace_days: expect.stringMatching(/whole/) as string }],
  ])("%s", (_, draft, errors) => {
    expect(termErrors(draft)).toEqual(errors);
  });

  it("say the term to send: null for no end date, grace days as a number", () => {
    expect(termOf({ ...dates("2027-01-01", "2027-12-31"), ends: false })).toBeNull();
    expect(termOf(dates(" 2027-01-01", "2027-12-31 ", " 30 "))).toEqual(year);
    expect(termOf(dates("2027-01-01", "2027-12-31", ""))).toEqual({ ...year, grace_days: 0 });
  });

  it("compare terms with absent grace days as 0", () => {
    expect(sameTerm(null, null)).toBe(true);
    expect(sameTerm(year, null)).toBe(false);
    expect(sameTerm({ ...year, grace_days: 0 }, { start_date: year.start_date, end_date: year.end_date })).toBe(true);
    expect(sameTerm(year, { ...year, end_date: "2028-01-01" })).toBe(false);
  });

  it.each<[string, LicenseTerm | null, TermDraft | undefined, LicenseTerm | null | undefined]>([
    ["not opened: absent, the term stays", year, undefined, undefined],
    ["opened, not touched: absent", year, dates("2027-01-01", "2027-12-31", "30"), undefined],
    ["no term, still no end date: absent", null, { ...dates("2027-01-01", "2027-12-31"), ends: false }, undefined],
    ["no end date chosen: null", year, { ...dates("2027-01-01", "2027-12-31"), ends: false }, null],
    ["new dates", null, dates("2027-01-01", "2027-12-31", "30"), year],
    ["a mistake: absent", year, dates("2027-01-01", "2026-12-31"), undefined],
  ])("%s", (_, current, draft, expected) => {
    expect(termChange(current, draft)).toEqual(expected);
  });

  it("find the term field a server error names", () => {
    const err = (field: string) => new ApiError({ status: 422, detail: "x", field });
    expect(termFieldOf(err("term.end_date"))).toBe("end_date");
    expect(termFieldOf(err("term.grace_days"))).toBe("grace_days");
    expect(termFieldOf(err("term.site"))).toBeNull();
    expect(termFieldOf(err("quantity"))).toBeNull();
    expect(termFieldOf(new Error("x"))).toBeNull();
  });
});

describe("Renew", () => {
  it("proposes the end a year later", () => {
    expect(renewalProposal(year)).toBe("2028-12-31");
    expect(renewalProposal({ ...year, end_date: "2028-02-29" })).toBe("2029-02-28");
  });
  it.each<[string, string | null]>([
    ["2028-01-01", null],
    ["2028-12-31", null],
    ["2027-12-31", "after"], // the current end itself
    ["2027-06-30", "after"],
    ["", "Enter the new end date."],
    ["2027-02-29", "real date"],
  ])("%j", (text, problem) => {
    const error = renewalError(text, year);
    if (problem === null) expect(error).toBeNull();
    else expect(error).toContain(problem);
  });
});

describe("Suspend's reason", () => {
  it.each<[string, boolean]>([
    ["unpaid invoice", true],
    ["   ", false],
    ["", false],
    ["x".repeat(500), true],
    ["x".repeat(501), false],
    ["é".repeat(500), true], // characters, not bytes
  ])("%j is %s", (text, ok) => {
    expect(reasonError(text) === null).toBe(ok);
  });
});

describe("a row's actions", () => {
  const row = (status: LicenseStatus, term: LicenseTerm | null, active = true, trial = false) =>
    ({ status, term, active, trial }) satisfies Pick<DealLicenseRow, "status" | "term" | "active" | "trial">;
  it.each<[string, ReturnType<typeof row>, string[]]>([
    ["active with a term", row("active", year), ["change_term", "renew", "suspend"]],
    ["active without a term: nothing to renew", row("active", null), ["change_term", "suspend"]],
    ["expired", row("expired", year), ["change_term", "renew", "suspend"]],
    ["in grace", row("grace", year), ["change_term", "renew", "suspend"]],
    ["pending", row("pending", year), ["change_term", "renew", "suspend"]],
    ["suspended with a term", row("suspended", year), ["change_term", "renew", "reinstate"]],
    ["suspended without a term", row("suspended", null), ["change_term", "reinstate"]],
    ["removed: history only", row("active", year, false), []],
    ["a trial: its term changes only by converting it", row("active", year, true, true), ["suspend"]],
    ["a suspended trial", row("suspended", year, true, true), ["reinstate"]],
  ])("%s", (_, r, actions) => {
    expect(licenseActions(r)).toEqual(actions);
  });
});
