// A usage report (Partner Center and the Admin Center alike, given its API): provisioned, assigned and active
// seats over a range of days, by day, week or month, for one customer or all, one plan or all — as a chart, as
// a table of the same numbers (the chart's text alternative) and as a CSV to download. The filters live in the
// page's address, so a report can be bookmarked and shared.
import {
  Caption1,
  Dropdown,
  Field,
  Input,
  Link,
  Option,
  TableCell,
  TableRow,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { ArrowDownloadRegular } from "@fluentui/react-icons";
import { Suspense, lazy, useState } from "react";
import { useSearchParams } from "react-router";
import type { UsageApi, UsageQuery } from "../../api/usage";
import type { UsageInterval } from "../../api/types";
import { formatNumber } from "../../lib/format";
import {
  intervalLabel,
  intervals,
  periodLabel,
  periodName,
  rangeError,
  readUsageQuery,
  totalsByDate,
  usageParams,
} from "../../lib/usage";
import { DataTable } from "../DataTable";
import { Empty, Loading, WhenLoaded } from "../feedback";
import { useLoad } from "../hooks";
import { Section } from "../layout";

// The chart library is loaded with the first chart, not with the center.
const UsageChart = lazy(() => import("./UsageChart"));

const useStyles = makeStyles({
  filters: {
    display: "grid",
    gridTemplateColumns: "repeat(auto-fill, minmax(180px, 1fr))",
    gap: tokens.spacingHorizontalM,
    alignItems: "start",
  },
  control: { minWidth: 0, width: "100%" },
  muted: { color: tokens.colorNeutralForeground2 },
  download: { display: "inline-flex", alignItems: "center", gap: tokens.spacingHorizontalXS },
});

export interface FilterChoice {
  value: string;
  label: string;
}

function ChoiceFilter({
  label,
  all,
  choices,
  value,
  onChange,
}: {
  label: string;
  all: string;
  choices: readonly FilterChoice[];
  value: string;
  onChange: (value: string) => void;
}) {
  const s = useStyles();
  const chosen = choices.find((c) => c.value === value);
  return (
    <Field label={label}>
      <Dropdown
        className={s.control}
        value={value ? (chosen?.label ?? value) : all}
        selectedOptions={[value]}
        onOptionSelect={(_, d) => onChange(d.optionValue ?? "")}
      >
        <Option value="">{all}</Option>
        {choices.map((c) => (
          <Option key={c.value} value={c.value}>
            {c.label}
          </Option>
        ))}
      </Dropdown>
    </Field>
  );
}

export function UsageReport({
  api,
  customers,
  plans,
}: {
  api: UsageApi;
  customers?: readonly FilterChoice[]; // the publisher's customers (tenant IDs); absent for a tenant
  plans: readonly FilterChoice[]; // Service IDs
}) {
  const s = useStyles();
  const [params, setParams] = useSearchParams();
  const query = readUsageQuery(params);
  // The dates as typed; the report follows them once they make a range.
  const [draft, setDraft] = useState({ from: query.from, to: query.to });
  const errors = rangeError(draft.from, draft.to, query.interval);
  const usage = useLoad((signal) => api.report(query, signal), `usage:${new URLSearchParams(usageParams(query)).toString()}`);

  const set = (changes: Record<string, string>) =>
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        for (const [k, v] of Object.entries(changes)) {
          if (v) next.set(k, v);
          else next.delete(k);
        }
        return next;
      },
      { replace: true },
    );
  const setDate = (which: "from" | "to", value: string) => {
    const next = { ...draft, [which]: value };
    setDraft(next);
    const e = rangeError(next.from, next.to, query.interval);
    if (!e.from && !e.to) set({ from: next.from, to: next.to });
  };
  const setInterval = (interval: UsageInterval) => {
    // Unless the dates were chosen (and make a report by the new interval), the new interval brings its own
    // range (30 days, 12 weeks, 12 months).
    let q: UsageQuery = readUsageQuery(new URLSearchParams({ ...Object.fromEntries(params), interval }));
    const e = rangeError(q.from, q.to, interval);
    const keep = !e.from && !e.to;
    if (!keep) q = readUsageQuery(new URLSearchParams({ interval }));
    setDraft({ from: q.from, to: q.to });
    set(keep ? { interval } : { interval, from: "", to: "" });
  };
  const title = `Seats by ${query.interval}, ${periodLabel(query.from, "day")} to ${periodLabel(query.to, "day")}`;

  return (
    <>
      <Section title="Filters">
        <div className={s.filters}>
          <Field
            label="From"
            validationMessage={errors.from}
            validationState={errors.from ? "error" : "none"}
          >
            <Input type="date" value={draft.from} onChange={(_, d) => setDate("from", d.value)} />
          </Field>
          <Field label="To" validationMessage={errors.to} validationState={errors.to ? "error" : "none"}>
            <Input type="date" value={draft.to} onChange={(_, d) => setDate("to", d.value)} />
          </Field>
          <Field label="Interval">
            <Dropdown
              className={s.control}
              value={intervalLabel[query.interval]}
              selectedOptions={[query.interval]}
              onOptionSelect={(_, d) => setInterval((d.optionValue ?? "day") as UsageInterval)}
            >
              {intervals.map((i) => (
                <Option key={i} value={i}>
                  {intervalLabel[i]}
                </Option>
              ))}
            </Dropdown>
          </Field>
          {customers && (
            <ChoiceFilter
              label="Customer"
              all="All customers"
              choices={customers}
              value={query.tenant_id ?? ""}
              onChange={(v) => set({ tenant: v })}
            />
          )}
          <ChoiceFilter
            label="Plan"
            all="All plans"
            choices={plans}
            value={query.service_id ?? ""}
            onChange={(v) => set({ service: v })}
          />
        </div>
        <Text>
          <Link href={api.csvHref(query)} download className={s.download}>
            <ArrowDownloadRegular aria-hidden />
            Download CSV
          </Link>{" "}
          <Caption1 className={s.muted}>One row per customer, plan and {query.interval}.</Caption1>
        </Text>
      </Section>
      <WhenLoaded load={usage} label="Loading usage…">
        {({ items }) => {
          const points = totalsByDate(items);
          if (points.length === 0) {
            return (
              <Section title="Seats over time">
                <Empty title="No usage in this range">
                  <Text>Choose other dates, or another customer or plan.</Text>
                </Empty>
              </Section>
            );
          }
          return (
            <>
              <Section title="Seats over time">
                <Text className={s.muted}>
                  Provisioned: licenses in force. Assigned: seats given to users. Active: assigned seats the app checked
                  in the period.
                </Text>
                <Suspense fallback={<Loading label="Loading the chart…" />}>
                  <UsageChart points={points} interval={query.interval} title={title} />
                </Suspense>
              </Section>
              <Section title="Numbers">
                <DataTable
                  label={title}
                  minWidth="520px"
                  size="small"
                  columns={[periodName[query.interval], "Provisioned", "Assigned", "Active"]}
                >
                  {points.map((p) => (
                    <TableRow key={p.date} data-testid={`usage-${p.date}`}>
                      <TableCell>{periodLabel(p.date, query.interval)}</TableCell>
                      <TableCell>{formatNumber(p.provisioned)}</TableCell>
                      <TableCell>{formatNumber(p.assigned)}</TableCell>
                      <TableCell>{formatNumber(p.active)}</TableCell>
                    </TableRow>
                  ))}
                </DataTable>
              </Section>
            </>
          );
        }}
      </WhenLoaded>
    </>
  );
}
