// The server's ID rules (src/domain/ids.cpp), checked while typing so a bad Offer ID or Plan ID is refused
// before Create; the server checks again and its message wins when it answers.

export const MAX_PUBLISHER_PLUS_OFFER = 40; // len(publisher ID) + len(offer ID) must be under this
export const MAX_PLAN_ID = 50;
export const MAX_ALIAS = 100;

function idTextRule(label: string, id: string): string | null {
  if (id === "") return `${label} is required`;
  if (id.includes(" ")) return `${label} can't contain spaces`;
  if (/[A-Z]/.test(id)) return `${label} must use lowercase letters only`;
  if (!/^[a-z0-9_-]+$/.test(id)) {
    return `${label} may contain only lowercase letters, digits, hyphens (-) and underscores (_)`;
  }
  return null;
}

// The message for a bad Offer ID, or null when it is fine.
export function offerIdError(publisherId: string, offerId: string): string | null {
  const text = idTextRule("Offer ID", offerId);
  if (text) return text;
  if (publisherId.length + offerId.length > MAX_PUBLISHER_PLUS_OFFER - 1) {
    const room = Math.max(0, MAX_PUBLISHER_PLUS_OFFER - 1 - publisherId.length);
    return (
      `Offer ID combined with the publisher ID must be under ${MAX_PUBLISHER_PLUS_OFFER} characters: ` +
      `'${publisherId}' has ${publisherId.length}, so the Offer ID may have at most ${room} (it has ${offerId.length})`
    );
  }
  return null;
}

export function planIdError(planId: string): string | null {
  const text = idTextRule("Plan ID", planId);
  if (text) return text;
  if (planId.length > MAX_PLAN_ID) return `Plan ID must be at most ${MAX_PLAN_ID} characters`;
  return null;
}

export function offerAliasError(alias: string): string | null {
  if (alias.trim() === "") return "Offer alias is required";
  if ([...alias].length > MAX_ALIAS) return `Offer alias must be at most ${MAX_ALIAS} characters`;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(alias)) return "Offer alias can't contain control characters";
  return null;
}

export function serviceId(publisherId: string, offerId: string, planId: string): string {
  return `${publisherId}.${offerId}.${planId}`;
}
