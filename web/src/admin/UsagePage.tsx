// Usage (Admin Center): the tenant's provisioned, assigned and active seats over time, by plan (UsageReport,
// shared with Partner Center); and, for global and license admins, Inactive seats: the directly assigned seats
// of a license that the app has not checked for some days, previewed and then reclaimed (unassigned).
import {
  Button,
  Dropdown,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Option,
  TableCell,
  TableRow,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { useState, type FormEvent } from "react";
import { adminApi } from "../api/admin";
import { tenantUsage } from "../api/usage";
import type { Reclaim, TenantLicense } from "../api/types";
import { useUser } from "../auth/auth";
import { ConfirmButton } from "../components/ConfirmButton";
import { DataTable } from "../components/DataTable";
import { Empty, Refusal, WhenLoaded, useNotify } from "../components/feedback";
import { useDocumentTitle, useLoad } from "../components/hooks";
import { Actions, PageHeader, Section } from "../components/layout";
import { UsageReport } from "../components/usage/UsageReport";
import { formatCount, formatDateTime, formatLastChecked } from "../lib/format";
import { errorMessage } from "../lib/problem";
import { inactiveDaysError } from "../lib/usage";
import { can } from "./roles";

const useStyles = makeStyles({
  muted: { color: tokens.colorNeutralForeground2 },
  form: {
    display: "grid",
    gridTemplateColumns: "minmax(0, 2fr) minmax(0, 1fr) auto",
    gap: tokens.spacingHorizontalM,
    alignItems: "start",
    "@media (max-width: 600px)": { gridTemplateColumns: "minmax(0, 1fr)" },
  },
  button: { marginTop: "26px", "@media (max-width: 600px)": { marginTop: 0, justifySelf: "start" } },
});

function SeatsTable({ result, label }: { result: Reclaim; label: string }) {
  return (
    <DataTable label={label} minWidth="560px" size="small" columns={["User", "Last checked", "Assigned"]}>
      {result.items.map((seat) => (
        <TableRow key={seat.upn} data-testid={`inactive-${seat.upn}`}>
          <TableCell>{seat.upn}</TableCell>
          <TableCell>{formatLastChecked(seat.last_checked_at)}</TableCell>
          <TableCell>{formatDateTime(seat.assigned_at)}</TableCell>
        </TableRow>
      ))}
    </DataTable>
  );
}

function InactiveSeats({ licenses }: { licenses: readonly TenantLicense[] }) {
  const s = useStyles();
  const notify = useNotify();
  const [serviceId, setServiceId] = useState(licenses[0]?.service_id ?? "");
  const [days, setDays] = useState("30");
  const [daysError, setDaysError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const [refused, setRefused] = useState<string | null>(null);
  const [preview, setPreview] = useState<Reclaim | null>(null);
  const [reclaimed, setReclaimed] = useState<Reclaim | null>(null);
  const license = licenses.find((l) => l.service_id === serviceId);
  const changed = () => {
    setPreview(null);
    setRefused(null);
  };

  const runPreview = async (e: FormEvent) => {
    e.preventDefault();
    const problem = inactiveDaysError(days);
    setDaysError(problem ?? undefined);
    if (problem || !license) return;
    setBusy(true);
    setRefused(null);
    setReclaimed(null);
    try {
      setPreview(await adminApi.reclaim(license.service_id, Number(days.trim()), true));
    } catch (err) {
      setRefused(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const reclaim = async () => {
    if (!license || !preview) return;
    const result = await adminApi.reclaim(license.service_id, preview.inactive_days, false);
    setReclaimed(result);
    setPreview(null);
    notify.success("Seats reclaimed", `${formatCount(result.items.length, "seat")} of ${license.plan_name} unassigned.`);
  };

  return (
    <Section title="Inactive seats">
      <Text className={s.muted}>
        Seats assigned directly to people the app hasn't checked for a while. Preview lists them; Reclaim unassigns
        them, so the licenses go back to the pool. Seats held through a group stay: remove people from the group
        instead.
      </Text>
      <form className={s.form} onSubmit={(e) => void runPreview(e)} noValidate>
        <Field label="License">
          <Dropdown
            value={license ? `${license.plan_name} (${license.offer_name})` : ""}
            selectedOptions={serviceId ? [serviceId] : []}
            onOptionSelect={(_, d) => {
              setServiceId(d.optionValue ?? "");
              changed();
            }}
          >
            {licenses.map((l) => (
              <Option key={l.service_id} value={l.service_id} text={`${l.plan_name} (${l.offer_name})`}>
                {`${l.plan_name} (${l.offer_name})`}
              </Option>
            ))}
          </Dropdown>
        </Field>
        <Field
          label="Not checked for (days)"
          validationMessage={daysError}
          validationState={daysError ? "error" : "none"}
        >
          <Input
            type="number"
            min={1}
            value={days}
            onChange={(_, d) => {
              setDays(d.value);
              setDaysError(undefined);
              changed();
            }}
          />
        </Field>
        <Button className={s.button} type="submit" disabled={busy || !license}>
          {busy ? "Looking…" : "Preview"}
        </Button>
      </form>
      {refused && <Refusal title="Couldn't list the inactive seats">{refused}</Refusal>}
      {preview && license && (
        <div data-testid="reclaim-preview">
          {preview.items.length === 0 ? (
            <Empty title="No inactive seats">
              <Text>
                Every seat of {license.plan_name} assigned directly was checked in the last{" "}
                {formatCount(preview.inactive_days, "day")}.
              </Text>
            </Empty>
          ) : (
            <>
              <Text block>
                {formatCount(preview.items.length, "seat")} of {license.plan_name} not checked for{" "}
                {formatCount(preview.inactive_days, "day")}:
              </Text>
              <SeatsTable result={preview} label="Seats to reclaim" />
              <Actions>
                <ConfirmButton
                  label={`Reclaim ${formatCount(preview.items.length, "seat")}`}
                  appearance="primary"
                  title={`Reclaim inactive seats of ${license.plan_name}?`}
                  confirm="Reclaim"
                  failure="Couldn't reclaim the seats"
                  onConfirm={reclaim}
                >
                  The seats not checked for {formatCount(preview.inactive_days, "day")} are unassigned now (those checked
                  since the preview stay). The people lose access to the app until a seat is assigned to them again.
                </ConfirmButton>
              </Actions>
            </>
          )}
        </div>
      )}
      {reclaimed && license && (
        <MessageBar intent="success" layout="multiline" data-testid="reclaim-result">
          <MessageBarBody>
            <MessageBarTitle>{formatCount(reclaimed.items.length, "seat")} reclaimed</MessageBarTitle>
            {reclaimed.items.length === 0
              ? "Every seat was checked since the preview: nothing was unassigned."
              : `Unassigned: ${reclaimed.items.map((x) => x.upn).join(", ")}.`}
          </MessageBarBody>
        </MessageBar>
      )}
    </Section>
  );
}

export function UsagePage() {
  const s = useStyles();
  const user = useUser();
  useDocumentTitle("Usage");
  const licenses = useLoad((signal) => adminApi.licenses(signal), "licenses");
  const items = licenses.data?.items ?? [];
  return (
    <>
      <PageHeader title="Usage" />
      <Section>
        <Text className={s.muted}>
          How many licenses your organization holds, how many seats you assigned and how many of those people used
          (the app checked them), for any past period.
        </Text>
      </Section>
      <UsageReport
        api={tenantUsage}
        plans={items.map((l) => ({ value: l.service_id, label: `${l.plan_name} (${l.offer_name})` }))}
      />
      {can(user.role, "manage_seats") && (
        <WhenLoaded load={licenses} label="Loading licenses…">
          {({ items: all }) =>
            all.length === 0 ? null : <InactiveSeats licenses={all} />
          }
        </WhenLoaded>
      )}
    </>
  );
}
