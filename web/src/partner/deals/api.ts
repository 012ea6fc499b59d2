// The API calls of the deal, license and installation screens (docs/openapi.yaml, tags deals, licenses,
// installations), built on the shared client.
import { json, listAll } from "../../api/client";
import type {
  Customer,
  Deal,
  DealCreate,
  DealLicenseRow,
  DealLicenses,
  DealPatch,
  DealState,
  Installation,
  InvitationLink,
  Mail,
} from "./types";

const enc = encodeURIComponent;
const deal = (id: string) => `/api/v1/deals/${enc(id)}`;

export const dealsApi = {
  deals: (state: DealState | null, signal?: AbortSignal) =>
    listAll<Deal>(`/api/v1/deals${state ? `?state=${state}` : ""}`, { signal }),
  deal: (id: string, signal?: AbortSignal) => json<Deal>("GET", deal(id), { signal }),
  register: (input: DealCreate) => json<Deal>("POST", "/api/v1/deals", { body: input }),
  update: (id: string, patch: DealPatch) => json<Deal>("PATCH", deal(id), { body: patch }),
  invite: (id: string, email: string) => json<InvitationLink>("POST", `${deal(id)}/invitations`, { body: { email } }),
  licenses: (id: string, signal?: AbortSignal) => json<DealLicenses>("GET", `${deal(id)}/licenses`, { signal }),
  setLicense: (id: string, planId: string, quantity: number, force = false) =>
    json<DealLicenseRow>("PUT", `${deal(id)}/licenses/${enc(planId)}`, {
      body: force ? { quantity, force: true } : { quantity },
    }),
  removeLicense: (id: string, planId: string, force = false) =>
    json<void>("DELETE", `${deal(id)}/licenses/${enc(planId)}${force ? "?force=true" : ""}`),
  customers: (signal?: AbortSignal) => listAll<Customer>("/api/v1/customers", { signal }),
  installations: (signal?: AbortSignal) => listAll<Installation>("/api/v1/installations", { signal }),
  mails: (signal?: AbortSignal) => listAll<Mail>("/api/v1/mails", { signal }),
};
