// Provisioned, assigned and active seats over time as lines (Fluent UI's charts, @fluentui/react-charts), with
// an accessible name; the numbers are also in the table beside it (UsageTable), the chart's text alternative.
import { LineChart, type ChartProps } from "@fluentui/react-charts";
import { makeStyles } from "@fluentui/react-components";
import type { UsageInterval } from "../../api/types";
import { parseDay } from "../../lib/days";
import { formatNumber } from "../../lib/format";
import { periodLabel, periodName, type UsagePoint } from "../../lib/usage";

const useStyles = makeStyles({ chart: { width: "100%", minHeight: "320px" } });

// The axis's days in UTC, as the API counts them ("Jan 5").
const tickFormat = new Intl.DateTimeFormat(undefined, { month: "short", day: "numeric", timeZone: "UTC" });
const monthTickFormat = new Intl.DateTimeFormat(undefined, { month: "short", year: "numeric", timeZone: "UTC" });

const SERIES = [
  { key: "provisioned", legend: "Provisioned" },
  { key: "assigned", legend: "Assigned" },
  { key: "active", legend: "Active" },
] as const;

export default function UsageChart({ points, interval, title }: { points: UsagePoint[]; interval: UsageInterval; title: string }) {
  const s = useStyles();
  const data: ChartProps = {
    chartTitle: `${title}. `, // the chart's name goes on with what its axes show
    lineChartData: SERIES.map(({ key, legend }) => ({
      legend,
      data: points.map((p) => ({
        x: new Date((parseDay(p.date) ?? 0) * 86_400_000),
        y: p[key],
        xAxisCalloutData: periodLabel(p.date, interval),
        yAxisCalloutData: formatNumber(p[key]),
      })),
    })),
  };
  return (
    <div className={s.chart}>
      <LineChart
        data={data}
        height={320}
        yMinValue={0}
        xAxisTitle={periodName[interval]}
        yAxisTitle="Seats"
        useUTC
        tickValues={points.length <= 12 ? points.map((p) => new Date((parseDay(p.date) ?? 0) * 86_400_000)) : undefined}
        tickFormat={(v) => (interval === "month" ? monthTickFormat : tickFormat).format(v)}
      />
    </div>
  );
}
