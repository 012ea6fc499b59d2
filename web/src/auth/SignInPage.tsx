import { Button, Field, Input, Subtitle2, Title2 } from "@fluentui/react-components";
import { useState, type FormEvent } from "react";
import { Navigate, useNavigate, useSearchParams } from "react-router";
import { Refusal } from "../components/feedback";
import { useDocumentTitle } from "../components/hooks";
import { RouterLink } from "../components/RouterLink";
import { safeNext } from "../lib/format";
import { mapError } from "../lib/problem";
import { useAuth } from "./auth";
import { AuthCard } from "./AuthCard";

export function SignInPage() {
  const { state, signIn } = useAuth();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  // Without a page to return to, each account goes to its own center.
  const nextParam = params.get("next");
  const home = (kind: string | undefined) => (nextParam ? safeNext(nextParam) : kind === "tenant" ? "/admin" : "/partner");
  const surface = nextParam?.startsWith("/admin")
    ? "the Seatkeeper Admin Center"
    : nextParam?.startsWith("/marketplace")
      ? "the Seatkeeper Marketplace"
      : nextParam?.startsWith("/partner")
        ? "Seatkeeper Partner Center"
        : "Seatkeeper";
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [errors, setErrors] = useState<{ email?: string; password?: string }>({});
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useDocumentTitle("Sign in");

  if (state.status === "signed_in" && !busy) return <Navigate to={home(state.user.kind)} replace />;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const local: typeof errors = {};
    if (!email.trim()) local.email = "Enter your e-mail address";
    if (!password) local.password = "Enter your password";
    setErrors(local);
    setMessage(null);
    if (local.email || local.password) return;
    setBusy(true);
    try {
      const user = await signIn(email.trim(), password);
      navigate(home(user.kind), { replace: true });
    } catch (error) {
      const mapped = mapError(error, ["email", "password"] as const);
      setErrors(mapped.fieldErrors);
      setMessage(mapped.message);
      setBusy(false);
    }
  };

  return (
    <AuthCard onSubmit={submit}>
      <div>
        <Title2 as="h1">Sign in</Title2>
        <Subtitle2 as="p">to {surface}</Subtitle2>
      </div>
      {message && <Refusal>{message}</Refusal>}
      <Field label="E-mail address" required validationMessage={errors.email}>
        <Input
          id="email"
          type="email"
          autoComplete="username"
          value={email}
          onChange={(_, d) => setEmail(d.value)}
        />
      </Field>
      <Field label="Password" required validationMessage={errors.password}>
        <Input
          id="password"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(_, d) => setPassword(d.value)}
        />
      </Field>
      <Button type="submit" appearance="primary" disabled={busy}>
        {busy ? "Signing in…" : "Sign in"}
      </Button>
      <RouterLink to="/password-reset">Forgot password?</RouterLink>
    </AuthCard>
  );
}
