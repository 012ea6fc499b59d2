// The Admin Center's API calls (docs/openapi.yaml, tags invitations and tenant): a customer tenant's side —
// consent invitations (public to read; answering needs a tenant's global or billing admin), the tenant, its
// domains, directory and groups, its licenses and seats (and reclaiming the unused), free trials, and installs.
import { enc, json, listAll, setCsrfToken } from "./client";
import type {
  AssignmentRequest,
  Assignments,
  DirectoryImportResult,
  DirectoryUser,
  DirectoryUserCreate,
  Group,
  GroupCreate,
  GroupMembersAdd,
  Installation,
  InstallationCreate,
  Invitation,
  InvitationSignup,
  LoginResponse,
  Reclaim,
  ReclaimRequest,
  RequestBody,
  Tenant,
  TenantDomain,
  TenantLicense,
  TrialCreate,
} from "./types";

const invitation = (token: string) => `/api/v1/invitations/${enc(token)}`;

export const adminApi = {
  // Consent invitations
  invitation: (token: string, signal?: AbortSignal) =>
    json<Invitation>("GET", invitation(token), { signal, quiet401: true }),
  acceptInvitation: (token: string) => json<Invitation>("POST", `${invitation(token)}/accept`),
  declineInvitation: (token: string) => json<Invitation>("POST", `${invitation(token)}/decline`),
  sendSignupCode: (token: string) => json<void>("POST", `${invitation(token)}/signup-code`, { quiet401: true }),
  // Creates the tenant and its global admin, and signs that admin in (the session's CSRF token is kept, as
  // authApi.login keeps it).
  async signUp(token: string, input: InvitationSignup): Promise<LoginResponse> {
    const session = await json<LoginResponse>("POST", `${invitation(token)}/signup`, { body: input, quiet401: true });
    setCsrfToken(session.csrf_token);
    return session;
  },

  // The tenant and its directory
  tenant: (signal?: AbortSignal) => json<Tenant>("GET", "/api/v1/tenant", { signal }),
  users: (signal?: AbortSignal) => listAll<DirectoryUser>("/api/v1/tenant/users", { signal }),
  addUser: (input: DirectoryUserCreate) => json<DirectoryUser>("POST", "/api/v1/tenant/users", { body: input }),
  importUsers: (csv: string) =>
    json<DirectoryImportResult>("POST", "/api/v1/tenant/users/import", {
      raw: new Blob([csv], { type: "text/csv" }),
      contentType: "text/csv",
    }),
  domains: (signal?: AbortSignal) => listAll<TenantDomain>("/api/v1/tenant/domains", { signal }),
  addDomain: (domain: string) =>
    json<TenantDomain>("POST", "/api/v1/tenant/domains", {
      body: { domain } satisfies RequestBody<"addTenantDomain">,
    }),
  verifyDomain: (domain: string) => json<TenantDomain>("POST", `/api/v1/tenant/domains/${enc(domain)}/verify`),
  removeDomain: (domain: string) => json<void>("DELETE", `/api/v1/tenant/domains/${enc(domain)}`),
  groups: (signal?: AbortSignal) => listAll<Group>("/api/v1/tenant/groups", { signal }),
  group: (id: string, signal?: AbortSignal) => json<Group>("GET", `/api/v1/tenant/groups/${enc(id)}`, { signal }),
  createGroup: (input: GroupCreate) => json<Group>("POST", "/api/v1/tenant/groups", { body: input }),
  addMembers: (id: string, members: string[]) =>
    json<Group>("POST", `/api/v1/tenant/groups/${enc(id)}/members`, { body: { members } satisfies GroupMembersAdd }),
  deleteGroup: (id: string) => json<void>("DELETE", `/api/v1/tenant/groups/${enc(id)}`),
  removeMember: (id: string, upn: string) =>
    json<void>("DELETE", `/api/v1/tenant/groups/${enc(id)}/members/${enc(upn)}`),

  // Licenses and seats
  licenses: (signal?: AbortSignal) => listAll<TenantLicense>("/api/v1/tenant/licenses", { signal }),
  assignments: (serviceId: string, signal?: AbortSignal) =>
    json<Assignments>("GET", `/api/v1/tenant/licenses/${enc(serviceId)}/assignments`, { signal }),
  assign: (serviceId: string, input: AssignmentRequest) =>
    json<Assignments>("POST", `/api/v1/tenant/licenses/${enc(serviceId)}/assignments`, { body: input }),
  unassignUser: (serviceId: string, upn: string) =>
    json<void>("DELETE", `/api/v1/tenant/licenses/${enc(serviceId)}/assignments/${enc(upn)}`),
  unassignGroup: (serviceId: string, groupId: string) =>
    json<void>("DELETE", `/api/v1/tenant/licenses/${enc(serviceId)}/groups/${enc(groupId)}`),
  // The directly assigned seats not checked for `inactiveDays` days: listed (dryRun) or unassigned.
  reclaim: (serviceId: string, inactiveDays: number, dryRun: boolean) =>
    json<Reclaim>("POST", `/api/v1/tenant/licenses/${enc(serviceId)}/reclaim`, {
      body: { inactive_days: inactiveDays, dry_run: dryRun } satisfies ReclaimRequest,
    }),

  // A plan's free trial, started from its product page (Free trial): the tenant's new license row (`trial`).
  startTrial: (offer: string, planId: string) =>
    json<TenantLicense>("POST", "/api/v1/tenant/trials", { body: { offer, plan_id: planId } satisfies TrialCreate }),

  // Installs (Get it now on a product page installs through here too)
  installations: (signal?: AbortSignal) => listAll<Installation>("/api/v1/tenant/installations", { signal }),
  install: (offer: string, environment: string) =>
    json<Installation>("POST", "/api/v1/tenant/installations", {
      body: { offer, environment } satisfies InstallationCreate,
    }),
};
