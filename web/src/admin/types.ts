// The JSON shapes of docs/openapi.yaml that the Admin Center reads (a customer tenant's side: invitations, the
// tenant, its directory and groups, licenses and seats, installs). Field names are the API's (snake_case).

export type TenantRole = "global_admin" | "billing_admin" | "license_admin" | "user";

export type InvitationState = "pending" | "accepted" | "declined" | "expired";

export interface Invitation {
  id: string;
  state: InvitationState;
  email: string;
  expires_at: string;
  publisher: { id: string; name: string };
  offer: { id: string; name: string };
  plans: { id: string; name: string }[];
  customer_name: string;
  tenant_id: string | null;
}

export interface InvitationSignup {
  tenant_name: string;
  name?: string;
  password: string;
  code: string; // the sign-up code mailed to the invited address
}

export interface Tenant {
  id: string;
  name: string;
  domains: string[];
  created_at: string;
}

export interface DirectoryUser {
  upn: string;
  display_name: string;
  created_at: string;
}

export interface DirectoryImportResult {
  added: number;
  items: DirectoryUser[];
}

export interface Group {
  id: string;
  name: string;
  members: string[];
  service_ids: string[];
  created_at: string;
}

export interface TenantLicense {
  publisher_id: string;
  publisher_name: string;
  offer_id: string;
  offer_name: string;
  plan_id: string;
  plan_name: string;
  service_id: string;
  quantity: number;
  assigned: number;
  available: number;
}

export interface Assignment {
  upn: string;
  display_name: string;
  group_id: string | null;
  assigned_by: string;
  assigned_at: string;
}

export interface Assignments {
  license: TenantLicense;
  items: Assignment[];
  groups: string[];
  next_cursor: string | null;
}

export interface Installation {
  id: string;
  tenant_id: string;
  tenant_name: string;
  offer: string;
  publisher_id: string;
  offer_id: string;
  environment: string;
  installed_by: string;
  created_at: string;
}

// GET /api/v1/tenant/domains: verified domains name the tenant's users; a pending one waits for its TXT record.
export interface TenantDomain {
  domain: string;
  state: "verified" | "pending";
  txt_record: string | null;
  created_at: string;
}
