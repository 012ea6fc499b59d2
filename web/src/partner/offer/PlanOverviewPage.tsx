// Plan overview: the plans, each with its Service ID (copyable), Copy service IDs for all of them, and the
// plan-definition CSV (Service ID, Display name, More info URL) exported by the server; a license-managed
// offer's plans also show their free trial ("30-day trial, 5 users"), set on the plan's page.
import {
  Badge,
  Body1,
  Button,
  TableCell,
  TableRow,
  makeStyles,
} from "@fluentui/react-components";
import { AddRegular, ArrowDownloadRegular, CopyRegular } from "@fluentui/react-icons";
import { useState } from "react";
import { partnerApi } from "../../api/partner";
import { DataTable } from "../../components/DataTable";
import { Empty, useNotify } from "../../components/feedback";
import { PageHeader, Section } from "../../components/layout";
import { RouterButton, RouterLink } from "../../components/RouterLink";
import { copyText } from "../../lib/clipboard";
import { attachmentName, serviceIdsText } from "../../lib/fields";
import { isFrozen, planStateLabel } from "../../lib/format";
import { trialSummary } from "../../lib/trials";
import { useOffer } from "./context";

const useStyles = makeStyles({
  sid: { wordBreak: "break-all" },
});

async function downloadPlansCsv(offerId: string): Promise<string> {
  const { blob, contentDisposition } = await partnerApi.plansCsv(offerId);
  const name = attachmentName(contentDisposition, `${offerId}-plans.csv`);
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 10000);
  return name;
}

export function PlanOverviewPage() {
  const s = useStyles();
  const { offer, plans } = useOffer();
  const notify = useNotify();
  const [exporting, setExporting] = useState(false);
  const base = `/partner/offers/${encodeURIComponent(offer.id)}`;
  const canAdd = !isFrozen(offer.state) && offer.state !== "live";
  const managed = offer.licensing.license_management;
  const copy = (text: string, what: string) =>
    copyText(text).then(
      () => notify.success(`${what} copied`),
      (e: unknown) => notify.failure(e, "Couldn't copy"),
    );

  return (
    <>
      <PageHeader level="h2" title="Plan overview">
        {canAdd && (
          <RouterButton to={`${base}/plans/new`} appearance="primary" icon={<AddRegular />}>
            Create new plan
          </RouterButton>
        )}
        <Button
          icon={<CopyRegular />}
          disabled={plans.length === 0}
          onClick={() => void copy(serviceIdsText(plans), "Service IDs")}
        >
          Copy service IDs
        </Button>
        <Button
          icon={<ArrowDownloadRegular />}
          disabled={plans.length === 0 || exporting}
          onClick={() => {
            setExporting(true);
            downloadPlansCsv(offer.id)
              .then((name) => notify.success("Plan definitions exported", name))
              .catch((e: unknown) => notify.failure(e, "Couldn't export"))
              .finally(() => setExporting(false));
          }}
        >
          Export plan definitions (CSV)
        </Button>
      </PageHeader>
      <Section>
        {managed && (
          <Body1>
            Every plan has a Service ID. Copy each plan's Service ID and add it to your solution package
            (ServicePlans/ServicePlans.xml, mapped to app modules in ServicePlans/ServicePlansAppModules.xml).
          </Body1>
        )}
        {plans.length === 0 ? (
          <Empty title="No plans yet">
            <Body1>Select Create new plan to define the first plan of this offer.</Body1>
            {canAdd && (
              <RouterButton to={`${base}/plans/new`} appearance="primary" icon={<AddRegular />}>
                Create new plan
              </RouterButton>
            )}
          </Empty>
        ) : (
          <DataTable
            label="Plans"
            minWidth="560px"
            columns={["Plan name", "Plan ID", "Service ID", "Status", ...(managed ? ["Free trial"] : [])]}
          >
            {plans.map((p) => (
              <TableRow key={p.id}>
                <TableCell>
                  <RouterLink to={`${base}/plans/${encodeURIComponent(p.id)}`}>{p.name}</RouterLink>
                </TableCell>
                <TableCell>
                  <code>{p.id}</code>
                </TableCell>
                <TableCell>
                  <code className={s.sid} data-testid="service-id">
                    {p.service_id}
                  </code>{" "}
                  <Button
                    size="small"
                    appearance="subtle"
                    icon={<CopyRegular />}
                    aria-label={`Copy Service ID ${p.service_id}`}
                    onClick={() => void copy(p.service_id, "Service ID")}
                  />
                </TableCell>
                <TableCell>
                  <Badge appearance="outline" color={p.state === "published" ? "success" : "informative"}>
                    {planStateLabel[p.state]}
                  </Badge>
                </TableCell>
                {managed && <TableCell data-testid="plan-trial">{trialSummary(p) ?? "None"}</TableCell>}
              </TableRow>
            ))}
          </DataTable>
        )}
      </Section>
    </>
  );
}
