import { describe, expect, it } from "vitest";
import type { UsageRow } from "../api/types";
import { parseDay } from "./days";
import { formatDate, formatLastChecked } from "./format";
import { countPeriods, defaultRange, inactiveDaysError, periodLabel, rangeError, readUsageQuery, totalsByDate, usageParams } from "./usage";

const today = parseDay("2027-03-15") ?? 0;

describe("defaultRange: what a report covers at first", () => {
  it.each([
    ["day", "2027-02-14", "2027-03-15"], // 30 days, today included
    ["week", "2026-12-22", "2027-03-15"], // 12 weeks
    ["month", "2026-04-01", "2027-03-15"], // 12 months, from the first of the month
  ] as const)("%s → %s to %s", (interval, from, to) => {
    expect(defaultRange(interval, today)).toEqual({ from, to });
  });
  it("goes back across a year's start by month", () => {
    expect(defaultRange("month", parseDay("2027-01-31") ?? 0).from).toBe("2026-02-01");
  });
});

describe("countPeriods: as the server counts a report's periods", () => {
  const day = (text: string) => parseDay(text) ?? 0;
  it.each([
    ["2027-03-01", "2027-03-01", "day", 1],
    ["2027-03-01", "2027-03-31", "day", 31],
    ["2027-03-01", "2027-03-07", "week", 1], // Monday to Sunday
    ["2027-03-07", "2027-03-08", "week", 2], // Sunday, then Monday
    ["2027-03-03", "2027-03-24", "week", 4],
    ["2027-03-31", "2027-04-01", "month", 2],
    ["2026-12-15", "2027-03-01", "month", 4],
    ["2027-03-02", "2027-03-01", "day", 0],
  ] as const)("%s to %s by %s → %d", (from, to, interval, n) => {
    expect(countPeriods(day(from), day(to), interval)).toBe(n);
  });
});

describe("rangeError", () => {
  it("accepts a range of one day", () => {
    expect(rangeError("2027-03-01", "2027-03-01", "day")).toEqual({});
  });
  it("refuses an end before the start", () => {
    expect(rangeError("2027-03-02", "2027-03-01", "day")).toEqual({ to: "The end can't be before the start" });
  });
  it("refuses more periods than a report has, by the interval", () => {
    expect(rangeError("2026-01-01", "2027-01-01", "day")).toEqual({}); // 366 days
    expect(rangeError("2026-01-01", "2027-01-02", "day")).toEqual({
      from: "A report covers at most 366 days: choose a later start or a longer interval",
    });
    expect(rangeError("2026-01-01", "2027-01-02", "week")).toEqual({});
  });
  it("names each date that is not one", () => {
    expect(rangeError("2027-02-30", "soon", "day")).toEqual({
      from: "Enter a date (YYYY-MM-DD) from 2000 on",
      to: "Enter a date (YYYY-MM-DD) from 2000 on",
    });
  });
});

describe("the report in the page's address", () => {
  it("starts with the last 30 days by day", () => {
    expect(readUsageQuery(new URLSearchParams(), today)).toEqual({ from: "2027-02-14", to: "2027-03-15", interval: "day" });
  });
  it("reads the filters, and an interval's own default range", () => {
    expect(readUsageQuery(new URLSearchParams("interval=month&tenant=t1&service=contoso.crm.basic"), today)).toEqual({
      from: "2026-04-01",
      to: "2027-03-15",
      interval: "month",
      tenant_id: "t1",
      service_id: "contoso.crm.basic",
    });
  });
  it("takes an unknown interval as daily", () => {
    expect(readUsageQuery(new URLSearchParams("interval=hour&from=2027-01-01&to=2027-01-31"), today)).toEqual({
      from: "2027-01-01",
      to: "2027-01-31",
      interval: "day",
    });
  });
  it("writes back what it read", () => {
    const params = { from: "2027-01-01", to: "2027-01-31", interval: "week", tenant: "t1", service: "c.o.p" };
    expect(usageParams(readUsageQuery(new URLSearchParams(params), today))).toEqual(params);
  });
});

describe("totalsByDate: the chart's and the table's numbers", () => {
  const row = (date: string, tenant: string, provisioned: number, assigned: number, active: number): UsageRow => ({
    date,
    tenant_id: tenant,
    service_id: "contoso.crm.basic",
    plan_id: "basic",
    provisioned,
    assigned,
    active,
  });
  it("adds up the customers and plans of each period, oldest first", () => {
    expect(
      totalsByDate([row("2027-03-02", "a", 10, 8, 5), row("2027-03-01", "a", 10, 7, 4), row("2027-03-02", "b", 5, 5, 0)]),
    ).toEqual([
      { date: "2027-03-01", provisioned: 10, assigned: 7, active: 4 },
      { date: "2027-03-02", provisioned: 15, assigned: 13, active: 5 },
    ]);
  });
  it("has no points without rows", () => {
    expect(totalsByDate([])).toEqual([]);
  });
});

describe("periodLabel", () => {
  it("names a day, a week by its first day, and a month", () => {
    expect(periodLabel("2027-03-01", "day")).toBe(formatDate("2027-03-01"));
    expect(periodLabel("2027-03-01", "week")).toBe(`Week of ${formatDate("2027-03-01")}`);
    expect(periodLabel("2027-03-01", "month")).toBe(
      new Intl.DateTimeFormat(undefined, { month: "long", year: "numeric", timeZone: "UTC" }).format(
        new Date(Date.UTC(2027, 2, 1)),
      ),
    );
  });
  it("keeps a date it can't read", () => {
    expect(periodLabel("March", "month")).toBe("March");
  });
});

describe("formatLastChecked", () => {
  it("shows the day, or Never", () => {
    expect(formatLastChecked("2027-03-01")).toBe(formatDate("2027-03-01"));
    expect(formatLastChecked(null)).toBe("Never");
    expect(formatLastChecked(undefined)).toBe("Never");
  });
});

describe("inactiveDaysError: reclaim's number of days", () => {
  it.each([
    ["30", null],
    [" 90 ", null],
    ["1", null],
    ["", "Enter a number of days"],
    ["0", "Enter a whole number of days, 1 or more"],
    ["-5", "Enter a whole number of days, 1 or more"],
    ["7.5", "Enter a whole number of days, 1 or more"],
    ["a month", "Enter a whole number of days, 1 or more"],
  ])("%j → %j", (text, error) => {
    expect(inactiveDaysError(text)).toBe(error);
  });
});
