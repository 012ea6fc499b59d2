import { describe, expect, it } from "vitest";
import { offersTrial, trialOfferText, trialSummary } from "./trials";

describe("a plan's free trial in words", () => {
  it("is offered only with both a length and users", () => {
    expect(offersTrial({ trial_days: 30, trial_seats: 5 })).toBe(true);
    expect(offersTrial({ trial_days: 30, trial_seats: 0 })).toBe(false);
    expect(offersTrial({ trial_days: 0, trial_seats: 5 })).toBe(false);
  });
  it.each([
    [30, 5, "30-day trial, 5 users", "5 users for 30 days"],
    [1, 1, "1-day trial, 1 user", "1 user for 1 day"],
    [365, 10000, "365-day trial, 10,000 users", "10,000 users for 365 days"],
  ])("%i days, %i users", (days, seats, summary, offer) => {
    expect(trialSummary({ trial_days: days, trial_seats: seats })).toBe(summary);
    expect(trialOfferText({ trial_days: days, trial_seats: seats })).toBe(offer);
  });
  it("has no summary without a trial", () => {
    expect(trialSummary({ trial_days: 0, trial_seats: 0 })).toBeNull();
  });
});
