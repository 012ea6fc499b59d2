// A plan's Free trial section (PlanListingPage) without React: the fields as typed, the server's rules (a
// trial needs both a length of 1–365 days and 1–10,000 users; "No free trial" is both 0), and what
// PATCH …/plans/{plan_id} gets from them. The server's answer still wins.
import type { PlanTrial } from "../../api/types";
import { MAX_TRIAL_DAYS, MAX_TRIAL_SEATS, offersTrial } from "../../lib/trials";
import { formatNumber } from "../../lib/format";

export interface TrialDraft {
  offered: boolean;
  days: string;
  seats: string;
}

export type TrialField = "trial_days" | "trial_seats";
export type TrialErrors = Partial<Record<TrialField, string>>;

// The fields for the plan's trial as it is; without one, 30 days and 5 users ready in case the user offers one.
export function trialDraft(plan: PlanTrial): TrialDraft {
  return offersTrial(plan)
    ? { offered: true, days: String(plan.trial_days), seats: String(plan.trial_seats) }
    : { offered: false, days: "30", seats: "5" };
}

function wholeError(text: string, max: number, what: string): string | null {
  const t = text.trim();
  if (t === "") return `Enter the ${what}.`;
  if (!/^\d+$/.test(t) || Number(t) < 1 || Number(t) > max) return `Enter a whole number from 1 to ${formatNumber(max)}.`;
  return null;
}

// The mistakes by field; none when no trial is offered.
export function trialErrors(draft: TrialDraft): TrialErrors {
  if (!draft.offered) return {};
  const errors: TrialErrors = {};
  const days = wholeError(draft.days, MAX_TRIAL_DAYS, "trial length in days");
  const seats = wholeError(draft.seats, MAX_TRIAL_SEATS, "number of trial users");
  if (days) errors.trial_days = days;
  if (seats) errors.trial_seats = seats;
  return errors;
}

// What the fields say (checked first with trialErrors): both 0 for "No free trial".
export function trialOf(draft: TrialDraft): PlanTrial {
  return draft.offered
    ? { trial_days: Number(draft.days.trim()), trial_seats: Number(draft.seats.trim()) }
    : { trial_days: 0, trial_seats: 0 };
}

// The PATCH for the fields, or null when they are not valid or say the trial the plan has.
export function trialPatch(current: PlanTrial, draft: TrialDraft): PlanTrial | null {
  if (Object.keys(trialErrors(draft)).length > 0) return null;
  const next = trialOf(draft);
  return next.trial_days === current.trial_days && next.trial_seats === current.trial_seats ? null : next;
}
