// Free trials and site licenses in words, as Partner Center, the Marketplace and the Admin Center write them
// (issue 14): a plan offers a trial when both its length (`trial_days`) and its users (`trial_seats`) are above
// 0; a site license licenses every user of the customer's verified domains, with no number of licenses.
import type { PlanTrial } from "../api/types";
import { formatCount, formatNumber } from "./format";

export const MAX_TRIAL_DAYS = 365;
export const MAX_TRIAL_SEATS = 10_000;

export function offersTrial(plan: PlanTrial): boolean {
  return plan.trial_days > 0 && plan.trial_seats > 0;
}

// Partner Center's plan list: "30-day trial, 5 users", or null when the plan offers none.
export function trialSummary(plan: PlanTrial): string | null {
  if (!offersTrial(plan)) return null;
  return `${formatNumber(plan.trial_days)}-day trial, ${formatCount(plan.trial_seats, "user")}`;
}

// The Marketplace's choice of plan: "5 users for 30 days" ("1 user for 1 day").
export function trialOfferText(plan: PlanTrial): string {
  return `${formatCount(plan.trial_seats, "user")} for ${formatCount(plan.trial_days, "day")}`;
}

export const SITE_LICENSE_TEXT = "Every user of the customer's verified domains";
export const SITE_LICENSE_TENANT_TEXT = "All users of your verified domains";
