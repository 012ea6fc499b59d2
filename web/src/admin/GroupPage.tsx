// One group (/admin/groups/<id>): its members (add, remove) and the licenses it holds. Members added take a
// seat of each of those licenses, all or nothing (409 over_capacity names the license).
import {
  Body1,
  Button,
  Caption1,
  TableCell,
  TableRow,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { useState, type FormEvent } from "react";
import { useNavigate, useParams } from "react-router";
import { adminApi } from "../api/admin";
import { useUser } from "../auth/auth";
import { DataTable } from "../components/DataTable";
import { Empty, LoadError, Loading, Refusal, useNotify } from "../components/feedback";
import { useDocumentTitle, useLoad } from "../components/hooks";
import { PageHeader, Section } from "../components/layout";
import { RouterLink } from "../components/RouterLink";
import { formatDateTime, formatNumber } from "../lib/format";
import { ApiError, errorMessage } from "../lib/problem";
import { ConfirmButton } from "../components/ConfirmButton";
import { licensePath } from "./LicensesPage";
import { MembersField, parseMembers } from "./MembersField";
import { can } from "./roles";

const useStyles = makeStyles({
  form: { display: "grid", gap: tokens.spacingVerticalM, maxWidth: "560px" },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalXL },
  muted: { color: tokens.colorNeutralForeground2 },
});

export function GroupPage() {
  const s = useStyles();
  const { groupId = "" } = useParams();
  const user = useUser();
  const notify = useNotify();
  const navigate = useNavigate();
  const manage = can(user.role, "manage_seats");
  const group = useLoad((signal) => adminApi.group(groupId, signal), `group:${groupId}`);
  const tenant = useLoad((signal) => adminApi.tenant(signal), "tenant");
  const users = useLoad((signal) => adminApi.users(signal), "users");
  const licenses = useLoad((signal) => adminApi.licenses(signal), "licenses");
  const [members, setMembers] = useState("");
  const [problem, setProblem] = useState<{ title: string; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  useDocumentTitle(group.data?.name ?? "Group");

  if (group.error instanceof ApiError && group.error.status === 404) {
    return (
      <>
        <PageHeader title="Group not found" />
        <Section>
          <Body1>
            There is no such group. See <RouterLink to="/admin/groups">all groups</RouterLink>.
          </Body1>
        </Section>
      </>
    );
  }
  if (group.error) return <LoadError error={group.error} retry={group.reload} />;
  if (!group.data) return <Loading label="Loading the group…" />;
  const g = group.data;
  const nameOf = (upn: string) => users.data?.items.find((u) => u.upn === upn)?.display_name ?? upn;
  const planOf = (sid: string) => licenses.data?.items.find((l) => l.service_id === sid)?.plan_name ?? sid;

  const add = async (e: FormEvent) => {
    e.preventDefault();
    const parsed = parseMembers(members, tenant.data?.domains ?? []);
    if (parsed.errors.length > 0 || parsed.upns.length === 0) return;
    setProblem(null);
    setBusy(true);
    try {
      const updated = await adminApi.addMembers(g.id, parsed.upns);
      const added = updated.members.length - g.members.length;
      notify.success("Members added", `${formatNumber(added)} added to ${g.name}.`);
      group.setData(updated);
      setMembers("");
      users.reload();
      licenses.reload();
    } catch (error) {
      const over = error instanceof ApiError && error.rule === "over_capacity";
      setProblem({ title: over ? "Not enough licenses" : "Couldn't add the members", text: errorMessage(error) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Caption1>
        <RouterLink to="/admin/groups">Groups</RouterLink> › {g.name}
      </Caption1>
      <PageHeader title={g.name}>
        {manage && (
          <ConfirmButton
            label="Delete group"
            title={`Delete ${g.name}?`}
            confirm="Delete group"
            failure="Couldn't delete the group"
            onConfirm={async () => {
              await adminApi.deleteGroup(g.id);
              notify.success("Group deleted", `${g.name} is gone; its members stay in the directory.`);
              void navigate("/admin/groups");
            }}
          >
            {g.service_ids.length > 0
              ? `The group leaves its ${formatNumber(g.service_ids.length)} ${g.service_ids.length === 1 ? "license" : "licenses"}: members give back the licenses they hold through it, unless another group keeps them. They stay in the directory.`
              : "Its members stay in the directory."}
          </ConfirmButton>
        )}
      </PageHeader>
      <Section title="Licenses">
        {g.service_ids.length === 0 ? (
          <Text className={s.muted}>
            This group holds no license. Assign one from a license's page under{" "}
            <RouterLink to="/admin/licenses">Licenses</RouterLink>.
          </Text>
        ) : (
          <ul className={s.list} aria-label="Licenses of the group">
            {g.service_ids.map((sid) => (
              <li key={sid}>
                <RouterLink to={licensePath(sid)}>{planOf(sid)}</RouterLink> <Caption1 className={s.muted}>{sid}</Caption1>
              </li>
            ))}
          </ul>
        )}
      </Section>
      {manage && (
        <Section title="Add members">
          <form className={s.form} onSubmit={(e) => void add(e)} noValidate>
            <MembersField
              id="add-members"
              label="User principal names"
              value={members}
              onChange={setMembers}
              domains={tenant.data?.domains ?? []}
            />
            {g.service_ids.length > 0 && (
              <Caption1 className={s.muted}>
                New members take a license of each of this group's {formatNumber(g.service_ids.length)}{" "}
                {g.service_ids.length === 1 ? "license" : "licenses"}.
              </Caption1>
            )}
            {problem && <Refusal title={problem.title}>{problem.text}</Refusal>}
            <div>
              <Button type="submit" appearance="primary" disabled={busy || !members.trim()}>
                {busy ? "Adding…" : "Add members"}
              </Button>
            </div>
          </form>
        </Section>
      )}
      <Section title={`Members (${formatNumber(g.members.length)})`}>
        {g.members.length === 0 ? (
          <Empty title="No members yet" />
        ) : (
          <DataTable label="Members" minWidth="480px" columns={["User", ...(manage ? ["Actions"] : [])]}>
            {g.members.map((upn) => (
              <TableRow key={upn}>
                <TableCell>
                  {nameOf(upn)}
                  {nameOf(upn) !== upn && (
                    <>
                      <br />
                      <Caption1 className={s.muted}>{upn}</Caption1>
                    </>
                  )}
                </TableCell>
                {manage && (
                  <TableCell>
                    <ConfirmButton
                      label="Remove"
                      ariaLabel={`Remove ${upn}`}
                      title={`Remove ${upn} from ${g.name}?`}
                      confirm="Remove"
                      failure="Couldn't remove the member"
                      onConfirm={async () => {
                        await adminApi.removeMember(g.id, upn);
                        notify.success("Member removed", `${upn} left ${g.name}.`);
                        group.reload();
                        licenses.reload();
                      }}
                    >
                      {g.service_ids.length > 0
                        ? "They give back the licenses they hold through this group, unless another group keeps them. They stay in the directory."
                        : "They stay in the directory."}
                    </ConfirmButton>
                  </TableCell>
                )}
              </TableRow>
            ))}
          </DataTable>
        )}
        <Caption1 className={s.muted}>Created {formatDateTime(g.created_at)}</Caption1>
      </Section>
    </>
  );
}
