// The JSON shapes of docs/openapi.yaml for deals, consent, licenses and installs (publisher side). Field
// names are the API's (snake_case).

export type DealState = "submitted" | "in_progress" | "won" | "lost" | "withdrawn";

export interface DealCustomer {
  name: string;
  domain: string;
  contact_email: string;
}

export interface Deal {
  id: string;
  offer_id: string;
  customer: DealCustomer;
  plan_ids: string[];
  seats: number;
  value: number;
  currency: string;
  close_date: string; // YYYY-MM-DD
  state: DealState;
  tenant_id: string | null;
  created_at: string;
  updated_at: string;
}

export interface DealCreate {
  customer: DealCustomer;
  offer_id: string;
  plan_ids: string[];
  seats: number;
  value: number;
  currency: string;
  close_date: string;
}

export interface DealPatch {
  state?: DealState;
  seats?: number;
  value?: number;
  currency?: string;
  close_date?: string;
  plan_ids?: string[];
  customer?: { contact_email: string };
  tenant_id?: string;
}

export interface InvitationLink {
  id: string;
  email: string;
  invitation_url: string;
  expires_at: string;
}

export interface CustomerTenant {
  tenant_id: string;
  name: string;
  domains: string[];
}

export interface Customer extends CustomerTenant {
  since: string;
}

export interface DealLicenseRow {
  plan_id: string;
  plan_name: string;
  service_id: string;
  quantity: number;
  assigned: number;
  active: boolean;
  updated_at: string;
}

export interface DealLicenses {
  deal_id: string;
  deal_state: DealState;
  customer: CustomerTenant | null;
  relationship: "none" | "invited" | "accepted";
  items: DealLicenseRow[];
  next_cursor: string | null;
}

export interface Installation {
  id: string;
  tenant_id: string;
  tenant_name: string;
  offer: string; // publisher.offer
  publisher_id: string;
  offer_id: string;
  environment: string;
  installed_by: string;
  created_at: string;
}

export type MailState = "pending" | "sent" | "failed" | "kept";

export interface Mail {
  id: string;
  to: string;
  subject: string;
  state: MailState;
  attempts: number;
  last_error: string | null;
  created_at: string;
  sent_at: string | null;
}
