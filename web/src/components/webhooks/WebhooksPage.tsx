// Webhooks (Partner Center and the Admin Center, one implementation given its API and its path): the endpoints
// that receive the caller's events, with their events and state; a global admin adds one (its secret shown once)
// and opens one for its deliveries and actions.
import { Caption1, TableCell, TableRow, Text, makeStyles, tokens } from "@fluentui/react-components";
import { AddRegular } from "@fluentui/react-icons";
import type { ReactNode } from "react";
import type { WebhooksApi } from "../../api/webhooks";
import { formatNumber } from "../../lib/format";
import { DataTable } from "../DataTable";
import { Empty, WhenLoaded } from "../feedback";
import { useDocumentTitle, useLoad } from "../hooks";
import { PageHeader, Section } from "../layout";
import { RouterLink } from "../RouterLink";
import { EndpointDialog } from "./EndpointDialog";
import { EndpointEvents, EndpointStateBadge, endpointPath } from "./common";

const useStyles = makeStyles({
  muted: { color: tokens.colorNeutralForeground2 },
  url: { fontFamily: tokens.fontFamilyMonospace, wordBreak: "break-all" },
});

export function WebhooksPage({ api, basePath, intro }: { api: WebhooksApi; basePath: string; intro: ReactNode }) {
  const s = useStyles();
  useDocumentTitle("Webhooks");
  const endpoints = useLoad((signal) => api.endpoints(signal), `webhooks:${basePath}`);
  return (
    <>
      <PageHeader title="Webhooks">
        <EndpointDialog api={api} label="Add endpoint" appearance="primary" icon={<AddRegular />} onSaved={endpoints.reload} />
      </PageHeader>
      <Section>
        <Text className={s.muted}>{intro}</Text>
      </Section>
      <Section title="Endpoints">
        <WhenLoaded load={endpoints} label="Loading the endpoints…">
          {({ items }) =>
            items.length === 0 ? (
              <Empty title="No endpoints yet">
                <Text>Add an endpoint to have events sent to it as they happen.</Text>
              </Empty>
            ) : (
              <DataTable
                label="Endpoints"
                minWidth="760px"
                columns={["Endpoint", "Events", "Status", "Failures"]}
                widths={[undefined, "30%", "220px", "90px"]}
              >
                {items.map((e) => (
                  <TableRow key={e.id} data-testid={`endpoint-${e.url}`}>
                    <TableCell>
                      <RouterLink to={endpointPath(basePath, e.id)}>
                        <span className={s.url}>{e.url}</span>
                      </RouterLink>
                      {e.description && (
                        <>
                          <br />
                          <Caption1 className={s.muted}>{e.description}</Caption1>
                        </>
                      )}
                    </TableCell>
                    <TableCell>
                      <EndpointEvents events={e.events} />
                    </TableCell>
                    <TableCell>
                      <EndpointStateBadge endpoint={e} />
                    </TableCell>
                    <TableCell>{formatNumber(e.consecutive_failures)}</TableCell>
                  </TableRow>
                ))}
              </DataTable>
            )
          }
        </WhenLoaded>
      </Section>
    </>
  );
}
