import { describe, expect, it } from "vitest";
import { checkCapacity, seatsNeeded, totals, usage } from "./capacity";

describe("usage", () => {
  it("gives the bar's width and its text alternative", () => {
    const u = usage({ quantity: 50, assigned: 8, available: 42 });
    expect(u.assignedPercent).toBe(16);
    expect(u.over).toBe(0);
    expect(u.label).toBe("8 of 50 assigned (16%), 42 available");
  });
  it("formats large numbers and caps the bar at full", () => {
    const u = usage({ quantity: 1000, assigned: 1200, available: 0 });
    expect(u.assignedPercent).toBe(100);
    expect(u.over).toBe(200);
    expect(u.label).toBe("1,200 of 1,000 assigned (120%), 0 available, 200 over the number of licenses");
  });
  it("handles a pool with no licenses left", () => {
    expect(usage({ quantity: 0, assigned: 0, available: 0 }).assignedPercent).toBe(0);
    expect(usage({ quantity: 0, assigned: 2, available: 0 }).assignedPercent).toBe(100);
  });
});

describe("seats", () => {
  it("counts only users without a seat, once each", () => {
    const holders = new Set(["a@x.example"]);
    expect(seatsNeeded(["a@x.example", "B@x.example", "b@x.example", "c@x.example"], holders)).toBe(2);
  });
  it("says how many are missing", () => {
    expect(checkCapacity(3, 5)).toEqual({ needed: 3, available: 5, short: 0 });
    expect(checkCapacity(7, 5)).toEqual({ needed: 7, available: 5, short: 2 });
  });
  it("sums the licenses", () => {
    const l = {
      publisher_id: "",
      publisher_name: "",
      offer_id: "",
      offer_name: "",
      plan_id: "",
      plan_name: "",
      service_id: "",
      status: "active" as const,
      term: null,
      suspension: null,
      site: false,
      trial: false,
      uncovered: 0,
    };
    expect(
      totals([
        { ...l, quantity: 50, assigned: 8, available: 42 },
        { ...l, quantity: 10, assigned: 2, available: 8 },
      ]),
    ).toEqual({ quantity: 60, assigned: 10, available: 50 });
  });
  it("leaves site licenses out of the totals: they have no number to add up", () => {
    const l = { quantity: 50, assigned: 8, available: 42, site: false };
    expect(totals([l, { quantity: 0, assigned: 30, available: 0, site: true }])).toEqual({
      quantity: 50,
      assigned: 8,
      available: 42,
    });
  });
});
