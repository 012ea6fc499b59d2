// Who is signed in. At start the app asks GET /api/v1/auth/me, which also gives back the session's CSRF
// token after a reload; a 401 from any later call signs the UI out and sends the user to /signin with the
// page to come back to.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import { Navigate, useLocation } from "react-router";
import { authApi, onUnauthenticated } from "../api/auth";
import type { Principal, Session } from "../api/types";
import { Loading } from "../components/feedback";
import { WrongAccount } from "./WrongAccount";

type AuthState = { status: "loading" } | { status: "signed_out" } | { status: "signed_in"; user: Principal };

interface Auth {
  state: AuthState;
  signIn: (email: string, password: string) => Promise<Principal>;
  signOut: () => Promise<void>;
  // A session the server opened by another way than sign-in (the invitation's tenant sign-up).
  adoptSession: (session: Session) => void;
}

const AuthContext = createContext<Auth | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<AuthState>({ status: "loading" });
  useEffect(() => {
    const controller = new AbortController();
    authApi.me(controller.signal)
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
    const session = await authApi.login(email, password);
    setState({ status: "signed_in", user: session.user });
    return session.user;
  }, []);
  const signOut = useCallback(async () => {
    try {
      await authApi.logout();
    } finally {
      setState({ status: "signed_out" });
    }
  }, []);
  const adoptSession = useCallback((session: Session) => {
    setState({ status: "signed_in", user: session.user });
  }, []);
  const value = useMemo(() => ({ state, signIn, signOut, adoptSession }), [state, signIn, signOut, adoptSession]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): Auth {
  const auth = useContext(AuthContext);
  if (!auth) throw new Error("useAuth outside AuthProvider");
  return auth;
}

// The signed-in user; only inside <RequireSignIn>.
export function useUser(): Principal {
  const { state } = useAuth();
  if (state.status !== "signed_in") throw new Error("useUser without a signed-in user");
  return state.user;
}

// The signed-in publisher user and its publisher ID; only inside <RequireSignIn publisher>.
export function usePublisherUser(): Principal & { publisher_id: string } {
  const user = useUser();
  if (!user.publisher_id) throw new Error("usePublisherUser without a publisher user");
  return user as Principal & { publisher_id: string };
}

// Sends signed-out users to /signin and back; with `publisher`, a customer tenant's account is told that
// the surface is for publisher staff, and with `tenant`, a publisher's account that it is for customer admins.
export function RequireSignIn({
  children,
  publisher = false,
  tenant = false,
}: {
  children: ReactNode;
  publisher?: boolean;
  tenant?: boolean;
}) {
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
  if (tenant && (state.user.kind !== "tenant" || !state.user.tenant_id)) {
    return <WrongAccount email={state.user.email} surface="admin" />;
  }
  return <>{children}</>;
}
