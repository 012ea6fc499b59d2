// A publisher's consent invitation (/admin/invitations/<token>, the link in the publisher's invitation):
// who asks for what, and Accept / Decline for a global or billing admin of the invited organization. Anyone
// holding the link may read it; a visitor signs in (and comes back here) or, for an organization new to
// Seatkeeper, creates it with its first admin account, then answers. The parts: InvitationAnswer (who may
// answer, and the answer), InvitationSignUp with useInvitationSignup (a new organization), invitationStyles.
import {
  Badge,
  Body1,
  Card,
  Divider,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Title2,
} from "@fluentui/react-components";
import { useParams } from "react-router";
import { adminApi } from "../api/admin";
import type { InvitationState } from "../api/types";
import { useAuth } from "../auth/auth";
import { LoadError, Loading } from "../components/feedback";
import { useDocumentTitle, useLoad } from "../components/hooks";
import { RouterLink } from "../components/RouterLink";
import type { BadgeColor } from "../lib/format";
import { formatDateTime } from "../lib/format";
import { ApiError } from "../lib/problem";
import { InvitationAnswer, type InvitationProps } from "./InvitationAnswer";
import { useInvitationStyles } from "./invitationStyles";

const stateLabel: Record<InvitationState, string> = {
  pending: "Waiting for your answer",
  accepted: "Accepted",
  declined: "Declined",
  expired: "Expired",
};
const stateColor: Record<InvitationState, BadgeColor> = {
  pending: "brand",
  accepted: "success",
  declined: "subtle",
  expired: "warning",
};

export function InvitationPage() {
  const s = useInvitationStyles();
  const { token = "" } = useParams();
  const invitation = useLoad((signal) => adminApi.invitation(token, signal), `invitation:${token}`);
  useDocumentTitle("Invitation");
  if (invitation.error instanceof ApiError && invitation.error.status === 404) {
    return (
      <main className={s.page}>
        <Title2 as="h1">This invitation link isn't valid</Title2>
        <Body1 as="p">
          The link may be incomplete: copy the whole link from the publisher's message, or ask them to send it again.
        </Body1>
      </main>
    );
  }
  return (
    <main className={s.page}>
      {invitation.error ? (
        <LoadError error={invitation.error} retry={invitation.reload} />
      ) : !invitation.data ? (
        <Loading label="Loading the invitation…" />
      ) : (
        <InvitationCard inv={invitation.data} token={token} onChange={invitation.setData} reload={invitation.reload} />
      )}
    </main>
  );
}

// The invitation: who asks for what, its facts and its state, and the answer while it is pending.
function InvitationCard({ inv, token, onChange, reload }: InvitationProps) {
  const s = useInvitationStyles();
  const { state } = useAuth();
  const user = state.status === "signed_in" ? state.user : null;
  const ours = user?.kind === "tenant" && inv.tenant_id === user.tenant_id;
  return (
    <Card className={s.card}>
      <div className={s.title}>
        <Title2 as="h1">
          {inv.publisher.name} invites {inv.customer_name}
        </Title2>
        <Badge appearance="tint" color={stateColor[inv.state]} data-testid="invitation-state">
          {stateLabel[inv.state]}
        </Badge>
      </div>
      <Body1 as="p">
        {inv.publisher.name} asks your organization's consent to manage licenses of <strong>{inv.offer.name}</strong>{" "}
        for you. Once you accept, {inv.publisher.name} can give your organization licenses, which your admins then
        assign to people in the Admin Center. Accepting costs nothing and buys nothing by itself.
      </Body1>
      <dl className={s.facts}>
        <dt className={s.term}>Publisher</dt>
        <dd className={s.def}>{inv.publisher.name}</dd>
        <dt className={s.term}>App</dt>
        <dd className={s.def}>{inv.offer.name}</dd>
        <dt className={s.term}>Plans</dt>
        <dd className={s.def}>
          {inv.plans.length === 0 ? (
            "—"
          ) : (
            <ul className={s.plans}>
              {inv.plans.map((p) => (
                <li key={p.id}>{p.name}</li>
              ))}
            </ul>
          )}
        </dd>
        <dt className={s.term}>Sent to</dt>
        <dd className={s.def}>{inv.email}</dd>
        <dt className={s.term}>{inv.state === "expired" ? "Expired" : "Expires"}</dt>
        <dd className={s.def}>{formatDateTime(inv.expires_at)}</dd>
      </dl>
      <Divider />
      {inv.state === "expired" && (
        <MessageBar intent="warning">
          <MessageBarBody>
            <MessageBarTitle>This invitation has expired</MessageBarTitle>
            It could be answered until {formatDateTime(inv.expires_at)}. Ask {inv.publisher.name} to send you a new link.
          </MessageBarBody>
        </MessageBar>
      )}
      {inv.state === "accepted" && (
        <MessageBar intent="success">
          <MessageBarBody>
            <MessageBarTitle>Accepted</MessageBarTitle>
            {ours ? (
              <>
                Your organization consented. {inv.publisher.name} can now give you licenses of {inv.offer.name}; they
                appear under <RouterLink to="/admin/licenses">Licenses</RouterLink>.
              </>
            ) : (
              "This invitation was already accepted; the link can't be used again."
            )}
          </MessageBarBody>
        </MessageBar>
      )}
      {inv.state === "declined" && (
        <MessageBar intent="info">
          <MessageBarBody>
            <MessageBarTitle>Declined</MessageBarTitle>
            {ours
              ? `Your organization declined. ${inv.publisher.name} can't manage licenses for you through this invitation.`
              : "This invitation was declined; the link can't be used again."}
          </MessageBarBody>
        </MessageBar>
      )}
      {inv.state === "pending" && <InvitationAnswer inv={inv} token={token} onChange={onChange} reload={reload} />}
    </Card>
  );
}
