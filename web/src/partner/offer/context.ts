import { useOutletContext } from "react-router";
import type { Offer, Plan } from "../../api/types";

// What OfferLayout hands to the pages of one offer.
export interface OfferContext {
  offer: Offer;
  plans: Plan[];
  setOffer: (offer: Offer) => void;
  reloadPlans: () => void;
  reloadOffer: () => void;
}

export function useOffer(): OfferContext {
  return useOutletContext<OfferContext>();
}
