// Installations: the apps the tenant installed from the marketplace (Get it now), newest first.
import {
  Caption1,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { api } from "../api/client";
import { useUser } from "../auth/auth";
import { Empty, LoadError, Loading } from "../components/feedback";
import { useDocumentTitle, useLoad } from "../components/hooks";
import { PageHeader, Section } from "../components/layout";
import { RouterButton, RouterLink } from "../components/RouterLink";
import { formatDateTime, formatNumber } from "../lib/format";
import { adminApi } from "./api";

const useStyles = makeStyles({
  scroll: { overflowX: "auto" },
  table: { minWidth: "560px" },
  muted: { color: tokens.colorNeutralForeground2 },
});

export function InstallationsPage() {
  const s = useStyles();
  const user = useUser();
  useDocumentTitle("Installations");
  const installs = useLoad((signal) => adminApi.installations(signal), "installations");
  // The apps' names come from the marketplace (an offer no longer live keeps its ID).
  const products = useLoad((signal) => api.products("", signal), "products");
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
        {installs.error ? (
          <LoadError error={installs.error} retry={installs.reload} />
        ) : !installs.data ? (
          <Loading label="Loading installations…" />
        ) : installs.data.items.length === 0 ? (
          <Empty title="No apps installed yet">
            <Text>Select Get it now on an app's Marketplace page to install it.</Text>
          </Empty>
        ) : (
          <>
            <Text className={s.muted}>
              {formatNumber(installs.data.items.length)} {installs.data.items.length === 1 ? "installation" : "installations"}
            </Text>
            <div className={s.scroll}>
              <Table className={s.table} aria-label="Installations">
                <TableHeader>
                  <TableRow>
                    <TableHeaderCell>App</TableHeaderCell>
                    <TableHeaderCell>Environment</TableHeaderCell>
                    <TableHeaderCell>Installed</TableHeaderCell>
                    <TableHeaderCell>Installed by</TableHeaderCell>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {installs.data.items.map((i) => (
                    <TableRow key={i.id}>
                      <TableCell>
                        <RouterLink to={`/marketplace/product/${encodeURIComponent(i.offer)}`}>
                          {nameOf(i.offer)}
                        </RouterLink>
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
                </TableBody>
              </Table>
            </div>
          </>
        )}
      </Section>
    </>
  );
}
