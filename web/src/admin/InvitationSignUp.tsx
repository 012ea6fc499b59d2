// For an organization without an account (InvitationAnswer, signed out): sign in, or create the organization and
// its first admin (the invited address), then answer. The form's state is useInvitationSignup's.
import { Button, Caption1, Field, Input, Subtitle2 } from "@fluentui/react-components";
import { useState } from "react";
import type { Invitation } from "../api/types";
import { Refusal } from "../components/feedback";
import { RouterButton } from "../components/RouterLink";
import { upnDomain } from "./csv";
import { useInvitationStyles } from "./invitationStyles";
import { useInvitationSignup } from "./useInvitationSignup";

export function InvitationSignUp({ inv, token }: { inv: Invitation; token: string }) {
  const s = useInvitationStyles();
  const [creating, setCreating] = useState(false);
  const form = useInvitationSignup(inv, token);
  const { values, set, errors } = form;
  const here = `/admin/invitations/${token}`;

  return (
    <>
      <Subtitle2 as="h2">Are you an admin of the organization that owns {upnDomain(inv.email)}?</Subtitle2>
      <div className={s.actions}>
        <RouterButton appearance="primary" to={`/signin?next=${encodeURIComponent(here)}`}>
          Sign in to answer
        </RouterButton>
        {!creating && <Button onClick={() => setCreating(true)}>New to Seatkeeper? Create your organization</Button>}
      </div>
      {creating && (
        <form className={s.form} onSubmit={(e) => void form.submit(e)} noValidate aria-label="Create your organization">
          <Subtitle2 as="h2">Create your organization</Subtitle2>
          <Caption1>
            You become its global admin, signing in as {inv.email}. Its domain is {upnDomain(inv.email)}; other
            domains your users' addresses use can be added afterwards, each proven by a DNS record.
          </Caption1>
          {form.message && <Refusal>{form.message}</Refusal>}
          <Field label="Organization name" required validationMessage={errors.tenant_name}>
            <Input
              id="tenant_name"
              value={values.tenantName}
              onChange={(_, d) => set.tenantName(d.value)}
              maxLength={200}
            />
          </Field>
          <Field label="Your name" validationMessage={errors.name}>
            <Input
              id="name"
              value={values.name}
              onChange={(_, d) => set.name(d.value)}
              autoComplete="name"
              maxLength={200}
            />
          </Field>
          <Field label="E-mail address">
            <Input id="signup-email" value={inv.email} readOnly autoComplete="username" />
          </Field>
          <Field label="Password" required hint="At least 10 characters" validationMessage={errors.password}>
            <Input
              id="password"
              type="password"
              autoComplete="new-password"
              value={values.password}
              onChange={(_, d) => set.password(d.value)}
            />
          </Field>
          <Field label="Confirm password" required validationMessage={errors.confirm}>
            <Input
              id="confirm"
              type="password"
              autoComplete="new-password"
              value={values.confirm}
              onChange={(_, d) => set.confirm(d.value)}
            />
          </Field>
          <Field
            label="Sign-up code"
            required
            hint={
              form.codeSent
                ? `We mailed an 8-digit code to ${inv.email}. It works for 15 minutes.`
                : `We mail an 8-digit code to ${inv.email} to make sure it is you.`
            }
            validationMessage={errors.code}
          >
            <Input
              id="code"
              value={values.code}
              onChange={(_, d) => set.code(d.value)}
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={20}
            />
          </Field>
          <div className={s.actions}>
            <Button onClick={() => void form.sendCode()} disabled={form.sending}>
              {form.sending ? "Sending…" : form.codeSent ? "Send a new code" : "Send code"}
            </Button>
          </div>
          <div className={s.actions}>
            <Button type="submit" appearance="primary" disabled={form.busy}>
              {form.busy ? "Creating…" : "Create organization"}
            </Button>
            <Button onClick={() => setCreating(false)}>Cancel</Button>
          </div>
        </form>
      )}
    </>
  );
}
