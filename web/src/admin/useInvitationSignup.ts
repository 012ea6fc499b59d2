// The state of Create your organization (InvitationSignUp): the fields, the mailed sign-up code, the checks made
// before sending, and the sign-up itself, which signs the new global admin in.
import { useState, type FormEvent } from "react";
import { adminApi } from "../api/admin";
import type { Invitation } from "../api/types";
import { useAuth } from "../auth/auth";
import { useNotify } from "../components/feedback";
import { mapError } from "../lib/problem";

export const SIGNUP_FIELDS = ["tenant_name", "name", "password", "code"] as const;
export type SignupField = (typeof SIGNUP_FIELDS)[number] | "confirm";

export function useInvitationSignup(inv: Invitation, token: string) {
  const { adoptSession } = useAuth();
  const notify = useNotify();
  const [tenantName, setTenantName] = useState(inv.customer_name);
  const [name, setName] = useState("");
  const [password, setPassword] = useState("");
  const [confirm, setConfirm] = useState("");
  const [code, setCode] = useState("");
  const [codeSent, setCodeSent] = useState(false);
  const [sending, setSending] = useState(false);
  const [errors, setErrors] = useState<Partial<Record<SignupField, string>>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  // The code proves that whoever creates the organization reads the invited address's mail.
  const sendCode = async () => {
    setSending(true);
    setMessage(null);
    try {
      await adminApi.sendSignupCode(token);
      setCodeSent(true);
      setErrors((e) => ({ ...e, code: undefined }));
    } catch (error) {
      setMessage(mapError(error, SIGNUP_FIELDS).message);
    } finally {
      setSending(false);
    }
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const local: Partial<Record<SignupField, string>> = {};
    if (!tenantName.trim()) local.tenant_name = "Enter your organization's name";
    if (password.length < 10) local.password = "Use at least 10 characters";
    if (confirm !== password) local.confirm = "The passwords don't match";
    if (!code.trim()) local.code = codeSent ? "Enter the code from the mail" : "Send yourself a code first";
    setErrors(local);
    setMessage(null);
    if (Object.keys(local).length > 0) return;
    setBusy(true);
    try {
      const session = await adminApi.signUp(token, {
        tenant_name: tenantName.trim(),
        password,
        code: code.trim(),
        ...(name.trim() ? { name: name.trim() } : {}),
      });
      notify.success("Organization created", `You're signed in as ${session.user.email}. Now answer the invitation.`);
      adoptSession(session);
    } catch (error) {
      const mapped = mapError(error, SIGNUP_FIELDS);
      setErrors(mapped.fieldErrors);
      setMessage(mapped.message);
    } finally {
      setBusy(false);
    }
  };

  return {
    values: { tenantName, name, password, confirm, code },
    set: { tenantName: setTenantName, name: setName, password: setPassword, confirm: setConfirm, code: setCode },
    codeSent,
    sending,
    errors,
    message,
    busy,
    sendCode,
    submit,
  };
}
