import { useOutletContext } from "react-router";
import type { Deal, Offer, Plan } from "../../api/types";

// What DealLayout hands to the pages of one deal: the deal, its offer and the offer's plans (with their
// Service IDs).
export interface DealContext {
  deal: Deal;
  offer: Offer | undefined;
  plans: Plan[];
  setDeal: (deal: Deal) => void;
  reloadDeal: () => void;
}

export function useDeal(): DealContext {
  return useOutletContext<DealContext>();
}
