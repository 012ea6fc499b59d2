import { describe, expect, it } from "vitest";
import { addYears, dayText, parseDay, utcToday } from "./days";

describe("parseDay: the server's date rule", () => {
  it.each([
    ["1970-01-01", null], // before 2000: a typo, not a term
    ["2000-01-01", 10957],
    ["2028-02-29", 21243], // leap day
    ["2027-02-29", null], // no leap day that year
    ["2100-02-29", null], // centuries are not leap years…
    ["2000-02-29", 11016], // …unless divisible by 400
    ["2026-12-31", 20818],
    ["2026-13-01", null],
    ["2026-04-31", null],
    ["2026-1-1", null],
    ["", null],
    ["2026-01-01T00:00", null],
  ])("%j → %j", (text, day) => {
    expect(parseDay(text)).toBe(day);
  });
  it("writes a day back as it was read", () => {
    for (const text of ["2000-01-01", "2028-02-29", "2026-12-31"]) expect(dayText(parseDay(text) ?? 0)).toBe(text);
  });
});

describe("utcToday: the day in UTC, whatever the time of day", () => {
  it.each([
    ["2026-12-07T00:00:00.000Z", "2026-12-07"],
    ["2026-12-07T23:59:59.999Z", "2026-12-07"],
    ["2026-12-08T00:00:00.000Z", "2026-12-08"],
    ["2026-12-07T23:30:00.000-05:00", "2026-12-08"], // evening in New York is tomorrow in UTC
    ["2028-02-29T12:00:00.000Z", "2028-02-29"],
  ])("%s → %s", (instant, day) => {
    expect(dayText(utcToday(new Date(instant)))).toBe(day);
  });
});

describe("addYears", () => {
  it.each([
    ["2027-12-31", 1, "2028-12-31"],
    ["2028-02-29", 1, "2029-02-28"], // no leap day next year
    ["2028-02-29", 4, "2032-02-29"],
    ["2027-03-01", 1, "2028-03-01"],
    ["not a date", 1, "not a date"],
  ])("%s + %i years → %s", (date, years, expected) => {
    expect(addYears(date, years)).toBe(expected);
  });
});
