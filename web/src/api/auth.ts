// The API calls every surface shares (docs/openapi.yaml, tag accounts): signing in and out, who am I, one's
// own password and its reset by mail, and the sign-in accounts of the caller's publisher or tenant (Partner
// Center's and the Admin Center's user settings). Signing in and who-am-I keep the session's CSRF token for
// the calls that follow (client.ts), as signing up from an invitation does (admin.ts).
import { enc, json, listAll, setCsrfToken } from "./client";
import type {
  LoginRequest,
  LoginResponse,
  PasswordChange,
  PasswordResetRequested,
  RequestBody,
  Session,
  User,
  UserPatch,
} from "./types";

// Called when a signed-in call answers 401 (the session expired or was signed out elsewhere): the app's
// sign-in state listens (auth/auth.tsx).
export { onUnauthenticated } from "./client";

export const authApi = {
  async login(email: string, password: string): Promise<LoginResponse> {
    const session = await json<LoginResponse>("POST", "/api/v1/auth/login", {
      body: { email, password } satisfies LoginRequest,
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
    json<void>("POST", "/api/v1/auth/password", { body: { current_password, new_password } satisfies PasswordChange }),
  // Public: the same answer for any address; the mailed link's token sets a new password.
  requestPasswordReset: (email: string) =>
    json<PasswordResetRequested>("POST", "/api/v1/auth/password-reset", {
      body: { email } satisfies RequestBody<"requestPasswordReset">,
    }),
  resetPassword: (token: string, new_password: string) =>
    json<void>("POST", `/api/v1/auth/password-reset/${enc(token)}`, {
      body: { new_password } satisfies RequestBody<"resetPassword">,
      quiet401: true,
    }),

  // The sign-in accounts of the caller's publisher or tenant (a global admin's)
  users: (signal?: AbortSignal) => listAll<User>("/api/v1/users", { signal }),
  updateUser: (id: string, patch: UserPatch) => json<User>("PATCH", `/api/v1/users/${enc(id)}`, { body: patch }),
  deleteUser: (id: string) => json<void>("DELETE", `/api/v1/users/${enc(id)}`),
};
