// The JSON shapes the UI reads and sends, named as docs/openapi.yaml names them: each is an alias of the
// generated schema.d.ts (`npm run gen:api`), so a field the YAML changes shows up here as a type error, not as
// drift. Field names are the API's (snake_case). The API modules (auth.ts, partner.ts, admin.ts,
// marketplace.ts) and the pages import from here, never from schema.d.ts.
import type { components, operations } from "./schema";

type Schemas = components["schemas"];

// The JSON body an operation of docs/openapi.yaml takes, and the JSON of its success answer, by operationId:
// for the shapes the YAML writes inline rather than under components.schemas.
export type RequestBody<Op extends keyof operations> = operations[Op] extends {
  requestBody?: { content: { "application/json": infer B } };
}
  ? B
  : never;
export type ResponseBody<Op extends keyof operations, Status extends number = 200> = operations[Op] extends {
  responses: { [S in Status]: { content: { "application/json": infer B } } };
}
  ? B
  : never;

// A page of a list route; `next_cursor` is null on the last page (docs/openapi.yaml `Cursor`).
export interface List<T> {
  items: T[];
  next_cursor: Schemas["Cursor"];
}

// Accounts and sign-in (shared by every surface)
export type Role = Schemas["Role"];
export type TenantRole = Schemas["TenantRole"];
export type Principal = Schemas["Principal"]; // the signed-in caller
export type LoginResponse = Schemas["LoginResponse"];
// GET /api/v1/auth/me: the caller, and the session's CSRF token (the sign-in answer has it too).
export type Session = ResponseBody<"getMe">;
export type LoginRequest = Schemas["LoginRequest"];
export type PasswordChange = Schemas["PasswordChange"];
export type PasswordResetRequested = ResponseBody<"requestPasswordReset", 202>;
export type User = Schemas["User"]; // a sign-in account of the caller's publisher or tenant
export type UserPatch = Schemas["UserPatch"];
export type Event = Schemas["Event"]; // one entry of the audit log (GET /api/v1/events)
export type EventList = Schemas["EventList"];

// Partner Center: offers and plans
export type OfferState = Schemas["OfferState"];
export type CallToAction = Schemas["CallToAction"];
export type PlanState = Schemas["PlanState"];
export type Notification = Schemas["Notification"];
export type Listing = Schemas["Listing"];
export type Offer = Schemas["Offer"];
export type OfferCreate = Schemas["OfferCreate"];
export type OfferPatch = Schemas["OfferPatch"];
export type Plan = Schemas["Plan"] & PlanTrial;
export type PlanCreate = Schemas["PlanCreate"];
export type PlanPatch = Schemas["PlanPatch"] & Partial<PlanTrial>;
export type Lead = Schemas["Lead"];

// Partner Center: deals, customers, licenses, installs, the outbox
export type DealState = Schemas["DealState"];
export type DealCustomer = Schemas["DealCustomer"];
export type Deal = Schemas["Deal"] & { source: DealSource };
export type DealCreate = Schemas["DealCreate"];
export type DealPatch = Schemas["DealPatch"];
export type InvitationCreate = Schemas["InvitationCreate"];
export type InvitationLink = Schemas["InvitationLink"];
export type CustomerTenant = Schemas["CustomerTenant"]; // a tenant as its publisher sees it (`id`; `tenant_id` is deprecated)
export type Customer = Schemas["Customer"];
export type DealLicenseRow = Schemas["DealLicenseRow"] & { site: boolean; trial: boolean };
export type DealLicenses = Omit<Schemas["DealLicenses"], "items"> & { items: DealLicenseRow[] };
export type DealLicenseSet = Omit<Schemas["DealLicenseSet"], "quantity"> & { quantity?: number; site?: boolean };
export type LicenseStatus = Schemas["LicenseStatus"]; // from the term and the day (UTC), or suspended
export type LicenseTerm = Schemas["LicenseTerm"];
export type LicenseSuspension = Schemas["LicenseSuspension"]; // POST …/licenses/{plan_id}/suspend
export type LicenseRenewal = Schemas["LicenseRenewal"]; // POST …/licenses/{plan_id}/renew
export type Installation = Schemas["Installation"];
export type InstallationCreate = Schemas["InstallationCreate"];
export type MailState = Schemas["MailState"];
export type Mail = Schemas["Mail"];

// Admin Center: a customer tenant's side
export type Invitation = Schemas["Invitation"];
export type InvitationState = Invitation["state"];
export type InvitationSignup = Schemas["InvitationSignup"];
export type Tenant = Schemas["Tenant"]; // the caller's own tenant (`id`)
export type TenantDomain = Schemas["TenantDomain"];
export type DirectoryUser = Schemas["DirectoryUser"];
export type DirectoryUserCreate = Schemas["DirectoryUserCreate"];
export type DirectoryImportResult = Schemas["DirectoryImportResult"];
export type Group = Schemas["Group"];
export type GroupCreate = Schemas["GroupCreate"];
export type GroupMembersAdd = Schemas["GroupMembersAdd"];
export type TenantLicense = Schemas["TenantLicense"] & { site: boolean; trial: boolean; uncovered: number };
export type Assignment = Schemas["Assignment"];
export type Assignments = Omit<Schemas["Assignments"], "license"> & { license: TenantLicense };
export type AssignmentRequest = Schemas["AssignmentRequest"];

// Marketplace (public)
export type MarketplaceOffer = Omit<Schemas["MarketplaceOffer"], "plans"> & { plans: MarketplacePlan[] }; // a product page's offer, `<publisher>.<offer>`
export type MarketplacePlan = Schemas["MarketplacePlan"] & PlanTrial;
export type LeadCreate = Schemas["LeadCreate"];
export type LeadCreated = Schemas["LeadCreated"];

// Site licenses and trials (issue 14, API.md "License terms, suspension, site licenses, trials"): the fields the
// server is gaining, written here from the contract until docs/openapi.yaml declares them; then the aliases
// above go back to plain Schemas[…] and these come from the generated types.
// A plan's free trial: both above 0 offer one (trial_days 0–365, trial_seats 0–10000).
export interface PlanTrial {
  trial_days: number;
  trial_seats: number;
}
export type DealSource = "registered" | "trial"; // a deal registered by the publisher, or opened by a trial
// POST /api/v1/tenant/trials: a tenant global or billing admin starts a plan's trial (201: a TenantLicense).
export interface TrialCreate {
  offer: string; // "<publisher>.<offer>"
  plan_id: string;
}
