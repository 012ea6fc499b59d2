// Manage licenses' table: a row per plan that has (or had) licenses on the deal, with its number to change (or
// its Site license badge, and the box that switches between the two), its status (and a suspension's reason; a
// trial's Trial badge, and its Convert to paid), its term and the days left, the seats the customer assigned, when it last
// changed, a menu of the row's actions (Change term, Renew, Suspend or Reinstate) and the trash icon. A removed
// row stays, greyed, as history.
import {
  Badge,
  Button,
  Caption1,
  Checkbox,
  Field,
  Input,
  Menu,
  MenuItem,
  MenuList,
  MenuPopover,
  MenuTrigger,
  TableCell,
  TableRow,
} from "@fluentui/react-components";
import { DeleteRegular, MoreHorizontalRegular } from "@fluentui/react-icons";
import type { DealLicenseRow } from "../../api/types";
import { DataTable } from "../../components/DataTable";
import { LicenseStatusBadge, SiteLicenseBadge, TrialBadge } from "../../components/LicenseStatusBadge";
import { utcToday } from "../../lib/days";
import { formatDateTime, formatNumber } from "../../lib/format";
import { daysLeftText, graceText, termRange } from "../../lib/licenseTerms";
import { SITE_LICENSE_TEXT } from "../../lib/trials";
import { useDealLicenseStyles } from "./dealLicenseStyles";
import { isSite } from "./logic";
import { licenseActions, type LicenseAction } from "./terms";
import type { DealLicenseEditor } from "./useDealLicenseEditor";

const actionLabel: Record<LicenseAction, string> = {
  change_term: "Change term",
  renew: "Renew…",
  suspend: "Suspend…",
  reinstate: "Reinstate…",
};

export function DealLicenseTable({
  rows,
  editor,
  locked,
}: {
  rows: readonly DealLicenseRow[];
  editor: DealLicenseEditor;
  locked: boolean; // licenses can't change now (licenseBlock)
}) {
  const s = useDealLicenseStyles();
  const today = utcToday();
  const choose = (action: LicenseAction, row: DealLicenseRow) => {
    if (action === "change_term") editor.editTerm(row);
    else editor.openAction(action, row);
  };
  return (
    <DataTable
      label="Licenses"
      minWidth="1000px"
      columns={["Plans for this solution", "Number of licenses", "Status", "Term", "Assigned", "Last changed", "Actions"]}
    >
      {rows.map((r) => {
        const name = r.plan_name || r.plan_id;
        const error = editor.rowErrors[r.plan_id] ?? editor.typedErrors[r.plan_id] ?? undefined;
        const left = r.active ? daysLeftText(r.status, r.term, today) : null;
        const actions = licenseActions(r);
        return (
          <TableRow key={r.plan_id} data-testid={`license-${r.plan_id}`}>
            <TableCell className={r.active ? undefined : s.removed}>
              {name}
              <br />
              <span className={s.serviceId}>{r.service_id}</span>
            </TableCell>
            <TableCell data-testid="count">
              {!r.active ? (
                <Badge appearance="outline" color="subtle">
                  Removed ({r.site ? "site license" : formatNumber(r.quantity)})
                </Badge>
              ) : r.trial ? (
                <div className={s.count}>
                  <span>
                    {r.site ? "Site license" : formatNumber(r.quantity)}
                    <Caption1 className={s.note}>Trial licenses</Caption1>
                  </span>
                  {!editor.conversions[r.plan_id] && (
                    <div>
                      <Button
                        size="small"
                        aria-label={`Convert the trial of ${name} to paid licenses`}
                        disabled={locked || editor.busy}
                        onClick={() => editor.openConversion(r)}
                      >
                        Convert to paid
                      </Button>
                    </div>
                  )}
                </div>
              ) : (
                <div className={s.count}>
                  {isSite(r, editor.sites) ? (
                    <span>
                      <SiteLicenseBadge />
                      <Caption1 className={s.note}>{SITE_LICENSE_TEXT}</Caption1>
                      {!r.site && <Caption1 className={s.note}>Not saved yet</Caption1>}
                      {editor.rowErrors[r.plan_id] && (
                        <Caption1 role="alert" className={s.refusal}>
                          {editor.rowErrors[r.plan_id]}
                        </Caption1>
                      )}
                    </span>
                  ) : (
                    <Field validationMessage={error} validationState={error ? "error" : "none"}>
                      <Input
                        className={s.quantity}
                        inputMode="numeric"
                        aria-label={`Number of licenses for ${name}`}
                        disabled={locked || editor.busy}
                        value={editor.typed[r.plan_id] ?? (r.site ? "" : String(r.quantity))}
                        onChange={(_, d) => editor.type(r.plan_id, d.value)}
                      />
                    </Field>
                  )}
                  <Checkbox
                    label="Site license"
                    aria-label={`Site license for ${name}`}
                    checked={isSite(r, editor.sites)}
                    disabled={locked || editor.busy}
                    onChange={(_, d) => editor.setSite(r, d.checked === true)}
                  />
                </div>
              )}
            </TableCell>
            <TableCell>
              {r.active ? (
                <>
                  <div className={s.badges}>
                    <LicenseStatusBadge status={r.status} />
                    {r.trial && <TrialBadge />}
                  </div>
                  {r.suspension && (
                    <Caption1 className={s.reason} data-testid="suspension">
                      Reason: {r.suspension.reason} (since {formatDateTime(r.suspension.suspended_at)})
                    </Caption1>
                  )}
                </>
              ) : (
                "—"
              )}
            </TableCell>
            <TableCell className={r.active ? undefined : s.removed} data-testid="term">
              {termRange(r.term)}
              {r.term && <Caption1 className={s.note}>{graceText(r.term)}</Caption1>}
              {left && <Caption1 className={s.note}>{left}</Caption1>}
              {editor.terms[r.plan_id] && <Caption1 className={s.note}>New term below, not saved yet</Caption1>}
              {editor.conversions[r.plan_id] && <Caption1 className={s.note}>Paid licenses below, not saved yet</Caption1>}
            </TableCell>
            <TableCell>{formatNumber(r.assigned)}</TableCell>
            <TableCell>{formatDateTime(r.updated_at)}</TableCell>
            <TableCell>
              {r.active && (
                <div className={s.rowActions}>
                  <Menu>
                    <MenuTrigger disableButtonEnhancement>
                      <Button
                        appearance="subtle"
                        icon={<MoreHorizontalRegular />}
                        aria-label={`More actions for ${name}`}
                        title={r.trial ? "Suspend or reinstate" : "Change term, renew, suspend or reinstate"}
                        disabled={locked || editor.busy}
                      />
                    </MenuTrigger>
                    <MenuPopover>
                      <MenuList>
                        {actions.map((a) => (
                          <MenuItem key={a} onClick={() => choose(a, r)}>
                            {actionLabel[a]}
                          </MenuItem>
                        ))}
                      </MenuList>
                    </MenuPopover>
                  </Menu>
                  <Button
                    appearance="subtle"
                    icon={<DeleteRegular />}
                    aria-label={`Remove the licenses for ${name}`}
                    title="Remove these licenses"
                    disabled={locked || editor.busy}
                    onClick={() => editor.openTrash(r)}
                  />
                </div>
              )}
            </TableCell>
          </TableRow>
        );
      })}
    </DataTable>
  );
}
