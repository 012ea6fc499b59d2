// What each tenant role may do in the Admin Center (the server decides; the UI hides what would be refused).
// docs/openapi.yaml TenantRole: global_admin everything (domains, sign-in accounts and webhooks only it); billing_admin
// consent, installs and free trials; license_admin seats (reclaiming unused ones too), groups and the directory;
// user nothing here.
import type { TenantRole } from "../api/types";

export type TenantAction =
  | "read"
  | "manage_seats"
  | "install"
  | "start_trial"
  | "consent"
  | "manage_domains"
  | "manage_access"
  | "manage_webhooks";

const ALLOWED: Record<TenantRole, readonly TenantAction[]> = {
  global_admin: [
    "read",
    "manage_seats",
    "install",
    "start_trial",
    "consent",
    "manage_domains",
    "manage_access",
    "manage_webhooks",
  ],
  billing_admin: ["read", "install", "start_trial", "consent"],
  license_admin: ["read", "manage_seats"],
  user: [],
};

export function can(role: string | undefined, action: TenantAction): boolean {
  return role !== undefined && Object.hasOwn(ALLOWED, role) && ALLOWED[role as TenantRole].includes(action);
}

// Every TenantRole, looked up by any role a principal has (a publisher's shows as it is).
export const tenantRoleLabel: Record<string, string> = {
  global_admin: "Global admin",
  billing_admin: "Billing admin",
  license_admin: "License admin",
  user: "User",
} satisfies Record<TenantRole, string>;
