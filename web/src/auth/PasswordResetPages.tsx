// Forgotten passwords: /password-reset asks for a link by e-mail (the server answers the same for any address,
// so the page does too), /password-reset/:token is the mailed link, which sets a new password once.
import { Body1, Button, Field, Input, MessageBar, MessageBarBody, Title2 } from "@fluentui/react-components";
import { useState, type FormEvent } from "react";
import { useNavigate, useParams } from "react-router";
import { authApi } from "../api/auth";
import { Refusal, useNotify } from "../components/feedback";
import { useDocumentTitle } from "../components/hooks";
import { RouterLink } from "../components/RouterLink";
import { mapError } from "../lib/problem";
import { AuthCard } from "./AuthCard";

export function ForgotPasswordPage() {
  const [email, setEmail] = useState("");
  const [error, setError] = useState<string | undefined>();
  const [message, setMessage] = useState<string | null>(null);
  const [sent, setSent] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useDocumentTitle("Reset your password");

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setMessage(null);
    if (!email.trim()) {
      setError("Enter your e-mail address");
      return;
    }
    setError(undefined);
    setBusy(true);
    try {
      const answer = await authApi.requestPasswordReset(email.trim());
      setSent(answer.detail);
    } catch (failure) {
      const mapped = mapError(failure, ["email"] as const);
      setError(mapped.fieldErrors.email);
      setMessage(mapped.message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <AuthCard onSubmit={submit}>
      <Title2 as="h1">Reset your password</Title2>
      {sent ? (
        <MessageBar intent="success" role="status">
          <MessageBarBody>{sent} Check your mailbox.</MessageBarBody>
        </MessageBar>
      ) : (
        <>
          <Body1>We'll mail a link to set a new password. It works once, within an hour.</Body1>
          {message && <Refusal>{message}</Refusal>}
          <Field label="E-mail address" required validationMessage={error}>
            <Input id="email" type="email" autoComplete="username" value={email} onChange={(_, d) => setEmail(d.value)} />
          </Field>
          <Button type="submit" appearance="primary" disabled={busy}>
            {busy ? "Sending…" : "Mail me a link"}
          </Button>
        </>
      )}
      <RouterLink to="/signin">Back to sign in</RouterLink>
    </AuthCard>
  );
}

export function ResetPasswordPage() {
  const { token = "" } = useParams();
  const navigate = useNavigate();
  const notify = useNotify();
  const [password, setPassword] = useState("");
  const [repeat, setRepeat] = useState("");
  const [errors, setErrors] = useState<{ new_password?: string; repeat?: string }>({});
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useDocumentTitle("Choose a new password");

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const local: typeof errors = {};
    if (password.length < 10) local.new_password = "Use at least 10 characters";
    else if (repeat !== password) local.repeat = "The two passwords differ";
    setErrors(local);
    setMessage(null);
    if (local.new_password || local.repeat) return;
    setBusy(true);
    try {
      await authApi.resetPassword(token, password);
      notify.success("Password set", "Sign in with your new password.");
      void navigate("/signin", { replace: true });
    } catch (failure) {
      const mapped = mapError(failure, ["new_password"] as const);
      setErrors(mapped.fieldErrors);
      setMessage(mapped.message);
      setBusy(false);
    }
  };

  return (
    <AuthCard onSubmit={submit}>
      <Title2 as="h1">Choose a new password</Title2>
      <Body1>Setting it signs you out everywhere; then sign in with the new one.</Body1>
      {message && (
        <Refusal>
          {message} <RouterLink to="/password-reset">Ask for a new link</RouterLink>
        </Refusal>
      )}
      <Field label="New password" required validationMessage={errors.new_password}>
        <Input
          id="new_password"
          type="password"
          autoComplete="new-password"
          value={password}
          onChange={(_, d) => setPassword(d.value)}
        />
      </Field>
      <Field label="New password, again" required validationMessage={errors.repeat}>
        <Input
          id="repeat_password"
          type="password"
          autoComplete="new-password"
          value={repeat}
          onChange={(_, d) => setRepeat(d.value)}
        />
      </Field>
      <Button type="submit" appearance="primary" disabled={busy}>
        {busy ? "Setting…" : "Set password"}
      </Button>
    </AuthCard>
  );
}
