// The API calls every surface shares (docs/openapi.yaml, tag accounts): signing in and out, who am I, one's
// own password and its reset by mail, and the sign-in accounts of the caller's publisher or tenant (Partner
// Center's and the Admin Center's user settings). Signing in and who-am-I keep the session's CSRF token for
// the calls that follow (client.ts), as signing up from an invitation does (admin.ts).
import { enc, json, listAll, setCsrfToken } from "./client";
import type { LoginResponse, Session, User, UserPatch } from "./types";

export const authApi = {
  async login(email: string, password: string): Promise<LoginResponse> {
    const session = await json<LoginResponse>("POST", "/api/v1/auth/login", {
      body: { email, password },
      quiet401: true,
    });
    setCsrfToken(session.csrf_token);
    return session;
  },
  async me(signal?: AbortSignal): Promise<Session> {
    const session = await json<Session>("GET", "/api/v1/auth/me", { signal, quiet401: true });
    setCsrfToken(session.csrf_token ?? null);
    return session;
  },
  async logout(): Promise<void> {
    await json<void>("POST", "/api/v1/auth/logout", { quiet401: true });
    setCsrfToken(null);
  },

  changePassword: (current_password: string, new_password: string) =>
    json<void>("POST", "/api/v1/auth/password", { body: { current_password, new_password } }),
  // Public: the same answer for any address; the mailed link's token sets a new password.
  requestPasswordReset: (email: string) =>
    json<{ detail: string }>("POST", "/api/v1/auth/password-reset", { body: { email } }),
  resetPassword: (token: string, new_password: string) =>
    json<void>("POST", `/api/v1/auth/password-reset/${enc(token)}`, { body: { new_password }, quiet401: true }),

  // The sign-in accounts of the caller's publisher or tenant (a global admin's)
  users: (signal?: AbortSignal) => listAll<User>("/api/v1/users", { signal }),
  updateUser: (id: string, patch: UserPatch) => json<User>("PATCH", `/api/v1/users/${enc(id)}`, { body: patch }),
  deleteUser: (id: string) => json<void>("DELETE", `/api/v1/users/${enc(id)}`),
};
