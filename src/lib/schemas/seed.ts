// One file though over 400 lines: tests/unit/schemas.test.ts treats the seed module's schemas (files we write, not user input) apart.
/**
 * Shapes of the files under `seed/`: the public record (regions, institutions, plans, recommendations,
 * public figures, partner projects), the demonstration accounts and the demonstration catalogue. `loadSeedFiles` validates every
 * file against these before anything is written.
 *
 * Relative imports only: the seed CLI runs under tsx, outside Vite's `$lib` alias.
 */
import { z } from 'zod';
import { isIsoDate, isPeriodCode } from '../domain/period';
import { REGION_CODE_RE } from '../domain/region';
import { PROJECT_STATUSES } from '../domain/money';
import {
	AGE_GROUPS,
	DIMENSIONS,
	DIRECTIONS,
	EXPLOITATION_FORMS,
	FREQUENCIES,
	INDICATOR_KINDS,
	INSTITUTION_KINDS,
	LOCALES,
	PILLARS,
	PLAN_KINDS,
	ROLES,
	ROLLOUT_STAGES,
	SEXES,
	TEXT_STATUSES
} from '../domain/enums';

export const isoDateSchema = z.string().refine(isIsoDate, 'Expected a real date YYYY-MM-DD');

/** `2025`, `2025-S1`, `2025-Q3` or `TIP2025`, as in `indicator_values.period`. */
export const periodCodeSchema = z.string().refine(isPeriodCode, 'Expected a period code such as 2025, 2025-S1, 2025-Q3 or TIP2025');

export const sdgTargetSchema = z.string().regex(/^\d{1,2}\.[0-9a-z]+(\.[0-9a-z]+)?$/, 'Expected an SDG target such as 16.2.2');

/** One public source: where a fact was read. */
export const seedSourceSchema = z.strictObject({
	title: z.string().min(1),
	// a document with no public web address (the project's own presentation) is cited by its title
	url: z.url().optional(),
	date: z.string().min(1).optional(),
	officialUrl: z.url().optional(),
	note: z.string().min(1).optional()
});
export type SeedSource = z.infer<typeof seedSourceSchema>;

const sourcesSchema = z.array(seedSourceSchema);
const requiredSourcesSchema = sourcesSchema.min(1, 'At least one source is required');

const optionalText = z.string().min(1).nullable().optional();

/** Text in the three languages; French is required, the UI falls back to it. */
export const localizedSchema = z.strictObject({ fr: z.string().min(1), ar: optionalText, en: optionalText });
export type Localized = z.infer<typeof localizedSchema>;

const fileNote = z.string().min(1, 'Each seed file says where it was copied from');

// ─── regions.json ───────────────────────────────────────────────────────────────────────────────

export const seedRegionSchema = z.strictObject({
	iso: z.string().regex(REGION_CODE_RE, 'Expected an ISO 3166-2:MA region code MA-01…MA-12'),
	name: localizedSchema,
	capital: z.strictObject({ fr: z.string().min(1), ar: optionalText }),
	population: z.number().int().nonnegative(),
	households: z.number().int().nonnegative().nullable(),
	foreigners: z.number().int().nonnegative().nullable(),
	sortOrder: z.number().int(),
	note: optionalText,
	sources: requiredSourcesSchema
});
export const regionsFileSchema = z.strictObject({
	_source: fileNote,
	nationalTotal: z.strictObject({
		population: z.number().int().nonnegative(),
		households: z.number().int().nonnegative(),
		foreigners: z.number().int().nonnegative(),
		censusDate: isoDateSchema,
		sources: requiredSourcesSchema
	}),
	regions: z.array(seedRegionSchema).length(12, 'Morocco has 12 regions')
});
export type SeedRegion = z.infer<typeof seedRegionSchema>;
export type RegionsFile = z.infer<typeof regionsFileSchema>;

// ─── institutions.json ──────────────────────────────────────────────────────────────────────────

export const institutionCodeSchema = z.string().regex(/^[A-Z][A-Z0-9-]*$/, 'Expected an upper-case code such as DGSN or OSC-1');

export const seedInstitutionSchema = z.strictObject({
	code: institutionCodeSchema,
	/** per language; Arabic null where it writes the (short) name rather than an acronym */
	acronym: z.strictObject({ fr: z.string().min(1), ar: z.string().min(1).nullable(), en: z.string().min(1) }).nullable(),
	name: localizedSchema,
	/** the name as commonly written, in each language (labels, charts): never cut from the long name */
	shortName: z.strictObject({ fr: z.string().min(1), ar: z.string().min(1), en: z.string().min(1) }),
	kind: z.enum(INSTITUTION_KINDS),
	isMember: z.boolean(),
	sortOrder: z.number().int(),
	note: optionalText,
	sources: requiredSourcesSchema
});
export const institutionsFileSchema = z.strictObject({
	_source: fileNote,
	commission: z.strictObject({ code: z.string().min(1), name: localizedSchema, sources: requiredSourcesSchema }),
	institutions: z.array(seedInstitutionSchema).min(1)
});
export type SeedInstitution = z.infer<typeof seedInstitutionSchema>;
export type InstitutionsFile = z.infer<typeof institutionsFileSchema>;

// ─── plans.json ─────────────────────────────────────────────────────────────────────────────────

export const seedPlanSchema = z.strictObject({
	code: z.string().min(1),
	kind: z.enum(PLAN_KINDS),
	title: localizedSchema,
	description: localizedSchema.nullable(),
	startDate: isoDateSchema,
	endDate: isoDateSchema,
	adoptedOn: isoDateSchema.nullable(),
	parent: z.string().min(1).nullable(),
	sortOrder: z.number().int(),
	note: optionalText,
	sources: requiredSourcesSchema
});
export const seedAxisSchema = z.strictObject({
	plan: z.string().min(1),
	code: z.string().min(1),
	proposalCode: z.string().min(1).optional(),
	title: localizedSchema,
	pillar: z.enum(PILLARS),
	sortOrder: z.number().int(),
	reconstructed: z.boolean(),
	basis: z.string().min(1).optional(),
	sources: requiredSourcesSchema
});
const datedFactSchema = z.strictObject({ date: z.string().min(1), text: z.string().min(1), sources: requiredSourcesSchema });
export const seedMnrSchema = z.strictObject({
	code: z.string().min(1),
	title: localizedSchema,
	titleVariantFr: z.string().min(1).optional(),
	adoptedOn: isoDateSchema,
	history: z.array(datedFactSchema),
	tools: z.array(
		z.strictObject({
			code: z.string().min(1),
			title: z.strictObject({ fr: z.string().min(1).optional(), ar: z.string().min(1).optional(), en: z.string().min(1).optional() }),
			text: z.string().min(1),
			sources: requiredSourcesSchema
		})
	),
	rollout: z.strictObject({
		regionsAndDatesPublic: z.boolean(),
		note: z.string().min(1),
		facts: z.array(z.strictObject({ text: z.string().min(1), sources: requiredSourcesSchema }))
	}),
	sources: requiredSourcesSchema
});
export const plansFileSchema = z.strictObject({
	_source: fileNote,
	plans: z.array(seedPlanSchema).min(1),
	axes: z.array(seedAxisSchema),
	mnr: seedMnrSchema
});
export type SeedPlan = z.infer<typeof seedPlanSchema>;
export type SeedAxis = z.infer<typeof seedAxisSchema>;
export type SeedMnr = z.infer<typeof seedMnrSchema>;
export type PlansFile = z.infer<typeof plansFileSchema>;

// ─── recommendations.json ───────────────────────────────────────────────────────────────────────

export const seedRecommendationSchema = z.strictObject({
	code: z.string().regex(/^R\d{1,2}$/, 'Expected a code such as R1'),
	rank: z.number().int().positive(),
	pillar: z.enum(PILLARS),
	title: localizedSchema,
	summary: localizedSchema,
	officialText: z.string().min(1).nullable(),
	officialTextStatus: z.enum(TEXT_STATUSES),
	officialUrl: z.url().nullable(),
	sdgTargets: z.array(sdgTargetSchema),
	isDemo: z.boolean(),
	note: optionalText,
	sources: sourcesSchema
});
export const recommendationsFileSchema = z.strictObject({
	_source: fileNote,
	plan: z.string().min(1),
	sourceReport: z.string().min(1),
	sourceYear: z.number().int().min(2000).max(2100),
	priorityPeriod: z.string().min(1),
	officialUrl: z.url(),
	recommendations: z.array(seedRecommendationSchema).min(1)
});
export type SeedRecommendation = z.infer<typeof seedRecommendationSchema>;
export type RecommendationsFile = z.infer<typeof recommendationsFileSchema>;

// ─── public-values.json ─────────────────────────────────────────────────────────────────────────

export const seedPublicIndicatorSchema = z.strictObject({
	code: z.string().min(1),
	name: localizedSchema,
	unit: z.string().min(1).nullable(),
	kind: z.enum(INDICATOR_KINDS),
	direction: z.enum(DIRECTIONS),
	frequency: z.enum(FREQUENCIES),
	dimensions: z.array(z.enum(DIMENSIONS)),
	sensitive: z.boolean(),
	sdgTarget: sdgTargetSchema.nullable(),
	baseline: z.strictObject({ value: z.number(), year: z.number().int() }).nullable()
});
export const seedPublicValueSchema = z.strictObject({
	indicator: z.string().min(1),
	period: periodCodeSchema,
	/** null: a documented figure kept out of the database (sources disagree, unit differs); `note` says why */
	value: z.number().nonnegative().nullable(),
	sex: z.enum(SEXES).optional(),
	ageGroup: z.enum(AGE_GROUPS).optional(),
	exploitation: z.enum(EXPLOITATION_FORMS).optional(),
	nationality: z.string().min(1).optional(),
	note: z.string().min(1).optional(),
	sources: requiredSourcesSchema
});
export const publicValuesFileSchema = z.strictObject({
	_source: fileNote,
	indicators: z.array(seedPublicIndicatorSchema).min(1),
	values: z.array(seedPublicValueSchema)
});
export type SeedPublicIndicator = z.infer<typeof seedPublicIndicatorSchema>;
export type SeedPublicValue = z.infer<typeof seedPublicValueSchema>;
export type PublicValuesFile = z.infer<typeof publicValuesFileSchema>;

// ─── partner-projects.json ──────────────────────────────────────────────────────────────────────

export const seedPartnerProjectSchema = z.strictObject({
	code: z.string().min(1),
	partner: institutionCodeSchema,
	donor: institutionCodeSchema.nullable(),
	donorName: z.string().min(1).nullable(),
	title: localizedSchema,
	startDate: isoDateSchema.nullable(),
	endDate: isoDateSchema.nullable(),
	budget: z.number().nonnegative().nullable(),
	currency: z
		.string()
		.regex(/^[A-Z]{3}$/, 'Expected an ISO 4217 currency code such as USD')
		.nullable(),
	// Said where the record knows it without a day (a project dated by years only); otherwise derived from the end date.
	status: z.enum(PROJECT_STATUSES).optional(),
	note: optionalText,
	sources: requiredSourcesSchema
});
export const partnerProjectsFileSchema = z.strictObject({
	_source: fileNote,
	projects: z.array(seedPartnerProjectSchema)
});
export type SeedPartnerProject = z.infer<typeof seedPartnerProjectSchema>;
export type PartnerProjectsFile = z.infer<typeof partnerProjectsFileSchema>;

// ─── demo-accounts.json ─────────────────────────────────────────────────────────────────────────

export const demoEmailSchema = z.string().regex(/^[a-z0-9._-]+@[a-z0-9.-]+\.[a-z]+$/, 'Expected a lower-case e-mail address');

export const seedDemoAccountSchema = z
	.strictObject({
		email: demoEmailSchema,
		password: z.string().min(12, 'Demo passwords have at least 12 characters'),
		name: z.string().min(1),
		role: z.enum(ROLES),
		institution: institutionCodeSchema.nullable(),
		locale: z.enum(LOCALES)
	})
	.refine((a) => !(a.role === 'focal_point' || a.role === 'partner') || a.institution !== null, {
		message: 'A focal point or a partner speaks for an institution',
		path: ['institution']
	});
export const demoAccountsFileSchema = z.strictObject({
	_source: fileNote,
	accounts: z.array(seedDemoAccountSchema).min(1),
	generatedFocalPoints: z.strictObject({
		emailPattern: z.string().includes('<code>'),
		password: z.string().min(12),
		names: z.array(z.string().min(1)).min(1)
	})
});
export type SeedDemoAccount = z.infer<typeof seedDemoAccountSchema>;
export type DemoAccountsFile = z.infer<typeof demoAccountsFileSchema>;

// ─── demo-catalogue.json ────────────────────────────────────────────────────────────────────────

/** Demonstration text: the generator writes every text in the three languages. */
const demoTextSchema = z.strictObject({ fr: z.string().min(1), ar: z.string().min(1), en: z.string().min(1) });
/** [at the start, at the end] of a measure, or a [min, max] range. */
const demoRangeSchema = z.tuple([z.number(), z.number()]);
const demoRegionSchema = z.string().regex(REGION_CODE_RE, 'Expected an ISO 3166-2:MA region code MA-01…MA-12');

export const demoIndicatorSchema = z.strictObject({
	note: z.string().min(1).optional(),
	name: demoTextSchema,
	unit: z.string().min(1).nullable(),
	kind: z.enum(INDICATOR_KINDS),
	frequency: z.enum(['semester', 'annual']),
	dimensions: z.array(z.enum(DIMENSIONS)),
	sensitive: z.boolean().optional(),
	sdgTarget: sdgTargetSchema.optional(),
	/** up when absent */
	direction: z.enum(DIRECTIONS).optional(),
	/** the national value per period at the start and at the end of the measure: drawn in [min, max] */
	base: demoRangeSchema,
	target: demoRangeSchema,
	/** a percent equal to the measure's own progress (drafting of a text, budget execution) */
	tracksProgress: z.boolean().optional()
});
/** A family of measures: their description, the two activities their reports alternate, what "done" means, two indicators. */
export const demoFamilySchema = z.strictObject({
	description: demoTextSchema,
	activities: z.tuple([demoTextSchema, demoTextSchema]),
	done: demoTextSchema,
	indicators: z.tuple([demoIndicatorSchema, demoIndicatorSchema])
});
export const demoMeasureSchema = z.strictObject({
	note: z.string().min(1).optional(),
	title: demoTextSchema,
	lead: institutionCodeSchema,
	contributors: z.array(institutionCodeSchema),
	/** a key of `families` */
	family: z.string().min(1),
	/** the phrase replacing {t} in the family's texts (training: who is trained) */
	target: demoTextSchema.optional(),
	recommendations: z.array(z.string().min(1)).optional(),
	/** the regions concerned: a key of `regionGroups` or a list of ISO codes; none = national */
	regions: z.union([z.array(demoRegionSchema), z.string().min(1)]).optional(),
	status: z.enum(['planned', 'suspended', 'cancelled']).optional(),
	/** progress revised downwards once, with a narrative saying why */
	drop: z.literal(true).optional(),
	special: z.enum(['mnr', 'public']).optional(),
	start: isoDateSchema.optional(),
	deadline: isoDateSchema.optional(),
	/** a measure that names a real thing stays plausible against the public record: its progress stays in this range */
	cap: demoRangeSchema.optional()
});
const demoNarrativeSchema = demoTextSchema;
export const demoCatalogueFileSchema = z
	.strictObject({
		_source: fileNote,
		families: z.record(z.string().min(1), demoFamilySchema),
		regionGroups: z.record(z.string().min(1), z.array(demoRegionSchema).min(1)),
		/** objectives and measures per axis code of plans.json */
		axes: z.array(
			z.strictObject({ code: z.string().min(1), objectives: z.array(z.strictObject({ title: demoTextSchema, measures: z.array(demoMeasureSchema).min(1) })) })
		),
		partnerProjects: z.array(
			z.strictObject({
				code: z.string().min(1),
				partner: institutionCodeSchema,
				donor: institutionCodeSchema,
				title: demoTextSchema,
				startDate: isoDateSchema,
				endDate: isoDateSchema,
				budget: z.number().nonnegative(),
				currency: z.string().regex(/^[A-Z]{3}$/, 'Expected an ISO 4217 currency code such as USD'),
				status: z.enum(PROJECT_STATUSES),
				regions: z.array(demoRegionSchema),
				measures: z.array(z.string().min(1))
			})
		),
		/** demonstration links of public projects (partner-projects.json) to demonstration measures */
		publicProjectLinks: z.record(z.string().min(1), z.array(z.string().min(1))),
		/** millionths of a dirham per unit of each currency, per year */
		exchangeRates: z.array(z.strictObject({ year: z.number().int(), madPerUnitMicro: z.record(z.string().regex(/^[A-Z]{3}$/), z.number().int().positive()) })),
		mnr: z.strictObject({
			/** per region, the stages reached and since when */
			stages: z.record(demoRegionSchema, z.array(z.strictObject({ stage: z.enum(ROLLOUT_STAGES), since: isoDateSchema }))),
			/** a stage change reported but not yet validated on the demonstration's today */
			pending: z.strictObject({ region: demoRegionSchema, stage: z.enum(ROLLOUT_STAGES), since: isoDateSchema, note: z.string().min(1) }),
			notStartedNote: z.string().min(1)
		}),
		narratives: z.strictObject({
			progress: demoNarrativeSchema,
			completed: demoNarrativeSchema,
			mnr: demoNarrativeSchema,
			planned: demoNarrativeSchema,
			suspended: demoNarrativeSchema,
			cancelled: demoNarrativeSchema,
			drop: demoNarrativeSchema,
			late: demoNarrativeSchema
		}),
		returnComments: z.array(z.string().min(1)).min(1),
		valueReturnComment: z.string().min(1),
		/** the summary of the demonstration's published reports */
		reportSummary: demoTextSchema
	})
	.superRefine((c, ctx) => {
		c.axes.forEach((a, ai) =>
			a.objectives.forEach((o, oi) =>
				o.measures.forEach((m, mi) => {
					const path = ['axes', ai, 'objectives', oi, 'measures', mi];
					if (!Object.hasOwn(c.families, m.family)) ctx.addIssue({ code: 'custom', path: [...path, 'family'], message: `unknown family "${m.family}"` });
					if (typeof m.regions === 'string' && !Object.hasOwn(c.regionGroups, m.regions))
						ctx.addIssue({ code: 'custom', path: [...path, 'regions'], message: `unknown region group "${m.regions}"` });
				})
			)
		);
	});
export type DemoCatalogueFile = z.infer<typeof demoCatalogueFileSchema>;
export type DemoFamily = z.infer<typeof demoFamilySchema>;
export type DemoIndicator = z.infer<typeof demoIndicatorSchema>;
export type DemoMeasure = z.infer<typeof demoMeasureSchema>;
export type DemoText = z.infer<typeof demoTextSchema>;

/** Every seed file, validated. */
export interface SeedFiles {
	regions: RegionsFile;
	institutions: InstitutionsFile;
	plans: PlansFile;
	recommendations: RecommendationsFile;
	publicValues: PublicValuesFile;
	partnerProjects: PartnerProjectsFile;
	demoAccounts: DemoAccountsFile;
	demoCatalogue: DemoCatalogueFile;
}
