"use client";

import {
  flexRender,
  getCoreRowModel,
  getSortedRowModel,
  useReactTable,
  type ColumnDef,
  type SortingState,
} from "@tanstack/react-table";
import { useTranslations } from "next-intl";
import { useState, type ReactNode } from "react";
import { downloadCsv, toCsv } from "./csv";

export type Column<T> = {
  id: string;
  header: string;
  value: (row: T) => string | number | null;
  cell?: (row: T) => ReactNode;
  numeric?: boolean;
  sortable?: boolean;
};

// A table that sorts by any column and exports what it shows as CSV.
export function DataTable<T>({ rows, columns, csvName, testId }: { rows: T[]; columns: Column<T>[]; csvName: string; testId?: string }) {
  const t = useTranslations("common");
  const [sorting, setSorting] = useState<SortingState>([]);
  const defs: ColumnDef<T>[] = columns.map((c) => ({
    id: c.id,
    header: c.header,
    accessorFn: (row) => c.value(row) ?? "",
    enableSorting: c.sortable !== false,
    cell: (info) => (c.cell ? c.cell(info.row.original) : String(c.value(info.row.original) ?? "")),
  }));
  const table = useReactTable({
    data: rows,
    columns: defs,
    state: { sorting },
    onSortingChange: setSorting,
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
  });
  const exportCsv = () => {
    const visible = table.getRowModel().rows.map((r) => columns.map((c) => c.value(r.original)));
    downloadCsv(csvName, toCsv(columns.map((c) => c.header), visible));
  };
  return (
    <div>
      <div className="table-tools">
        <span className="muted">{t("rows", { count: rows.length })}</span>
        <button onClick={exportCsv}>{t("exportCsv")}</button>
      </div>
      <table data-testid={testId}>
        <thead>
          {table.getHeaderGroups().map((hg) => (
            <tr key={hg.id}>
              {hg.headers.map((h, i) => {
                const sorted = h.column.getIsSorted();
                const numeric = columns[i]?.numeric;
                return (
                  <th key={h.id} className={numeric ? "num" : undefined} aria-sort={sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : undefined}>
                    {h.column.getCanSort() ? (
                      <button onClick={h.column.getToggleSortingHandler()}>
                        {flexRender(h.column.columnDef.header, h.getContext())}
                        {sorted === "asc" ? " ▲" : sorted === "desc" ? " ▼" : ""}
                      </button>
                    ) : (
                      flexRender(h.column.columnDef.header, h.getContext())
                    )}
                  </th>
                );
              })}
            </tr>
          ))}
        </thead>
        <tbody>
          {table.getRowModel().rows.map((r) => (
            <tr key={r.id}>
              {r.getVisibleCells().map((cell, i) => (
                <td key={cell.id} className={columns[i]?.numeric ? "num" : undefined}>
                  {flexRender(cell.column.columnDef.cell, cell.getContext())}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
