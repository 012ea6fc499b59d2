import { describe, expect, it } from "vitest";
import { formatDate } from "../lib/format";
import { trialPlans, trialStartedText } from "./trials";

const plan = (id: string, trial_days: number, trial_seats: number) => ({
  id,
  name: id,
  description: "",
  service_id: `contoso.crm.${id}`,
  trial_days,
  trial_seats,
});

describe("the Marketplace's Free trial", () => {
  it("offers the plans with a trial", () => {
    const plans = [plan("basic", 30, 5), plan("premium", 0, 0), plan("gold", 14, 0)];
    expect(trialPlans({ plans }).map((p) => p.id)).toEqual(["basic"]);
  });
  it("says what the trial started gives", () => {
    const term = { start_date: "2027-01-01", end_date: "2027-01-30", grace_days: 0 };
    expect(trialStartedText({ plan_name: "Contoso CRM Basic", quantity: 5, term })).toBe(
      `Your organization can assign Contoso CRM Basic to 5 users until ${formatDate("2027-01-30")}.`,
    );
    expect(trialStartedText({ plan_name: "Basic", quantity: 1, term: null })).toBe("Your organization can assign Basic to 1 user.");
  });
});
