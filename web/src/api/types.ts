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
export type Plan = Schemas["Plan"];
export type PlanCreate = Schemas["PlanCreate"];
export type PlanPatch = Schemas["PlanPatch"];
// A plan's free trial (both above 0 offer one), as plans and marketplace plans carry it.
export type PlanTrial = Pick<Plan, "trial_days" | "trial_seats">;
export type Lead = Schemas["Lead"];

// Partner Center: deals, customers, licenses, installs, the outbox
export type DealState = Schemas["DealState"];
export type DealCustomer = Schemas["DealCustomer"];
export type Deal = Schemas["Deal"];
export type DealCreate = Schemas["DealCreate"];
export type DealPatch = Schemas["DealPatch"];
export type InvitationCreate = Schemas["InvitationCreate"];
export type InvitationLink = Schemas["InvitationLink"];
export type CustomerTenant = Schemas["CustomerTenant"]; // a tenant as its publisher sees it (`id`; `tenant_id` is deprecated)
export type Customer = Schemas["Customer"];
export type DealLicenseRow = Schemas["DealLicenseRow"];
export type DealLicenses = Schemas["DealLicenses"];
export type DealLicenseSet = Schemas["DealLicenseSet"];
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
export type TenantLicense = Schemas["TenantLicense"];
export type Assignment = Schemas["Assignment"]; // with the seat's last check (`last_checked_at`)
export type Assignments = Schemas["Assignments"];
export type AssignmentRequest = Schemas["AssignmentRequest"];
export type TrialCreate = Schemas["TrialCreate"]; // POST /api/v1/tenant/trials
export type ReclaimRequest = Schemas["ReclaimRequest"]; // POST …/licenses/{service_id}/reclaim
export type Reclaim = Schemas["Reclaim"];
export type ReclaimedSeat = Schemas["ReclaimedSeat"];

// Usage reports, a publisher's (GET /api/v1/usage) and a tenant's (GET /api/v1/tenant/usage)
export type UsageInterval = NonNullable<NonNullable<operations["getUsage"]["parameters"]["query"]>["interval"]>;
export type UsageRow = Schemas["UsageRow"];
export type UsageReport = Schemas["UsageReport"];

// Marketplace (public)
export type MarketplaceOffer = Schemas["MarketplaceOffer"]; // a product page's offer, `<publisher>.<offer>`
export type MarketplacePlan = Schemas["MarketplacePlan"];
export type LeadCreate = Schemas["LeadCreate"];
export type LeadCreated = Schemas["LeadCreated"];

// Webhooks (issue 15, API.md "Webhooks and the event contract"). An endpoint (publisher: /api/v1/webhooks;
// tenant: /api/v1/tenant/webhooks) holds event types (`license.granted`), `family.*` patterns or `*`.
export type Webhook = Schemas["Webhook"];
// The answer of a create or a rotation: the endpoint and its signing secret (whsec_…), shown only then (null
// in the replay of an answer for the same Idempotency-Key).
export type WebhookWithSecret = Webhook;
export type WebhookCreate = Schemas["WebhookCreate"];
export type WebhookPatch = Schemas["WebhookPatch"];
export type WebhookDeliveryStatus = Schemas["WebhookDeliveryStatus"];
export type WebhookDelivery = Schemas["WebhookDelivery"];
export type WebhookReplayRequest = Schemas["WebhookReplayRequest"];
export type WebhookReplay = Schemas["WebhookReplay"];
// GET /api/v1/event-types: what an endpoint of the caller's account may subscribe to.
export type EventTypeInfo = Schemas["EventTypeList"]["items"][number];
