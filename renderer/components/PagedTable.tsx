import { useCallback, useState, type ReactNode } from 'react';
import { Table, type TableProps } from 'antd';

/** Rows a page of a server-side list (faults, work orders). */
export const PAGE_SIZE = 20;

/**
 * The filters and page of a server-side list. `set(patch)` merges a patch into the filters,
 * drops empty values (undefined, '', []) and goes back to page 1; `set(null)` clears every
 * filter. `set` keeps its identity, so a memoised filter bar does not re-render with the rows.
 */
export function usePagedFilters<F extends object>(initial: F | (() => F)) {
  const [filters, setFilters] = useState<F>(initial);
  const [page, setPage] = useState(1);
  const set = useCallback((patch: Partial<F> | null) => {
    setPage(1);
    setFilters((f) => {
      // Every filter is optional: no filter at all is a valid F.
      if (patch === null) return {} as F;
      const next: F = { ...f, ...patch };
      for (const k of Object.keys(next) as Array<keyof F>) if (next[k] === undefined || next[k] === '' || (Array.isArray(next[k]) && (next[k] as unknown[]).length === 0)) delete next[k];
      return next;
    });
  }, []);
  return { filters, set, page, setPage };
}

type PagedTableProps<Row> = Omit<TableProps<Row>, 'rowKey' | 'size' | 'dataSource' | 'loading' | 'pagination'> & {
  /** The list as loaded (a page of rows and the total). */
  list: { data: { rows: Row[]; total: number } | null; loading: boolean };
  page: number;
  setPage: (page: number) => void;
  showTotal: (total: number) => ReactNode;
};

/** A table of one page of a server-side list, paged by the server (PAGE_SIZE rows a page). */
export function PagedTable<Row extends { id: string }>({ list, page, setPage, showTotal, ...rest }: PagedTableProps<Row>) {
  return (
    <Table<Row>
      rowKey="id"
      size="middle"
      {...rest}
      dataSource={list.data?.rows ?? []}
      loading={list.loading}
      pagination={{ current: page, pageSize: PAGE_SIZE, total: list.data?.total ?? 0, showSizeChanger: false, showTotal, onChange: (p) => setPage(p) }}
    />
  );
}
