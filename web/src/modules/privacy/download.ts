/** The file name of an exported record: the resident's id and the day, never their name (file names travel). */
export function exportFileName(residentId: number | string, generatedAt: string): string {
  return `resident-${String(residentId)}-${generatedAt.slice(0, 10)}.json`;
}

/** Hands a JSON document to the browser as a download. */
export function saveJson(fileName: string, data: unknown): void {
  const url = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  URL.revokeObjectURL(url);
}
