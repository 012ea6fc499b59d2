// Who is signed in. At start the app asks GET /api/v1/auth/me, which also gives back the session's CSRF
// token after a reload; a 401 from any later call signs the UI out and sends the user to /signin with the
// page to come back to.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import { Navigate, useLocation } from "react-router";
import { api, onUnauthenticated } from "../api/client";
import type { User } from "../api/types";
import { Loading } from "../components/feedback";
import { WrongAccount } from "./WrongAccount";

type AuthState = { status: "loading" } | { status: "signed_out" } | { status: "signed_in"; user: User };

interface Auth {
  state: AuthState;
  signIn: (email: string, password: string) => Promise<User>;
  signOut: () => Promise<void>;
}

const AuthContext = createContext<Auth | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<AuthState>({ status: "loading" });
  useEffect(() => {
    const controller = new AbortController();
    api
      .me(controller.signal)
      .then((s) => setState({ status: "signed_in", user: s.user }))
      .catch(() => {
        if (!controller.signal.aborted) setState({ status: "signed_out" });
      });
    const stop = onUnauthenticated(() => setState({ status: "signed_out" }));
    return () => {
      controller.abort();
      stop();
    };
  }, []);
  const signIn = useCallback(async (email: string, password: string) => {
    const session = await api.login(email, password);
    setState({ status: "signed_in", user: session.user });
    return session.user;
  }, []);
  const signOut = useCallback(async () => {
    try {
      await api.logout();
    } finally {
      setState({ status: "signed_out" });
    }
  }, []);
  const value = useMemo(() => ({ state, signIn, signOut }), [state, signIn, signOut]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): Auth {
  const auth = useContext(AuthContext);
  if (!auth) throw new Error("useAuth outside AuthProvider");
  return auth;
}

// The signed-in user; only inside <RequireSignIn>.
export function useUser(): User {
  const { state } = useAuth();
  if (state.status !== "signed_in") throw new Error("useUser without a signed-in user");
  return state.user;
}

// The signed-in publisher user and its publisher ID; only inside <RequireSignIn publisher>.
export function usePublisherUser(): User & { publisher_id: string } {
  const user = useUser();
  if (!user.publisher_id) throw new Error("usePublisherUser without a publisher user");
  return user as User & { publisher_id: string };
}

// Sends signed-out users to /signin and back; with `publisher`, a customer tenant's account is told that
// the surface is for publisher staff.
export function RequireSignIn({ children, publisher = false }: { children: ReactNode; publisher?: boolean }) {
  const { state } = useAuth();
  const location = useLocation();
  if (state.status === "loading") return <Loading label="Checking your sign-in…" />;
  if (state.status === "signed_out") {
    const next = location.pathname + location.search + location.hash;
    return <Navigate to={`/signin?next=${encodeURIComponent(next)}`} replace />;
  }
  if (publisher && (state.user.kind !== "publisher" || !state.user.publisher_id)) {
    return <WrongAccount email={state.user.email} />;
  }
  return <>{children}</>;
}
