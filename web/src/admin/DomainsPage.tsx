// Domains: the tenant's verified domains (they decide whose addresses name its users) and the ones it added,
// pending until the TXT record shown is found in the domain's DNS (as Microsoft 365 verifies custom domains).
import { Badge, Button, Field, Input, TableCell, TableRow, Text, makeStyles, tokens } from "@fluentui/react-components";
import { AddRegular } from "@fluentui/react-icons";
import { useState, type FormEvent } from "react";
import { adminApi } from "../api/admin";
import { useUser } from "../auth/auth";
import { ConfirmButton } from "../components/ConfirmButton";
import { DataTable } from "../components/DataTable";
import { Refusal, WhenLoaded, useNotify } from "../components/feedback";
import { useDocumentTitle, useLoad } from "../components/hooks";
import { PageHeader, Section } from "../components/layout";
import { formatDateTime } from "../lib/format";
import { mapError } from "../lib/problem";
import { can } from "./roles";
import type { TenantDomain } from "../api/types";

const useStyles = makeStyles({
  form: { display: "flex", gap: tokens.spacingHorizontalM, alignItems: "end", flexWrap: "wrap" },
  record: { fontFamily: tokens.fontFamilyMonospace, wordBreak: "break-all" },
  actions: { display: "flex", gap: tokens.spacingHorizontalS, flexWrap: "wrap" },
});

function AddDomain({ onAdded }: { onAdded: () => void }) {
  const s = useStyles();
  const notify = useNotify();
  const [domain, setDomain] = useState("");
  const [error, setError] = useState<string | undefined>();
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!domain.trim()) {
      setError("Enter a domain, e.g. fabrikam.co.uk");
      return;
    }
    setBusy(true);
    setError(undefined);
    setMessage(null);
    try {
      const added = await adminApi.addDomain(domain.trim());
      notify.success("Domain added", `Publish the TXT record shown for ${added.domain}, then verify it.`);
      setDomain("");
      onAdded();
    } catch (err) {
      const mapped = mapError(err, ["domain"] as const);
      setError(mapped.fieldErrors.domain);
      setMessage(mapped.message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className={s.form} onSubmit={(e) => void submit(e)} noValidate aria-label="Add a domain">
      {message && <Refusal>{message}</Refusal>}
      <Field label="Domain" validationMessage={error}>
        <Input id="new-domain" value={domain} onChange={(_, d) => setDomain(d.value)} maxLength={253} />
      </Field>
      <Button type="submit" appearance="primary" icon={<AddRegular />} disabled={busy}>
        {busy ? "Adding…" : "Add domain"}
      </Button>
    </form>
  );
}

function DomainActions({ d, onChange }: { d: TenantDomain; onChange: () => void }) {
  const s = useStyles();
  const notify = useNotify();
  const [busy, setBusy] = useState(false);
  const verify = async () => {
    setBusy(true);
    try {
      await adminApi.verifyDomain(d.domain);
      notify.success("Domain verified", `Addresses at ${d.domain} now name your organization's users.`);
      onChange();
    } catch (err) {
      notify.failure(err, `${d.domain} is not verified yet`);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className={s.actions}>
      <Button onClick={() => void verify()} disabled={busy} aria-label={`Verify ${d.domain}`}>
        {busy ? "Looking up…" : "Verify"}
      </Button>
      <ConfirmButton
        label="Remove"
        ariaLabel={`Remove ${d.domain}`}
        title={`Remove ${d.domain}?`}
        confirm="Remove"
        failure="Couldn't remove the domain"
        onConfirm={async () => {
          await adminApi.removeDomain(d.domain);
          onChange();
        }}
      >
        The domain is withdrawn; you can add it again later (with a new TXT record).
      </ConfirmButton>
    </div>
  );
}

export function DomainsPage() {
  const s = useStyles();
  const user = useUser();
  useDocumentTitle("Domains");
  const domains = useLoad((signal) => adminApi.domains(signal), "domains");
  const manage = can(user.role, "manage_domains");
  return (
    <>
      <PageHeader title="Domains" />
      <Section>
        <Text>
          Your organization's users are the people whose addresses are at its verified domains. To add a domain,
          prove that you control it: publish the TXT record shown in the domain's DNS, then verify it.
        </Text>
        {manage && <AddDomain onAdded={domains.reload} />}
        <WhenLoaded load={domains} label="Loading domains…">
          {({ items }) => (
            <DataTable
              label="Domains"
              minWidth="640px"
              columns={["Domain", "Status", "TXT record to publish", "Added", ...(manage ? ["Actions"] : [])]}
            >
              {items.map((d) => (
                <TableRow key={d.domain}>
                  <TableCell>{d.domain}</TableCell>
                  <TableCell>
                    <Badge appearance="tint" color={d.state === "verified" ? "success" : "warning"}>
                      {d.state === "verified" ? "Verified" : "Pending"}
                    </Badge>
                  </TableCell>
                  <TableCell>
                    {d.txt_record ? <span className={s.record}>{d.txt_record}</span> : "—"}
                  </TableCell>
                  <TableCell>{formatDateTime(d.created_at)}</TableCell>
                  {manage && (
                    <TableCell>{d.state === "pending" ? <DomainActions d={d} onChange={domains.reload} /> : "—"}</TableCell>
                  )}
                </TableRow>
              ))}
            </DataTable>
          )}
        </WhenLoaded>
      </Section>
    </>
  );
}
