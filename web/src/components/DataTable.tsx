// A table of records the way every list page shows one: its column headings, rows given by the caller, and
// sideways scrolling inside its section (never the page's) when the columns need more than the width.
import { Table, TableBody, TableHeader, TableHeaderCell, TableRow, makeStyles } from "@fluentui/react-components";
import type { ReactNode } from "react";

const useStyles = makeStyles({
  scroll: { overflowX: "auto" },
});

export function DataTable({
  label,
  columns,
  minWidth,
  size,
  children,
}: {
  label: string; // the table's accessible name
  columns: readonly string[];
  minWidth: string; // below it, the table scrolls sideways
  size?: "small" | "medium";
  children: ReactNode; // the rows
}) {
  const s = useStyles();
  return (
    <div className={s.scroll}>
      <Table aria-label={label} size={size} style={{ minWidth }}>
        <TableHeader>
          <TableRow>
            {columns.map((c) => (
              <TableHeaderCell key={c}>{c}</TableHeaderCell>
            ))}
          </TableRow>
        </TableHeader>
        <TableBody>{children}</TableBody>
      </Table>
    </div>
  );
}
