// Installations: the apps the tenant installed from the marketplace (Get it now), newest first.
import { Caption1, TableCell, TableRow, Text, makeStyles, tokens } from "@fluentui/react-components";
import { adminApi } from "../api/admin";
import { marketplaceApi } from "../api/marketplace";
import { useUser } from "../auth/auth";
import { DataTable } from "../components/DataTable";
import { Empty, WhenLoaded } from "../components/feedback";
import { useDocumentTitle, useLoad } from "../components/hooks";
import { PageHeader, Section } from "../components/layout";
import { RouterButton, RouterLink } from "../components/RouterLink";
import { formatCount, formatDateTime } from "../lib/format";

const useStyles = makeStyles({
  muted: { color: tokens.colorNeutralForeground2 },
});

export function InstallationsPage() {
  const s = useStyles();
  const user = useUser();
  useDocumentTitle("Installations");
  const installs = useLoad((signal) => adminApi.installations(signal), "installations");
  // The apps' names come from the marketplace (an offer no longer live keeps its ID).
  const products = useLoad((signal) => marketplaceApi.offers("", signal), "products");
  const nameOf = (offer: string) => products.data?.items.find((p) => p.id === offer)?.name ?? offer;
  const by = (actor: string) => (actor === `user:${user.id}` ? "You" : actor.startsWith("key:") ? "An API key" : actor);
  return (
    <>
      <PageHeader title="Installations">
        <RouterButton to="/marketplace" appearance="primary">
          Find apps in the Marketplace
        </RouterButton>
      </PageHeader>
      <Section>
        <WhenLoaded load={installs} label="Loading installations…">
          {({ items }) =>
            items.length === 0 ? (
              <Empty title="No apps installed yet">
                <Text>Select Get it now on an app's Marketplace page to install it.</Text>
              </Empty>
            ) : (
              <>
                <Text className={s.muted}>{formatCount(items.length, "installation")}</Text>
                <DataTable
                  label="Installations"
                  minWidth="560px"
                  columns={["App", "Environment", "Installed", "Installed by"]}
                >
                  {items.map((i) => (
                    <TableRow key={i.id}>
                      <TableCell>
                        <RouterLink to={`/marketplace/product/${encodeURIComponent(i.offer)}`}>{nameOf(i.offer)}</RouterLink>
                        {nameOf(i.offer) !== i.offer && (
                          <>
                            <br />
                            <Caption1 className={s.muted}>{i.offer}</Caption1>
                          </>
                        )}
                      </TableCell>
                      <TableCell>{i.environment}</TableCell>
                      <TableCell>{formatDateTime(i.created_at)}</TableCell>
                      <TableCell>{by(i.installed_by)}</TableCell>
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
