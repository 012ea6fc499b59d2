// Assign users: pick people from the directory (search, multi-select), add UPNs that are not in it yet (typed
// or pasted), or import a CSV of UPNs; the dialog counts the seats this takes against those available, and the
// server has the last word (409 over_capacity: nobody is assigned, its numbers are shown).
import {
  Button,
  Caption1,
  Checkbox,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  DialogTrigger,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  SearchBox,
  Tag,
  TagGroup,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { ArrowUploadRegular, PersonAddRegular } from "@fluentui/react-icons";
import { useMemo, useRef, useState, type ChangeEvent } from "react";
import { adminApi } from "../api/admin";
import { Refusal, useNotify } from "../components/feedback";
import { useLoad } from "../components/hooks";
import { formatNumber } from "../lib/format";
import { ApiError, errorMessage } from "../lib/problem";
import { checkCapacity, seatsNeeded } from "./capacity";
import { SITE_LICENSE_TENANT_TEXT } from "../lib/trials";
import { describeErrors, parseUpnList } from "./csv";
import type { Assignments, TenantLicense } from "../api/types";

const useStyles = makeStyles({
  surface: { maxWidth: "720px", width: "calc(100vw - 32px)" },
  content: { display: "grid", gap: tokens.spacingVerticalM },
  list: {
    maxHeight: "240px",
    overflowY: "auto",
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: tokens.spacingVerticalXS,
    display: "grid",
  },
  row: { display: "flex", alignItems: "center", justifyContent: "space-between", gap: tokens.spacingHorizontalS },
  muted: { color: tokens.colorNeutralForeground2 },
  add: { display: "flex", gap: tokens.spacingHorizontalS, alignItems: "start", flexWrap: "wrap" },
  addInput: { flexGrow: 1, minWidth: "200px" },
  tags: { flexWrap: "wrap", gap: tokens.spacingHorizontalXS },
  hidden: { display: "none" },
});

const SHOWN = 100;

export function AssignUsersDialog({
  license,
  holders,
  domains,
  onAssigned,
}: {
  license: TenantLicense;
  holders: ReadonlySet<string>;
  domains: readonly string[];
  onAssigned: (a: Assignments) => void;
}) {
  const s = useStyles();
  const notify = useNotify();
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState("");
  const [selected, setSelected] = useState<string[]>([]);
  const [typed, setTyped] = useState("");
  const [typedError, setTypedError] = useState<string | undefined>();
  const [fileMessage, setFileMessage] = useState<{ intent: "error" | "success"; text: string } | null>(null);
  const [problem, setProblem] = useState<{ title: string; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const directory = useLoad(
    (signal) => (open ? adminApi.users(signal) : Promise.resolve(null)),
    open ? "directory" : "closed",
  );

  const known = useMemo(() => new Set((directory.data?.items ?? []).map((u) => u.upn)), [directory.data]);
  const matches = useMemo(() => {
    const q = query.trim().toLowerCase();
    const all = directory.data?.items ?? [];
    return q ? all.filter((u) => u.upn.includes(q) || u.display_name.toLowerCase().includes(q)) : all;
  }, [directory.data, query]);
  const chosen = new Set(selected);
  const needed = seatsNeeded(selected, holders);
  const capacity = checkCapacity(needed, license.site ? Infinity : license.available);

  const reset = () => {
    setQuery("");
    setSelected([]);
    setTyped("");
    setTypedError(undefined);
    setFileMessage(null);
    setProblem(null);
  };
  const add = (upns: readonly string[]) =>
    setSelected((current) => [...current, ...upns.filter((u) => !current.includes(u) && !holders.has(u))]);
  const toggle = (upn: string, on: boolean) =>
    setSelected((current) => (on ? (current.includes(upn) ? current : [...current, upn]) : current.filter((u) => u !== upn)));

  const addTyped = () => {
    const parsed = parseUpnList(typed, domains);
    if (parsed.errors.length > 0) {
      setTypedError(parsed.errors[0]?.message);
      return;
    }
    if (parsed.upns.length === 0) {
      setTypedError("Enter a user principal name, such as alex@" + (domains[0] ?? "contoso.com"));
      return;
    }
    setTypedError(undefined);
    add(parsed.upns);
    setTyped("");
  };

  const importFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = "";
    if (!file) return;
    setFileMessage(null);
    const parsed = parseUpnList(await file.text(), domains);
    if (parsed.errors.length > 0) {
      setFileMessage({ intent: "error", text: `Nothing was added from ${file.name}. ${describeErrors(parsed.errors)}` });
      return;
    }
    if (parsed.upns.length === 0) {
      setFileMessage({ intent: "error", text: `${file.name} has no user principal names.` });
      return;
    }
    const already = parsed.upns.filter((u) => holders.has(u)).length;
    add(parsed.upns);
    setFileMessage({
      intent: "success",
      text:
        `${formatNumber(parsed.upns.length)} ${parsed.upns.length === 1 ? "user" : "users"} from ${file.name}` +
        (already > 0 ? `, of whom ${formatNumber(already)} already ${already === 1 ? "has" : "have"} a license` : "") +
        ".",
    });
  };

  const submit = async () => {
    setProblem(null);
    setBusy(true);
    try {
      const result = await adminApi.assign(license.service_id, { users: selected });
      notify.success(
        `Assigned ${license.plan_name}`,
        `${formatNumber(needed)} ${needed === 1 ? "user" : "users"} got a license; ${formatNumber(result.license.available)} left.`,
      );
      onAssigned(result);
      setOpen(false);
      reset();
    } catch (error) {
      const over = error instanceof ApiError && error.rule === "over_capacity";
      setProblem({ title: over ? "Not enough licenses" : "Couldn't assign the licenses", text: errorMessage(error) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog
      open={open}
      onOpenChange={(_, d) => {
        setOpen(d.open);
        if (!d.open) reset();
      }}
    >
      <DialogTrigger disableButtonEnhancement>
        <Button appearance="primary" icon={<PersonAddRegular />}>
          Assign users
        </Button>
      </DialogTrigger>
      <DialogSurface className={s.surface} aria-describedby="assign-capacity">
        <DialogBody>
          <DialogTitle>Assign {license.plan_name}</DialogTitle>
          <DialogContent className={s.content}>
            <Text id="assign-capacity">
              {license.site
                ? `A site license: ${SITE_LICENSE_TENANT_TEXT.toLowerCase()} are licensed, assigned or not.`
                : `${formatNumber(license.available)} of ${formatNumber(license.quantity)} licenses available.`}
            </Text>
            <Field label="Search the directory">
              <SearchBox
                value={query}
                onChange={(_, d) => setQuery(d.value)}
                placeholder="Name or user principal name"
                aria-controls="assign-directory"
              />
            </Field>
            {directory.error ? (
              <MessageBar intent="error">
                <MessageBarBody>Couldn't load the directory: {errorMessage(directory.error)}</MessageBarBody>
              </MessageBar>
            ) : !directory.data ? (
              <Caption1>Loading the directory…</Caption1>
            ) : (
              <div className={s.list} id="assign-directory" role="group" aria-label="Directory users">
                {matches.length === 0 && (
                  <Caption1>{query ? `Nobody in the directory matches "${query}".` : "The directory is empty."}</Caption1>
                )}
                {matches.slice(0, SHOWN).map((u) => {
                  const has = holders.has(u.upn);
                  return (
                    <div key={u.upn} className={s.row}>
                      <Checkbox
                        checked={has || chosen.has(u.upn)}
                        disabled={has}
                        onChange={(_, d) => toggle(u.upn, d.checked === true)}
                        label={u.display_name !== u.upn ? `${u.display_name} (${u.upn})` : u.upn}
                      />
                      {has && <Caption1 className={s.muted}>has a license</Caption1>}
                    </div>
                  );
                })}
                {matches.length > SHOWN && (
                  <Caption1 className={s.muted}>
                    {formatNumber(matches.length - SHOWN)} more match; refine the search.
                  </Caption1>
                )}
              </div>
            )}
            <Field
              label="Add people who are not in the directory yet"
              hint="One or more user principal names, separated by commas or spaces"
              validationMessage={typedError}
            >
              <div className={s.add}>
                <Input
                  className={s.addInput}
                  value={typed}
                  onChange={(_, d) => setTyped(d.value)}
                  onKeyDown={(e) => {
                    if (e.key === "Enter") {
                      e.preventDefault();
                      addTyped();
                    }
                  }}
                  placeholder={`alex@${domains[0] ?? "contoso.com"}`}
                  aria-label="User principal names to add"
                />
                <Button onClick={addTyped}>Add</Button>
                <Button icon={<ArrowUploadRegular />} onClick={() => fileInput.current?.click()}>
                  Import CSV
                </Button>
                <input
                  ref={fileInput}
                  className={s.hidden}
                  type="file"
                  accept=".csv,text/csv,text/plain"
                  aria-label="CSV file of user principal names"
                  data-testid="assign-csv"
                  onChange={(e) => void importFile(e)}
                />
              </div>
            </Field>
            {fileMessage && (
              <MessageBar intent={fileMessage.intent}>
                <MessageBarBody>{fileMessage.text}</MessageBarBody>
              </MessageBar>
            )}
            <Text weight="semibold" id="assign-selected">
              {formatNumber(selected.length)} selected · {formatNumber(needed)} {needed === 1 ? "needs" : "need"} a license
              {selected.filter((u) => !known.has(u)).length > 0 &&
                ` · ${formatNumber(selected.filter((u) => !known.has(u)).length)} will join the directory`}
            </Text>
            {selected.length > 0 && (
              <TagGroup
                className={s.tags}
                aria-labelledby="assign-selected"
                onDismiss={(_, d) => toggle(String(d.value), false)}
              >
                {selected.map((u) => (
                  <Tag key={u} value={u} dismissible dismissIcon={{ "aria-label": `Remove ${u}` }} size="small">
                    {u}
                  </Tag>
                ))}
              </TagGroup>
            )}
            {capacity.short > 0 && (
              <MessageBar intent="warning">
                <MessageBarBody>
                  {formatNumber(capacity.needed)} {capacity.needed === 1 ? "user needs" : "users need"} a license, but only{" "}
                  {formatNumber(capacity.available)} {capacity.available === 1 ? "is" : "are"} available. Remove{" "}
                  {formatNumber(capacity.short)}, or ask {license.publisher_name} for more licenses.
                </MessageBarBody>
              </MessageBar>
            )}
            {problem && <Refusal title={problem.title}>{problem.text}</Refusal>}
          </DialogContent>
          <DialogActions>
            <DialogTrigger disableButtonEnhancement>
              <Button appearance="secondary">Cancel</Button>
            </DialogTrigger>
            <Button appearance="primary" disabled={busy || selected.length === 0} onClick={() => void submit()}>
              {busy ? "Assigning…" : `Assign ${formatNumber(selected.length)} ${selected.length === 1 ? "user" : "users"}`}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
