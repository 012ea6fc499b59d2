// A publisher's consent invitation (/admin/invitations/<token>, the link in the publisher's invitation):
// who asks for what, and Accept / Decline for a global or billing admin of the invited organization. Anyone
// holding the link may read it; a visitor signs in (and comes back here) or, for an organization new to
// Seatkeeper, creates it with its first admin account, then answers.
import {
  Badge,
  Body1,
  Button,
  Caption1,
  Card,
  Divider,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Subtitle2,
  Text,
  Title2,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { useState, type FormEvent } from "react";
import { useNavigate, useParams } from "react-router";
import { adminApi } from "../api/admin";
import { useAuth } from "../auth/auth";
import { LoadError, Loading, Refusal, useNotify } from "../components/feedback";
import { useDocumentTitle, useLoad } from "../components/hooks";
import { RouterButton, RouterLink } from "../components/RouterLink";
import type { BadgeColor } from "../lib/format";
import { formatDateTime } from "../lib/format";
import { ApiError, errorMessage, mapError } from "../lib/problem";
import { upnDomain } from "./csv";
import { ConfirmButton } from "../components/ConfirmButton";
import { can } from "./roles";
import type { Invitation, InvitationState } from "../api/types";

const useStyles = makeStyles({
  page: { maxWidth: "720px", margin: "0 auto", padding: `${tokens.spacingVerticalXXL} ${tokens.spacingHorizontalL}` },
  card: { display: "grid", gap: tokens.spacingVerticalM, padding: tokens.spacingHorizontalXL },
  facts: {
    display: "grid",
    gridTemplateColumns: "max-content minmax(0, 1fr)",
    gap: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalL}`,
    margin: 0,
    "@media (max-width: 600px)": { gridTemplateColumns: "minmax(0, 1fr)" },
  },
  term: { color: tokens.colorNeutralForeground2 },
  def: { margin: 0, wordBreak: "break-word" },
  plans: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
  actions: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
  form: { display: "grid", gap: tokens.spacingVerticalM },
  title: { display: "flex", alignItems: "center", gap: tokens.spacingHorizontalM, flexWrap: "wrap" },
});

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
  const s = useStyles();
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

// The invitation as last read, its token, and how a child passes on a change or asks to read it again.
interface InvitationProps {
  inv: Invitation;
  token: string;
  onChange: (i: Invitation) => void;
  reload: () => void;
}

function InvitationCard({
  inv,
  token,
  onChange,
  reload,
}: InvitationProps) {
  const s = useStyles();
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
      {inv.state === "pending" && <Answer inv={inv} token={token} onChange={onChange} reload={reload} />}
    </Card>
  );
}

function Answer({
  inv,
  token,
  onChange,
  reload,
}: InvitationProps) {
  const s = useStyles();
  const { state, signOut } = useAuth();
  const notify = useNotify();
  const navigate = useNavigate();
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const tenant = useLoad(
    (signal) =>
      state.status === "signed_in" && state.user.kind === "tenant" ? adminApi.tenant(signal) : Promise.resolve(null),
    state.status === "signed_in" ? state.user.id : "none",
  );
  const here = `/admin/invitations/${token}`;

  if (state.status === "loading") return <Loading label="Checking your sign-in…" />;
  if (state.status === "signed_out") return <SignUp inv={inv} token={token} />;
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

const SIGNUP_FIELDS = ["tenant_name", "name", "password", "code"] as const;
type SignupField = (typeof SIGNUP_FIELDS)[number] | "confirm";

// For an organization without an account: sign in, or create the organization and its first admin (the
// invited address), then answer.
function SignUp({ inv, token }: { inv: Invitation; token: string }) {
  const s = useStyles();
  const { adoptSession } = useAuth();
  const notify = useNotify();
  const [creating, setCreating] = useState(false);
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
  const here = `/admin/invitations/${token}`;

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
        <form className={s.form} onSubmit={(e) => void submit(e)} noValidate aria-label="Create your organization">
          <Subtitle2 as="h2">Create your organization</Subtitle2>
          <Caption1>
            You become its global admin, signing in as {inv.email}. Its domain is {upnDomain(inv.email)}; other
            domains your users' addresses use can be added afterwards, each proven by a DNS record.
          </Caption1>
          {message && <Refusal>{message}</Refusal>}
          <Field label="Organization name" required validationMessage={errors.tenant_name}>
            <Input id="tenant_name" value={tenantName} onChange={(_, d) => setTenantName(d.value)} maxLength={200} />
          </Field>
          <Field label="Your name" validationMessage={errors.name}>
            <Input id="name" value={name} onChange={(_, d) => setName(d.value)} autoComplete="name" maxLength={200} />
          </Field>
          <Field label="E-mail address">
            <Input id="signup-email" value={inv.email} readOnly autoComplete="username" />
          </Field>
          <Field label="Password" required hint="At least 10 characters" validationMessage={errors.password}>
            <Input
              id="password"
              type="password"
              autoComplete="new-password"
              value={password}
              onChange={(_, d) => setPassword(d.value)}
            />
          </Field>
          <Field label="Confirm password" required validationMessage={errors.confirm}>
            <Input
              id="confirm"
              type="password"
              autoComplete="new-password"
              value={confirm}
              onChange={(_, d) => setConfirm(d.value)}
            />
          </Field>
          <Field
            label="Sign-up code"
            required
            hint={
              codeSent
                ? `We mailed an 8-digit code to ${inv.email}. It works for 15 minutes.`
                : `We mail an 8-digit code to ${inv.email} to make sure it is you.`
            }
            validationMessage={errors.code}
          >
            <Input
              id="code"
              value={code}
              onChange={(_, d) => setCode(d.value)}
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={20}
            />
          </Field>
          <div className={s.actions}>
            <Button onClick={() => void sendCode()} disabled={sending}>
              {sending ? "Sending…" : codeSent ? "Send a new code" : "Send code"}
            </Button>
          </div>
          <div className={s.actions}>
            <Button type="submit" appearance="primary" disabled={busy}>
              {busy ? "Creating…" : "Create organization"}
            </Button>
            <Button onClick={() => setCreating(false)}>Cancel</Button>
          </div>
        </form>
      )}
    </>
  );
}
