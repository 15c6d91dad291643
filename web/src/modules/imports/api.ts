import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ApiError, apiUpload, apiUrl } from '../../app/api';
import type { Id, ImportResult, RejectedRow } from '../../app/types';

export const TEMPLATE_URL = apiUrl('/org/import/template.xlsx');
export const reportUrl = (reportId: Id) => apiUrl(`/org/import/reports/${encodeURIComponent(String(reportId))}`);
export const exportUrl = (unitId: string) => apiUrl('/org/export.xlsx', { unitId });

export interface Rejection {
  rows: RejectedRow[];
  reportId: Id | null;
  total: number | null;
}

/** The rejected rows of an IMPORT_REJECTED answer, or null for any other error. */
export function rejectionOf(error: unknown): Rejection | null {
  if (!(error instanceof ApiError) || error.code !== 'IMPORT_REJECTED' || !error.details) return null;
  const { rejected, reportId, total } = error.details;
  const rows = Array.isArray(rejected)
    ? rejected.flatMap((row: unknown) => {
        if (typeof row !== 'object' || row === null) return [];
        const { row: line, reason } = row as { row?: unknown; reason?: unknown };
        return typeof line === 'number' ? [{ row: line, reason: typeof reason === 'string' ? reason : '' }] : [];
      })
    : [];
  return {
    rows,
    reportId: typeof reportId === 'number' || typeof reportId === 'string' ? reportId : null,
    total: typeof total === 'number' ? total : null,
  };
}

/** Uploads a register with progress; the whole sheet is taken or none of it. */
export function useImport() {
  const queryClient = useQueryClient();
  const [progress, setProgress] = useState(0);
  const mutation = useMutation({
    mutationFn: ({ unitId, file }: { unitId: string; file: File }) => {
      setProgress(0);
      return apiUpload<ImportResult>('/org/import', { unitId }, file, setProgress);
    },
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: ['org'] }),
        queryClient.invalidateQueries({ queryKey: ['people'] }),
      ]),
  });
  return { ...mutation, progress };
}
