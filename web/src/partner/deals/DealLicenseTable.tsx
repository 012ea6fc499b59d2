// Manage licenses' table: a row per plan that has (or had) licenses on the deal, with its number to change, the
// seats the customer assigned, when it last changed, and the trash icon. A removed row stays, greyed, as history.
import { Badge, Button, Field, Input, TableCell, TableRow } from "@fluentui/react-components";
import { DeleteRegular } from "@fluentui/react-icons";
import type { DealLicenseRow } from "../../api/types";
import { DataTable } from "../../components/DataTable";
import { formatDateTime, formatNumber } from "../../lib/format";
import { useDealLicenseStyles } from "./dealLicenseStyles";
import type { DealLicenseEditor } from "./useDealLicenseEditor";

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
  return (
    <DataTable
      label="Licenses"
      minWidth="760px"
      columns={["Plans for this solution", "Number of licenses", "Assigned", "Last changed", "Actions"]}
    >
      {rows.map((r) => {
        const error = editor.rowErrors[r.plan_id] ?? editor.typedErrors[r.plan_id] ?? undefined;
        return (
          <TableRow key={r.plan_id} data-testid={`license-${r.plan_id}`}>
            <TableCell className={r.active ? undefined : s.removed}>
              {r.plan_name || r.plan_id}
              <br />
              <span className={s.serviceId}>{r.service_id}</span>
            </TableCell>
            <TableCell>
              {r.active ? (
                <Field validationMessage={error} validationState={error ? "error" : "none"}>
                  <Input
                    className={s.quantity}
                    inputMode="numeric"
                    aria-label={`Number of licenses for ${r.plan_name || r.plan_id}`}
                    disabled={locked || editor.busy}
                    value={editor.typed[r.plan_id] ?? String(r.quantity)}
                    onChange={(_, d) => editor.type(r.plan_id, d.value)}
                  />
                </Field>
              ) : (
                <Badge appearance="outline" color="subtle">
                  Removed ({formatNumber(r.quantity)})
                </Badge>
              )}
            </TableCell>
            <TableCell>{formatNumber(r.assigned)}</TableCell>
            <TableCell>{formatDateTime(r.updated_at)}</TableCell>
            <TableCell>
              {r.active && (
                <Button
                  appearance="subtle"
                  icon={<DeleteRegular />}
                  aria-label={`Remove the licenses for ${r.plan_name || r.plan_id}`}
                  title="Remove these licenses"
                  disabled={locked || editor.busy}
                  onClick={() => editor.openTrash(r)}
                />
              )}
            </TableCell>
          </TableRow>
        );
      })}
    </DataTable>
  );
}
