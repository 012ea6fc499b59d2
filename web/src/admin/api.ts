// The Admin Center's API calls (docs/openapi.yaml: /api/v1/invitations/…, /api/v1/tenant/…), through the
// shared client (session cookie, CSRF token, problem+json errors).
import { json, listAll } from "../api/client";
import type { Session } from "../api/types";
import type {
  Assignments,
  DirectoryImportResult,
  DirectoryUser,
  Group,
  Installation,
  Invitation,
  InvitationSignup,
  Tenant,
  TenantDomain,
  TenantLicense,
} from "./types";

const enc = encodeURIComponent;

export const adminApi = {
  // Consent invitations (public to read; answering needs a tenant's global or billing admin)
  invitation: (token: string, signal?: AbortSignal) =>
    json<Invitation>("GET", `/api/v1/invitations/${enc(token)}`, { signal, quiet401: true }),
  acceptInvitation: (token: string) => json<Invitation>("POST", `/api/v1/invitations/${enc(token)}/accept`),
  declineInvitation: (token: string) => json<Invitation>("POST", `/api/v1/invitations/${enc(token)}/decline`),
  sendSignupCode: (token: string) =>
    json<void>("POST", `/api/v1/invitations/${enc(token)}/signup-code`, { quiet401: true }),
  signUp: (token: string, input: InvitationSignup) =>
    json<Session>("POST", `/api/v1/invitations/${enc(token)}/signup`, { body: input, quiet401: true }),

  // The tenant and its directory
  tenant: (signal?: AbortSignal) => json<Tenant>("GET", "/api/v1/tenant", { signal }),
  users: (signal?: AbortSignal) => listAll<DirectoryUser>("/api/v1/tenant/users", { signal }),
  addUser: (input: { upn: string; display_name?: string }) =>
    json<DirectoryUser>("POST", "/api/v1/tenant/users", { body: input }),
  importUsers: (csv: string) =>
    json<DirectoryImportResult>("POST", "/api/v1/tenant/users/import", {
      raw: new Blob([csv], { type: "text/csv" }),
      contentType: "text/csv",
    }),
  domains: (signal?: AbortSignal) => listAll<TenantDomain>("/api/v1/tenant/domains", { signal }),
  addDomain: (domain: string) => json<TenantDomain>("POST", "/api/v1/tenant/domains", { body: { domain } }),
  verifyDomain: (domain: string) => json<TenantDomain>("POST", `/api/v1/tenant/domains/${enc(domain)}/verify`),
  removeDomain: (domain: string) => json<void>("DELETE", `/api/v1/tenant/domains/${enc(domain)}`),
  groups: (signal?: AbortSignal) => listAll<Group>("/api/v1/tenant/groups", { signal }),
  group: (id: string, signal?: AbortSignal) => json<Group>("GET", `/api/v1/tenant/groups/${enc(id)}`, { signal }),
  createGroup: (input: { name: string; members?: string[] }) =>
    json<Group>("POST", "/api/v1/tenant/groups", { body: input }),
  addMembers: (id: string, members: string[]) =>
    json<Group>("POST", `/api/v1/tenant/groups/${enc(id)}/members`, { body: { members } }),
  deleteGroup: (id: string) => json<void>("DELETE", `/api/v1/tenant/groups/${enc(id)}`),
  removeMember: (id: string, upn: string) =>
    json<void>("DELETE", `/api/v1/tenant/groups/${enc(id)}/members/${enc(upn)}`),

  // Licenses and seats
  licenses: (signal?: AbortSignal) => listAll<TenantLicense>("/api/v1/tenant/licenses", { signal }),
  assignments: (serviceId: string, signal?: AbortSignal) =>
    json<Assignments>("GET", `/api/v1/tenant/licenses/${enc(serviceId)}/assignments`, { signal }),
  assign: (serviceId: string, input: { users?: string[]; groups?: string[] }) =>
    json<Assignments>("POST", `/api/v1/tenant/licenses/${enc(serviceId)}/assignments`, { body: input }),
  unassignUser: (serviceId: string, upn: string) =>
    json<void>("DELETE", `/api/v1/tenant/licenses/${enc(serviceId)}/assignments/${enc(upn)}`),
  unassignGroup: (serviceId: string, groupId: string) =>
    json<void>("DELETE", `/api/v1/tenant/licenses/${enc(serviceId)}/groups/${enc(groupId)}`),

  // Installs
  installations: (signal?: AbortSignal) =>
    listAll<Installation>("/api/v1/tenant/installations", { signal }),
  install: (offer: string, environment: string) =>
    json<Installation>("POST", "/api/v1/tenant/installations", { body: { offer, environment } }),
};
