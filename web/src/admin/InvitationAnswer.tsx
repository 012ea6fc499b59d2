// The consent invitation's answer (InvitationPage, while it is pending): a visitor is offered to sign in or to
// create the organization (InvitationSignUp); a publisher's account and a tenant account without the right
// are told who may answer; a global or billing admin of the organization accepts or declines.
import { Button, MessageBar, MessageBarBody, MessageBarTitle, Text } from "@fluentui/react-components";
import { useState } from "react";
import { useNavigate } from "react-router";
import { adminApi } from "../api/admin";
import type { Invitation } from "../api/types";
import { useAuth } from "../auth/auth";
import { ConfirmButton } from "../components/ConfirmButton";
import { Loading, Refusal, useNotify } from "../components/feedback";
import { useLoad } from "../components/hooks";
import { ApiError, errorMessage } from "../lib/problem";
import { upnDomain } from "./csv";
import { InvitationSignUp } from "./InvitationSignUp";
import { useInvitationStyles } from "./invitationStyles";
import { can } from "./roles";

// The invitation as last read, its token, and how a child passes on a change or asks to read it again.
export interface InvitationProps {
  inv: Invitation;
  token: string;
  onChange: (i: Invitation) => void;
  reload: () => void;
}

// Accept or decline: the answer shows at once; a refusal stays on the page (a link used or expired meanwhile
// is read again, to show its state).
function useAnswer({ token, onChange, reload }: InvitationProps) {
  const notify = useNotify();
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const answer = async (how: "accept" | "decline") => {
    setProblem(null);
    setBusy(true);
    try {
      const result = how === "accept" ? await adminApi.acceptInvitation(token) : await adminApi.declineInvitation(token);
      notify.success(how === "accept" ? "Invitation accepted" : "Invitation declined");
      onChange(result);
    } catch (error) {
      setProblem(errorMessage(error));
      // A link used or expired meanwhile: show its state.
      if (error instanceof ApiError && error.status === 409) reload();
      throw error;
    } finally {
      setBusy(false);
    }
  };
  return { problem, busy, answer };
}

export function InvitationAnswer(props: InvitationProps) {
  const { inv, token } = props;
  const s = useInvitationStyles();
  const { state, signOut } = useAuth();
  const notify = useNotify();
  const navigate = useNavigate();
  const { problem, busy, answer } = useAnswer(props);
  const tenant = useLoad(
    (signal) =>
      state.status === "signed_in" && state.user.kind === "tenant" ? adminApi.tenant(signal) : Promise.resolve(null),
    state.status === "signed_in" ? state.user.id : "none",
  );
  const here = `/admin/invitations/${token}`;

  if (state.status === "loading") return <Loading label="Checking your sign-in…" />;
  if (state.status === "signed_out") return <InvitationSignUp inv={inv} token={token} />;
  const user = state.user;
  const switchAccount = (
    <Button
      onClick={() => {
        signOut()
          .then(() => navigate(`/signin?next=${encodeURIComponent(here)}`))
          .catch((e: unknown) => notify.failure(e, "Couldn't sign out"));
      }}
    >
      Sign in with another account
    </Button>
  );
  if (user.kind !== "tenant") {
    return (
      <>
        <MessageBar intent="info">
          <MessageBarBody>
            <MessageBarTitle>For the customer's admin</MessageBarTitle>
            You're signed in as {user.email}, a publisher's account. Only a global or billing admin of the organization
            that owns {upnDomain(inv.email)} can answer this invitation.
          </MessageBarBody>
        </MessageBar>
        <div className={s.actions}>{switchAccount}</div>
      </>
    );
  }
  if (!can(user.role, "consent")) {
    return (
      <>
        <MessageBar intent="info">
          <MessageBarBody>
            <MessageBarTitle>Ask a global or billing admin</MessageBarTitle>
            You're signed in as {user.email}. Only your organization's global admins and billing admins can accept or
            decline; send them this link.
          </MessageBarBody>
        </MessageBar>
        <div className={s.actions}>{switchAccount}</div>
      </>
    );
  }
  const domains = tenant.data?.domains ?? [];
  const foreign = tenant.data != null && !domains.includes(upnDomain(inv.email));

  return (
    <>
      <Text>
        Signed in as {user.email}
        {tenant.data ? ` (${tenant.data.name})` : ""}.
      </Text>
      {foreign && (
        <MessageBar intent="warning">
          <MessageBarBody>
            <MessageBarTitle>Sent to another organization?</MessageBarTitle>
            This invitation was sent to {inv.email}, but your organization's domains are {domains.join(", ")}. Only the
            organization that owns {upnDomain(inv.email)} can answer it.
          </MessageBarBody>
        </MessageBar>
      )}
      {problem && <Refusal title="Seatkeeper refused">{problem}</Refusal>}
      <div className={s.actions}>
        <Button appearance="primary" disabled={busy} onClick={() => void answer("accept").catch(() => undefined)}>
          {busy ? "Working…" : "Accept"}
        </Button>
        <ConfirmButton
          label="Decline"
          title={`Decline ${inv.publisher.name}'s invitation?`}
          confirm="Decline"
          failure="Couldn't decline the invitation"
          disabled={busy}
          onConfirm={() => answer("decline")}
        >
          {inv.publisher.name} won't be able to manage licenses of {inv.offer.name} for your organization through this
          link, and the link can't be used again.
        </ConfirmButton>
        {switchAccount}
      </div>
    </>
  );
}
