// The sign-in accounts of the caller's publisher (Partner Center) or tenant (Admin Center): who they are, their
// role, whether they are disabled. A global admin changes a role, disables (their sessions end at once), enables
// and deletes them, each after a confirmation that shows the server's refusal if there is one (the last active
// global admin stays: 409). Nobody disables or deletes themself here: that would sign them out mid-click.
import { Badge, Dropdown, Field, Option, TableCell, TableRow, Text, makeStyles, tokens } from "@fluentui/react-components";
import { useState } from "react";
import { authApi } from "../api/auth";
import { useAuth, useUser } from "../auth/auth";
import type { User, UserPatch } from "../api/types";
import { formatDateTime } from "../lib/format";
import { ConfirmButton } from "./ConfirmButton";
import { DataTable } from "./DataTable";
import { Empty, WhenLoaded, useNotify } from "./feedback";
import { useDocumentTitle, useLoad } from "./hooks";
import { Actions, PageHeader, Section } from "./layout";

const useStyles = makeStyles({
  muted: { color: tokens.colorNeutralForeground2 },
});

// "Change role": the dialog's dropdown starts at the user's role; confirming an unchanged one is not offered.
function ChangeRoleButton({
  user,
  roleLabels,
  onChange,
}: {
  user: User;
  roleLabels: Record<string, string>;
  onChange: (role: string) => Promise<void>;
}) {
  const [role, setRole] = useState<string>(user.role);
  return (
    <ConfirmButton
      label="Change role"
      ariaLabel={`Change role of ${user.email}`}
      title={`Change the role of ${user.email}`}
      confirm="Change role"
      failure="Couldn't change the role"
      confirmDisabled={role === user.role}
      onOpenChange={(open) => open && setRole(user.role)}
      onConfirm={() => onChange(role)}
    >
      <Field label="Role" hint="It applies to their next request; they stay signed in.">
        <Dropdown
          value={roleLabels[role] ?? role}
          selectedOptions={[role]}
          onOptionSelect={(_, d) => setRole(d.optionValue ?? user.role)}
        >
          {Object.entries(roleLabels).map(([value, label]) => (
            <Option key={value} value={value}>
              {label}
            </Option>
          ))}
        </Dropdown>
      </Field>
    </ConfirmButton>
  );
}

export function StaffPage({
  title,
  intro,
  roleLabels,
  manage,
}: {
  title: string;
  intro: string;
  roleLabels: Record<string, string>;
  manage: boolean; // the signed-in user is a global admin
}) {
  const s = useStyles();
  const me = useUser();
  const { adoptSession } = useAuth();
  const notify = useNotify();
  useDocumentTitle(title);
  const staff = useLoad((signal) => authApi.users(signal), "staff");

  const setRole = async (u: User, role: string) => {
    // One of roleLabels' keys: the roles of this kind of account (UserPatch's role).
    await authApi.updateUser(u.id, { role: role as UserPatch["role"] });
    notify.success("Role changed", `${u.email} is now ${roleLabels[role] ?? role}.`);
    // Demoting oneself (another global admin is left) takes this page's actions away at once.
    if (u.id === me.id) adoptSession(await authApi.me());
    staff.reload();
  };

  const setDisabled = async (u: User, disabled: boolean) => {
    await authApi.updateUser(u.id, { disabled });
    notify.success(
      disabled ? "Account disabled" : "Account enabled",
      disabled ? `${u.email} is signed out everywhere and can't sign in.` : `${u.email} can sign in again.`,
    );
    staff.reload();
  };

  const remove = async (u: User) => {
    await authApi.deleteUser(u.id);
    notify.success("Account deleted", `${u.email} is signed out and gone; the audit log still names them.`);
    staff.reload();
  };

  const columns = ["Name", "E-mail address", "Role", "Status", "Added"];
  return (
    <>
      <PageHeader title={title} />
      <Section>
        <Text className={s.muted}>{intro}</Text>
      </Section>
      <Section title="Accounts">
        <WhenLoaded load={staff} label="Loading the accounts…">
          {({ items }) =>
            items.length === 0 ? (
              <Empty title="No accounts" />
            ) : (
              <DataTable label={title} minWidth="860px" columns={manage ? [...columns, "Actions"] : columns}>
                {items.map((u) => (
                  <TableRow key={u.id} data-testid={`staff-${u.email}`}>
                    <TableCell>
                      {u.name}
                      {u.id === me.id && <Text className={s.muted}> (you)</Text>}
                    </TableCell>
                    <TableCell>{u.email}</TableCell>
                    <TableCell>{roleLabels[u.role] ?? u.role}</TableCell>
                    <TableCell>
                      {u.disabled ? (
                        <Badge appearance="tint" color="danger">
                          Disabled
                        </Badge>
                      ) : (
                        <Badge appearance="tint" color="success">
                          Active
                        </Badge>
                      )}
                    </TableCell>
                    <TableCell>{formatDateTime(u.created_at)}</TableCell>
                    {manage && (
                      <TableCell>
                        <Actions>
                          <ChangeRoleButton user={u} roleLabels={roleLabels} onChange={(role) => setRole(u, role)} />
                          {u.id === me.id ? (
                            <Text className={s.muted}>Another global admin can disable or delete your account.</Text>
                          ) : (
                            <>
                              {u.disabled ? (
                                <ConfirmButton
                                  label="Enable"
                                  ariaLabel={`Enable ${u.email}`}
                                  title={`Enable ${u.email}?`}
                                  confirm="Enable"
                                  failure="Couldn't enable the account"
                                  onConfirm={() => setDisabled(u, false)}
                                >
                                  They can sign in again with their password, as {roleLabels[u.role] ?? u.role}.
                                </ConfirmButton>
                              ) : (
                                <ConfirmButton
                                  label="Disable"
                                  ariaLabel={`Disable ${u.email}`}
                                  title={`Disable ${u.email}?`}
                                  confirm="Disable"
                                  failure="Couldn't disable the account"
                                  onConfirm={() => setDisabled(u, true)}
                                >
                                  They are signed out everywhere at once and can't sign in until an admin enables the
                                  account again. API keys belong to the account, not to them: revoke any they knew.
                                </ConfirmButton>
                              )}
                              <ConfirmButton
                                label="Delete"
                                ariaLabel={`Delete ${u.email}`}
                                title={`Delete ${u.email}?`}
                                confirm="Delete"
                                failure="Couldn't delete the account"
                                onConfirm={() => remove(u)}
                              >
                                They are signed out at once and the account is gone for good; the audit log keeps
                                naming them. The e-mail address can be added again later.
                              </ConfirmButton>
                            </>
                          )}
                        </Actions>
                      </TableCell>
                    )}
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
