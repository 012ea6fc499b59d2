// The Marketplace's Free trial without React: the plans a product page offers a trial of, and what the dialog
// says once the server started one (POST /api/v1/tenant/trials answers with the tenant's new license row).
import type { MarketplaceOffer, MarketplacePlan, TenantLicense } from "../api/types";
import { formatCount, formatDate } from "../lib/format";
import { offersTrial } from "../lib/trials";

export function trialPlans(offer: Pick<MarketplaceOffer, "plans">): MarketplacePlan[] {
  return offer.plans.filter(offersTrial);
}

// "Your organization can assign Basic to 5 users until Jan 6, 2027."
export function trialStartedText(license: Pick<TenantLicense, "plan_name" | "quantity" | "term">): string {
  const until = license.term ? ` until ${formatDate(license.term.end_date)}` : "";
  return `Your organization can assign ${license.plan_name} to ${formatCount(license.quantity, "user")}${until}.`;
}
