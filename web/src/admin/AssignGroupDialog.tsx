// Assign a group: each member takes a seat (and members added later take one too), all or nothing.
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  DialogTrigger,
  Dropdown,
  Field,
  MessageBar,
  MessageBarBody,
  Option,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { PeopleAddRegular } from "@fluentui/react-icons";
import { useState } from "react";
import { adminApi } from "../api/admin";
import { Refusal, useNotify } from "../components/feedback";
import { formatNumber } from "../lib/format";
import { ApiError, errorMessage } from "../lib/problem";
import { checkCapacity, seatsNeeded } from "./capacity";
import { SITE_LICENSE_TENANT_TEXT } from "../lib/trials";
import type { Assignments, Group, TenantLicense } from "../api/types";

const useStyles = makeStyles({ content: { display: "grid", gap: tokens.spacingVerticalM } });

export function AssignGroupDialog({
  license,
  groups,
  holders,
  onAssigned,
}: {
  license: TenantLicense;
  groups: readonly Group[]; // the groups not yet assigned
  holders: ReadonlySet<string>;
  onAssigned: (a: Assignments) => void;
}) {
  const s = useStyles();
  const notify = useNotify();
  const [open, setOpen] = useState(false);
  const [groupId, setGroupId] = useState("");
  const [problem, setProblem] = useState<{ title: string; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const group = groups.find((g) => g.id === groupId);
  const capacity = checkCapacity(group ? seatsNeeded(group.members, holders) : 0, license.site ? Infinity : license.available);

  const submit = async () => {
    if (!group) return;
    setProblem(null);
    setBusy(true);
    try {
      const result = await adminApi.assign(license.service_id, { groups: [group.id] });
      notify.success(`Assigned ${license.plan_name} to ${group.name}`);
      onAssigned(result);
      setOpen(false);
    } catch (error) {
      const over = error instanceof ApiError && error.rule === "over_capacity";
      setProblem({ title: over ? "Not enough licenses" : "Couldn't assign the group", text: errorMessage(error) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog
      open={open}
      onOpenChange={(_, d) => {
        setOpen(d.open);
        setProblem(null);
        if (!d.open) setGroupId("");
      }}
    >
      <DialogTrigger disableButtonEnhancement>
        <Button icon={<PeopleAddRegular />} disabled={groups.length === 0}>
          Assign a group
        </Button>
      </DialogTrigger>
      <DialogSurface aria-describedby={undefined}>
        <DialogBody>
          <DialogTitle>Assign {license.plan_name} to a group</DialogTitle>
          <DialogContent className={s.content}>
            <Text>
              Every member takes a license, and people added to the group later take one too.{" "}
              {license.site
                ? `A site license: ${SITE_LICENSE_TENANT_TEXT.toLowerCase()} are licensed, assigned or not.`
                : `${formatNumber(license.available)} of ${formatNumber(license.quantity)} available.`}
            </Text>
            <Field label="Group" required>
              <Dropdown
                placeholder="Choose a group"
                value={group ? group.name : ""}
                selectedOptions={groupId ? [groupId] : []}
                onOptionSelect={(_, d) => setGroupId(d.optionValue ?? "")}
              >
                {groups.map((g) => (
                  <Option key={g.id} value={g.id} text={g.name}>
                    {g.name} ({formatNumber(g.members.length)} {g.members.length === 1 ? "member" : "members"})
                  </Option>
                ))}
              </Dropdown>
            </Field>
            {group && (
              <Text>
                {formatNumber(capacity.needed)} {capacity.needed === 1 ? "member needs" : "members need"} a new license.
              </Text>
            )}
            {capacity.short > 0 && (
              <MessageBar intent="warning">
                <MessageBarBody>
                  Only {formatNumber(capacity.available)} available: {formatNumber(capacity.short)} short.
                </MessageBarBody>
              </MessageBar>
            )}
            {problem && <Refusal title={problem.title}>{problem.text}</Refusal>}
          </DialogContent>
          <DialogActions>
            <DialogTrigger disableButtonEnhancement>
              <Button appearance="secondary">Cancel</Button>
            </DialogTrigger>
            <Button appearance="primary" disabled={!group || busy} onClick={() => void submit()}>
              {busy ? "Assigning…" : "Assign group"}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
