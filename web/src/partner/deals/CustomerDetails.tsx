// Manage licenses → Customer details: the deal's customer, or the choice of a customer who already consented
// (PATCH tenant_id), or "+ Invite a new customer to consent": a single-use link, shown here once with a copy
// button, and mailed to the address invited.
import {
  Body1,
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Dropdown,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Option,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { AddRegular, CopyRegular } from "@fluentui/react-icons";
import { type FormEvent, useState } from "react";
import { partnerApi } from "../../api/partner";
import { useNotify } from "../../components/feedback";
import { useLoad } from "../../components/hooks";
import { Section } from "../../components/layout";
import { copyText } from "../../lib/clipboard";
import { formatDateTime } from "../../lib/format";
import { ApiError, errorMessage } from "../../lib/problem";
import { useDeal } from "./context";
import { emailError, inviteBlock } from "./logic";
import type { DealLicenses, InvitationLink, Mail } from "../../api/types";

const useStyles = makeStyles({
  dropdown: { maxWidth: "480px", width: "100%" },
  linkRow: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS, alignItems: "center" },
  link: { flexGrow: 1, minWidth: "240px", fontFamily: tokens.fontFamilyMonospace },
  muted: { color: tokens.colorNeutralForeground2 },
});

// What became of the invitation's mail, in words (only a global admin may read the outbox).
function mailWords(mail: Mail | null, email: string): string {
  if (!mail) return `Seatkeeper mails this link to ${email}.`;
  switch (mail.state) {
    case "sent":
      return `Mailed to ${email}.`;
    case "pending":
      return `A mail with this link to ${email} is queued and goes out in a moment.`;
    case "kept":
      return `No mail server is configured, so the mail to ${email} was kept unsent: send the link yourself.`;
    case "failed":
      return `The mail to ${email} failed (${mail.last_error ?? "no reason given"}): send the link yourself.`;
  }
}

export function CustomerDetails({ licenses, onChanged }: { licenses: DealLicenses; onChanged: () => void }) {
  const s = useStyles();
  const { deal, setDeal } = useDeal();
  const notify = useNotify();
  const customers = useLoad((signal) => partnerApi.customers(signal), "customers");
  const [chosen, setChosen] = useState("");
  const [busy, setBusy] = useState(false);
  const [inviting, setInviting] = useState(false);
  const [link, setLink] = useState<{ link: InvitationLink; mail: Mail | null } | null>(null);
  const customer = licenses.customer;
  const others = (customers.data?.items ?? []).filter((c) => c.id !== customer?.id);
  const options = [...(customer ? [customer] : []), ...(customer ? [] : others)];
  const selected = customer?.id ?? chosen;
  const selectedCustomer = options.find((c) => c.id === selected);
  const label = (c: { name: string; domains: string[] }) => `${c.name} (${c.domains.join(", ")})`;
  const inviteRefused = inviteBlock(deal.state, customer !== null);

  const chooseCustomer = async () => {
    setBusy(true);
    try {
      setDeal(await partnerApi.updateDeal(deal.id, { tenant_id: chosen }));
      notify.success("Customer set", "Licenses can now be added for this customer.");
      onChanged();
    } catch (error) {
      notify.failure(error, "Couldn't set the customer");
    } finally {
      setBusy(false);
    }
  };

  return (
    <Section title="Customer">
      <Field
        label="Customer details"
        hint={
          customer
            ? "The customer consented; a deal's customer can't change."
            : others.length === 0
              ? "No customer has consented to you yet: invite this deal's customer."
              : "Customers who already consented to you. The deal's customer can't change once chosen."
        }
      >
        <Dropdown
          className={s.dropdown}
          disabled={customer !== null || others.length === 0}
          placeholder={customers.loading ? "Loading customers…" : "Choose a customer"}
          value={selectedCustomer ? label(selectedCustomer) : ""}
          selectedOptions={selected ? [selected] : []}
          onOptionSelect={(_, d) => setChosen(d.optionValue ?? "")}
        >
          {options.map((c) => (
            <Option key={c.id} value={c.id} text={label(c)}>
              {label(c)}
            </Option>
          ))}
        </Dropdown>
      </Field>
      {!customer && selectedCustomer && !selectedCustomer.domains.includes(deal.customer.domain) && (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            {selectedCustomer.name}'s domains ({selectedCustomer.domains.join(", ")}) don't include this deal's
            customer domain, {deal.customer.domain}. Check that it is the right customer before you use it.
          </MessageBarBody>
        </MessageBar>
      )}
      {!customer && chosen && (
        <div>
          <Button appearance="primary" disabled={busy} onClick={() => void chooseCustomer()}>
            Use this customer for the deal
          </Button>
        </div>
      )}
      <Body1 className={s.muted} data-testid="relationship">
        {customer
          ? `${customer.name} consented to you.`
          : licenses.relationship === "invited"
            ? `An invitation is waiting for a billing or global admin of ${deal.customer.name} to accept it.`
            : `${deal.customer.name} hasn't been invited to consent yet.`}
      </Body1>
      {!customer && (
        <div>
          <Button icon={<AddRegular />} disabled={inviteRefused !== null} onClick={() => setInviting(true)}>
            Invite a new customer to consent
          </Button>
          {inviteRefused && <Text className={s.muted}> {inviteRefused}</Text>}
        </div>
      )}
      {link && <InvitationLinkShown link={link.link} mail={link.mail} onClose={() => setLink(null)} />}
      <InviteDialog
        open={inviting}
        onClose={() => setInviting(false)}
        onInvited={(l, mail) => {
          setInviting(false);
          setLink({ link: l, mail });
          notify.success("Invitation created", `Copy the link now: it is shown only once.`);
          onChanged();
        }}
      />
    </Section>
  );
}

function InvitationLinkShown({ link, mail, onClose }: { link: InvitationLink; mail: Mail | null; onClose: () => void }) {
  const s = useStyles();
  const notify = useNotify();
  // The answer that created the invitation has its link; a replay of that answer (Idempotency-Key) has null.
  const url = link.invitation_url;
  const copy = (text: string) =>
    copyText(text).then(
      () => notify.success("Link copied"),
      (e: unknown) => notify.failure(e, "Couldn't copy"),
    );
  return (
    <MessageBar intent="success" layout="multiline" data-testid="invitation-link">
      <MessageBarBody>
        <MessageBarTitle>Invitation link for {link.email}</MessageBarTitle>
        <div className={s.linkRow}>
          {url !== null && (
            <>
              <Input className={s.link} readOnly value={url} aria-label="Invitation link" onFocus={(e) => e.target.select()} />
              <Button icon={<CopyRegular />} onClick={() => void copy(url)}>
                Copy link
              </Button>
            </>
          )}
          <Button appearance="subtle" onClick={onClose}>
            Done
          </Button>
        </div>
        <Text block>
          {mailWords(mail, link.email)} It works once and expires on {formatDateTime(link.expires_at)}. This page shows it
          only now; a billing or global admin of the customer's tenant accepts it in the Admin Center.
        </Text>
      </MessageBarBody>
    </MessageBar>
  );
}

function InviteDialog({
  open,
  onClose,
  onInvited,
}: {
  open: boolean;
  onClose: () => void;
  onInvited: (link: InvitationLink, mail: Mail | null) => void;
}) {
  const { deal } = useDeal();
  const [email, setEmail] = useState(deal.customer.contact_email);
  const [error, setError] = useState<string | undefined>();
  const [refused, setRefused] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const local = emailError(email, "the customer admin's e-mail address");
    if (local) {
      setError(local);
      return;
    }
    setBusy(true);
    setRefused(null);
    try {
      const link = await partnerApi.invite(deal.id, email.trim());
      // The outbox says whether the mail went; only a global admin may read it.
      const mail = await partnerApi.mails()
        .then((m) => m.items.find((x) => x.to === link.email) ?? null)
        .catch(() => null);
      onInvited(link, mail);
    } catch (err) {
      if (err instanceof ApiError && err.field === "email") setError(errorMessage(err));
      else setRefused(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog open={open} onOpenChange={(_, d) => !d.open && onClose()}>
      <DialogSurface>
        <form onSubmit={(e) => void submit(e)} noValidate>
          <DialogBody>
            <DialogTitle>Invite a new customer to consent</DialogTitle>
            <DialogContent>
              <Body1 block>
                {deal.customer.name}'s billing admin or global admin gets a link to accept the relationship. Licenses
                can be granted only once they accept. The link works once and expires.
              </Body1>
              {refused && (
                <MessageBar intent="error" layout="multiline">
                  <MessageBarBody>{refused}</MessageBarBody>
                </MessageBar>
              )}
              <Field
                label="Customer admin's e-mail address"
                required
                validationMessage={error}
                validationState={error ? "error" : "none"}
                hint={`Its domain decides which tenant may accept; this deal's customer domain is ${deal.customer.domain}.`}
              >
                <Input
                  type="email"
                  value={email}
                  onChange={(_, d) => {
                    setEmail(d.value);
                    setError(undefined);
                  }}
                />
              </Field>
            </DialogContent>
            <DialogActions>
              <Button type="submit" appearance="primary" disabled={busy}>
                {busy ? "Creating…" : "Create invitation"}
              </Button>
              <Button onClick={onClose} disabled={busy}>
                Cancel
              </Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}
