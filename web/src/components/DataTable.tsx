// A table of records the way every list page shows one: its column headings, rows given by the caller, and
// sideways scrolling inside its section (never the page's) when the columns need more than the width. While
// it scrolls, the scrolling box is a named region a keyboard can reach (Tab, then the arrow keys), which a
// table without links or buttons would otherwise not offer (WCAG 2.1.1; axe's scrollable-region-focusable).
import {
  Table,
  TableBody,
  TableHeader,
  TableHeaderCell,
  TableRow,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { useLayoutEffect, useRef, useState, type ReactNode, type RefObject } from "react";

const useStyles = makeStyles({
  scroll: {
    overflowX: "auto",
    ":focus-visible": { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: "2px" },
  },
});

// Whether the element's content is wider than the element, kept current as either changes size.
function useScrollsSideways(ref: RefObject<HTMLElement | null>): boolean {
  const [scrolls, setScrolls] = useState(false);
  useLayoutEffect(() => {
    const box = ref.current;
    if (!box) return;
    const measure = () => setScrolls(box.scrollWidth > box.clientWidth + 1);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(box);
    if (box.firstElementChild) observer.observe(box.firstElementChild);
    return () => observer.disconnect();
  }, [ref]);
  return scrolls;
}

export function DataTable({
  label,
  columns,
  minWidth,
  size,
  widths,
  children,
}: {
  label: string; // the table's accessible name
  columns: readonly string[];
  widths?: readonly (string | undefined)[]; // per column; a column without one shares what is left
  minWidth: string; // below it, the table scrolls sideways
  size?: "small" | "medium";
  children: ReactNode; // the rows
}) {
  const s = useStyles();
  const box = useRef<HTMLDivElement>(null);
  const scrolls = useScrollsSideways(box);
  return (
    <div
      ref={box}
      className={s.scroll}
      {...(scrolls ? { tabIndex: 0, role: "region", "aria-label": `${label} (scrolls sideways)` } : {})}
    >
      <Table aria-label={label} size={size} style={{ minWidth }}>
        <TableHeader>
          <TableRow>
            {columns.map((c, i) => (
              <TableHeaderCell key={c} style={widths?.[i] ? { width: widths[i] } : undefined}>
                {c}
              </TableHeaderCell>
            ))}
          </TableRow>
        </TableHeader>
        <TableBody>{children}</TableBody>
      </Table>
    </div>
  );
}
