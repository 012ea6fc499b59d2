// Installations: every install of the publisher's offers by a customer tenant, newest first
// (GET /api/v1/installations).
import { TableCell, TableRow, Text, makeStyles, tokens } from "@fluentui/react-components";
import { partnerApi } from "../../api/partner";
import { DataTable } from "../../components/DataTable";
import { Empty, WhenLoaded } from "../../components/feedback";
import { useDocumentTitle, useLoad } from "../../components/hooks";
import { PageHeader, Section } from "../../components/layout";
import { RouterLink } from "../../components/RouterLink";
import { describeActor } from "../../lib/audit";
import { formatCount, formatDateTime } from "../../lib/format";

const useStyles = makeStyles({
  muted: { color: tokens.colorNeutralForeground3, fontFamily: tokens.fontFamilyMonospace },
  count: { color: tokens.colorNeutralForeground2 },
});

export function InstallationsPage() {
  const s = useStyles();
  useDocumentTitle("Installations");
  const installs = useLoad((signal) => partnerApi.installations(signal), "installations");
  const offers = useLoad((signal) => partnerApi.offers(signal), "offers");
  const aliasOf = (id: string) => offers.data?.items.find((o) => o.id === id)?.alias ?? id;
  return (
    <>
      <PageHeader title="Installations" />
      <Section>
        <WhenLoaded load={installs} label="Loading installations…">
          {({ items }) =>
            items.length === 0 ? (
              <Empty title="No installations yet">
                <Text>When a customer's admin installs one of your offers, it shows here.</Text>
              </Empty>
            ) : (
              <>
                <Text className={s.count}>{formatCount(items.length, "installation")}</Text>
                <DataTable
                  label="Installations"
                  minWidth="680px"
                  columns={["Installed", "Customer", "Offer", "Environment", "Installed by"]}
                >
                  {items.map((i) => (
                    <TableRow key={i.id}>
                      <TableCell>{formatDateTime(i.created_at)}</TableCell>
                      <TableCell>
                        {i.tenant_name}
                        <br />
                        <Text size={200} className={s.muted}>
                          {i.tenant_id}
                        </Text>
                      </TableCell>
                      <TableCell>
                        <RouterLink to={`/partner/offers/${encodeURIComponent(i.offer_id)}`}>{aliasOf(i.offer_id)}</RouterLink>
                        <br />
                        <Text size={200} className={s.muted}>
                          {i.offer}
                        </Text>
                      </TableCell>
                      <TableCell>{i.environment}</TableCell>
                      <TableCell>{describeActor(i.installed_by)}</TableCell>
                    </TableRow>
                  ))}
                </DataTable>
              </>
            )
          }
        </WhenLoaded>
      </Section>
    </>
  );
}
