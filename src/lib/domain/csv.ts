/**
 * CSV cells for spreadsheets (RFC 4180 quoting). A cell that starts like a formula (= + - @, tab, CR) is
 * prefixed with an apostrophe so Excel or LibreOffice shows it instead of running it (CSV injection).
 */
export function csvCell(value: unknown): string {
	if (value === null || value === undefined) return '';
	let s = String(value);
	if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
	return /[",\r\n;]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

export function csvLine(values: readonly unknown[]): string {
	return values.map(csvCell).join(',') + '\r\n';
}
