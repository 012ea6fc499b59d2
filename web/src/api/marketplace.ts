// The Marketplace's API calls (docs/openapi.yaml, tag marketplace): public, no sign-in — live offers (or one
// shown through its preview link) and Contact me. Get it now and Free trial go through the Admin Center's API
// (admin.ts), as the signed-in tenant admin.
import { enc, json, listAll } from "./client";
import type { LeadCreate, LeadCreated, MarketplaceOffer } from "./types";

const previewQuery = (preview: string | null) => (preview ? `?preview=${enc(preview)}` : "");

export const marketplaceApi = {
  offers: (q: string, signal?: AbortSignal) =>
    listAll<MarketplaceOffer>(`/api/v1/marketplace/offers${q ? `?q=${enc(q)}` : ""}`, { signal }),
  offer: (id: string, preview: string | null, signal?: AbortSignal) =>
    json<MarketplaceOffer>("GET", `/api/v1/marketplace/offers/${enc(id)}${previewQuery(preview)}`, { signal }),
  contactMe: (id: string, preview: string | null, lead: LeadCreate) =>
    json<LeadCreated>("POST", `/api/v1/marketplace/offers/${enc(id)}/leads${previewQuery(preview)}`, { body: lead }),
};
