// Users: the tenant's directory (the people licenses can be assigned to, by UPN): search, add one, or import
// a CSV (upn and display name columns; all rows or none, the server names a bad line).
import {
  Button,
  Caption1,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  SearchBox,
  TableCell,
  TableRow,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { ArrowUploadRegular } from "@fluentui/react-icons";
import { useRef, useState, type ChangeEvent, type FormEvent } from "react";
import { adminApi } from "../api/admin";
import { useUser } from "../auth/auth";
import { DataTable } from "../components/DataTable";
import { Empty, WhenLoaded, useNotify } from "../components/feedback";
import { useDocumentTitle, useLoad } from "../components/hooks";
import { PageHeader, Section } from "../components/layout";
import { formatCount, formatDateTime, formatNumber } from "../lib/format";
import { ApiError, errorMessage, mapError } from "../lib/problem";
import { can } from "./roles";

const useStyles = makeStyles({
  form: {
    display: "grid",
    gridTemplateColumns: "minmax(0, 2fr) minmax(0, 2fr) auto",
    gap: tokens.spacingHorizontalM,
    alignItems: "end",
    "@media (max-width: 760px)": { gridTemplateColumns: "minmax(0, 1fr)" },
  },
  muted: { color: tokens.colorNeutralForeground2 },
  search: { maxWidth: "360px" },
  hidden: { display: "none" },
});

const FIELDS = ["upn", "display_name"] as const;

export function UsersPage() {
  const s = useStyles();
  const user = useUser();
  const notify = useNotify();
  const manage = can(user.role, "manage_seats");
  useDocumentTitle("Users");
  const users = useLoad((signal) => adminApi.users(signal), "users");
  const [query, setQuery] = useState("");
  const [upn, setUpn] = useState("");
  const [name, setName] = useState("");
  const [errors, setErrors] = useState<Partial<Record<(typeof FIELDS)[number], string>>>({});
  const [busy, setBusy] = useState(false);
  const [importProblem, setImportProblem] = useState<string | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  const add = async (e: FormEvent) => {
    e.preventDefault();
    if (!upn.trim()) {
      setErrors({ upn: "Enter a user principal name" });
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      const added = await adminApi.addUser({ upn: upn.trim(), ...(name.trim() ? { display_name: name.trim() } : {}) });
      notify.success("User added", `${added.upn} is in the directory.`);
      setUpn("");
      setName("");
      users.reload();
    } catch (error) {
      const mapped = mapError(error, FIELDS);
      setErrors(mapped.fieldErrors);
      if (mapped.message) notify.failure(mapped.message, "Couldn't add the user");
    } finally {
      setBusy(false);
    }
  };

  const importFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = "";
    if (!file) return;
    setImportProblem(null);
    try {
      const result = await adminApi.importUsers(await file.text());
      notify.success(
        "Directory imported",
        `${formatNumber(result.added)} new ${result.added === 1 ? "user" : "users"} from ${file.name}.`,
      );
      users.reload();
    } catch (error) {
      // The server names the bad row in `field` ("csv line 3").
      const where = error instanceof ApiError && error.field?.startsWith("csv line") ? `Line ${error.field.slice(9)}: ` : "";
      setImportProblem(`Nothing was imported from ${file.name}. ${where}${errorMessage(error)}`);
    }
  };

  const q = query.trim().toLowerCase();
  const shown = (users.data?.items ?? []).filter((u) => !q || u.upn.includes(q) || u.display_name.toLowerCase().includes(q));
  return (
    <>
      <PageHeader title="Users">
        {manage && (
          <>
            <Button icon={<ArrowUploadRegular />} onClick={() => fileInput.current?.click()}>
              Import CSV
            </Button>
            <input
              ref={fileInput}
              className={s.hidden}
              type="file"
              accept=".csv,text/csv"
              aria-label="CSV file of users"
              data-testid="users-csv"
              onChange={(e) => void importFile(e)}
            />
          </>
        )}
      </PageHeader>
      {importProblem && (
        <MessageBar intent="error" role="alert" style={{ marginBottom: tokens.spacingVerticalL }}>
          <MessageBarBody>
            <MessageBarTitle>Import refused</MessageBarTitle>
            {importProblem}
          </MessageBarBody>
        </MessageBar>
      )}
      {manage && (
        <Section title="Add a user">
          <Caption1 className={s.muted}>
            A CSV import needs a header naming the <code>upn</code> column and, optionally, <code>display_name</code>.
          </Caption1>
          <form className={s.form} onSubmit={(e) => void add(e)} noValidate>
            <Field label="User principal name" required validationMessage={errors.upn}>
              <Input id="upn" value={upn} onChange={(_, d) => setUpn(d.value)} autoComplete="off" />
            </Field>
            <Field label="Display name" validationMessage={errors.display_name}>
              <Input id="display_name" value={name} onChange={(_, d) => setName(d.value)} autoComplete="off" />
            </Field>
            <Button type="submit" appearance="primary" disabled={busy}>
              {busy ? "Adding…" : "Add user"}
            </Button>
          </form>
        </Section>
      )}
      <Section title="Directory">
        <WhenLoaded load={users} label="Loading the directory…">
          {({ items }) =>
            items.length === 0 ? (
              <Empty title="The directory is empty">
                <Text>Add users here, import a CSV, or assign a license to a UPN: it joins the directory.</Text>
              </Empty>
            ) : (
              <>
                <Field label="Search" className={s.search}>
                  <SearchBox value={query} onChange={(_, d) => setQuery(d.value)} placeholder="Name or user principal name" />
                </Field>
                <Text className={s.muted} aria-live="polite">
                  {q ? `${formatNumber(shown.length)} of ` : ""}
                  {formatCount(items.length, "user")}
                </Text>
                <DataTable
                  label="Directory users"
                  minWidth="560px"
                  columns={["User principal name", "Display name", "Added"]}
                >
                  {shown.map((u) => (
                    <TableRow key={u.upn}>
                      <TableCell>{u.upn}</TableCell>
                      <TableCell>{u.display_name}</TableCell>
                      <TableCell>{formatDateTime(u.created_at)}</TableCell>
                    </TableRow>
                  ))}
                </DataTable>
              </>
            )
          }
        </WhenLoaded>
      </Section>
    </>
  );
}
