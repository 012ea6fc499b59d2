// Partner Center's API calls (docs/openapi.yaml, tags offers, plans, leads, events, deals, licenses,
// installations and mails): a publisher's side — offers and their plans, review and go live, leads, the audit
// log, deals with their invitations and licenses, the customers who consented, installs, and the outbox.
import { download, enc, json, listAll } from "./client";
import type {
  Customer,
  Deal,
  DealCreate,
  DealLicenseRow,
  DealLicenseSet,
  DealLicenses,
  DealPatch,
  DealState,
  EventList,
  Installation,
  InvitationCreate,
  InvitationLink,
  Lead,
  LicenseRenewal,
  LicenseSuspension,
  Mail,
  Offer,
  OfferCreate,
  OfferPatch,
  Plan,
  PlanCreate,
  PlanPatch,
} from "./types";

const offer = (id: string) => `/api/v1/offers/${enc(id)}`;
const deal = (id: string) => `/api/v1/deals/${enc(id)}`;

export const partnerApi = {
  // Offers and plans
  offers: (signal?: AbortSignal) => listAll<Offer>("/api/v1/offers", { signal }),
  offer: (id: string, signal?: AbortSignal) => json<Offer>("GET", offer(id), { signal }),
  createOffer: (input: OfferCreate) => json<Offer>("POST", "/api/v1/offers", { body: input }),
  updateOffer: (id: string, patch: OfferPatch) => json<Offer>("PATCH", offer(id), { body: patch }),
  uploadPackage: (id: string, zip: Blob) =>
    json<Offer>("PUT", `${offer(id)}/package`, { raw: zip, contentType: "application/zip" }),
  publish: (id: string) => json<Offer>("POST", `${offer(id)}/publish`),
  goLive: (id: string) => json<Offer>("POST", `${offer(id)}/go-live`),
  plans: (offerId: string, signal?: AbortSignal) => listAll<Plan>(`${offer(offerId)}/plans`, { signal }),
  plan: (offerId: string, planId: string, signal?: AbortSignal) =>
    json<Plan>("GET", `${offer(offerId)}/plans/${enc(planId)}`, { signal }),
  createPlan: (offerId: string, input: PlanCreate) => json<Plan>("POST", `${offer(offerId)}/plans`, { body: input }),
  updatePlan: (offerId: string, planId: string, patch: PlanPatch) =>
    json<Plan>("PATCH", `${offer(offerId)}/plans/${enc(planId)}`, { body: patch }),
  // The plan-definition CSV (Service ID, Display name, More info URL), as the attachment the server names.
  plansCsv: (offerId: string) => download(`${offer(offerId)}/plans.csv`, "text/csv"),

  // Leads and the audit log
  leads: (signal?: AbortSignal, offerId?: string) =>
    listAll<Lead>(`/api/v1/leads${offerId ? `?offer_id=${enc(offerId)}` : ""}`, { signal }),
  events: (query: { subject?: string; after?: string; limit?: number }, signal?: AbortSignal) => {
    const params = new URLSearchParams();
    if (query.subject) params.set("subject", query.subject);
    if (query.after) params.set("after", query.after);
    if (query.limit) params.set("limit", String(query.limit));
    return json<EventList>("GET", `/api/v1/events?${params.toString()}`, { signal });
  },

  // Deals, their invitations and licenses
  deals: (state: DealState | null, signal?: AbortSignal) =>
    listAll<Deal>(`/api/v1/deals${state ? `?state=${state}` : ""}`, { signal }),
  deal: (id: string, signal?: AbortSignal) => json<Deal>("GET", deal(id), { signal }),
  registerDeal: (input: DealCreate) => json<Deal>("POST", "/api/v1/deals", { body: input }),
  updateDeal: (id: string, patch: DealPatch) => json<Deal>("PATCH", deal(id), { body: patch }),
  invite: (id: string, email: string) =>
    json<InvitationLink>("POST", `${deal(id)}/invitations`, { body: { email } satisfies InvitationCreate }),
  dealLicenses: (id: string, signal?: AbortSignal) => json<DealLicenses>("GET", `${deal(id)}/licenses`, { signal }),
  // `term` absent keeps the license's term, null removes it.
  setDealLicense: (id: string, planId: string, change: DealLicenseSet) =>
    json<DealLicenseRow>("PUT", `${deal(id)}/licenses/${enc(planId)}`, { body: change }),
  suspendDealLicense: (id: string, planId: string, reason: string) =>
    json<DealLicenseRow>("POST", `${deal(id)}/licenses/${enc(planId)}/suspend`, {
      body: { reason } satisfies LicenseSuspension,
    }),
  reinstateDealLicense: (id: string, planId: string) =>
    json<DealLicenseRow>("POST", `${deal(id)}/licenses/${enc(planId)}/reinstate`),
  renewDealLicense: (id: string, planId: string, endDate: string) =>
    json<DealLicenseRow>("POST", `${deal(id)}/licenses/${enc(planId)}/renew`, {
      body: { end_date: endDate } satisfies LicenseRenewal,
    }),
  removeDealLicense: (id: string, planId: string, force = false) =>
    json<void>("DELETE", `${deal(id)}/licenses/${enc(planId)}${force ? "?force=true" : ""}`),

  // Customers, installs and the outbox
  customers: (signal?: AbortSignal) => listAll<Customer>("/api/v1/customers", { signal }),
  installations: (signal?: AbortSignal) => listAll<Installation>("/api/v1/installations", { signal }),
  mails: (signal?: AbortSignal) => listAll<Mail>("/api/v1/mails", { signal }),
};
