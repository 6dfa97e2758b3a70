import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ARTIFACTS, launch, newPage, login, screenshot, drawCharts } from './browser';

const COMMISSION = { email: 'commission@rasd.demo', password: 'Rasd-Commission-2026!' };

let browser: Browser;
beforeAll(async () => {
	browser = await launch();
});
afterAll(async () => {
	await browser?.close();
});

/** Scrolls to every chart of the page until it is drawn (or shows its designed empty state); how many are drawn. */
async function chartsReady(page: Page): Promise<number> {
	expect(await page.locator('[data-chart-state]').count(), 'the page has charts').toBeGreaterThan(0);
	const drawn = await drawCharts(page);
	expect(await page.locator('[data-chart-state=error]').count(), 'no chart failed').toBe(0);
	return drawn;
}

async function setLanguage(page: Page, lang: 'fr' | 'ar'): Promise<void> {
	await Promise.all([page.waitForLoadState('load'), page.click(`[data-testid=lang-${lang}]`)]);
	await page.waitForFunction((l) => document.documentElement.lang === l, lang);
}

/** Where the axis labels of the "progress by axis" chart sit: the share of the chart's width left of them. */
async function axisLabelSide(page: Page): Promise<{ labelX: number; barX: number }> {
	return page.evaluate(() => {
		const host = document.querySelector('[data-testid=chart-axes] .host') as HTMLElement;
		const box = host.getBoundingClientRect();
		const label = [...host.querySelectorAll('text')].find((t) => t.textContent?.startsWith('A1'))!;
		const bars = [...host.querySelectorAll('path')].filter((p) => (p.getAttribute('fill') ?? '').toLowerCase() === '#0f6b58');
		const l = label.getBoundingClientRect();
		const b = bars[0]!.getBoundingClientRect();
		return { labelX: (l.x + l.width / 2 - box.x) / box.width, barX: (b.x + b.width / 2 - box.x) / box.width };
	});
}

describe('overview', () => {
	it('draws its charts in French, then mirrored in Arabic', async () => {
		const { context, page } = await newPage(browser);
		await login(page, COMMISSION.email, COMMISSION.password);
		expect(await page.locator('h1').first().innerText()).toBe('Tableau de bord');
		expect(await chartsReady(page)).toBeGreaterThanOrEqual(5);
		expect(await page.locator('[data-testid=kpi-measures] .value').innerText()).toMatch(/^\d+$/);
		// a demonstration badge on the charts of demonstration data, a table equivalent behind each chart
		expect(await page.locator('[data-testid=block-axes] .demo').count()).toBe(1);
		expect(await page.locator('[data-testid=chart-axes] .equiv table').count()).toBe(1);
		expect(await page.locator('[data-testid=overview-recommendation]').count()).toBe(10);
		// the map draws the 12 regions, with the OpenStreetMap attribution under it
		expect(await page.locator('[data-testid=region-map] .host svg path').count()).toBeGreaterThanOrEqual(12);
		expect(await page.locator('[data-testid=region-map] figcaption').innerText()).toContain('OpenStreetMap');
		// French: labels on the left of the bars
		const fr = await axisLabelSide(page);
		expect(fr.labelX).toBeLessThan(fr.barX);

		await setLanguage(page, 'ar');
		expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
		expect(await chartsReady(page)).toBeGreaterThanOrEqual(5);
		// Arabic: the category axis is mirrored, labels on the right of the bars
		const ar = await axisLabelSide(page);
		expect(ar.labelX).toBeGreaterThan(ar.barX);
		expect(ar.labelX).toBeGreaterThan(0.5);
		// and the legend of the institutions chart starts on the right
		const legend = await page.evaluate(() => {
			const host = document.querySelector('[data-testid=chart-institutions] .host') as HTMLElement;
			const box = host.getBoundingClientRect();
			const texts = [...host.querySelectorAll('text')].filter((t) => t.getBoundingClientRect().y - box.y < 24);
			return texts.map((t) => (t.getBoundingClientRect().x - box.x) / box.width);
		});
		expect(legend.length).toBeGreaterThanOrEqual(2);
		expect(Math.min(...legend)).toBeGreaterThan(0.6);
		await setLanguage(page, 'fr');
		await context.close();
	});

	it('on a phone in Arabic, a shortened axis label ends with its ellipsis on the left, at the end of the Arabic text', async () => {
		const { context, page } = await newPage(browser, { width: 390, height: 844 });
		await login(page, COMMISSION.email, COMMISSION.password);
		await setLanguage(page, 'ar');
		await chartsReady(page);
		const cut = await page.evaluate(() => {
			const texts = [...document.querySelectorAll<SVGTextElement>('[data-testid=chart-axes] .host text, [data-testid=chart-institutions] .host text')];
			return texts
				.filter((t) => /[\u0600-\u06FF]/.test(t.textContent ?? '') && (t.textContent ?? '').includes('…'))
				.map((t) => {
					const s = t.textContent!;
					const e = s.indexOf('…');
					// the Arabic letter just before the ellipsis in reading order
					let a = e - 1;
					while (a > 0 && !/[\u0600-\u06FF]/.test(s[a]!)) a--;
					return { text: s, ellipsisX: t.getStartPositionOfChar(e).x, letterX: t.getStartPositionOfChar(a).x };
				});
		});
		await page.locator('[data-testid=block-axes]').screenshot({ path: `${ARTIFACTS}/overview-ar-390-axes.png` });
		await page.locator('[data-testid=block-institutions]').screenshot({ path: `${ARTIFACTS}/overview-ar-390-institutions.png` });
		expect(cut.length).toBeGreaterThan(0);
		for (const c of cut) expect(c.ellipsisX, c.text).toBeLessThan(c.letterX);
		await setLanguage(page, 'fr');
		await context.close();
	});

	it('on a phone, builds a chart only when the reader scrolls near it', async () => {
		const { context, page } = await newPage(browser, { width: 390, height: 844 });
		await login(page, COMMISSION.email, COMMISSION.password);
		await page.waitForTimeout(1500);
		// the overview opens on its key figures: the charts further down are not built yet
		const states = await page.locator('[data-chart-state]').evaluateAll((els) => els.map((e) => e.getAttribute('data-chart-state')));
		expect(states.length).toBeGreaterThanOrEqual(5);
		expect(states.filter((s) => s === 'loading').length).toBeGreaterThanOrEqual(3);
		const last = page.locator('[data-chart-state]').last();
		await last.scrollIntoViewIfNeeded();
		await expect.poll(() => last.getAttribute('data-chart-state'), { timeout: 20_000 }).not.toBe('loading');
		expect(await chartsReady(page)).toBeGreaterThanOrEqual(5);
		await context.close();
	});

	it('opens a region’s scorecard from the map', async () => {
		const { context, page } = await newPage(browser);
		await login(page, COMMISSION.email, COMMISSION.password);
		await chartsReady(page);
		const map = page.locator('[data-testid=region-map] .host');
		await map.scrollIntoViewIfNeeded();
		// the map in place (no scroll or layout still moving it) before its pixels are computed
		let last = '';
		await expect.poll(async () => [last, (last = JSON.stringify(await map.boundingBox()))][0] === last, { interval: 250 }).toBe(true);
		// A point inside Drâa-Tafilalet (near Tinghir), turned into pixels by the chart itself.
		const [x, y] = await map.evaluate((el) => {
			const chart = (el as unknown as { __chart: { convertToPixel: (f: object, v: number[]) => number[] } }).__chart;
			return chart.convertToPixel({ seriesIndex: 0 }, [-5.5, 31.3]);
		});
		const box = (await map.boundingBox())!;
		await Promise.all([page.waitForURL('**/regions/MA-08'), page.mouse.click(box.x + x!, box.y + y!)]);
		expect(await page.locator('[data-testid=scorecard-title]').innerText()).toContain('Drâa-Tafilalet');
		expect(await chartsReady(page)).toBeGreaterThanOrEqual(1);
		await context.close();
	});

	it("the partner's overview on a phone: each chart to its table and back, with no script error", async () => {
		// The map's view transform is null in a box of no area, which a chart's host is while the table
		// is shown: ECharts threw "Cannot read properties of null (reading '0')" when it was resized then.
		const { context, page } = await newPage(browser, { width: 390, height: 844 });
		const errors: string[] = [];
		page.on('pageerror', (e) => errors.push(e.message));
		page.on('console', (msg) => {
			if (msg.type() === 'error') errors.push(msg.text());
		});
		await login(page, 'oim@rasd.demo', 'Rasd-Oim-2026!');
		const drawn = await chartsReady(page);
		expect(drawn).toBeGreaterThanOrEqual(4);
		const charts = page.locator('[data-chart-state=ready]:has(.switch)');
		for (let i = 0; i < (await charts.count()); i++) {
			const chart = charts.nth(i);
			await chart.scrollIntoViewIfNeeded();
			await chart.locator('.switch button').nth(1).click();
			await expect.poll(() => chart.locator('.equiv').evaluate((el) => el.classList.contains('sr-only'))).toBe(false);
			await page.setViewportSize({ width: 360, height: 844 });
			await chart.locator('.switch button').nth(0).click();
			await page.setViewportSize({ width: 390, height: 844 });
			await expect.poll(() => chart.locator('.host svg').count()).toBe(1);
		}
		expect(await page.locator('[data-testid=region-map] .host svg path').count()).toBeGreaterThanOrEqual(12);
		expect(errors).toEqual([]);
		await context.close();
	});

	it('shows an indicator per region on the map, chosen in the URL, masked for partners', async () => {
		const { context, page } = await newPage(browser);
		await login(page, COMMISSION.email, COMMISSION.password);
		await chartsReady(page);
		await Promise.all([page.waitForURL(/layer=indicator/), page.click('[data-testid=layer-indicator]')]);
		await chartsReady(page);
		expect(await page.locator('#map-ind option').count()).toBeGreaterThan(5);
		await Promise.all([page.waitForURL(/ind=A2\.1\.1-I2/), page.selectOption('#map-ind', 'A2.1.1-I2')]);
		expect(Object.fromEntries(new URL(page.url()).searchParams)).toMatchObject({ layer: 'indicator', ind: 'A2.1.1-I2' });
		await chartsReady(page);
		expect(await page.locator('[data-testid=block-map] figcaption, [data-testid=block-map] .note').allInnerTexts()).toEqual(
			expect.arrayContaining([expect.stringMatching(/Valeurs validées par région, S\d 20\d\d/)])
		);
		// the table equivalent: the 12 regions, with the commission's figures unmasked
		const rows = page.locator('[data-testid=map-indicator-row]');
		expect(await rows.count()).toBe(12);
		expect((await rows.allInnerTexts()).join('\n')).not.toContain('< 5');
		await context.close();

		// a partner gets the confidentiality rule on the same view
		const partner = await newPage(browser);
		await login(partner.page, 'oim@rasd.demo', 'Rasd-Oim-2026!');
		await partner.page.goto('/?layer=indicator&ind=A2.1.1-I2');
		expect(await partner.page.locator('[data-testid=block-map] .alert.info').count()).toBe(1);
		expect((await partner.page.locator('[data-testid=map-indicator-row]').allInnerTexts()).join('\n')).toContain('< 5');
		await partner.context.close();
	});

	it('keeps plan, period and as-of date in the URL, both ways', async () => {
		const { context, page } = await newPage(browser);
		await login(page, COMMISSION.email, COMMISSION.password);
		await page.goto('/?plan=PA-2024-2025&period=2025-S1&asOf=2025-03-01');
		expect(await page.inputValue('#f-plan')).toBe('PA-2024-2025');
		expect(await page.inputValue('#f-period')).toBe('2025-S1');
		expect(await page.inputValue('#f-asof')).toBe('2025-03-01');
		expect(await page.locator('[data-testid=as-of-banner]').innerText()).toContain('1 mars 2025');
		const asOf = await page.locator('[data-testid=kpi-progress] .value').innerText();
		await chartsReady(page);
		// changing a filter keeps the others
		await Promise.all([page.waitForURL(/period=2024-S2/), page.selectOption('#f-period', '2024-S2')]);
		const url = new URL(page.url());
		expect(Object.fromEntries(url.searchParams)).toEqual({ plan: 'PA-2024-2025', period: '2024-S2', asOf: '2025-03-01' });
		expect(await page.inputValue('#f-period')).toBe('2024-S2');
		// back to the present: the date and the period go, the plan stays
		await Promise.all([page.waitForURL((u) => !u.searchParams.has('asOf')), page.click('[data-testid=dash-reset]')]);
		expect(Object.fromEntries(new URL(page.url()).searchParams)).toEqual({ plan: 'PA-2024-2025' });
		const current = await page.locator('[data-testid=kpi-progress] .value').innerText();
		expect(current).not.toBe(asOf);
		// a reload shows the same view
		await page.reload();
		expect(await page.inputValue('#f-plan')).toBe('PA-2024-2025');
		expect(await page.locator('[data-testid=as-of-banner]').count()).toBe(0);
		await context.close();
	});
});

describe('scorecards and the indicator explorer', () => {
	it('links institutions and regions to their scorecards and explores an indicator', async () => {
		const { context, page } = await newPage(browser);
		await login(page, COMMISSION.email, COMMISSION.password);
		await page.goto('/institutions');
		await Promise.all([page.waitForURL('**/institutions/MJ'), page.click('a[href="/institutions/MJ"]')]);
		expect(await page.locator('[data-testid=block-contributions]').count()).toBe(1);
		expect(await chartsReady(page)).toBeGreaterThanOrEqual(2);
		await page.goto('/regions');
		await Promise.all([page.waitForURL('**/regions/MA-06'), page.click('a[href="/regions/MA-06"]')]);
		expect(await page.locator('[data-testid=region-stage]').count()).toBeGreaterThanOrEqual(1);

		await page.goto('/indicators');
		expect(await page.locator('[data-testid=explorer-empty]').count()).toBe(1);
		await Promise.all([page.waitForURL(/\?i=/), page.locator('[data-testid=indicator-choice]').first().click()]);
		await chartsReady(page);
		const validated = await page.locator('[data-testid=series-row]').count();
		expect(validated).toBeGreaterThan(0);
		expect(await page.locator('[data-testid=region-value-row]').count()).toBe(12);
		expect(await page.locator('[data-testid=values-scope]').innerText()).toContain('validées uniquement');
		// the commission may include submitted values
		await Promise.all([page.waitForURL(/sub=1/), page.check('[data-testid=include-submitted]')]);
		expect(await page.locator('[data-testid=values-scope]').innerText()).toContain('soumises');
		await context.close();
	});

	it('does not offer submitted values to a focal point, even through the URL', async () => {
		const { context, page } = await newPage(browser);
		await login(page, 'dgsn@rasd.demo', 'Rasd-Dgsn-2026!');
		await page.goto('/indicators');
		const href = await page.locator('[data-testid=indicator-choice]').first().getAttribute('href');
		await page.goto(`/indicators${href}&sub=1`);
		expect(await page.locator('[data-testid=include-submitted]').count()).toBe(0);
		expect(await page.locator('[data-testid=values-scope]').innerText()).toContain('validées uniquement');
		await context.close();
	});
});

describe('dashboard screenshots', () => {
	it('renders the dashboards in French and Arabic, wide and narrow, without sideways overflow', async () => {
		const { context, page } = await newPage(browser);
		await login(page, COMMISSION.email, COMMISSION.password);
		await page.goto('/indicators');
		const indicator = await page.locator('[data-testid=indicator-choice]').first().getAttribute('href');
		const pages = {
			overview: '/',
			'overview-asof': '/?asOf=2025-03-01&layer=rollout',
			'overview-indicator': '/?layer=indicator&ind=A2.1.1-I2',
			'axis-scorecard': '/axes/A2',
			'institution-scorecard': '/institutions/MJ',
			'region-scorecard': '/regions/MA-06',
			'recommendation-scorecard': '/recommendations/R2',
			indicators: `/indicators${indicator}`
		};
		for (const lang of ['fr', 'ar'] as const) {
			await page.goto('/');
			await setLanguage(page, lang);
			for (const width of [1440, 390]) {
				await page.setViewportSize({ width, height: 900 });
				for (const [name, path] of Object.entries(pages)) {
					await page.goto(path);
					await chartsReady(page);
					const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
					expect(overflow, `${name} ${lang} ${width}`).toBeLessThanOrEqual(1);
					await screenshot(page, `dashboard-${name}-${lang}-${width}`);
				}
			}
		}
		await page.goto('/');
		await setLanguage(page, 'fr');
		await context.close();
	});
});
