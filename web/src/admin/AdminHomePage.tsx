// Admin Center home: the organization (name, domains, tenant ID), its licenses in one bar, and its installs.
import { Body1, Caption1, Text, makeStyles, tokens } from "@fluentui/react-components";
import { adminApi } from "../api/admin";
import { useUser } from "../auth/auth";
import { LoadError, Loading } from "../components/feedback";
import { useDocumentTitle, useLoad } from "../components/hooks";
import { PageHeader, Section } from "../components/layout";
import { RouterButton, RouterLink } from "../components/RouterLink";
import { formatDateTime, formatNumber } from "../lib/format";
import { totals } from "./capacity";
import { LicenseStats } from "./LicensesPage";
import { tenantRoleLabel } from "./roles";
import { UsageBar } from "./UsageBar";

const useStyles = makeStyles({
  facts: {
    display: "grid",
    gridTemplateColumns: "max-content minmax(0, 1fr)",
    gap: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalL}`,
    margin: 0,
    "@media (max-width: 600px)": { gridTemplateColumns: "minmax(0, 1fr)" },
  },
  term: { color: tokens.colorNeutralForeground2 },
  def: { margin: 0, wordBreak: "break-all" },
});

export function AdminHomePage() {
  const s = useStyles();
  const user = useUser();
  useDocumentTitle("Admin Center");
  const tenant = useLoad((signal) => adminApi.tenant(signal), "tenant");
  const licenses = useLoad((signal) => adminApi.licenses(signal), "licenses");
  const installs = useLoad((signal) => adminApi.installations(signal), "installations");
  if (tenant.error) return <LoadError error={tenant.error} retry={tenant.reload} />;
  if (!tenant.data) return <Loading label="Loading your organization…" />;
  const t = tenant.data;
  const sum = totals(licenses.data?.items ?? []);
  return (
    <>
      <PageHeader title={t.name} />
      <Section title="Your organization">
        <dl className={s.facts}>
          <dt className={s.term}>Domains</dt>
          <dd className={s.def}>{t.domains.join(", ")}</dd>
          <dt className={s.term}>Tenant ID</dt>
          <dd className={s.def}>
            <code>{t.id}</code>
          </dd>
          <dt className={s.term}>Created</dt>
          <dd className={s.def}>{formatDateTime(t.created_at)}</dd>
          <dt className={s.term}>You</dt>
          <dd className={s.def}>
            {user.email} · {tenantRoleLabel[user.role] ?? user.role}
          </dd>
        </dl>
      </Section>
      <Section title="Licenses">
        {licenses.error ? (
          <LoadError error={licenses.error} retry={licenses.reload} />
        ) : !licenses.data ? (
          <Loading label="Loading licenses…" />
        ) : licenses.data.items.length === 0 ? (
          <Body1>
            No licenses yet. When a publisher sends you an invitation, accept it with the link they give you; the
            licenses they then assign show here.
          </Body1>
        ) : (
          <>
            <Caption1>
              {formatNumber(licenses.data.items.length)} {licenses.data.items.length === 1 ? "plan" : "plans"} from{" "}
              {formatNumber(new Set(licenses.data.items.map((l) => l.publisher_id)).size)}{" "}
              {new Set(licenses.data.items.map((l) => l.publisher_id)).size === 1 ? "publisher" : "publishers"}
            </Caption1>
            <LicenseStats license={sum} />
            <UsageBar license={sum} size="large" />
            <div>
              <RouterButton to="/admin/licenses" appearance="primary">
                Manage licenses
              </RouterButton>
            </div>
          </>
        )}
      </Section>
      <Section title="Installations">
        {installs.error ? (
          <LoadError error={installs.error} retry={installs.reload} />
        ) : !installs.data ? (
          <Loading label="Loading installations…" />
        ) : (
          <Text>
            {installs.data.items.length === 0 ? (
              <>
                No apps installed yet. Find one in the <RouterLink to="/marketplace">Marketplace</RouterLink>.
              </>
            ) : (
              <>
                {formatNumber(installs.data.items.length)}{" "}
                {installs.data.items.length === 1 ? "app installation" : "app installations"}.{" "}
                <RouterLink to="/admin/installations">See installations</RouterLink>
              </>
            )}
          </Text>
        )}
      </Section>
    </>
  );
}
