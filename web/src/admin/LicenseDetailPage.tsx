// One license (/admin/licenses/<service ID>): its status and term (and, when the app denies its users, why),
// its numbers, who holds a seat (directly or through a group) and when the app last checked it, the groups
// assigned to it; assign users or a group, unassign.
import {
  Body1,
  Button,
  Caption1,
  TableCell,
  TableRow,
  Text,
  Tooltip,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { useParams } from "react-router";
import { adminApi } from "../api/admin";
import { useUser } from "../auth/auth";
import { DataTable } from "../components/DataTable";
import { Empty, LoadError, Loading, useNotify } from "../components/feedback";
import { useDocumentTitle, useLoad } from "../components/hooks";
import { Actions, PageHeader, Section } from "../components/layout";
import { RouterLink } from "../components/RouterLink";
import { formatDateTime, formatLastChecked, formatNumber } from "../lib/format";
import { ApiError } from "../lib/problem";
import { AssignGroupDialog } from "./AssignGroupDialog";
import { AssignUsersDialog } from "./AssignUsersDialog";
import { ConfirmButton } from "../components/ConfirmButton";
import { utcToday } from "../lib/days";
import { LicenseNoticeBar, LicenseStanding, LicenseStats } from "./LicensesPage";
import { can } from "./roles";
import type { Assignments } from "../api/types";
import { UsageBar } from "./UsageBar";

const useStyles = makeStyles({
  muted: { color: tokens.colorNeutralForeground2 },
  sid: { fontFamily: tokens.fontFamilyMonospace },
  groups: { display: "grid", gap: tokens.spacingVerticalS, listStyleType: "none", padding: 0, margin: 0 },
  groupRow: { display: "flex", alignItems: "center", justifyContent: "space-between", gap: tokens.spacingHorizontalM, flexWrap: "wrap" },
});

export function LicenseDetailPage() {
  const s = useStyles();
  const { serviceId = "" } = useParams();
  const user = useUser();
  const notify = useNotify();
  const manage = can(user.role, "manage_seats");
  const assignments = useLoad((signal) => adminApi.assignments(serviceId, signal), `assignments:${serviceId}`);
  const groups = useLoad((signal) => adminApi.groups(signal), "groups");
  const tenant = useLoad((signal) => adminApi.tenant(signal), "tenant");
  const data = assignments.data;
  useDocumentTitle(data?.license.plan_name ?? "License");

  if (assignments.error instanceof ApiError && assignments.error.status === 404) {
    return (
      <>
        <PageHeader title="License not found" />
        <Section>
          <Body1>
            Your organization holds no licenses for <code>{serviceId}</code>. See <RouterLink to="/admin/licenses">all licenses</RouterLink>.
          </Body1>
        </Section>
      </>
    );
  }
  if (assignments.error) return <LoadError error={assignments.error} retry={assignments.reload} />;
  if (!data) return <Loading label="Loading the license…" />;

  const l = data.license;
  const today = utcToday();
  const holders = new Set(data.items.map((a) => a.upn));
  const groupName = (id: string) => groups.data?.items.find((g) => g.id === id)?.name ?? id;
  const unassignedGroups = (groups.data?.items ?? []).filter((g) => !data.groups.includes(g.id));
  const update = (a: Assignments) => {
    assignments.setData(a);
    groups.reload();
  };

  return (
    <>
      <Caption1>
        <RouterLink to="/admin/licenses">Licenses</RouterLink> › {l.plan_name}
      </Caption1>
      <PageHeader title={l.plan_name}>
        {manage && (
          <>
            <AssignUsersDialog license={l} holders={holders} domains={tenant.data?.domains ?? []} onAssigned={update} />
            <AssignGroupDialog license={l} groups={unassignedGroups} holders={holders} onAssigned={update} />
          </>
        )}
      </PageHeader>
      <Section>
        <Text className={s.muted}>
          {l.offer_name} by {l.publisher_name} · Service ID <span className={s.sid}>{l.service_id}</span>
        </Text>
        <LicenseStanding license={l} today={today} />
        <LicenseNoticeBar license={l} today={today} />
        <LicenseStats license={l} />
        {!l.site && <UsageBar license={l} size="large" />}
      </Section>
      <Section title={`Assigned users (${formatNumber(data.items.length)})`}>
        {data.items.length === 0 ? (
          <Empty title="Nobody has this license yet">
            {manage && <Text>Select Assign users to give people a license.</Text>}
          </Empty>
        ) : (
          <DataTable
            label="Assigned users"
            minWidth="760px"
            columns={["User", "Assigned through", "Assigned", "Last checked", ...(manage ? ["Actions"] : [])]}
          >
            {data.items.map((a) => (
              <TableRow key={a.upn}>
                <TableCell>
                  {a.display_name}
                  {a.display_name !== a.upn && (
                    <>
                      <br />
                      <Caption1 className={s.muted}>{a.upn}</Caption1>
                    </>
                  )}
                </TableCell>
                <TableCell>
                  {a.group_id ? (
                    <RouterLink to={`/admin/groups/${encodeURIComponent(a.group_id)}`}>{groupName(a.group_id)}</RouterLink>
                  ) : (
                    "Direct"
                  )}
                </TableCell>
                <TableCell>{formatDateTime(a.assigned_at)}</TableCell>
                <TableCell data-testid="last-checked">{formatLastChecked(a.last_checked_at)}</TableCell>
                {manage && (
                  <TableCell>
                    {a.group_id ? (
                      <Tooltip
                        relationship="description"
                        content={`Held through ${groupName(a.group_id)}: remove them from the group or unassign the group.`}
                      >
                        <Button size="small" disabledFocusable aria-label={`Unassign ${a.upn}`}>
                          Unassign
                        </Button>
                      </Tooltip>
                    ) : (
                      <Button
                        size="small"
                        aria-label={`Unassign ${a.upn}`}
                        onClick={() => {
                          adminApi
                            .unassignUser(l.service_id, a.upn)
                            .then(() => {
                              notify.success("License unassigned", `${a.upn} no longer has ${l.plan_name}.`);
                              assignments.reload();
                            })
                            .catch((e: unknown) => notify.failure(e, "Couldn't unassign"));
                        }}
                      >
                        Unassign
                      </Button>
                    )}
                  </TableCell>
                )}
              </TableRow>
            ))}
          </DataTable>
        )}
      </Section>
      <Section title="Assigned groups">
        {data.groups.length === 0 ? (
          <Text className={s.muted}>No group holds this license.</Text>
        ) : (
          <ul className={s.groups} aria-label="Assigned groups">
            {data.groups.map((id) => {
              const g = groups.data?.items.find((x) => x.id === id);
              return (
                <li key={id} className={s.groupRow}>
                  <span>
                    <RouterLink to={`/admin/groups/${encodeURIComponent(id)}`}>{groupName(id)}</RouterLink>
                    {g && (
                      <Caption1 className={s.muted}>
                        {" "}
                        · {formatNumber(g.members.length)} {g.members.length === 1 ? "member" : "members"}
                      </Caption1>
                    )}
                  </span>
                  {manage && (
                    <Actions>
                      <ConfirmButton
                        label="Unassign group"
                        ariaLabel={`Unassign group ${groupName(id)}`}
                        title={`Unassign ${groupName(id)}?`}
                        confirm="Unassign group"
                        failure="Couldn't unassign the group"
                        onConfirm={async () => {
                          await adminApi.unassignGroup(l.service_id, id);
                          notify.success("Group unassigned", `${groupName(id)} no longer holds ${l.plan_name}.`);
                          update(await adminApi.assignments(l.service_id));
                        }}
                      >
                        Its members give their licenses back, except those who are also in another group assigned to{" "}
                        {l.plan_name} or were assigned directly.
                      </ConfirmButton>
                    </Actions>
                  )}
                </li>
              );
            })}
          </ul>
        )}
      </Section>
    </>
  );
}
