// Offer types Partner Center can create (the API's `type`), with the seed's names.
export const OFFER_TYPES = [
  { id: "dynamics-365-ce-powerapps", label: "Dynamics 365 for Customer Engagement & PowerApps" },
] as const;

export function offerTypeLabel(type: string): string {
  return OFFER_TYPES.find((t) => t.id === type)?.label ?? type;
}
