// Licenses: one card per Service ID the tenant holds (across publishers and deals) with its status, a free
// trial's or a site license's badge, its end and the days left, its quantity (licenses in force), assigned and
// available seats and a usage bar (a site license has no number: it covers all users of the verified domains),
// what a status that denies users means, and how many assigned users the licenses no longer cover; each opens
// its assignments.
import {
  Caption1,
  Card,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Text,
  makeStyles,
  mergeClasses,
  tokens,
} from "@fluentui/react-components";
import { adminApi } from "../api/admin";
import { Empty, LoadError, Loading } from "../components/feedback";
import { useDocumentTitle, useLoad } from "../components/hooks";
import { PageHeader, Section } from "../components/layout";
import { RouterLink } from "../components/RouterLink";
import { LicenseStatusBadge, SiteLicenseBadge, TrialBadge } from "../components/LicenseStatusBadge";
import { utcToday } from "../lib/days";
import { formatNumber } from "../lib/format";
import { totals } from "./capacity";
import { licenseNotice, termSummary, uncoveredNotice, type LicenseNotice } from "./licenseStanding";
import { SITE_LICENSE_TENANT_TEXT } from "../lib/trials";
import type { TenantLicense } from "../api/types";
import { UsageBar } from "./UsageBar";

const useStyles = makeStyles({
  grid: {
    display: "grid",
    gridTemplateColumns: "repeat(auto-fill, minmax(300px, 1fr))",
    gap: tokens.spacingHorizontalL,
    "@media (max-width: 600px)": { gridTemplateColumns: "minmax(0, 1fr)" },
  },
  card: { display: "grid", gap: tokens.spacingVerticalS, padding: tokens.spacingHorizontalL },
  standing: { display: "flex", flexWrap: "wrap", alignItems: "center", gap: tokens.spacingHorizontalS },
  stats: { display: "grid", gridTemplateColumns: "repeat(3, minmax(0, 1fr))", gap: tokens.spacingHorizontalS, margin: 0 },
  siteStats: { gridTemplateColumns: "repeat(2, minmax(0, 1fr))" },
  stat: { display: "grid", margin: 0 },
  statValue: { fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold, margin: 0 },
  muted: { color: tokens.colorNeutralForeground2 },
  sid: { fontFamily: tokens.fontFamilyMonospace, color: tokens.colorNeutralForeground2, wordBreak: "break-all" },
});

export function LicenseStats({
  license,
}: {
  license: Pick<TenantLicense, "quantity" | "assigned" | "available"> & { site?: boolean };
}) {
  const s = useStyles();
  // A site license has no number of licenses, so nothing is "available" either.
  const stats: [string, string][] = license.site
    ? [
        ["Licenses", "All users"],
        ["Assigned", formatNumber(license.assigned)],
      ]
    : [
        ["Licenses", formatNumber(license.quantity)],
        ["Assigned", formatNumber(license.assigned)],
        ["Available", formatNumber(license.available)],
      ];
  return (
    <dl className={mergeClasses(s.stats, license.site && s.siteStats)}>
      {stats.map(([label, value]) => (
        <div key={label} className={s.stat}>
          <dt className={s.muted}>{label}</dt>
          <dd className={s.statValue} data-testid={`stat-${label.toLowerCase()}`}>
            {value}
          </dd>
        </div>
      ))}
    </dl>
  );
}

// The license's status badge (and Trial or Site license) and its term in a line.
export function LicenseStanding({
  license,
  today,
}: {
  license: Pick<TenantLicense, "status" | "term" | "trial" | "site">;
  today: number;
}) {
  const s = useStyles();
  return (
    <div className={s.standing}>
      <LicenseStatusBadge status={license.status} />
      {license.trial && <TrialBadge />}
      {license.site && <SiteLicenseBadge />}
      <Caption1 className={s.muted} data-testid="term-summary">
        {termSummary(license, today)}
      </Caption1>
      {license.site && (
        <Caption1 className={s.muted} data-testid="site-summary">
          {SITE_LICENSE_TENANT_TEXT}
        </Caption1>
      )}
    </div>
  );
}

function NoticeBar({ notice, testId }: { notice: LicenseNotice | null; testId: string }) {
  if (!notice) return null;
  return (
    <MessageBar intent={notice.intent} layout="multiline" data-testid={testId}>
      <MessageBarBody>
        <MessageBarTitle>{notice.title}</MessageBarTitle>
        {notice.text}
      </MessageBarBody>
    </MessageBar>
  );
}

// What the status means for the assigned users, when the app denies them (or soon will), and how many of them
// the licenses in force don't cover; nothing while all is well.
export function LicenseNoticeBar({
  license,
  today,
}: {
  license: Pick<TenantLicense, "status" | "term" | "publisher_name" | "suspension" | "trial" | "assigned" | "uncovered">;
  today: number;
}) {
  return (
    <>
      <NoticeBar notice={licenseNotice(license, today)} testId="license-notice" />
      <NoticeBar notice={uncoveredNotice(license)} testId="uncovered-notice" />
    </>
  );
}

export function licensePath(serviceId: string): string {
  return `/admin/licenses/${encodeURIComponent(serviceId)}`;
}

export function LicensesPage() {
  const s = useStyles();
  useDocumentTitle("Licenses");
  const licenses = useLoad((signal) => adminApi.licenses(signal), "licenses");
  const items = licenses.data?.items ?? [];
  const sum = totals(items);
  const today = utcToday();
  return (
    <>
      <PageHeader title="Licenses" />
      {licenses.error ? (
        <LoadError error={licenses.error} retry={licenses.reload} />
      ) : !licenses.data ? (
        <Loading label="Loading licenses…" />
      ) : items.length === 0 ? (
        <Section>
          <Empty title="No licenses yet">
            <Text>
              Licenses appear here once a publisher you accepted an invitation from assigns them to your organization.
              Browse apps in the <RouterLink to="/marketplace">Marketplace</RouterLink>.
            </Text>
          </Empty>
        </Section>
      ) : (
        <>
          <Section title="All licenses">
            <LicenseStats license={sum} />
            <UsageBar license={sum} size="large" />
          </Section>
          <div className={s.grid} role="list" aria-label="Licenses by plan">
            {items.map((l) => (
              <Card key={l.service_id} className={s.card} role="listitem" aria-label={l.plan_name}>
                <div>
                  <RouterLink to={licensePath(l.service_id)}>
                    <Text weight="semibold" size={400}>
                      {l.plan_name}
                    </Text>
                  </RouterLink>
                  <br />
                  <Caption1 className={s.muted}>
                    {l.offer_name} · {l.publisher_name}
                  </Caption1>
                  <br />
                  <Caption1 className={s.sid}>{l.service_id}</Caption1>
                </div>
                <LicenseStanding license={l} today={today} />
                <LicenseStats license={l} />
                {!l.site && <UsageBar license={l} />}
                <LicenseNoticeBar license={l} today={today} />
              </Card>
            ))}
          </div>
        </>
      )}
    </>
  );
}
