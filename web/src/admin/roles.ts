// What each tenant role may do in the Admin Center (the server decides; the UI hides what would be refused).
// docs/openapi.yaml TenantRole: global_admin everything (domains and the sign-in accounts only it); billing_admin
// consent and installs; license_admin seats, groups and the directory; user nothing here.
export type TenantAction = "read" | "manage_seats" | "install" | "consent" | "manage_domains" | "manage_access";

const ALLOWED: Record<string, readonly TenantAction[]> = {
  global_admin: ["read", "manage_seats", "install", "consent", "manage_domains", "manage_access"],
  billing_admin: ["read", "install", "consent"],
  license_admin: ["read", "manage_seats"],
  user: [],
};

export function can(role: string | undefined, action: TenantAction): boolean {
  return role !== undefined && (ALLOWED[role] ?? []).includes(action);
}

export const tenantRoleLabel: Record<string, string> = {
  global_admin: "Global admin",
  billing_admin: "Billing admin",
  license_admin: "License admin",
  user: "User",
};
