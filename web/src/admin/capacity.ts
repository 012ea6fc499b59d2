// Seat arithmetic for the Licenses pages and the Assign users dialog, and the numbers behind the usage bar.
import { formatNumber } from "../lib/format";
import type { TenantLicense } from "../api/types";

export interface Usage {
  quantity: number;
  assigned: number;
  available: number;
  assignedPercent: number; // 0–100, of the bar's width
  over: number; // users assigned beyond the quantity (licenses lowered below the assigned count)
  label: string; // the bar's text alternative
}

export function usage(license: Pick<TenantLicense, "quantity" | "assigned" | "available">): Usage {
  const quantity = Math.max(0, license.quantity);
  const assigned = Math.max(0, license.assigned);
  const available = Math.max(0, license.available);
  const over = Math.max(0, assigned - quantity);
  const assignedPercent = quantity === 0 ? (assigned > 0 ? 100 : 0) : Math.min(100, (assigned / quantity) * 100);
  const pct = quantity === 0 ? 0 : Math.round((assigned / quantity) * 100);
  let label = `${formatNumber(assigned)} of ${formatNumber(quantity)} assigned (${formatNumber(pct)}%), ${formatNumber(available)} available`;
  if (over > 0) label += `, ${formatNumber(over)} over the number of licenses`;
  return { quantity, assigned, available, assignedPercent, over, label };
}

// How many seats assigning `upns` would take: users who already hold a seat take none.
export function seatsNeeded(upns: readonly string[], holders: ReadonlySet<string>): number {
  const unique = new Set(upns.map((u) => u.toLowerCase()));
  let n = 0;
  for (const u of unique) if (!holders.has(u)) n += 1;
  return n;
}

export interface CapacityCheck {
  needed: number;
  available: number;
  short: number; // 0 when it fits
}

export function checkCapacity(needed: number, available: number): CapacityCheck {
  return { needed, available, short: Math.max(0, needed - available) };
}

// The totals over all licenses counted by number, for the overview (a site license has none to add up).
export function totals(
  licenses: readonly Pick<TenantLicense, "quantity" | "assigned" | "available" | "site">[],
): { quantity: number; assigned: number; available: number } {
  return licenses
    .filter((l) => !l.site)
    .reduce(
      (t, l) => ({ quantity: t.quantity + l.quantity, assigned: t.assigned + l.assigned, available: t.available + l.available }),
      { quantity: 0, assigned: 0, available: 0 },
    );
}
