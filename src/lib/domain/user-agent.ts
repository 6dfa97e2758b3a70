/**
 * A short name for a browser from its User-Agent, enough for a user to recognise their own sessions
 * ("Firefox · Windows"). Order matters: Edge and Opera also say Chrome, Chrome also says Safari.
 */
const BROWSERS: [RegExp, string][] = [
	[/Edg(e|A|iOS)?\//, 'Edge'],
	[/OPR\/|Opera/, 'Opera'],
	[/Firefox\/|FxiOS\//, 'Firefox'],
	[/SamsungBrowser\//, 'Samsung Internet'],
	[/Chrome\/|CriOS\/|Chromium\//, 'Chrome'],
	[/Safari\//, 'Safari']
];
const SYSTEMS: [RegExp, string][] = [
	[/Android/, 'Android'],
	[/iPhone|iPad|iPod/, 'iOS'],
	[/Windows/, 'Windows'],
	[/Mac OS X|Macintosh/, 'macOS'],
	[/CrOS/, 'ChromeOS'],
	[/Linux/, 'Linux']
];

/** null when nothing is recognised (the page then shows the raw string, cut short). */
export function browserLabel(userAgent: string | null | undefined): string | null {
	if (!userAgent) return null;
	const browser = BROWSERS.find(([re]) => re.test(userAgent))?.[1];
	const system = SYSTEMS.find(([re]) => re.test(userAgent))?.[1];
	if (!browser && !system) return null;
	return [browser, system].filter(Boolean).join(' · ');
}
