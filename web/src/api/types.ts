// The JSON shapes of docs/openapi.yaml that the UI reads. Field names are the API's (snake_case).

export type OfferState = "draft" | "in_review" | "needs_attention" | "preview" | "publishing" | "live";
export type CallToAction = "get_it_now" | "free_trial" | "contact_me";
export type PlanState = "draft" | "submitted" | "published";

// The signed-in principal: publisher staff (`publisher_id`) or, once customer tenants sign in too, a
// tenant's staff (`tenant_id`).
export interface User {
  id: string;
  email: string;
  name: string;
  kind: "publisher" | "tenant";
  publisher_id?: string;
  tenant_id?: string;
  role: string;
}

// A sign-in account of the caller's publisher or tenant (GET /api/v1/users), as a global admin manages it.
export interface StaffUser {
  id: string;
  email: string;
  name: string;
  role: string;
  disabled: boolean;
  created_at: string;
  publisher_id?: string;
  tenant_id?: string;
}

export interface Session {
  user: User;
  csrf_token?: string;
  expires_at?: string;
}

export interface Notification {
  code: string;
  message: string;
  location: string;
  fix: string;
  field: string;
}

export interface Listing {
  name: string;
  summary: string;
  description: string;
  privacy_policy_url: string;
  support_url: string;
}

export interface Offer {
  id: string;
  publisher_id: string;
  alias: string;
  type: string;
  state: OfferState;
  licensing: { license_management: boolean; allow_install_without_license: boolean; locked: boolean };
  call_to_action: CallToAction | null;
  marketplace_actions: CallToAction[];
  listing: Listing;
  technical_configuration: {
    base_license_model: "user";
    package_url: string;
    package_upload: { size: number; sha256: string; uploaded_at: string } | null;
  };
  notifications: Notification[];
  marketplace_url: string | null;
  preview_url: string | null;
  created_at: string;
  updated_at: string;
  reviewed_at: string | null;
  live_at: string | null;
}

export interface OfferPatch {
  licensing?: Partial<Pick<Offer["licensing"], "license_management" | "allow_install_without_license">>;
  call_to_action?: CallToAction | null;
  listing?: Partial<Listing>;
  technical_configuration?: { package_url?: string | null };
}

export interface Plan {
  id: string;
  name: string;
  description: string;
  more_info_url: string;
  state: PlanState;
  service_id: string;
  created_at: string;
  updated_at: string;
}

export interface Lead {
  id: string;
  offer_id: string;
  name: string;
  email: string;
  company: string;
  message: string;
  created_at: string;
}

export interface AuditEvent {
  id: string;
  created_at: string;
  actor: string;
  publisher_id: string;
  type: string;
  subject: string;
  payload: { before?: unknown; after?: unknown } | null;
}

export interface Product {
  id: string; // publisher.offer
  publisher_id: string;
  publisher_name: string;
  offer_id: string;
  name: string;
  summary: string;
  description: string;
  privacy_policy_url: string;
  support_url: string;
  license_management: boolean;
  plans: { id: string; name: string; description: string; service_id: string }[];
  actions: CallToAction[];
  preview: boolean;
  url: string;
}

export interface List<T> {
  items: T[];
  next_cursor: string | null;
}

export interface NewLead {
  name: string;
  email: string;
  company: string;
  message: string;
}
