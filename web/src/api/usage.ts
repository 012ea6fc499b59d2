// Usage's API calls (API.md "Usage and seat activity"): provisioned, assigned and active seats over time, as JSON
// for the chart and the table and as CSV to download; a publisher's under /api/v1/usage, a tenant's under
// /api/v1/tenant/usage, with the same query.
import { json } from "./client";
import type { UsageInterval, UsageReport } from "./types";

export interface UsageQuery {
  from: string; // YYYY-MM-DD
  to: string;
  interval: UsageInterval;
  tenant_id?: string; // publisher only
  service_id?: string;
}

export function usageSearch(query: UsageQuery): string {
  const params = new URLSearchParams({ from: query.from, to: query.to, interval: query.interval });
  if (query.tenant_id) params.set("tenant_id", query.tenant_id);
  if (query.service_id) params.set("service_id", query.service_id);
  return params.toString();
}

function usageApi(base: string) {
  return {
    report: (query: UsageQuery, signal?: AbortSignal) => json<UsageReport>("GET", `${base}?${usageSearch(query)}`, { signal }),
    // The CSV's address, for a plain download link (a GET with the session cookie).
    csvHref: (query: UsageQuery) => `${base}.csv?${usageSearch(query)}`,
  };
}

export type UsageApi = ReturnType<typeof usageApi>;

export const publisherUsage: UsageApi = usageApi("/api/v1/usage");
export const tenantUsage: UsageApi = usageApi("/api/v1/tenant/usage");
