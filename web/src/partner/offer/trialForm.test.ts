import { describe, expect, it } from "vitest";
import { trialDraft, trialErrors, trialOf, trialPatch } from "./trialForm";

const none = { trial_days: 0, trial_seats: 0 };
const month = { trial_days: 30, trial_seats: 5 };

describe("a plan's Free trial fields", () => {
  it("start as the plan's trial, or as No free trial with 30 days and 5 users ready", () => {
    expect(trialDraft(month)).toEqual({ offered: true, days: "30", seats: "5" });
    expect(trialDraft(none)).toEqual({ offered: false, days: "30", seats: "5" });
  });
  it.each([
    ["", "5", { trial_days: "Enter the trial length in days." }],
    ["0", "5", { trial_days: "Enter a whole number from 1 to 365." }],
    ["366", "5", { trial_days: "Enter a whole number from 1 to 365." }],
    ["14.5", "5", { trial_days: "Enter a whole number from 1 to 365." }],
    ["14", "", { trial_seats: "Enter the number of trial users." }],
    ["14", "0", { trial_seats: "Enter a whole number from 1 to 10,000." }],
    ["14", "10001", { trial_seats: "Enter a whole number from 1 to 10,000." }],
    ["365", "10000", {}],
    [" 1 ", "1", {}],
  ])("days %j, users %j", (days, seats, errors) => {
    expect(trialErrors({ offered: true, days, seats })).toEqual(errors);
  });
  it("checks nothing when no trial is offered", () => {
    expect(trialErrors({ offered: false, days: "", seats: "x" })).toEqual({});
    expect(trialOf({ offered: false, days: "30", seats: "5" })).toEqual(none);
  });
  it("patches only a valid change", () => {
    expect(trialPatch(none, { offered: true, days: "14", seats: "3" })).toEqual({ trial_days: 14, trial_seats: 3 });
    expect(trialPatch(month, { offered: false, days: "30", seats: "5" })).toEqual(none);
    expect(trialPatch(month, { offered: true, days: "30", seats: "5" })).toBeNull();
    expect(trialPatch(none, { offered: false, days: "30", seats: "5" })).toBeNull();
    expect(trialPatch(none, { offered: true, days: "0", seats: "5" })).toBeNull();
  });
});
