// Groups: the tenant's groups of directory users, to assign a license to all of them at once; create one.
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  DialogTrigger,
  Field,
  Input,
  TableCell,
  TableRow,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { AddRegular } from "@fluentui/react-icons";
import { useState, type FormEvent } from "react";
import { useNavigate } from "react-router";
import { adminApi } from "../api/admin";
import { useUser } from "../auth/auth";
import { DataTable } from "../components/DataTable";
import { Empty, Refusal, WhenLoaded, useNotify } from "../components/feedback";
import { useDocumentTitle, useLoad } from "../components/hooks";
import { PageHeader, Section } from "../components/layout";
import { RouterLink } from "../components/RouterLink";
import { formatDateTime, formatNumber } from "../lib/format";
import { ApiError, mapError } from "../lib/problem";
import { MembersField, parseMembers } from "./MembersField";
import { can } from "./roles";

const useStyles = makeStyles({
  form: { display: "grid", gap: tokens.spacingVerticalM },
});

function NewGroupDialog({ domains }: { domains: readonly string[] }) {
  const s = useStyles();
  const notify = useNotify();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState("");
  const [members, setMembers] = useState("");
  const [errors, setErrors] = useState<{ name?: string; members?: string }>({});
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const parsed = parseMembers(members, domains);
    if (!name.trim()) {
      setErrors({ name: "Enter a name for the group" });
      return;
    }
    if (parsed.errors.length > 0) return;
    setErrors({});
    setMessage(null);
    setBusy(true);
    try {
      const group = await adminApi.createGroup({ name: name.trim(), members: parsed.upns });
      notify.success("Group created", `${group.name} has ${formatNumber(group.members.length)} members.`);
      navigate(`/admin/groups/${encodeURIComponent(group.id)}`);
    } catch (error) {
      if (error instanceof ApiError && error.field?.startsWith("members")) {
        setErrors({ members: error.message });
      } else {
        const mapped = mapError(error, ["name"] as const);
        setErrors(mapped.fieldErrors);
        setMessage(mapped.message);
      }
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog open={open} onOpenChange={(_, d) => setOpen(d.open)}>
      <DialogTrigger disableButtonEnhancement>
        <Button appearance="primary" icon={<AddRegular />}>
          New group
        </Button>
      </DialogTrigger>
      <DialogSurface aria-describedby={undefined}>
        <form onSubmit={(e) => void submit(e)} noValidate>
          <DialogBody>
            <DialogTitle>New group</DialogTitle>
            <DialogContent className={s.form}>
              {message && <Refusal>{message}</Refusal>}
              <Field label="Name" required validationMessage={errors.name}>
                <Input id="group-name" value={name} onChange={(_, d) => setName(d.value)} maxLength={100} />
              </Field>
              <MembersField
                id="group-members"
                label="Members"
                value={members}
                onChange={setMembers}
                domains={domains}
                serverError={errors.members}
              />
            </DialogContent>
            <DialogActions>
              <DialogTrigger disableButtonEnhancement>
                <Button appearance="secondary">Cancel</Button>
              </DialogTrigger>
              <Button type="submit" appearance="primary" disabled={busy}>
                {busy ? "Creating…" : "Create group"}
              </Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}

export function GroupsPage() {
  const user = useUser();
  useDocumentTitle("Groups");
  const groups = useLoad((signal) => adminApi.groups(signal), "groups");
  const tenant = useLoad((signal) => adminApi.tenant(signal), "tenant");
  const licenses = useLoad((signal) => adminApi.licenses(signal), "licenses");
  const planOf = (sid: string) => licenses.data?.items.find((l) => l.service_id === sid)?.plan_name ?? sid;
  return (
    <>
      <PageHeader title="Groups">{can(user.role, "manage_seats") && <NewGroupDialog domains={tenant.data?.domains ?? []} />}</PageHeader>
      <Section>
        <WhenLoaded load={groups} label="Loading groups…">
          {({ items }) =>
            items.length === 0 ? (
              <Empty title="No groups yet">
                <Text>A group gives a license to all its members at once, and to people who join it later.</Text>
              </Empty>
            ) : (
              <DataTable label="Groups" minWidth="560px" columns={["Name", "Members", "Licenses", "Created"]}>
                {items.map((g) => (
                  <TableRow key={g.id}>
                    <TableCell>
                      <RouterLink to={`/admin/groups/${encodeURIComponent(g.id)}`}>{g.name}</RouterLink>
                    </TableCell>
                    <TableCell>{formatNumber(g.members.length)}</TableCell>
                    <TableCell>
                      {g.service_ids.length === 0 ? "—" : g.service_ids.map((sid) => <div key={sid}>{planOf(sid)}</div>)}
                    </TableCell>
                    <TableCell>{formatDateTime(g.created_at)}</TableCell>
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
