// The trash icon's confirmation on Manage licenses: what the customer loses; when the server refuses because
// fewer seats would remain than are assigned, the same dialog offers to remove anyway, unassigning users.
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Text,
} from "@fluentui/react-components";
import { formatNumber } from "../../lib/format";
import { useDealLicenseStyles } from "./dealLicenseStyles";
import type { DealLicenseEditor } from "./useDealLicenseEditor";

export function RemoveDealLicenseDialog({ editor, customer }: { editor: DealLicenseEditor; customer: string | undefined }) {
  const s = useDealLicenseStyles();
  const { trash, trashForce, busy } = editor;
  return (
    <Dialog open={trash !== null} onOpenChange={(_, d) => !d.open && !busy && editor.closeTrash()}>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>Remove the licenses for {trash?.plan_name || trash?.plan_id}?</DialogTitle>
          <DialogContent>
            <Text block>
              {customer ?? "The customer"} loses {formatNumber(trash?.quantity ?? 0)} licenses of{" "}
              <span className={s.serviceId}>{trash?.service_id}</span> from this deal. The row stays in the deal's
              history, and adding the plan again restores it.
            </Text>
            {trashForce && (
              <MessageBar intent="warning" layout="multiline">
                <MessageBarBody>
                  <MessageBarTitle>Fewer licenses than assigned users</MessageBarTitle>
                  {trashForce.message}
                  <Text block>
                    Removing anyway unassigns the most recently assigned users until the remaining licenses cover them:
                    they lose access at once.
                  </Text>
                </MessageBarBody>
              </MessageBar>
            )}
          </DialogContent>
          <DialogActions>
            {trashForce ? (
              <Button appearance="primary" disabled={busy} onClick={() => trash && void editor.remove(trash, true)}>
                Remove and unassign users
              </Button>
            ) : (
              <Button appearance="primary" disabled={busy} onClick={() => trash && void editor.remove(trash, false)}>
                Remove licenses
              </Button>
            )}
            <Button disabled={busy} onClick={editor.closeTrash}>
              Cancel
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
