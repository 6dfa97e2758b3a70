/**
 * Deterministic demonstration data for the PN 2023-2030: objectives, measures, indicators and their
 * values, progress-update histories, the MNR regional roll-out, reporting periods, partner-project
 * links, recommendation links and the demo accounts.
 *
 * Rules:
 * - Every generated row is `isDemo: true`. The public figures of `public-values.json` are attached to the
 *   statistics measure but stay `isDemo: false` with their sources.
 * - No platform randomness and no clock: a fixed seed (`DEMO_SEED`, mulberry32, one stream per measure so editing
 *   one template does not reshuffle the others) and a fixed "today" (`DEMO_TODAY`) for every timestamp
 *   and for which periods are already reported. Two databases seeded from the same files are identical.
 * - Coherence: a measure's status / progress / last_validated_at are those of its last validated update;
 *   completed ⇒ 100; national values are the sum (counts, money) or the mean (percents) of the regional ones.
 *
 * Runs inside the caller's transaction (synchronous). Relative imports only (tsx CLI).
 */
import type { Db } from '../db/client';
import { majorToMinor } from '../../domain/money';
import * as s from '../db/schema';
import type { Dimension, IndicatorKind, MeasureStatus, Pillar, RolloutStage, WorkflowState } from '../../domain/enums';
import { formatPeriod, parsePeriod, periodsBetween } from '../../domain/period';
import type { SeedFiles } from '../../schemas/seed';
import { codeIds, regionIds, sourcesJson } from './public';
import { catalogueUnit, countOf } from '../../domain/units';
import { fnv1a, stream as seededStream } from '../../domain/random';

/** Fixed seed of the demonstration generator. */
export const DEMO_SEED = 20260720;
/** The demonstration's "today": periods up to 2026-S1 are reported, 2026-S1 is still being validated. */
export const DEMO_TODAY = '2026-07-20';
/** The plan the demonstration structure is generated under. */
export const DEMO_PLAN = 'PN-2023-2030';
/** Semesters with demonstration values and updates. */
export const DEMO_SEMESTERS = periodsBetween('semester', 2023, 2026).filter((p) => p <= '2026-S1');
/** Years with demonstration values for annual indicators. */
export const DEMO_YEARS = ['2023', '2024', '2025'];
/** Reporting periods the commission has opened (2023-S1 … 2026-S2). */
export const REPORTING_PERIOD_CODES = periodsBetween('semester', 2023, 2026);

// ─── deterministic randomness and dates ─────────────────────────────────────────────────────────


class Rng {
	private readonly next: () => number;
	constructor(key: string) {
		this.next = seededStream(DEMO_SEED, key);
	}
	float(): number {
		return this.next();
	}
	range(min: number, max: number): number {
		return min + (max - min) * this.next();
	}
	int(min: number, max: number): number {
		return Math.floor(this.range(min, max + 1));
	}
	chance(p: number): boolean {
		return this.next() < p;
	}
	pick<T>(items: readonly T[]): T {
		return items[Math.floor(this.next() * items.length)]!;
	}
}

const DAY_MS = 86_400_000;
const dayMs = (date: string) => Date.parse(`${date}T00:00:00Z`);
const fromMs = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const addDays = (date: string, days: number) => fromMs(dayMs(date) + days * DAY_MS);
const minDate = (a: string, b: string) => (a < b ? a : b);
const at = (date: string, hour: number, minute = 0) =>
	`${date}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00.000Z`;
/** Timestamps never reach the demonstration's today. */
const LAST_DAY = addDays(DEMO_TODAY, -1);

function bounds(code: string): { start: string; end: string } {
	const p = parsePeriod(code);
	if (!p) throw new Error(`Seed: invalid period code ${code}`);
	return { start: p.start, end: p.end };
}

// ─── the hand-written catalogue ─────────────────────────────────────────────────────────────────

/** fr (required), ar, en: a null shows the French fallback in the UI. */
type T3 = readonly [string, string | null, string | null];

interface IndicatorTpl {
	name: T3;
	unit: string | null;
	kind: IndicatorKind;
	freq: 'semester' | 'annual';
	dims: readonly Dimension[];
	sensitive?: boolean;
	sdg?: string;
	down?: boolean;
	/** national value per period at the start and at the end of the measure */
	base: readonly [number, number];
	target: readonly [number, number];
	/** percent equal to the measure's own progress (drafting of a text, budget execution) */
	tracksProgress?: boolean;
}

interface Family {
	description: T3;
	activities: readonly [T3, T3];
	done: T3;
	indicators: readonly [IndicatorTpl, IndicatorTpl];
}

const R = ['region'] as const;
const RS = ['region', 'sex'] as const;
const RSA = ['region', 'sex', 'age_group'] as const;

const FAMILIES = {
	training: {
		description: ['Sessions de formation et modules pratiques destinés aux {t}.', 'دورات تكوينية ووحدات تطبيقية لفائدة {t}.', 'Training sessions and practical modules for {t}.'],
		activities: [
			['sessions de formation organisées pour les {t} dans plusieurs régions', 'تنظيم دورات تكوينية لفائدة {t} في عدة جهات', 'training sessions held for {t} in several regions'],
			['module de formation actualisé et formateurs relais désignés', 'تحيين الوحدة التكوينية وتعيين مكونين مرجعيين', 'training module updated and relay trainers appointed']
		],
		done: ["l'ensemble des {t} ciblés a été formé", 'تم تكوين جميع {t} المستهدفين', 'all targeted {t} have been trained'],
		indicators: [
			{ name: ['{T} formés', 'عدد {t} الذين استفادوا من التكوين', 'Number of {t} trained'], unit: 'personnes', kind: 'count', freq: 'semester', dims: RS, base: [20, 60], target: [90, 160] },
			{ name: ['Part des {t} ciblés ayant suivi la formation', 'نسبة {t} المستهدفين الذين تابعوا التكوين', 'Share of targeted {t} trained'], unit: '%', kind: 'percent', freq: 'annual', dims: R, base: [10, 25], target: [75, 95] }
		]
	},
	awareness: {
		description: ['Campagnes et actions de proximité pour informer sur les risques de traite et les recours.', 'حملات وأنشطة للقرب من أجل الإخبار بمخاطر الاتجار بالبشر وسبل الانتصاف.', 'Campaigns and outreach on trafficking risks and where to get help.'],
		activities: [
			['actions de sensibilisation menées avec les associations locales', 'تنظيم أنشطة للتحسيس بشراكة مع الجمعيات المحلية', 'awareness activities run with local associations'],
			['supports de communication diffusés en arabe, en amazighe et en français', 'نشر دعامات تواصلية باللغات العربية والأمازيغية والفرنسية', 'communication materials released in Arabic, Amazigh and French']
		],
		done: ['les campagnes prévues ont été réalisées et évaluées', 'تم إنجاز الحملات المبرمجة وتقييمها', 'the planned campaigns were carried out and evaluated'],
		indicators: [
			{ name: ['Personnes touchées par les actions de sensibilisation', 'الأشخاص المستفيدون من أنشطة التحسيس', 'People reached by awareness activities'], unit: 'personnes', kind: 'count', freq: 'semester', dims: R, base: [2000, 6000], target: [9000, 15000] },
			{ name: ['Actions de sensibilisation réalisées', 'أنشطة التحسيس المنجزة', 'Awareness activities carried out'], unit: 'actions', kind: 'count', freq: 'semester', dims: R, base: [12, 30], target: [50, 80] }
		]
	},
	hotline: {
		description: ['Faire connaître le numéro vert 0800004747 et accélérer le traitement des signalements.', 'التعريف بالرقم الأخضر 0800004747 وتسريع معالجة التبليغات.', 'Make the 0800004747 hotline known and speed up the handling of reports.'],
		activities: [
			["écoutants formés et campagne d'affichage du numéro vert", 'تكوين المكلفين بتلقي المكالمات وحملة لإشهار الرقم الأخضر', 'call handlers trained and hotline poster campaign'],
			['protocole de transmission des signalements au parquet révisé', 'مراجعة مسطرة إحالة التبليغات على النيابة العامة', 'procedure for passing reports to prosecutors revised']
		],
		done: ['le numéro vert est connu et les signalements sont transmis dans les délais', 'أصبح الرقم الأخضر معروفا وتتم إحالة التبليغات داخل الآجال', 'the hotline is known and reports are passed on in time'],
		indicators: [
			// Public record: 1,749 communications in three weeks after the 2023 earthquake (facts.md); a semester's demo count stays of that order.
			{ name: ['Appels reçus par le numéro vert 0800004747', 'المكالمات الواردة على الرقم الأخضر 0800004747', 'Calls received by the 0800004747 hotline'], unit: 'appels', kind: 'count', freq: 'semester', dims: R, base: [2500, 4000], target: [5000, 8000] },
			{ name: ['Part des signalements transmis au parquet sous 48 heures', 'نسبة التبليغات المحالة على النيابة العامة داخل أجل 48 ساعة', 'Share of reports passed to prosecutors within 48 hours'], unit: '%', kind: 'percent', freq: 'semester', dims: [], base: [40, 60], target: [85, 95] }
		]
	},
	identification: {
		description: ["Appliquer le guide d'identification et orienter chaque victime présumée.", 'تطبيق دليل التعرف على الضحايا وتوجيه كل ضحية مفترضة.', 'Apply the identification guide and refer every presumed victim.'],
		activities: [
			["guide d'identification appliqué par les services de première ligne", 'تطبيق دليل التعرف على الضحايا من طرف مصالح الخط الأمامي', 'identification guide applied by front-line services'],
			['réunions de suivi des cas avec les parquets', 'عقد اجتماعات لتتبع الحالات مع النيابات العامة', 'case follow-up meetings held with prosecutors']
		],
		done: ["les procédures d'identification sont appliquées dans toutes les régions", 'أصبحت مساطر التعرف مطبقة في جميع الجهات', 'identification procedures are applied in every region'],
		indicators: [
			{ name: ['Victimes présumées identifiées', 'الضحايا المفترضون المتعرف عليهم', 'Presumed victims identified'], unit: 'victimes', kind: 'count', freq: 'semester', dims: RSA, sensitive: true, sdg: '16.2.2', base: [40, 70], target: [100, 140] },
			{ name: ['Part des victimes identifiées orientées vers des services', 'نسبة الضحايا المتعرف عليهم الذين تم توجيههم نحو الخدمات', 'Share of identified victims referred to services'], unit: '%', kind: 'percent', freq: 'semester', dims: R, base: [35, 55], target: [85, 95] }
		]
	},
	screening: {
		description: ['Dépister la traite parmi les personnes migrantes avant toute mesure administrative.', 'الكشف عن حالات الاتجار بالبشر في صفوف المهاجرين قبل أي إجراء إداري.', 'Screen migrants for trafficking before any administrative measure.'],
		activities: [
			["entretiens de dépistage menés aux points de passage et dans les centres d'accueil", 'إجراء مقابلات الكشف في نقط العبور ومراكز الاستقبال', 'screening interviews held at crossing points and reception centres'],
			['grille de dépistage traduite et testée avec les associations', 'ترجمة شبكة الكشف وتجريبها مع الجمعيات', 'screening grid translated and tested with NGOs']
		],
		done: ['le dépistage est systématique dans les régions concernées', 'أصبح الكشف منهجيا في الجهات المعنية', 'screening is systematic in the regions concerned'],
		indicators: [
			{ name: ["Personnes migrantes ayant fait l'objet d'un dépistage", 'الأشخاص المهاجرون الذين خضعوا للكشف', 'Migrants screened'], unit: 'personnes', kind: 'count', freq: 'semester', dims: RS, base: [300, 800], target: [1500, 2500] },
			{ name: ['Victimes détectées lors du dépistage', 'الضحايا الذين تم رصدهم خلال عمليات الكشف', 'Victims detected through screening'], unit: 'victimes', kind: 'count', freq: 'semester', dims: ['region', 'sex', 'nationality'], sensitive: true, sdg: '16.2.2', base: [6, 15], target: [25, 40] }
		]
	},
	shelter: {
		description: ["Ouvrir et faire fonctionner des places d'hébergement adaptées aux victimes.", 'فتح وتشغيل أماكن للإيواء ملائمة للضحايا.', 'Open and run shelter places suited to victims.'],
		activities: [
			["travaux d'aménagement et recrutement de l'équipe d'encadrement", 'أشغال التهيئة وتوظيف فريق التأطير', 'refurbishment works and recruitment of the care team'],
			['convention de gestion signée avec une association spécialisée', 'توقيع اتفاقية تدبير مع جمعية متخصصة', 'management agreement signed with a specialised NGO']
		],
		done: ["les places d'hébergement prévues sont ouvertes", 'تم فتح أماكن الإيواء المبرمجة', 'the planned shelter places are open'],
		indicators: [
			{ name: ["Places d'hébergement spécialisées disponibles", 'أماكن الإيواء المتخصصة المتاحة', 'Specialised shelter places available'], unit: 'places', kind: 'count', freq: 'semester', dims: R, base: [6, 14], target: [40, 60] },
			{ name: ["Taux d'occupation des places d'hébergement", 'نسبة شغل أماكن الإيواء', 'Shelter occupancy rate'], unit: '%', kind: 'percent', freq: 'semester', dims: R, base: [25, 45], target: [65, 80] }
		]
	},
	care: {
		description: ['Soins, soutien psychologique et accompagnement social des victimes.', 'العلاج والدعم النفسي والمواكبة الاجتماعية للضحايا.', 'Health care, psychological support and social follow-up for victims.'],
		activities: [
			['circuit de prise en charge formalisé avec les hôpitaux et les associations', 'إرساء مسار التكفل مع المستشفيات والجمعيات', 'care pathway set up with hospitals and NGOs'],
			["psychologues formés à l'accompagnement des victimes", 'تكوين أخصائيين نفسيين في مواكبة الضحايا', 'psychologists trained in victim support']
		],
		done: ['le circuit de prise en charge fonctionne dans toutes les régions', 'أصبح مسار التكفل يشتغل في جميع الجهات', 'the care pathway works in every region'],
		indicators: [
			{ name: ['Victimes prises en charge (soins, soutien psychologique)', 'الضحايا المتكفل بهم (العلاج والدعم النفسي)', 'Victims receiving care (health, psychological support)'], unit: 'victimes', kind: 'count', freq: 'semester', dims: RS, sensitive: true, base: [20, 45], target: [80, 120] },
			{ name: ['Délai moyen entre identification et prise en charge', 'متوسط المدة بين التعرف على الضحية والتكفل بها', 'Average time from identification to care'], unit: 'jours', kind: 'amount', freq: 'semester', dims: [], down: true, base: [15, 30], target: [3, 7] }
		]
	},
	legalaid: {
		description: ['Assistance juridique gratuite et accompagnement des victimes pendant la procédure.', 'المساعدة القانونية المجانية ومواكبة الضحايا خلال المسطرة.', 'Free legal aid and support for victims during proceedings.'],
		activities: [
			["convention conclue avec les barreaux pour l'assistance juridique", 'إبرام اتفاقية مع هيئات المحامين من أجل المساعدة القانونية', 'agreement signed with bar associations for legal aid'],
			["cellules d'accueil des tribunaux renforcées", 'تعزيز خلايا الاستقبال بالمحاكم', 'court reception units strengthened']
		],
		done: ['chaque victime qui le demande est assistée par un avocat', 'أصبح كل ضحية يطلب ذلك يستفيد من مؤازرة محام', 'every victim who asks is assisted by a lawyer'],
		indicators: [
			{ name: ["Victimes bénéficiant d'une assistance juridique", 'الضحايا المستفيدون من المساعدة القانونية', 'Victims receiving legal aid'], unit: 'victimes', kind: 'count', freq: 'semester', dims: R, sensitive: true, base: [20, 50], target: [90, 140] },
			{ name: ['Part des victimes assistées par un avocat pendant la procédure', 'نسبة الضحايا المؤازرين بمحام خلال المسطرة', 'Share of victims assisted by a lawyer in proceedings'], unit: '%', kind: 'percent', freq: 'annual', dims: [], base: [30, 50], target: [80, 95] }
		]
	},
	children: {
		description: ['Une prise en charge adaptée à chaque enfant victime, avec un représentant légal.', 'تكفل ملائم بكل طفل ضحية، مع تعيين نائب قانوني.', 'Suitable care for every child victim, with a legal guardian.'],
		activities: [
			["protocole de prise en charge des enfants diffusé aux services sociaux", 'تعميم بروتوكول التكفل بالأطفال على المصالح الاجتماعية', 'child-care protocol circulated to social services'],
			["unités de protection de l'enfance mobilisées dans les provinces", 'تعبئة وحدات حماية الطفولة بالأقاليم', 'child protection units mobilised in the provinces']
		],
		done: ['le protocole est appliqué dans toutes les provinces', 'أصبح البروتوكول مطبقا في جميع الأقاليم', 'the protocol is applied in every province'],
		indicators: [
			{ name: ['Enfants victimes orientés vers une protection adaptée', 'الأطفال الضحايا الموجهون نحو حماية ملائمة', 'Child victims referred to suitable protection'], unit: 'enfants', kind: 'count', freq: 'semester', dims: RS, sensitive: true, sdg: '16.2.2', base: [10, 25], target: [40, 60] },
			{ name: ['Part des enfants victimes dotés d\'un représentant légal', 'نسبة الأطفال الضحايا الذين يتوفرون على نائب قانوني', 'Share of child victims with a legal guardian'], unit: '%', kind: 'percent', freq: 'annual', dims: [], base: [40, 60], target: [90, 100] }
		]
	},
	begging: {
		description: ["Retirer les enfants de la mendicité et poursuivre ceux qui les exploitent.", 'انتشال الأطفال من التسول ومتابعة من يستغلونهم.', 'Remove children from begging and prosecute those who exploit them.'],
		activities: [
			['opérations conjointes avec les autorités locales dans les grandes villes', 'عمليات مشتركة مع السلطات المحلية في المدن الكبرى', 'joint operations with local authorities in the main cities'],
			['places mobilisées dans les établissements de protection sociale', 'تعبئة أماكن بمؤسسات الرعاية الاجتماعية', 'places mobilised in social-care institutions']
		],
		done: ['le programme couvre toutes les villes prévues', 'أصبح البرنامج يغطي جميع المدن المبرمجة', 'the programme covers all the planned cities'],
		indicators: [
			{ name: ['Enfants retirés de la mendicité et pris en charge', 'الأطفال الذين تم انتشالهم من التسول والتكفل بهم', 'Children removed from begging and taken into care'], unit: 'enfants', kind: 'count', freq: 'semester', dims: RS, sensitive: true, sdg: '8.7.1', base: [30, 70], target: [100, 150] },
			{ name: ["Enquêtes ouvertes pour exploitation d'enfants dans la mendicité", 'الأبحاث المفتوحة بشأن استغلال الأطفال في التسول', 'Investigations into the use of children for begging'], unit: 'enquêtes', kind: 'count', freq: 'semester', dims: R, base: [5, 12], target: [20, 35] }
		]
	},
	childlabour: {
		description: ['Contrôler le travail domestique et en retirer les mineurs (loi n° 19-12).', 'مراقبة العمل المنزلي وانتشال القاصرين منه (القانون رقم 19.12).', 'Check domestic work and remove minors from it (Law 19-12).'],
		activities: [
			['contrôles conjoints avec les autorités locales', 'عمليات مراقبة مشتركة مع السلطات المحلية', 'joint checks with local authorities'],
			["campagne d'information des employeurs sur la loi n° 19-12", 'حملة لإخبار المشغلين بمقتضيات القانون رقم 19.12', 'information campaign for employers on Law 19-12']
		],
		done: ['les contrôles sont réguliers dans toutes les régions', 'أصبحت عمليات المراقبة منتظمة في جميع الجهات', 'checks are regular in every region'],
		indicators: [
			{ name: ['Contrôles du respect de la loi n° 19-12 sur le travail domestique', 'عمليات مراقبة احترام القانون رقم 19.12 المتعلق بالعمل المنزلي', 'Checks on compliance with Law 19-12 on domestic work'], unit: 'contrôles', kind: 'count', freq: 'semester', dims: R, base: [40, 100], target: [200, 300] },
			{ name: ['Mineurs retirés du travail domestique', 'القاصرون الذين تم انتشالهم من العمل المنزلي', 'Minors removed from domestic work'], unit: 'enfants', kind: 'count', freq: 'semester', dims: RS, sensitive: true, sdg: '8.7.1', base: [5, 15], target: [25, 40] }
		]
	},
	labour: {
		description: ['Cibler les inspections du travail sur les secteurs exposés au travail forcé.', 'توجيه تفتيش الشغل نحو القطاعات المعرضة للعمل القسري.', 'Target labour inspections at sectors exposed to forced labour.'],
		activities: [
			["campagne d'inspection dans l'agriculture et le textile", 'حملة تفتيش في قطاعي الفلاحة والنسيج', 'inspection campaign in agriculture and textiles'],
			['fiche de signalement au parquet adoptée par les inspecteurs', 'اعتماد مفتشي الشغل لبطاقة التبليغ للنيابة العامة', 'reporting form to prosecutors adopted by inspectors']
		],
		done: ['les secteurs à risque sont inspectés chaque année', 'أصبحت القطاعات المعرضة للخطر تخضع للتفتيش سنويا', 'high-risk sectors are inspected every year'],
		indicators: [
			{ name: ['Inspections du travail ciblant les secteurs à risque', 'زيارات تفتيش الشغل في القطاعات المعرضة للخطر', 'Labour inspections in high-risk sectors'], unit: 'inspections', kind: 'count', freq: 'semester', dims: R, base: [80, 180], target: [350, 500] },
			{ name: ['Cas présumés de travail forcé signalés au parquet', 'حالات العمل القسري المفترضة المبلغ عنها للنيابة العامة', 'Suspected forced-labour cases reported to prosecutors'], unit: 'cas', kind: 'count', freq: 'semester', dims: R, sensitive: true, base: [3, 8], target: [15, 25] }
		]
	},
	legal: {
		description: ['Préparer, faire adopter et diffuser un texte juridique.', 'إعداد نص قانوني واعتماده ونشره.', 'Prepare, adopt and circulate a legal text.'],
		activities: [
			['projet de texte soumis à la concertation des institutions membres', 'عرض مشروع النص على تشاور المؤسسات الأعضاء', 'draft text submitted to member institutions for consultation'],
			['avis du Secrétariat général du gouvernement sollicité', 'طلب رأي الأمانة العامة للحكومة', 'opinion of the General Secretariat of the Government requested']
		],
		done: ['le texte a été adopté et publié', 'تم اعتماد النص ونشره', 'the text has been adopted and published'],
		indicators: [
			{ name: ['Texte adopté', 'اعتماد النص', 'Text adopted'], unit: null, kind: 'boolean', freq: 'annual', dims: [], base: [0, 0], target: [1, 1] },
			{ name: ["Avancement du processus d'élaboration", 'مدى تقدم مسار الإعداد', 'Drafting process progress'], unit: '%', kind: 'percent', freq: 'semester', dims: [], base: [0, 0], target: [100, 100], tracksProgress: true }
		]
	},
	study: {
		description: ['Réaliser, valider et publier une étude ou un guide.', 'إنجاز دراسة أو دليل والمصادقة عليه ونشره.', 'Carry out, validate and publish a study or a guide.'],
		activities: [
			['collecte de données et entretiens avec les acteurs de terrain', 'جمع المعطيات وإجراء مقابلات مع الفاعلين الميدانيين', 'data collection and interviews with field actors'],
			['rapport provisoire examiné par le comité de pilotage', 'دراسة التقرير المؤقت من طرف لجنة القيادة', 'draft report reviewed by the steering committee']
		],
		done: ["l'étude a été validée et publiée", 'تمت المصادقة على الدراسة ونشرها', 'the study has been validated and published'],
		indicators: [
			{ name: ['Étude ou guide publié', 'نشر الدراسة أو الدليل', 'Study or guide published'], unit: null, kind: 'boolean', freq: 'annual', dims: [], base: [0, 0], target: [1, 1] },
			{ name: ['Consultations régionales tenues', 'المشاورات الجهوية المنعقدة', 'Regional consultations held'], unit: 'réunions', kind: 'count', freq: 'semester', dims: R, base: [3, 6], target: [12, 18] }
		]
	},
	platform: {
		description: ['Mettre en service la plateforme électronique E-MNR de suivi des cas.', 'تشغيل المنصة الإلكترونية E-MNR لتتبع الحالات.', 'Bring the E-MNR case-tracking platform into service.'],
		activities: [
			['comptes ouverts pour les institutions chargées des victimes', 'فتح حسابات للمؤسسات المكلفة بالضحايا', 'accounts opened for institutions in charge of victims'],
			['module de saisie des cas testé en région pilote', 'تجريب وحدة تسجيل الحالات في جهة نموذجية', 'case-entry module tested in a pilot region']
		],
		done: ['la plateforme est utilisée par toutes les institutions concernées', 'أصبحت المنصة مستعملة من طرف جميع المؤسسات المعنية', 'the platform is used by every institution concerned'],
		indicators: [
			{ name: ['Institutions raccordées à la plateforme', 'المؤسسات المرتبطة بالمنصة', 'Institutions connected to the platform'], unit: 'institutions', kind: 'count', freq: 'semester', dims: [], base: [0, 2], target: [12, 15] },
			{ name: ['Part des cas saisis dans E-MNR', 'نسبة الحالات المسجلة في منصة E-MNR', 'Share of cases recorded in E-MNR'], unit: '%', kind: 'percent', freq: 'semester', dims: R, base: [0, 8], target: [80, 95] }
		]
	},
	data: {
		description: ['Alimenter une base de données nationale commune sur la traite.', 'تغذية قاعدة معطيات وطنية مشتركة حول الاتجار بالبشر.', 'Feed a shared national database on trafficking.'],
		activities: [
			['protocole d’échange de données signé avec les institutions membres', 'توقيع بروتوكول لتبادل المعطيات مع المؤسسات الأعضاء', 'data-sharing protocol signed with member institutions'],
			['contrôles de qualité des données transmises', 'مراقبة جودة المعطيات المرسلة', 'quality checks on submitted data']
		],
		done: ['la base de données est alimentée par toutes les institutions', 'أصبحت قاعدة المعطيات تُغذى من طرف جميع المؤسسات', 'the database is fed by every institution'],
		indicators: [
			{ name: ['Institutions alimentant la base de données nationale', 'المؤسسات التي تغذي قاعدة المعطيات الوطنية', 'Institutions feeding the national database'], unit: 'institutions', kind: 'count', freq: 'semester', dims: [], base: [1, 3], target: [12, 15] },
			{ name: ['Taux de complétude des données transmises', 'نسبة اكتمال المعطيات المرسلة', 'Completeness of data submitted'], unit: '%', kind: 'percent', freq: 'semester', dims: R, base: [30, 50], target: [85, 95] }
		]
	},
	monitoring: {
		description: ['Suivre chaque semestre l’avancement des mesures du plan avec les points focaux.', 'تتبع مدى تقدم تدابير الخطة كل أسدس مع نقط الارتكاز.', 'Follow the progress of the plan’s measures every half-year with the focal points.'],
		activities: [
			['points focaux formés à la saisie des rapports semestriels', 'تكوين نقط الارتكاز على إدخال التقارير نصف السنوية', 'focal points trained to file half-yearly reports'],
			['tableau de bord présenté à la réunion plénière de la Commission', 'تقديم لوحة القيادة خلال الاجتماع العام للجنة', 'dashboard presented at the Commission’s plenary meeting']
		],
		done: ['le suivi semestriel est en place', 'أصبح التتبع نصف السنوي قائما', 'half-yearly monitoring is in place'],
		indicators: [
			{ name: ["Mesures ayant fait l'objet d'un suivi semestriel validé", 'التدابير التي خضعت لتتبع نصف سنوي مصادق عليه', 'Measures with a validated half-yearly update'], unit: '%', kind: 'percent', freq: 'semester', dims: [], base: [20, 40], target: [90, 100] },
			{ name: ["Points focaux formés à l'outil de suivi", 'نقط الارتكاز المكونة على أداة التتبع', 'Focal points trained on the monitoring tool'], unit: 'personnes', kind: 'count', freq: 'semester', dims: [], base: [0, 4], target: [40, 60] }
		]
	},
	coordination: {
		description: ['Réunir régulièrement les acteurs et suivre la mise en œuvre des décisions.', 'جمع المتدخلين بانتظام وتتبع تنفيذ القرارات.', 'Bring the actors together regularly and follow up on decisions.'],
		activities: [
			['réunions tenues avec les points focaux des institutions membres', 'عقد اجتماعات مع نقط الارتكاز بالمؤسسات الأعضاء', 'meetings held with the focal points of member institutions'],
			['feuille de route commune adoptée et diffusée', 'اعتماد خارطة طريق مشتركة ونشرها', 'joint road map adopted and circulated']
		],
		done: ['le dispositif de coordination fonctionne de façon régulière', 'أصبحت آلية التنسيق تشتغل بشكل منتظم', 'the coordination set-up works regularly'],
		indicators: [
			{ name: ['Réunions de coordination tenues', 'اجتماعات التنسيق المنعقدة', 'Coordination meetings held'], unit: 'réunions', kind: 'count', freq: 'semester', dims: R, base: [6, 12], target: [24, 36] },
			{ name: ['Part des décisions de coordination mises en œuvre', 'نسبة قرارات التنسيق المنفذة', 'Share of coordination decisions implemented'], unit: '%', kind: 'percent', freq: 'annual', dims: [], base: [40, 60], target: [80, 90] }
		]
	},
	investigation: {
		description: ['Spécialiser les enquêteurs et distinguer la traite du trafic de migrants.', 'تخصيص محققين وتمييز الاتجار بالبشر عن تهريب المهاجرين.', 'Specialise investigators and tell trafficking apart from migrant smuggling.'],
		activities: [
			['enquêteurs spécialisés désignés dans les services régionaux', 'تعيين محققين متخصصين بالمصالح الجهوية', 'specialised investigators appointed in regional services'],
			["procédure d'enquête harmonisée avec le parquet", 'توحيد مسطرة البحث مع النيابة العامة', 'investigation procedure harmonised with prosecutors']
		],
		done: ['des enquêteurs spécialisés sont en place dans toutes les régions', 'أصبح المحققون المتخصصون حاضرين في جميع الجهات', 'specialised investigators are in place in every region'],
		indicators: [
			{ name: ['Enquêtes ouvertes pour traite', 'الأبحاث المفتوحة في قضايا الاتجار بالبشر', 'Trafficking investigations opened'], unit: 'enquêtes', kind: 'count', freq: 'semester', dims: R, base: [25, 45], target: [60, 90] },
			{ name: ['Part des enquêtes distinguant traite et trafic de migrants', 'نسبة الأبحاث التي تميز بين الاتجار بالبشر وتهريب المهاجرين', 'Share of investigations distinguishing trafficking from migrant smuggling'], unit: '%', kind: 'percent', freq: 'annual', dims: [], base: [40, 60], target: [85, 95] }
		]
	},
	complicity: {
		description: ['Prévenir et poursuivre la complicité d’agents publics.', 'الوقاية من مشاركة موظفين عموميين ومتابعتها.', 'Prevent and prosecute complicity by public officials.'],
		activities: [
			['modules sur l’intégrité intégrés aux formations des agents', 'إدماج وحدات حول النزاهة في تكوين الموظفين', 'integrity modules added to staff training'],
			['procédure de signalement interne diffusée', 'نشر مسطرة التبليغ الداخلي', 'internal reporting procedure circulated']
		],
		done: ['les dispositifs de prévention sont en place dans toutes les institutions', 'أصبحت آليات الوقاية قائمة في جميع المؤسسات', 'prevention arrangements are in place in every institution'],
		indicators: [
			{ name: ['Enquêtes visant des agents publics pour complicité', 'الأبحاث التي تستهدف موظفين عموميين بتهمة المشاركة', 'Investigations of public officials for complicity'], unit: 'enquêtes', kind: 'count', freq: 'annual', dims: [], base: [1, 3], target: [5, 8] },
			{ name: ["Agents publics formés à l'intégrité et à la loi n° 27-14", 'الموظفون العموميون المكونون في مجال النزاهة والقانون رقم 27.14', 'Public officials trained on integrity and Law 27-14'], unit: 'personnes', kind: 'count', freq: 'semester', dims: R, base: [50, 120], target: [250, 400] }
		]
	},
	assets: {
		description: ['Mener des enquêtes financières parallèles et saisir les avoirs des trafiquants.', 'إجراء أبحاث مالية موازية وحجز أصول المتاجرين.', 'Run parallel financial investigations and seize traffickers’ assets.'],
		activities: [
			['procédure de saisie des avoirs précisée par circulaire', 'تحديد مسطرة حجز الأصول بموجب دورية', 'asset-seizure procedure set out in a circular'],
			['magistrats formés aux enquêtes financières', 'تكوين قضاة في مجال الأبحاث المالية', 'judges trained in financial investigations']
		],
		done: ['les enquêtes financières sont systématiques', 'أصبحت الأبحاث المالية منهجية', 'financial investigations are systematic'],
		indicators: [
			{ name: ['Enquêtes financières parallèles ouvertes', 'الأبحاث المالية الموازية المفتوحة', 'Parallel financial investigations opened'], unit: 'enquêtes', kind: 'count', freq: 'semester', dims: [], base: [2, 5], target: [15, 25] },
			{ name: ['Avoirs saisis', 'الأصول المحجوزة', 'Assets seized'], unit: 'MAD', kind: 'amount', freq: 'annual', dims: [], base: [500_000, 1_500_000], target: [4_000_000, 8_000_000] }
		]
	},
	prosecution: {
		description: ['Un réseau de procureurs référents suit les affaires de traite.', 'شبكة من وكلاء الملك المرجعيين تتتبع قضايا الاتجار بالبشر.', 'A network of lead prosecutors follows trafficking cases.'],
		activities: [
			['réunions du réseau des procureurs référents', 'اجتماعات شبكة وكلاء الملك المرجعيين', 'meetings of the network of lead prosecutors'],
			['suivi trimestriel des affaires en cours', 'تتبع فصلي للقضايا الجارية', 'quarterly review of pending cases']
		],
		done: ['le réseau couvre toutes les cours d’appel', 'أصبحت الشبكة تغطي جميع محاكم الاستئناف', 'the network covers every court of appeal'],
		indicators: [
			{ name: ['Affaires de traite poursuivies', 'قضايا الاتجار بالبشر المتابعة', 'Trafficking cases prosecuted'], unit: 'affaires', kind: 'count', freq: 'semester', dims: R, base: [30, 50], target: [70, 100] },
			{ name: ['Délai moyen de jugement en première instance', 'متوسط مدة البت في المرحلة الابتدائية', 'Average time to first-instance judgment'], unit: 'mois', kind: 'amount', freq: 'annual', dims: [], down: true, base: [10, 16], target: [5, 8] }
		]
	},
	forcedlabour: {
		description: ['Poursuivre les affaires de travail forcé au titre de la loi n° 27-14.', 'متابعة قضايا العمل القسري في إطار القانون رقم 27.14.', 'Prosecute forced-labour cases under Law 27-14.'],
		activities: [
			['affaires signalées par l’inspection du travail transmises au parquet', 'إحالة القضايا المبلغ عنها من طرف تفتيش الشغل على النيابة العامة', 'cases reported by labour inspectors passed to prosecutors'],
			['note d’orientation sur la qualification du travail forcé diffusée', 'نشر مذكرة توجيهية حول تكييف العمل القسري', 'guidance note on classifying forced labour circulated']
		],
		done: ['les affaires de travail forcé sont poursuivies au titre de la loi n° 27-14', 'أصبحت قضايا العمل القسري تتابع في إطار القانون رقم 27.14', 'forced-labour cases are prosecuted under Law 27-14'],
		indicators: [
			{ name: ['Affaires de travail forcé poursuivies', 'قضايا العمل القسري المتابعة', 'Forced-labour cases prosecuted'], unit: 'affaires', kind: 'count', freq: 'semester', dims: R, base: [2, 5], target: [12, 20] },
			{ name: ['Condamnations prononcées pour travail forcé', 'الأحكام الصادرة بالإدانة في قضايا العمل القسري', 'Convictions for forced labour'], unit: 'personnes', kind: 'count', freq: 'annual', dims: [], base: [2, 5], target: [10, 18] }
		]
	},
	international: {
		description: ['Coopérer avec les pays d’origine, de transit et de destination.', 'التعاون مع بلدان المصدر والعبور والوجهة.', 'Cooperate with countries of origin, transit and destination.'],
		activities: [
			['points de contact désignés auprès des pays partenaires', 'تعيين نقط اتصال لدى البلدان الشريكة', 'contact points appointed with partner countries'],
			['réunion bilatérale tenue sur des affaires transnationales', 'عقد اجتماع ثنائي حول قضايا عابرة للحدود', 'bilateral meeting held on cross-border cases']
		],
		done: ['les accords de coopération prévus sont signés', 'تم توقيع اتفاقيات التعاون المبرمجة', 'the planned cooperation agreements are signed'],
		indicators: [
			{ name: ["Demandes d'entraide judiciaire traitées", 'طلبات التعاون القضائي المعالجة', 'Mutual legal assistance requests handled'], unit: 'demandes', kind: 'count', freq: 'semester', dims: [], base: [5, 10], target: [20, 30] },
			{ name: ['Accords ou arrangements de coopération signés', 'اتفاقيات أو ترتيبات التعاون الموقعة', 'Cooperation agreements signed'], unit: 'accords', kind: 'count', freq: 'annual', dims: [], base: [0, 1], target: [3, 5] }
		]
	},
	repatriation: {
		description: ['Assister les victimes étrangères : séjour, retour volontaire, réintégration.', 'مساعدة الضحايا الأجانب: الإقامة والعودة الطوعية وإعادة الإدماج.', 'Assist foreign victims: residence, voluntary return, reintegration.'],
		activities: [
			['procédure conjointe avec les consulats des pays d’origine', 'مسطرة مشتركة مع قنصليات بلدان المصدر', 'joint procedure with the consulates of countries of origin'],
			['dossiers de retour volontaire instruits avec une organisation internationale', 'دراسة ملفات العودة الطوعية بتنسيق مع منظمة دولية', 'voluntary-return files handled with an international organisation']
		],
		done: ['chaque victime étrangère se voit proposer une assistance', 'أصبح يُقترح على كل ضحية أجنبي الاستفادة من المساعدة', 'every foreign victim is offered assistance'],
		indicators: [
			{ name: ['Victimes étrangères assistées (séjour, retour volontaire)', 'الضحايا الأجانب المستفيدون من المساعدة (الإقامة، العودة الطوعية)', 'Foreign victims assisted (residence, voluntary return)'], unit: 'victimes', kind: 'count', freq: 'semester', dims: ['sex', 'nationality'], sensitive: true, base: [3, 8], target: [15, 30] },
			{ name: ["Délai moyen d'organisation du retour", 'متوسط مدة تنظيم العودة', 'Average time to organise a return'], unit: 'jours', kind: 'amount', freq: 'annual', dims: [], down: true, base: [60, 90], target: [20, 30] }
		]
	},
	returnees: {
		description: ['Assister les Marocains victimes de traite à l’étranger et organiser leur retour.', 'مساعدة المغاربة ضحايا الاتجار بالبشر بالخارج وتنظيم عودتهم.', 'Assist Moroccans trafficked abroad and organise their return.'],
		activities: [
			['points focaux désignés dans les postes consulaires', 'تعيين نقط ارتكاز بالمراكز القنصلية', 'focal points appointed in consulates'],
			['procédure d’accueil au retour arrêtée avec les services sociaux', 'اعتماد مسطرة الاستقبال عند العودة مع المصالح الاجتماعية', 'reception procedure on return agreed with social services']
		],
		done: ['tous les postes consulaires concernés disposent d’un point focal', 'أصبحت جميع المراكز القنصلية المعنية تتوفر على نقطة ارتكاز', 'every consulate concerned has a focal point'],
		indicators: [
			{ name: ["Ressortissants marocains victimes à l'étranger assistés", 'المواطنون المغاربة ضحايا الاتجار بالخارج المستفيدون من المساعدة', 'Moroccan nationals trafficked abroad who were assisted'], unit: 'victimes', kind: 'count', freq: 'semester', dims: ['sex'], sensitive: true, base: [2, 6], target: [10, 20] },
			{ name: ['Postes consulaires disposant d’un point focal traite', 'المراكز القنصلية التي تتوفر على نقطة ارتكاز خاصة بالاتجار بالبشر', 'Consulates with a trafficking focal point'], unit: 'postes', kind: 'count', freq: 'annual', dims: [], base: [2, 5], target: [30, 45] }
		]
	},
	interpret: {
		description: ['Interprètes et médiateurs culturels pour les victimes étrangères.', 'تراجمة ووسطاء ثقافيون لفائدة الضحايا الأجانب.', 'Interpreters and cultural mediators for foreign victims.'],
		activities: [
			['liste d’interprètes agréés constituée par région', 'إعداد لائحة التراجمة المعتمدين حسب الجهات', 'list of approved interpreters drawn up by region'],
			['médiateurs culturels formés avec les associations', 'تكوين وسطاء ثقافيين بشراكة مع الجمعيات', 'cultural mediators trained with NGOs']
		],
		done: ['un interprète est disponible dans chaque région', 'أصبح ترجمان متاحا في كل جهة', 'an interpreter is available in every region'],
		indicators: [
			{ name: ["Interventions d'interprètes et de médiateurs culturels", 'تدخلات التراجمة والوسطاء الثقافيين', 'Interpreter and cultural mediator interventions'], unit: 'interventions', kind: 'count', freq: 'semester', dims: R, base: [10, 25], target: [60, 100] },
			{ name: ["Part des victimes étrangères ayant bénéficié d'un interprète", 'نسبة الضحايا الأجانب الذين استفادوا من ترجمان', 'Share of foreign victims given an interpreter'], unit: '%', kind: 'percent', freq: 'annual', dims: [], base: [20, 40], target: [80, 95] }
		]
	},
	reintegration: {
		description: ['Formation, emploi et suivi pour la réinsertion durable des victimes.', 'التكوين والتشغيل والتتبع من أجل إعادة إدماج مستدامة للضحايا.', 'Training, jobs and follow-up for the lasting reintegration of victims.'],
		activities: [
			['projets de réinsertion individualisés élaborés avec les victimes', 'إعداد مشاريع فردية لإعادة الإدماج مع الضحايا', 'individual reintegration plans drawn up with victims'],
			['places de formation professionnelle réservées', 'حجز مقاعد للتكوين المهني', 'vocational training places reserved']
		],
		done: ['chaque victime prise en charge dispose d’un projet de réinsertion', 'أصبح لكل ضحية متكفل بها مشروع لإعادة الإدماج', 'every victim in care has a reintegration plan'],
		indicators: [
			{ name: ["Victimes bénéficiant d'un projet de réinsertion", 'الضحايا المستفيدون من مشروع لإعادة الإدماج', 'Victims in a reintegration project'], unit: 'victimes', kind: 'count', freq: 'semester', dims: RS, sensitive: true, base: [8, 20], target: [40, 70] },
			{ name: ['Part des victimes réinsérées suivies à six mois', 'نسبة الضحايا المعاد إدماجهم الذين تم تتبعهم بعد ستة أشهر', 'Share of reintegrated victims followed up after six months'], unit: '%', kind: 'percent', freq: 'annual', dims: [], base: [20, 40], target: [75, 90] }
		]
	},
	social: {
		description: ['Accompagner les familles vulnérables des zones de départ.', 'مواكبة الأسر في وضعية هشة بمناطق الانطلاق.', 'Support vulnerable families in areas people leave from.'],
		activities: [
			['familles orientées vers les programmes d’appui au revenu', 'توجيه الأسر نحو برامج دعم الدخل', 'families referred to income-support programmes'],
			['cellules d’écoute ouvertes dans les centres sociaux', 'فتح خلايا للإنصات بالمراكز الاجتماعية', 'listening points opened in social centres']
		],
		done: ['les familles ciblées sont accompagnées', 'تمت مواكبة الأسر المستهدفة', 'the targeted families are supported'],
		indicators: [
			{ name: ['Familles vulnérables accompagnées', 'الأسر في وضعية هشة المستفيدة من المواكبة', 'Vulnerable families supported'], unit: 'familles', kind: 'count', freq: 'semester', dims: R, base: [300, 700], target: [1500, 2500] },
			{ name: ['Part des familles disposant d’un revenu stable après 12 mois', 'نسبة الأسر التي تتوفر على دخل مستقر بعد 12 شهرا', 'Share of families with a stable income after 12 months'], unit: '%', kind: 'percent', freq: 'annual', dims: R, base: [20, 35], target: [50, 65] }
		]
	},
	funding: {
		description: ['Financer les associations qui prennent en charge les victimes.', 'تمويل الجمعيات التي تتكفل بالضحايا.', 'Fund the NGOs that care for victims.'],
		activities: [
			['appel à projets lancé et comité de sélection réuni', 'إطلاق طلب مشاريع واجتماع لجنة الانتقاء', 'call for proposals launched and selection committee convened'],
			['conventions de partenariat signées avec les associations retenues', 'توقيع اتفاقيات شراكة مع الجمعيات المنتقاة', 'partnership agreements signed with the selected NGOs']
		],
		done: ['le financement pluriannuel des associations est en place', 'أصبح التمويل متعدد السنوات للجمعيات قائما', 'multi-year funding for NGOs is in place'],
		indicators: [
			{ name: ['Montant alloué aux associations de prise en charge', 'المبلغ المخصص لجمعيات التكفل', 'Funds allocated to care NGOs'], unit: 'MAD', kind: 'amount', freq: 'annual', dims: [], base: [400_000, 1_200_000], target: [5_000_000, 8_000_000] },
			{ name: ['Associations soutenues', 'الجمعيات المستفيدة من الدعم', 'NGOs supported'], unit: 'associations', kind: 'count', freq: 'annual', dims: R, base: [4, 8], target: [25, 35] }
		]
	},
	resources: {
		description: ['Doter la Commission nationale de moyens humains et financiers propres.', 'تمكين اللجنة الوطنية من موارد بشرية ومالية خاصة.', 'Give the National Commission its own staff and budget.'],
		activities: [
			['postes budgétaires demandés dans la loi de finances', 'طلب مناصب مالية في إطار قانون المالية', 'budget posts requested in the finance bill'],
			['organigramme du secrétariat permanent arrêté', 'اعتماد الهيكل التنظيمي للكتابة الدائمة', 'organisation chart of the permanent secretariat adopted']
		],
		done: ['le secrétariat permanent dispose de son effectif et de son budget', 'أصبحت الكتابة الدائمة تتوفر على مواردها البشرية وميزانيتها', 'the permanent secretariat has its staff and budget'],
		indicators: [
			{ name: ['Effectif du secrétariat permanent', 'عدد موظفي الكتابة الدائمة', 'Permanent secretariat staff'], unit: 'agents', kind: 'count', freq: 'annual', dims: [], base: [3, 5], target: [12, 15] },
			{ name: ['Budget annuel propre de la Commission', 'الميزانية السنوية الخاصة باللجنة الوطنية', "Commission's own annual budget"], unit: 'MAD', kind: 'amount', freq: 'annual', dims: [], base: [0, 400_000], target: [3_000_000, 5_000_000] }
		]
	},
	report: {
		description: ['Préparer et publier chaque année le rapport national sur la traite.', 'إعداد ونشر التقرير الوطني السنوي حول الاتجار بالبشر.', 'Prepare and publish the annual national report on trafficking.'],
		activities: [
			['contributions des institutions membres collectées', 'تجميع مساهمات المؤسسات الأعضاء', 'contributions of member institutions collected'],
			['projet de rapport examiné en réunion plénière', 'دراسة مشروع التقرير خلال الاجتماع العام', 'draft report discussed in plenary']
		],
		done: ['le rapport annuel est publié dans les délais', 'أصبح التقرير السنوي ينشر داخل الآجال', 'the annual report is published on time'],
		indicators: [
			{ name: ['Délai de publication du rapport après la fin de l’année', 'أجل نشر التقرير بعد نهاية السنة', 'Time to publish the report after year end'], unit: 'mois', kind: 'amount', freq: 'annual', dims: [], down: true, base: [10, 14], target: [4, 6] },
			{ name: ['Institutions ayant transmis leur contribution au rapport', 'المؤسسات التي أرسلت مساهمتها في التقرير', 'Institutions that contributed to the report'], unit: 'institutions', kind: 'count', freq: 'annual', dims: [], base: [8, 12], target: [20, 23] }
		]
	},
	mobilisation: {
		description: ['Mobiliser les partenaires techniques et financiers autour du plan.', 'تعبئة الشركاء التقنيين والماليين حول الخطة.', 'Rally technical and financial partners around the plan.'],
		activities: [
			['table ronde des partenaires organisée', 'تنظيم مائدة مستديرة للشركاء', 'partners’ round table held'],
			['fiches de projets bancables préparées', 'إعداد بطاقات مشاريع قابلة للتمويل', 'fundable project sheets prepared']
		],
		done: ['les financements visés sont mobilisés', 'تمت تعبئة التمويلات المستهدفة', 'the targeted funding has been raised'],
		indicators: [
			{ name: ['Financements mobilisés auprès des partenaires', 'التمويلات المعبأة لدى الشركاء', 'Funds raised from partners'], unit: 'MAD', kind: 'amount', freq: 'annual', dims: [], base: [5_000_000, 10_000_000], target: [30_000_000, 50_000_000] },
			{ name: ['Projets de coopération actifs', 'مشاريع التعاون الجارية', 'Active cooperation projects'], unit: 'projets', kind: 'count', freq: 'semester', dims: [], base: [2, 4], target: [8, 12] }
		]
	},
	programme: {
		description: ['Mettre en œuvre le programme conjoint avec les agences des Nations Unies.', 'تنفيذ البرنامج المشترك مع وكالات الأمم المتحدة.', 'Implement the joint programme with the United Nations agencies.'],
		activities: [
			['plan de travail annuel validé par le comité de pilotage', 'المصادقة على خطة العمل السنوية من طرف لجنة القيادة', 'annual work plan approved by the steering committee'],
			['activités régionales lancées avec les partenaires', 'إطلاق الأنشطة الجهوية مع الشركاء', 'regional activities launched with partners']
		],
		done: ['le programme est clôturé et évalué', 'تم اختتام البرنامج وتقييمه', 'the programme is closed and evaluated'],
		indicators: [
			{ name: ["Taux d'exécution budgétaire du programme", 'نسبة التنفيذ المالي للبرنامج', 'Programme budget execution rate'], unit: '%', kind: 'percent', freq: 'semester', dims: [], base: [0, 0], target: [100, 100], tracksProgress: true },
			{ name: ['Activités du programme réalisées', 'أنشطة البرنامج المنجزة', 'Programme activities carried out'], unit: 'activités', kind: 'count', freq: 'semester', dims: R, base: [2, 5], target: [15, 25] }
		]
	},
	digital: {
		description: ['Surveiller les annonces et contenus en ligne liés à l’exploitation.', 'رصد الإعلانات والمحتويات الرقمية المرتبطة بالاستغلال.', 'Watch online adverts and content linked to exploitation.'],
		activities: [
			['cellule de veille en ligne renforcée', 'تعزيز خلية اليقظة الرقمية', 'online monitoring unit strengthened'],
			['protocole de retrait des contenus conclu avec les plateformes', 'إبرام بروتوكول لسحب المحتويات مع المنصات', 'take-down protocol agreed with platforms']
		],
		done: ['la veille en ligne est permanente', 'أصبحت اليقظة الرقمية دائمة', 'online monitoring is permanent'],
		indicators: [
			{ name: ["Contenus en ligne liés à l'exploitation signalés", 'المحتويات الرقمية المرتبطة بالاستغلال المبلغ عنها', 'Online content linked to exploitation reported'], unit: 'contenus', kind: 'count', freq: 'semester', dims: [], base: [50, 120], target: [300, 500] },
			{ name: ['Enquêtes ouvertes sur la traite facilitée par internet', 'الأبحاث المفتوحة في الاتجار بالبشر عبر الإنترنت', 'Investigations into internet-facilitated trafficking'], unit: 'enquêtes', kind: 'count', freq: 'semester', dims: R, base: [3, 8], target: [15, 25] }
		]
	},
	witness: {
		description: ['Protéger les victimes et les témoins pendant l’enquête et le procès.', 'حماية الضحايا والشهود خلال البحث والمحاكمة.', 'Protect victims and witnesses during investigation and trial.'],
		activities: [
			['salles d’audition adaptées aménagées dans les tribunaux', 'تهيئة قاعات استماع ملائمة بالمحاكم', 'suitable hearing rooms fitted out in courts'],
			['mesures de protection ordonnées par les parquets suivies', 'تتبع تدابير الحماية التي تأمر بها النيابات العامة', 'protection measures ordered by prosecutors followed up']
		],
		done: ['les mesures de protection sont appliquées de façon systématique', 'أصبحت تدابير الحماية تطبق بشكل منهجي', 'protection measures are applied systematically'],
		indicators: [
			{ name: ['Victimes et témoins bénéficiant de mesures de protection', 'الضحايا والشهود المستفيدون من تدابير الحماية', 'Victims and witnesses given protection measures'], unit: 'personnes', kind: 'count', freq: 'semester', dims: R, sensitive: true, base: [5, 12], target: [30, 50] },
			{ name: ['Part des auditions de victimes mineures réalisées en salle adaptée', 'نسبة الاستماع إلى الضحايا القاصرين في قاعات ملائمة', 'Share of child-victim hearings held in suitable rooms'], unit: '%', kind: 'percent', freq: 'annual', dims: [], base: [20, 40], target: [80, 95] }
		]
	},
	rollout: {
		description: [
			'Déploiement région par région du Mécanisme national de référencement adopté le 17 mars 2023 : préparation, phase pilote, puis fonctionnement. Le calendrier régional réel n’est pas public : les étapes affichées sont des données de démonstration.',
			'تنزيل آلية الإحالة الوطنية المعتمدة يوم 17 مارس 2023 جهة بجهة: التحضير، ثم المرحلة النموذجية، ثم الاشتغال الفعلي. الجدولة الجهوية الحقيقية غير منشورة: المراحل المعروضة معطيات تجريبية.',
			'Region-by-region roll-out of the National Referral Mechanism adopted on 17 March 2023: preparation, pilot, then operation. The real regional calendar is not public: the stages shown are demonstration data.'
		],
		activities: [
			['comités régionaux de référencement installés', 'تنصيب اللجان الجهوية للإحالة', 'regional referral committees set up'],
			['acteurs régionaux formés aux procédures du MNR', 'تكوين المتدخلين الجهويين على مساطر آلية الإحالة الوطنية', 'regional actors trained in NRM procedures']
		],
		done: ['le MNR fonctionne dans les 12 régions', 'أصبحت آلية الإحالة الوطنية تشتغل في الجهات الاثنتي عشرة', 'the NRM works in all 12 regions'],
		indicators: [
			{ name: ['Régions où le MNR est opérationnel', 'الجهات التي أصبحت فيها آلية الإحالة الوطنية عملية', 'Regions where the NRM is operational'], unit: 'régions', kind: 'count', freq: 'semester', dims: [], base: [0, 0], target: [12, 12] },
			{ name: ['Victimes référencées via le MNR', 'الضحايا المحالون عبر آلية الإحالة الوطنية', 'Victims referred through the NRM'], unit: 'victimes', kind: 'count', freq: 'semester', dims: RSA, sensitive: true, sdg: '16.2.2', base: [0, 0], target: [120, 160] }
		]
	}
} as const satisfies Record<string, Family>;

type FamilyKey = keyof typeof FAMILIES;

interface MeasureTpl {
	t: T3;
	lead: string;
	with?: readonly string[];
	fam: FamilyKey;
	/** phrase replacing {t} in the family's texts (training: who is trained) */
	target?: T3;
	recs?: readonly string[];
	/** ISO codes of the regions concerned; none = national */
	regions?: readonly string[];
	status?: 'planned' | 'suspended' | 'cancelled';
	/** progress revised downwards once, with a narrative saying why */
	drop?: true;
	special?: 'mnr' | 'public';
	start?: string;
	deadline?: string;
	/**
	 * A measure that names a real thing stays plausible against the public record: its demonstration
	 * progress on DEMO_TODAY stays in this range, never completed.
	 */
	cap?: readonly [number, number];
}
interface ObjectiveTpl {
	t: T3;
	measures: readonly MeasureTpl[];
}

const BORDER = ['MA-01', 'MA-02', 'MA-04', 'MA-06', 'MA-09', 'MA-10', 'MA-11', 'MA-12'];
const RURAL = ['MA-02', 'MA-03', 'MA-05', 'MA-07', 'MA-08', 'MA-09'];
const FARMING = ['MA-01', 'MA-05', 'MA-06', 'MA-07', 'MA-09'];
const CITIES = ['MA-01', 'MA-03', 'MA-04', 'MA-06', 'MA-07'];

/** Objectives and measures per axis code of `plans.json` (A1 prevention … A4 partnership). */
const CATALOGUE: Record<string, readonly ObjectiveTpl[]> = {
	A1: [
		{
			t: ['Sensibiliser le public et les groupes vulnérables', 'تحسيس العموم والفئات الهشة', 'Raise awareness among the public and vulnerable groups'],
			measures: [
				{ t: ['Conduire une campagne nationale annuelle de sensibilisation à la traite', 'تنظيم حملة وطنية سنوية للتحسيس بالاتجار بالبشر', 'Run an annual national awareness campaign on trafficking'], lead: 'COMM', with: ['MJ', 'FAM'], fam: 'awareness' },
				{ t: ['Faire connaître le numéro vert 0800004747', 'التعريف بالرقم الأخضر 0800004747', 'Publicise the 0800004747 hotline'], lead: 'MJ', with: ['COMM', 'DGSN'], fam: 'hotline', recs: ['R1'] },
				{ t: ['Sensibiliser les jeunes dans les maisons de jeunes et les universités', 'تحسيس الشباب بدور الشباب والجامعات', 'Raise awareness among young people in youth centres and universities'], lead: 'JEUN', with: ['FAM', 'OSC-1'], fam: 'awareness' },
				{ t: ['Informer les migrants et les réfugiés sur les risques de traite et leurs droits', 'إخبار المهاجرين واللاجئين بمخاطر الاتجار بالبشر وبحقوقهم', 'Inform migrants and refugees about trafficking risks and their rights'], lead: 'MRE', with: ['MI', 'OSC-2'], fam: 'awareness', recs: ['R6'], regions: BORDER },
				{ t: ["Informer les candidats à l'émigration sur le recrutement frauduleux", 'إخبار الراغبين في الهجرة بمخاطر التوظيف الاحتيالي', 'Warn would-be emigrants about fraudulent recruitment'], lead: 'EMPLOI', with: ['MAE', 'MRE'], fam: 'awareness' }
			]
		},
		{
			t: ['Réduire les vulnérabilités des enfants, des femmes et des migrants', 'الحد من هشاشة الأطفال والنساء والمهاجرين', 'Reduce the vulnerability of children, women and migrants'],
			measures: [
				{ t: ['Mettre en œuvre le programme de lutte contre l’exploitation des enfants dans la mendicité', 'تنفيذ برنامج محاربة استغلال الأطفال في التسول', 'Implement the programme against the use of children for begging'], lead: 'FAM', with: ['EN', 'MI', 'DGSN'], fam: 'begging', regions: CITIES },
				{ t: ['Prévenir l’exploitation des mineurs dans le travail domestique (loi n° 19-12)', 'الوقاية من استغلال القاصرين في العمل المنزلي (القانون رقم 19.12)', 'Prevent the exploitation of minors in domestic work (Law 19-12)'], lead: 'EMPLOI', with: ['FAM', 'PMP'], fam: 'childlabour' },
				{ t: ['Accompagner les familles vulnérables dans les zones de départ', 'مواكبة الأسر في وضعية هشة بمناطق الانطلاق', 'Support vulnerable families in areas people leave from'], lead: 'EN', with: ['FAM', 'JEUN'], fam: 'social', regions: RURAL },
				{ t: ['Cartographier les zones et les secteurs à risque de traite', 'إعداد خريطة للمناطق والقطاعات المعرضة لخطر الاتجار بالبشر', 'Map the areas and sectors at risk of trafficking'], lead: 'MI', with: ['DGSN', 'GR', 'CNDH'], fam: 'study', recs: ['R1'] }
			]
		},
		{
			t: ['Prévenir le travail forcé et le recrutement abusif', 'الوقاية من العمل القسري والتوظيف التعسفي', 'Prevent forced labour and abusive recruitment'],
			measures: [
				{ t: ['Cibler les inspections du travail sur les secteurs à risque (agriculture, textile, pêche)', 'توجيه تفتيش الشغل نحو القطاعات المعرضة للخطر (الفلاحة، النسيج، الصيد البحري)', 'Target labour inspections at high-risk sectors (farming, textiles, fishing)'], lead: 'EMPLOI', with: ['GR', 'PMP'], fam: 'labour', recs: ['R10'], regions: FARMING },
				{ t: ['Encadrer les agences privées de recrutement', 'تأطير وكالات التشغيل الخصوصية', 'Regulate private recruitment agencies'], lead: 'EMPLOI', with: ['MI'], fam: 'legal' },
				{ t: ['Former les inspecteurs du travail à la détection de la traite', 'تكوين مفتشي الشغل في مجال رصد الاتجار بالبشر', 'Train labour inspectors to detect trafficking'], lead: 'EMPLOI', with: ['MJ', 'OSC-1'], fam: 'training', target: ['inspecteurs du travail', 'مفتشي الشغل', 'labour inspectors'], recs: ['R10'] },
				{ t: ['Introduire des clauses contre le travail forcé dans les marchés publics', 'إدراج بنود لمحاربة العمل القسري في الصفقات العمومية', 'Include clauses against forced labour in public procurement'], lead: 'FIN', with: ['EMPLOI'], fam: 'legal', status: 'cancelled' }
			]
		},
		{
			t: ['Prévenir la traite en ligne et par les circuits de transport', 'الوقاية من الاتجار بالبشر عبر الإنترنت وشبكات النقل', 'Prevent trafficking online and through transport networks'],
			measures: [
				{ t: ['Surveiller les annonces et contenus en ligne liés à l’exploitation', 'رصد الإعلانات والمحتويات الرقمية المرتبطة بالاستغلال', 'Monitor online adverts and content linked to exploitation'], lead: 'DGSN', with: ['COMM', 'PMP'], fam: 'digital' },
				{ t: ['Former les personnels des aéroports, des ports et des transporteurs', 'تكوين مستخدمي المطارات والموانئ والناقلين', 'Train airport, port and carrier staff'], lead: 'TRANSP', with: ['DGSN', 'GR'], fam: 'training', target: ['agents des transports', 'أعوان النقل', 'transport staff'], recs: ['R10'] },
				{ t: ['Publier un guide pour les médias sur le traitement de la traite', 'نشر دليل لوسائل الإعلام حول تناول موضوع الاتجار بالبشر', 'Publish a media guide on reporting trafficking'], lead: 'COMM', with: ['CNDH', 'MJ'], fam: 'study', status: 'cancelled' },
				{ t: ['Renforcer le contrôle des déplacements des mineurs non accompagnés', 'تعزيز مراقبة تنقل القاصرين غير المرفقين', 'Strengthen checks on the travel of unaccompanied minors'], lead: 'DGSN', with: ['MI', 'FAM'], fam: 'children' }
			]
		}
	],
	A2: [
		{
			t: ['Identifier les victimes et les orienter par le MNR', 'التعرف على الضحايا وتوجيههم عبر آلية الإحالة الوطنية', 'Identify victims and refer them through the NRM'],
			measures: [
				{ t: ['Déployer le Mécanisme national de référencement (MNR) dans les 12 régions', 'تنزيل آلية الإحالة الوطنية لضحايا الاتجار بالبشر في الجهات الاثنتي عشرة', 'Roll out the National Referral Mechanism (NRM) in the 12 regions'], lead: 'MJ', with: ['DGSN', 'GR', 'FAM'], fam: 'rollout', recs: ['R2', 'R5'], special: 'mnr', start: '2023-03-17', deadline: '2026-12-31' },
				{ t: ["Diffuser et appliquer le guide d'identification des victimes", 'نشر وتطبيق دليل التعرف على ضحايا الاتجار بالبشر', 'Circulate and apply the victim identification guide'], lead: 'MJ', with: ['DGSN', 'GR', 'SANTE'], fam: 'identification', recs: ['R1', 'R2'] },
				{ t: ['Dépister la traite parmi les migrants en situation irrégulière', 'الكشف عن حالات الاتجار بالبشر في صفوف المهاجرين في وضعية غير نظامية', 'Screen undocumented migrants for trafficking'], lead: 'MI', with: ['DGSN', 'GR', 'OSC-2'], fam: 'screening', recs: ['R1', 'R6', 'R7'], regions: BORDER },
				{ t: ['Mettre en service la plateforme électronique E-MNR', 'تشغيل المنصة الإلكترونية E-MNR', 'Bring the E-MNR electronic platform into service'], lead: 'MJ', with: ['PMP', 'DGSN'], fam: 'platform', recs: ['R2', 'R5'], drop: true },
				{ t: ['Former les magistrats et les enquêteurs au référencement des victimes', 'تكوين القضاة والمحققين على إحالة الضحايا', 'Train judges and investigators in victim referral'], lead: 'MJ', with: ['CSPJ', 'PMP', 'DGSN'], fam: 'training', target: ['magistrats et enquêteurs', 'القضاة والمحققين', 'judges and investigators'], recs: ['R2'] },
				{ t: ['Repérer les victimes dans les unités hospitalières de prise en charge des femmes et des enfants', 'رصد الضحايا بالوحدات الاستشفائية للتكفل بالنساء والأطفال', 'Identify victims in the hospital units for women and children'], lead: 'SANTE', with: ['FAM'], fam: 'identification', recs: ['R1', 'R10'] }
			]
		},
		{
			t: ['Héberger les victimes et les prendre en charge', 'إيواء الضحايا والتكفل بهم', 'Shelter and care for victims'],
			measures: [
				// Public record (TIP 2025 via Assahafa): the Tanger shelter opened in 2024, the Fès one was built but not yet open.
				{ t: ["Ouvrir des centres d'hébergement spécialisés à Tanger et à Fès", 'فتح مراكز إيواء متخصصة بطنجة وفاس', 'Open specialised shelters in Tangier and Fez'], lead: 'FAM', with: ['EN', 'OSC-1'], fam: 'shelter', recs: ['R3'], regions: ['MA-01', 'MA-03'], start: '2024-05-10', deadline: '2027-06-30', cap: [55, 70] },
				{ t: ["Réserver des places d'urgence dans les établissements de protection sociale", 'تخصيص أماكن استعجالية بمؤسسات الرعاية الاجتماعية', 'Reserve emergency places in social-care institutions'], lead: 'EN', with: ['FAM'], fam: 'shelter', recs: ['R3'] },
				{ t: ['Assurer la prise en charge médicale et psychologique des victimes', 'ضمان التكفل الطبي والنفسي بالضحايا', 'Provide medical and psychological care to victims'], lead: 'SANTE', with: ['FAM', 'OSC-1'], fam: 'care', recs: ['R3'] },
				{ t: ['Garantir une assistance juridique gratuite aux victimes', 'ضمان المساعدة القانونية المجانية للضحايا', 'Guarantee free legal aid to victims'], lead: 'MJ', with: ['PMP', 'OSC-2'], fam: 'legalaid', recs: ['R3', 'R7'] },
				{ t: ['Conclure des conventions de financement avec les associations de prise en charge', 'إبرام اتفاقيات تمويل مع جمعيات التكفل', 'Sign funding agreements with care NGOs'], lead: 'FAM', with: ['FIN', 'RPSC'], fam: 'funding', recs: ['R4'] }
			]
		},
		{
			t: ['Protéger les enfants et les victimes étrangères', 'حماية الأطفال والضحايا الأجانب', 'Protect children and foreign victims'],
			measures: [
				{ t: ['Adopter un protocole de prise en charge des enfants victimes', 'اعتماد بروتوكول للتكفل بالأطفال الضحايا', 'Adopt a care protocol for child victims'], lead: 'FAM', with: ['PMP', 'SANTE', 'EN'], fam: 'children', recs: ['R5'] },
				{ t: ['Assister les victimes étrangères et organiser le retour volontaire', 'مساعدة الضحايا الأجانب وتنظيم العودة الطوعية', 'Assist foreign victims and organise voluntary return'], lead: 'MI', with: ['MAE', 'OSC-2'], fam: 'repatriation', recs: ['R6'] },
				{ t: ['Mettre à disposition des interprètes et des médiateurs culturels', 'توفير تراجمة ووسطاء ثقافيين', 'Provide interpreters and cultural mediators'], lead: 'MRE', with: ['MJ', 'OSC-2'], fam: 'interpret', recs: ['R6'] },
				{ t: ['Prévoir un titre de séjour et un délai de réflexion pour les victimes étrangères', 'التنصيص على سند للإقامة ومهلة للتفكير لفائدة الضحايا الأجانب', 'Provide a residence permit and a reflection period for foreign victims'], lead: 'MI', with: ['MAE', 'MJ'], fam: 'legal', recs: ['R6', 'R7'], status: 'planned', start: '2024-10-01', deadline: '2027-06-30' }
			]
		},
		{
			t: ['Réinsérer durablement les victimes', 'إعادة إدماج الضحايا بشكل مستدام', 'Reintegrate victims for the long term'],
			measures: [
				{ t: ['Proposer des programmes de réinsertion socio-économique aux victimes', 'اقتراح برامج لإعادة الإدماج السوسيو-اقتصادي للضحايا', 'Offer socio-economic reintegration programmes to victims'], lead: 'EN', with: ['EMPLOI', 'FAM'], fam: 'reintegration' },
				{ t: ["Accompagner les Marocains victimes de traite à l'étranger", 'مواكبة المغاربة ضحايا الاتجار بالبشر بالخارج', 'Support Moroccans trafficked abroad'], lead: 'MAE', with: ['MRE', 'FAM'], fam: 'returnees', recs: ['R5'] },
				{ t: ["Créer un fonds d'indemnisation des victimes", 'إحداث صندوق لتعويض الضحايا', 'Set up a victim compensation fund'], lead: 'FIN', with: ['MJ'], fam: 'legal', status: 'suspended' },
				{ t: ['Suivre les victimes réinsérées avec les associations', 'تتبع الضحايا المعاد إدماجهم بشراكة مع الجمعيات', 'Follow up reintegrated victims with NGOs'], lead: 'OSC-1', with: ['EN', 'FAM'], fam: 'reintegration', recs: ['R4'] }
			]
		}
	],
	A3: [
		{
			t: ['Renforcer les enquêtes', 'تعزيز الأبحاث', 'Strengthen investigations'],
			measures: [
				{ t: ['Créer des unités spécialisées de lutte contre la traite à la DGSN', 'إحداث وحدات متخصصة في مكافحة الاتجار بالبشر بالمديرية العامة للأمن الوطني', 'Set up specialised anti-trafficking units in the DGSN'], lead: 'DGSN', with: ['PMP'], fam: 'investigation', recs: ['R9'] },
				{ t: ['Créer des cellules spécialisées de la Gendarmerie royale en milieu rural', 'إحداث خلايا متخصصة تابعة للدرك الملكي بالوسط القروي', 'Set up specialised Royal Gendarmerie cells in rural areas'], lead: 'GR', with: ['PMP'], fam: 'investigation', regions: RURAL },
				{ t: ['Mener des enquêtes financières parallèles et saisir les avoirs', 'إجراء أبحاث مالية موازية وحجز الأصول', 'Run parallel financial investigations and seize assets'], lead: 'PMP', with: ['DGSN', 'FIN'], fam: 'assets', recs: ['R9'] },
				{ t: ["Former les enquêteurs à l'audition des victimes", 'تكوين المحققين في مجال الاستماع إلى الضحايا', 'Train investigators to interview victims'], lead: 'DGSN', with: ['GR', 'MJ'], fam: 'training', target: ['enquêteurs', 'المحققين', 'investigators'], recs: ['R7', 'R10'] },
				{ t: ["Prévenir et poursuivre la complicité d'agents publics", 'الوقاية من مشاركة موظفين عموميين ومتابعتها', 'Prevent and prosecute complicity by public officials'], lead: 'PMP', with: ['DGSN', 'GR'], fam: 'complicity', recs: ['R9'] }
			]
		},
		{
			t: ['Renforcer la réponse judiciaire', 'تعزيز الجواب القضائي', 'Strengthen the judicial response'],
			measures: [
				{ t: ['Animer le réseau des procureurs spécialisés des 22 cours d’appel', 'تنشيط شبكة وكلاء الملك المتخصصين بمحاكم الاستئناف الاثنتين والعشرين', 'Run the network of specialised prosecutors of the 22 courts of appeal'], lead: 'PMP', with: ['MJ'], fam: 'prosecution', recs: ['R9'] },
				{ t: ['Former les magistrats à la loi n° 27-14', 'تكوين القضاة حول القانون رقم 27.14', 'Train judges on Law 27-14'], lead: 'CSPJ', with: ['PMP', 'MJ'], fam: 'training', target: ['magistrats', 'القضاة', 'judges'], recs: ['R2', 'R10'] },
				{ t: ['Diffuser une circulaire sur la non-sanction des victimes', 'إصدار دورية حول عدم معاقبة الضحايا', 'Issue a circular on the non-punishment of victims'], lead: 'PMP', with: ['MJ', 'MI'], fam: 'legal', recs: ['R7'] },
				{ t: ['Publier un recueil national de jurisprudence sur la traite', 'نشر مجموعة وطنية للاجتهاد القضائي في مجال الاتجار بالبشر', 'Publish a national collection of trafficking case law'], lead: 'MJ', with: ['CSPJ', 'PMP'], fam: 'study' },
				{ t: ['Poursuivre les affaires de travail forcé', 'متابعة قضايا العمل القسري', 'Prosecute forced-labour cases'], lead: 'PMP', with: ['EMPLOI', 'GR'], fam: 'forcedlabour', recs: ['R9'] }
			]
		},
		{
			t: ['Coopérer au niveau international', 'التعاون على المستوى الدولي', 'Cooperate internationally'],
			measures: [
				{ t: ['Accélérer l’entraide judiciaire dans les affaires transnationales', 'تسريع التعاون القضائي في القضايا العابرة للحدود', 'Speed up mutual legal assistance in cross-border cases'], lead: 'MJ', with: ['MAE', 'PMP'], fam: 'international' },
				{ t: ['Échanger les informations avec les services de police étrangers', 'تبادل المعلومات مع مصالح الشرطة الأجنبية', 'Exchange information with foreign police services'], lead: 'DGSN', with: ['MAE'], fam: 'international' },
				{ t: ["Conclure des accords avec les pays d'origine et de destination", 'إبرام اتفاقيات مع بلدان المصدر والوجهة', 'Sign agreements with countries of origin and destination'], lead: 'MAE', with: ['MJ', 'MI'], fam: 'international', recs: ['R6'] }
			]
		},
		{
			t: ['Harmoniser le cadre juridique', 'ملاءمة الإطار القانوني', 'Align the legal framework'],
			measures: [
				{ t: ["Évaluer l'application de la loi n° 27-14", 'تقييم تطبيق القانون رقم 27.14', 'Evaluate how Law 27-14 is applied'], lead: 'MJ', with: ['CNDH', 'PMP'], fam: 'study' },
				{ t: ['Harmoniser le code pénal et la procédure pénale avec la loi n° 27-14', 'ملاءمة القانون الجنائي والمسطرة الجنائية مع القانون رقم 27.14', 'Align the penal code and criminal procedure with Law 27-14'], lead: 'MJ', with: ['CSPJ'], fam: 'legal', status: 'planned', start: '2024-09-02', deadline: '2027-12-31' },
				{ t: ['Protéger les victimes et les témoins pendant la procédure', 'حماية الضحايا والشهود خلال المسطرة', 'Protect victims and witnesses during proceedings'], lead: 'PMP', with: ['DGSN', 'MJ'], fam: 'witness', recs: ['R7'] }
			]
		}
	],
	A4: [
		{
			t: ['Renforcer la Commission nationale et la coordination', 'تعزيز اللجنة الوطنية والتنسيق', 'Strengthen the National Commission and coordination'],
			measures: [
				{ t: ['Doter le secrétariat permanent de ressources humaines et d’un budget propre', 'تمكين الكتابة الدائمة من موارد بشرية وميزانية خاصة', 'Give the permanent secretariat its own staff and budget'], lead: 'MJ', with: ['FIN', 'CHEF-GOV'], fam: 'resources', recs: ['R8'] },
				{ t: ['Animer le réseau des points focaux des institutions membres', 'تنشيط شبكة نقط الارتكاز بالمؤسسات الأعضاء', 'Run the network of member institutions’ focal points'], lead: 'MJ', with: ['DH'], fam: 'coordination', recs: ['R8'] },
				{ t: ['Installer des commissions régionales de coordination', 'تنصيب لجان جهوية للتنسيق', 'Set up regional coordination committees'], lead: 'MI', with: ['MJ', 'PMP'], fam: 'coordination', recs: ['R5', 'R8'], drop: true },
				{ t: ['Publier le rapport national annuel sur la traite', 'نشر التقرير الوطني السنوي حول الاتجار بالبشر', 'Publish the annual national report on trafficking'], lead: 'MJ', with: ['CNDH'], fam: 'report', recs: ['R8'] }
			]
		},
		{
			t: ['Travailler avec la société civile', 'العمل مع المجتمع المدني', 'Work with civil society'],
			measures: [
				{ t: ['Lancer un appel à projets annuel pour les associations', 'إطلاق طلب مشاريع سنوي لفائدة الجمعيات', 'Launch an annual call for proposals for NGOs'], lead: 'FAM', with: ['RPSC', 'FIN'], fam: 'funding', recs: ['R4'] },
				{ t: ['Renforcer les capacités des associations de prise en charge', 'تقوية قدرات جمعيات التكفل', 'Build the capacity of care NGOs'], lead: 'RPSC', with: ['OSC-1', 'OSC-2'], fam: 'training', target: ['membres d’associations', 'أعضاء الجمعيات', 'NGO staff'], recs: ['R4'] },
				{ t: ['Associer la société civile au suivi du plan', 'إشراك المجتمع المدني في تتبع الخطة', 'Involve civil society in monitoring the plan'], lead: 'OSC-2', with: ['CNDH', 'RPSC'], fam: 'coordination', recs: ['R4'] }
			]
		},
		{
			t: ['Produire les données et suivre le plan', 'إنتاج المعطيات وتتبع الخطة', 'Produce data and monitor the plan'],
			measures: [
				{ t: ['Produire et publier les statistiques nationales annuelles sur la traite', 'إنتاج ونشر الإحصائيات الوطنية السنوية حول الاتجار بالبشر', 'Produce and publish annual national statistics on trafficking'], lead: 'MJ', with: ['PMP', 'DGSN', 'GR'], fam: 'data', recs: ['R1', 'R9'], special: 'public', start: '2023-03-17', deadline: '2030-12-31' },
				{ t: ['Mettre en place la base de données nationale intégrée sur la traite', 'إرساء قاعدة المعطيات الوطنية المندمجة حول الاتجار بالبشر', 'Set up the integrated national trafficking database'], lead: 'MJ', with: ['PMP', 'DGSN', 'GR'], fam: 'data', recs: ['R8'] },
				{ t: ['Suivre et évaluer le plan national avec Rasd', 'تتبع وتقييم الخطة الوطنية بواسطة منصة رصد', 'Monitor and evaluate the national plan with Rasd'], lead: 'MJ', with: ['DH'], fam: 'monitoring', recs: ['R8'] },
				{ t: ["Réaliser une étude nationale sur l'ampleur de la traite", 'إنجاز دراسة وطنية حول حجم ظاهرة الاتجار بالبشر', 'Carry out a national study on the scale of trafficking'], lead: 'CNDH', with: ['MJ', 'OSC-1'], fam: 'study' }
			]
		},
		{
			t: ['Mobiliser la coopération internationale', 'تعبئة التعاون الدولي', 'Mobilise international cooperation'],
			measures: [
				{ t: ['Mobiliser des financements auprès des partenaires techniques et financiers', 'تعبئة التمويلات لدى الشركاء التقنيين والماليين', 'Raise funds from technical and financial partners'], lead: 'MAE', with: ['FIN', 'MJ'], fam: 'mobilisation' },
				{ t: ['Rendre compte aux mécanismes internationaux des droits de l’Homme', 'تقديم التقارير إلى الآليات الدولية لحقوق الإنسان', 'Report to international human-rights mechanisms'], lead: 'DH', with: ['MAE', 'CNDH'], fam: 'report' },
				{ t: ["Développer la coopération Sud-Sud et l'échange d'expériences", 'تطوير التعاون جنوب-جنوب وتبادل التجارب', 'Develop South-South cooperation and the exchange of experience'], lead: 'MAE', with: ['MJ'], fam: 'international', status: 'suspended' },
				{ t: ['Mettre en œuvre le programme conjoint avec les agences des Nations Unies', 'تنفيذ البرنامج المشترك مع وكالات الأمم المتحدة', 'Implement the joint programme with the UN agencies'], lead: 'MJ', with: ['FAM', 'EN'], fam: 'programme', recs: ['R3', 'R4'], start: '2024-05-10', deadline: '2027-06-30' }
			]
		}
	]
};

/** Demonstration partner projects (public ones come from `partner-projects.json`) and measure links. */
const DEMO_PROJECTS = [
	{ code: 'PP-DEMO-OIT', status: 'ongoing' as const, regions: ['MA-01', 'MA-06'] as readonly string[], partner: 'OIT', donor: 'UE', title: ["Appui à l'inspection du travail contre le travail forcé", 'دعم تفتيش الشغل في مواجهة العمل القسري', 'Support to labour inspection against forced labour'] as T3, start: '2025-01-01', end: '2027-12-31', budget: 1_200_000, currency: 'EUR', measures: ['A1.3.1', 'A1.3.3', 'A3.2.5'] },
	{ code: 'PP-DEMO-ONUDC', status: 'ongoing' as const, regions: [] as readonly string[], partner: 'ONUDC', donor: 'UE', title: ['Renforcement des capacités des procureurs spécialisés', 'تقوية قدرات وكلاء الملك المتخصصين', 'Capacity building for specialised prosecutors'] as T3, start: '2024-03-01', end: '2026-12-31', budget: 850_000, currency: 'EUR', measures: ['A3.2.1', 'A3.2.2', 'A3.1.3'] },
	{ code: 'PP-DEMO-CDE', status: 'ongoing' as const, regions: ['MA-04'] as readonly string[], partner: 'CDE', donor: 'UE', title: ['Appui au secrétariat permanent et à la base de données nationale', 'دعم الكتابة الدائمة وقاعدة المعطيات الوطنية', 'Support to the permanent secretariat and the national database'] as T3, start: '2024-09-01', end: '2027-08-31', budget: 600_000, currency: 'EUR', measures: ['A4.1.1', 'A4.3.2', 'A4.3.3'] },
	{ code: 'PP-DEMO-OIM', status: 'ongoing' as const, regions: ['MA-02', 'MA-03', 'MA-05'] as readonly string[], partner: 'OIM', donor: 'DDC', title: ['Dépistage et orientation des migrants victimes potentielles', 'الكشف عن المهاجرين الضحايا المحتملين وتوجيههم', 'Screening and referral of migrants who may be victims'] as T3, start: '2024-01-01', end: '2026-12-31', budget: 1_500_000, currency: 'CHF', measures: ['A2.1.3', 'A2.3.2', 'A1.1.4'] }
];
/** Demonstration MAD rates (millionths of a dirham per unit), close to the yearly averages but not official. */
const DEMO_RATES: readonly (readonly [number, Record<string, number>])[] = [
	[2024, { EUR: 10_850_000, USD: 10_020_000, CHF: 11_380_000 }],
	[2025, { EUR: 10_800_000, USD: 9_950_000, CHF: 11_450_000 }],
	[2026, { EUR: 10_700_000, USD: 9_900_000, CHF: 11_500_000 }]
];
/** Demonstration links of the public projects to demonstration measures. */
const PUBLIC_PROJECT_LINKS: Record<string, readonly string[]> = {
	'PP-JTIP-2024': ['A2.2.1', 'A2.2.3', 'A2.4.1', 'A4.4.4', 'A2.1.1'],
	'PP-CDE-SUD3-2018': ['A2.1.1', 'A2.1.2']
};

/** MNR roll-out per region: stage history (demonstration: the real calendar is not public). */
const MNR_STAGES: Record<string, readonly (readonly [RolloutStage, string])[]> = {
	'MA-01': [['preparation', '2023-06-01'], ['pilot', '2023-11-15'], ['operational', '2024-09-02']],
	'MA-02': [['preparation', '2024-03-01'], ['pilot', '2025-05-05']],
	'MA-03': [['preparation', '2023-06-01'], ['pilot', '2024-01-15'], ['operational', '2025-03-03']],
	'MA-04': [['preparation', '2023-04-17'], ['pilot', '2023-10-02'], ['operational', '2024-06-03']],
	'MA-05': [['preparation', '2025-02-03']],
	'MA-06': [['preparation', '2023-09-01'], ['pilot', '2024-06-03'], ['operational', '2025-10-01']],
	'MA-07': [['preparation', '2024-01-15'], ['pilot', '2025-01-15']],
	'MA-08': [],
	'MA-09': [['preparation', '2024-10-01'], ['pilot', '2026-02-02']],
	'MA-10': [['preparation', '2025-09-01']],
	'MA-11': [],
	'MA-12': []
};
/** A stage change reported but not yet validated on the demonstration's today. */
const MNR_PENDING = { region: 'MA-05', stage: 'pilot' as RolloutStage, since: '2026-07-01' };

// ─── texts ──────────────────────────────────────────────────────────────────────────────────────

/** Replaces `{t}` by the measure's target group (`{T}`: capitalised, to start a French label). */
const fill = (text: string | null, target: T3 | undefined, i: 0 | 1 | 2): string | null => {
	if (text === null || !target) return text;
	const t = target[i] ?? target[0];
	return text.replaceAll('{T}', t.charAt(0).toUpperCase() + t.slice(1)).replaceAll('{t}', t);
};

interface Narrative {
	fr: string;
	ar: string | null;
	en: string | null;
}

const NARRATIVE = {
	planned: {
		fr: 'Lancement en préparation : les termes de référence sont en cours de rédaction avec les institutions contributrices.',
		ar: 'التحضير لإطلاق التدبير: يجري إعداد الإطار المرجعي بتنسيق مع الجهات المساهمة.',
		en: 'Launch in preparation: terms of reference are being drafted with the contributing institutions.'
	},
	suspended: {
		fr: "Mesure suspendue dans l'attente d'un arbitrage budgétaire ; les activités reprendront après validation du financement.",
		ar: 'تم توقيف التدبير في انتظار التحكيم المتعلق بالميزانية؛ وستستأنف الأنشطة بعد المصادقة على التمويل.',
		en: 'Measure suspended pending a budget decision; activities will resume once funding is approved.'
	},
	cancelled: {
		fr: 'Mesure annulée par la Commission : son objet est repris par une autre mesure du plan.',
		ar: 'ألغت اللجنة الوطنية هذا التدبير: يتم التكفل بموضوعه في إطار تدبير آخر من الخطة.',
		en: 'Measure cancelled by the Commission: its purpose is taken over by another measure of the plan.'
	},
	drop: {
		fr: 'Progression revue à la baisse : le périmètre a été élargi à de nouvelles régions et les étapes restantes ont été recalculées.',
		ar: 'تمت مراجعة نسبة التقدم نحو الانخفاض: تم توسيع نطاق التدبير ليشمل جهات جديدة وأعيد احتساب المراحل المتبقية.',
		en: 'Progress revised downwards: the scope was widened to new regions and the remaining steps were recalculated.'
	},
	late: {
		fr: ' Le retard tient aux délais de mobilisation des partenaires et des financements.',
		ar: ' ويعزى التأخر إلى آجال تعبئة الشركاء والتمويلات.',
		en: ' The delay is due to the time taken to mobilise partners and funding.'
	}
} as const;

const RETURN_COMMENTS = [
	'Merci de préciser les régions concernées et de joindre le compte rendu de la dernière réunion.',
	"Le taux d'avancement déclaré ne correspond pas aux activités décrites : merci de le justifier."
];
const VALUE_RETURN_COMMENT = 'Valeur incohérente avec le semestre précédent : merci de vérifier la saisie.';

// ─── generation ─────────────────────────────────────────────────────────────────────────────────

export interface DemoHashes {
	/** password → argon2 hash, for the demo accounts */
	byPassword: Map<string, string>;
	/** hash of the shared password of the generated focal points */
	shared: string;
}

export interface DemoCounts {
	objectives: number;
	measures: number;
	indicators: number;
	indicatorValues: number;
	progressUpdates: number;
	regionStages: number;
	reportingPeriods: number;
	partnerProjects: number;
	users: number;
	recommendationLinks: number;
}

interface PlannedUpdate {
	period: string;
	status: MeasureStatus;
	progress: number;
	state: WorkflowState;
	narrative: Narrative;
	reviewComment: string | null;
}

interface MeasurePlan {
	code: string;
	objectiveCode: string;
	tpl: MeasureTpl;
	pillar: Pillar;
	start: string;
	deadline: string;
	weight: number;
	updates: PlannedUpdate[];
	/** progress (0-100) at the end of each semester, for indicator trajectories */
	progressAt: (date: string) => number;
	/** the last period values are reported for (a stopped measure reports no more) */
	lastReportedPeriod: string;
	final: { status: MeasureStatus; progress: number };
}

function insertChunked<T extends Parameters<Db['insert']>[0]>(db: Db, table: T, rows: T['$inferInsert'][], size = 400): void {
	for (let i = 0; i < rows.length; i += size) db.insert(table).values(rows.slice(i, i + size)).run();
}

const semesterEnd = (p: string) => bounds(p).end;

/** Submission and review instants for a report on period `period` (within its reporting window, before today). */
function reportTimes(rng: Rng, period: string): { submittedAt: string; reviewedAt: string; createdAt: string } {
	const end = bounds(period).end;
	const latest = period === '2026-S1';
	const submitted = minDate(addDays(end, latest ? rng.int(3, 9) : rng.int(6, 28)), addDays(LAST_DAY, -2));
	const reviewed = minDate(addDays(submitted, latest ? rng.int(1, 6) : rng.int(2, 14)), LAST_DAY);
	return {
		createdAt: at(addDays(submitted, -rng.int(1, 4)), 9, rng.int(0, 59)),
		submittedAt: at(submitted, 10, rng.int(0, 59)),
		reviewedAt: at(reviewed, 15, rng.int(0, 59))
	};
}

function mnrCounts(date: string): { operational: number; pilot: number; preparation: number } {
	const c = { operational: 0, pilot: 0, preparation: 0 };
	for (const history of Object.values(MNR_STAGES)) {
		const stage = stageAt(history, date);
		if (stage !== 'not_started') c[stage]++;
	}
	return c;
}
function stageAt(history: readonly (readonly [RolloutStage, string])[], date: string): RolloutStage {
	let stage: RolloutStage = 'not_started';
	for (const [st, since] of history) if (since <= date) stage = st;
	return stage;
}

function narrativeFor(rng: Rng, tpl: MeasureTpl, period: string, status: MeasureStatus, progress: number, late: boolean, k = 0): Narrative {
	const fam: Family = FAMILIES[tpl.fam];
	const lbl = (i: 0 | 1 | 2) => formatPeriod(period, i === 0 ? 'fr' : i === 1 ? 'ar' : 'en');
	let n: Narrative;
	if (tpl.special === 'mnr') {
		const c = mnrCounts(semesterEnd(period));
		n = {
			fr: `${lbl(0)} : MNR opérationnel dans ${countOf(c.operational, 'régions', 'fr')}, en phase pilote dans ${c.pilot}, en préparation dans ${c.preparation}.`,
			ar: `${lbl(1)}: آلية الإحالة الوطنية مفعّلة في ${countOf(c.operational, 'régions', 'ar')}، وفي المرحلة النموذجية في ${c.pilot}، وفي طور التحضير في ${c.preparation}.`,
			en: `${lbl(2)}: NRM operational in ${countOf(c.operational, 'régions', 'en')}, piloting in ${c.pilot}, preparing in ${c.preparation}.`
		};
	} else if (status === 'planned') n = { ...NARRATIVE.planned };
	else if (status === 'suspended') n = { ...NARRATIVE.suspended };
	else if (status === 'cancelled') n = { ...NARRATIVE.cancelled };
	else if (status === 'completed') {
		n = {
			fr: `Mesure achevée : ${fill(fam.done[0], tpl.target, 0)}.`,
			ar: `تم إنجاز التدبير: ${fill(fam.done[1], tpl.target, 1)}.`,
			en: `Measure completed: ${fill(fam.done[2], tpl.target, 2)}.`
		};
	} else {
		// successive reports of a measure alternate between the family's activities
		const act = fam.activities[(k + (fnv1a(tpl.t[0]) & 1)) % 2]!;
		n = {
			fr: `${lbl(0)} : ${fill(act[0], tpl.target, 0)}. Avancement estimé à ${progress} %.`,
			ar: `${lbl(1)}: ${fill(act[1], tpl.target, 1)}. نسبة التقدم المقدرة ${progress} في المائة.`,
			en: `${lbl(2)}: ${fill(act[2], tpl.target, 2)}. Estimated progress ${progress}%.`
		};
		if (late) n = { fr: n.fr + NARRATIVE.late.fr, ar: n.ar + NARRATIVE.late.ar, en: n.en + NARRATIVE.late.en };
	}
	// Every narrative in the three languages, like the rest of the generator's text. The two draws
	// that once left a translation out stay, so the rest of this stream (every later figure) is unchanged.
	rng.chance(0.72);
	rng.chance(0.6);
	return n;
}

/** Decides start, deadline, final status and the validated update history of one measure. */
type PendingKind = 'submitted' | 'returned' | 'draft' | 'stale';
/** How many measures in progress have a pending report on 2026-S1, or no validated update since 2025-S1. */
const PENDING_QUOTAS: readonly (readonly [PendingKind, number])[] = [
	['submitted', 5],
	['returned', 2],
	['draft', 2],
	['stale', 5]
];

function planMeasure(code: string, objectiveCode: string, tpl: MeasureTpl, pillar: Pillar, pendingKind: PendingKind | null): MeasurePlan {
	const rng = new Rng(`measure:${code}`);
	const start = tpl.start ?? addDays(rng.chance(0.6) ? '2023-04-03' : '2024-01-08', rng.int(0, 250));
	let deadline = tpl.deadline;
	if (!deadline) {
		const bucket = rng.float();
		const year = bucket < 0.22 ? rng.int(2024, 2025) : bucket < 0.55 ? rng.int(2026, 2027) : rng.int(2028, 2030);
		deadline = rng.chance(0.5) ? `${year}-06-30` : `${year}-12-31`;
		if (deadline <= addDays(start, 300)) deadline = `${Number(start.slice(0, 4)) + 2}-12-31`;
	}
	const weight = rng.int(1, 3);
	const active = DEMO_SEMESTERS.filter((p) => semesterEnd(p) > start);
	const span = dayMs(deadline) - dayMs(start);
	const expected = (date: string) => Math.min(1, Math.max(0, (dayMs(date) - dayMs(start)) / span));

	// The final state on DEMO_TODAY, and the last period a validated update exists for.
	let status: MeasureStatus;
	let progress: number;
	let lastPeriod = active[active.length - 1]!;
	let late = false;
	if (tpl.special === 'mnr') {
		const c = mnrCounts(semesterEnd(lastPeriod));
		status = 'in_progress';
		progress = Math.round((100 * (c.operational + 0.5 * c.pilot + 0.2 * c.preparation)) / 12);
	} else if (tpl.status === 'planned') {
		status = 'planned';
		progress = 0;
	} else if (tpl.status === 'suspended' || tpl.status === 'cancelled') {
		status = tpl.status;
		lastPeriod = rng.pick(['2025-S1', '2025-S2']);
		progress = Math.round(100 * expected(semesterEnd(lastPeriod)) * rng.range(0.3, 0.7));
	} else if (deadline < DEMO_TODAY) {
		if (rng.chance(0.6)) {
			status = 'completed';
			progress = 100;
			const doneBy = addDays(deadline, -rng.int(0, 170));
			// at least two reports before completion
			const found = active.findIndex((p) => semesterEnd(p) >= doneBy);
			lastPeriod = active[found < 0 ? active.length - 1 : Math.min(Math.max(1, found), active.length - 1)]!;
		} else {
			status = 'in_progress';
			progress = rng.int(55, 88);
			late = true;
		}
	} else if (rng.chance(0.08)) {
		status = 'completed';
		progress = 100;
		lastPeriod = rng.pick(active.slice(Math.max(2, active.length - 3)));
	} else {
		status = 'in_progress';
		progress = Math.min(95, Math.max(5, Math.round(100 * expected(DEMO_TODAY) * rng.range(0.45, 1.3))));
	}
	if (tpl.cap) {
		// what is public bounds the demonstration: in progress, never done before it really is
		status = 'in_progress';
		progress = rng.int(tpl.cap[0], tpl.cap[1]);
		late = false;
	}
	if (pendingKind === 'stale' && status === 'in_progress' && tpl.special !== 'mnr') lastPeriod = '2025-S1';
	if (pendingKind && pendingKind !== 'stale' && status === 'in_progress') lastPeriod = '2025-S2';

	const upTo = active.filter((p) => p <= lastPeriod);
	const n = Math.max(1, Math.min(upTo.length, tpl.special === 'mnr' ? 6 : rng.int(2, 6)));
	// n periods evenly spread over the active ones, always ending with lastPeriod.
	const periods = [...new Set(Array.from({ length: n }, (_, k) => upTo[Math.round(((k + 1) * (upTo.length - 1)) / n)]!))];
	if (periods[periods.length - 1] !== lastPeriod) periods.push(lastPeriod);
	if (periods.length < 2 && upTo.length >= 2) periods.unshift(upTo[0]!);

	const finalProgress = progress;
	const path: number[] = periods.map((p, k) => {
		if (status === 'planned') return 0;
		if (tpl.special === 'mnr') {
			const c = mnrCounts(semesterEnd(p));
			return Math.round((100 * (c.operational + 0.5 * c.pilot + 0.2 * c.preparation)) / 12);
		}
		if (k === periods.length - 1) return finalProgress;
		const share = (k + 1) / periods.length;
		const v = Math.round(finalProgress * share * rng.range(0.75, 1.1));
		return status === 'completed' ? Math.min(95, v) : v;
	});
	for (let k = 1; k < path.length; k++) if (path[k]! < path[k - 1]!) path[k] = path[k - 1]!;
	if (status === 'completed') path[path.length - 1] = 100;
	if ((status === 'suspended' || status === 'cancelled') && path.length >= 2) path[path.length - 1] = path[path.length - 2]!;
	if (status === 'suspended' || status === 'cancelled') progress = path[path.length - 1]!;
	const dropAt = tpl.drop && path.length >= 3 ? path.length - 1 : -1;
	if (dropAt > 0) path[dropAt - 1] = Math.min(95, path[dropAt]! + rng.int(12, 20));

	const updates: PlannedUpdate[] = periods.map((period, k) => {
		const p = path[k]!;
		const isLast = k === periods.length - 1;
		const st: MeasureStatus = isLast ? status : p === 0 ? 'planned' : 'in_progress';
		const narrative = k === dropAt ? { ...NARRATIVE.drop } : narrativeFor(rng, tpl, period, st, p, isLast && late, k);
		return { period, status: st, progress: p, state: 'validated', narrative, reviewComment: null };
	});

	// One more report on the latest period, not (yet) validated.
	if (pendingKind && pendingKind !== 'stale' && status === 'in_progress') {
		const p = Math.min(99, progress + rng.int(3, 10));
		updates.push({
			period: '2026-S1',
			status: 'in_progress',
			progress: p,
			state: pendingKind,
			narrative: narrativeFor(rng, tpl, '2026-S1', 'in_progress', p, false, updates.length),
			reviewComment: pendingKind === 'returned' ? RETURN_COMMENTS[fnv1a(code) % RETURN_COMMENTS.length]! : null
		});
	}

	const points: [number, number][] = [[dayMs(start), 0], ...updates.filter((u) => u.state === 'validated').map((u) => [dayMs(semesterEnd(u.period)), u.progress] as [number, number])];
	const progressAt = (date: string): number => {
		const t = dayMs(date);
		if (t <= points[0]![0]) return 0;
		for (let k = 1; k < points.length; k++) {
			const [t1, v1] = points[k]!;
			const [t0, v0] = points[k - 1]!;
			if (t <= t1) return v0 + ((v1 - v0) * (t - t0)) / (t1 - t0);
		}
		return points[points.length - 1]![1];
	};

	return {
		code,
		objectiveCode,
		tpl,
		pillar,
		start,
		deadline,
		weight,
		updates,
		progressAt,
		lastReportedPeriod: status === 'suspended' || status === 'cancelled' ? lastPeriod : '2026-S1',
		final: { status, progress }
	};
}

/**
 * Inserts the demonstration data. Expects the public record (`insertPublic`) to be there already and the
 * password hashes computed beforehand (better-sqlite3 transactions are synchronous).
 */
export function insertDemo(db: Db, files: SeedFiles, hashes: DemoHashes, log: (line: string) => void = () => {}): DemoCounts {
	const regions = files.regions.regions;
	const regionId = regionIds(db);
	const instId = codeIds(db, s.institutions);
	const planIds = codeIds(db, s.plans);
	const axisId = codeIds(db, s.axes);
	const recId = codeIds(db, s.recommendations);
	const need = <T>(map: Map<string, T>, key: string, what: string): T => {
		const v = map.get(key);
		if (v === undefined) throw new Error(`Seed (demo): unknown ${what} "${key}"`);
		return v;
	};
	if (!planIds.has(DEMO_PLAN)) throw new Error(`Seed (demo): plan ${DEMO_PLAN} is missing`);
	const axisPillar = new Map(files.plans.axes.map((a) => [a.code, a.pillar]));
	const population = new Map(regions.map((r) => [r.iso, r.population]));
	const created = at('2023-03-20', 9);

	// ── users ──
	const leads = [...new Set(Object.values(CATALOGUE).flatMap((objs) => objs.flatMap((o) => o.measures.map((m) => m.lead))))];
	const gen = files.demoAccounts.generatedFocalPoints;
	const userRows: (typeof s.users.$inferInsert)[] = files.demoAccounts.accounts.map((a) => ({
		email: a.email,
		name: a.name,
		role: a.role,
		institutionId: a.institution === null ? null : need(instId, a.institution, 'institution'),
		passwordHash: need(hashes.byPassword, a.password, 'password hash'),
		locale: a.locale,
		isDemo: true,
		createdAt: created,
		updatedAt: created
	}));
	leads.forEach((code, i) => {
		const name = gen.names[i % gen.names.length]!;
		userRows.push({
			email: gen.emailPattern.replace('<code>', code.toLowerCase()),
			name,
			role: 'focal_point',
			institutionId: need(instId, code, 'institution'),
			passwordHash: hashes.shared,
			locale: 'fr',
			isDemo: true,
			createdAt: created,
			updatedAt: created
		});
	});
	let usersInserted = 0;
	for (const u of userRows) usersInserted += db.insert(s.users).values(u).onConflictDoNothing({ target: s.users.email }).run().changes;
	const users = db.select({ id: s.users.id, email: s.users.email, role: s.users.role, institutionId: s.users.institutionId }).from(s.users).all();
	const userByEmail = new Map(users.map((u) => [u.email, u.id]));
	const reviewer = need(userByEmail, files.demoAccounts.accounts.find((a) => a.role === 'commission')?.email ?? '', 'commission account');
	const focalPoints = (institution: string): number[] => {
		const id = need(instId, institution, 'institution');
		const ids = userRows.filter((u) => u.role === 'focal_point' && u.institutionId === id).map((u) => need(userByEmail, u.email, 'user'));
		return ids.length ? ids : [reviewer];
	};

	// ── reporting periods ──
	const periodRows = REPORTING_PERIOD_CODES.map((code) => {
		const end = bounds(code).end;
		const opensOn = addDays(end, -15);
		const dueOn = addDays(end, 31);
		const closed = addDays(dueOn, 30);
		return { code, opensOn, dueOn, closedAt: closed < DEMO_TODAY ? at(closed, 18) : null, createdAt: at(addDays(opensOn, -10), 9), updatedAt: at(addDays(opensOn, -10), 9) };
	});
	let reportingPeriods = 0;
	for (const r of periodRows) reportingPeriods += db.insert(s.reportingPeriods).values(r).onConflictDoNothing({ target: s.reportingPeriods.code }).run().changes;

	// ── plan structure ──
	const plans: MeasurePlan[] = [];
	const objectiveRows: (typeof s.objectives.$inferInsert)[] = [];
	const entries: { code: string; objectiveCode: string; tpl: MeasureTpl; pillar: Pillar }[] = [];
	for (const [axisCode, objectives] of Object.entries(CATALOGUE)) {
		const pillar = need(axisPillar, axisCode, 'axis');
		objectives.forEach((o, oi) => {
			const objectiveCode = `${axisCode}.${oi + 1}`;
			objectiveRows.push({
				axisId: need(axisId, axisCode, 'axis'),
				code: objectiveCode,
				titleFr: o.t[0],
				titleAr: o.t[1],
				titleEn: o.t[2],
				sortOrder: oi + 1,
				isDemo: true,
				createdAt: created,
				updatedAt: created
			});
			o.measures.forEach((m, mi) => entries.push({ code: `${objectiveCode}.${mi + 1}`, objectiveCode, tpl: m, pillar }));
		});
	}
	// Which measures in progress have a report on 2026-S1 not validated yet (submitted, returned, draft), and
	// which went stale (nothing validated since 2025-S1): a fixed number of each, drawn deterministically.
	const eligible = entries.filter((e) => !e.tpl.special && planMeasure(e.code, e.objectiveCode, e.tpl, e.pillar, null).final.status === 'in_progress');
	const drawRng = new Rng('pending');
	const drawn = eligible.map((e) => ({ e, key: drawRng.float() })).sort((a, b) => a.key - b.key).map((x) => x.e.code);
	const pendingKinds = new Map<string, PendingKind>();
	for (const [kind, n] of PENDING_QUOTAS) for (let i = 0; i < n && drawn.length > 0; i++) pendingKinds.set(drawn.shift()!, kind);
	for (const e of entries) plans.push(planMeasure(e.code, e.objectiveCode, e.tpl, e.pillar, pendingKinds.get(e.code) ?? null));
	insertChunked(db, s.objectives, objectiveRows);
	const objectiveId = codeIds(db, s.objectives);

	const measureRows = plans.map((p) => {
		const validated = p.updates.filter((u) => u.state === 'validated');
		const last = validated[validated.length - 1]!;
		const lastTimes = reportTimes(new Rng(`times:${p.code}:${last.period}`), last.period);
		const fam: Family = FAMILIES[p.tpl.fam];
		return {
			objectiveId: need(objectiveId, p.objectiveCode, 'objective'),
			code: p.code,
			titleFr: p.tpl.t[0],
			titleAr: p.tpl.t[1],
			titleEn: p.tpl.t[2],
			descriptionFr: fill(fam.description[0], p.tpl.target, 0),
			descriptionAr: p.tpl.t[1] === null ? null : fill(fam.description[1], p.tpl.target, 1),
			descriptionEn: p.tpl.t[2] === null ? null : fill(fam.description[2], p.tpl.target, 2),
			leadInstitutionId: need(instId, p.tpl.lead, 'institution'),
			pillar: p.pillar,
			startDate: p.start,
			deadline: p.deadline,
			status: last.status,
			progress: last.progress,
			weight: p.weight,
			regionalRollout: p.tpl.special === 'mnr',
			lastValidatedAt: lastTimes.reviewedAt,
			sources: p.tpl.special === 'mnr' ? sourcesJson(files.plans.mnr.sources) : '[]',
			isDemo: true,
			version: validated.length + 1,
			createdAt: at(p.start, 8),
			updatedAt: lastTimes.reviewedAt
		};
	});
	insertChunked(db, s.measures, measureRows);
	const measureId = codeIds(db, s.measures);

	const contributorRows = plans.flatMap((p) =>
		(p.tpl.with ?? []).map((c) => ({ measureId: need(measureId, p.code, 'measure'), institutionId: need(instId, c, 'institution') }))
	);
	insertChunked(db, s.measureInstitutions, contributorRows);
	const regionLinkRows = plans.flatMap((p) =>
		(p.tpl.regions ?? []).map((iso) => ({ measureId: need(measureId, p.code, 'measure'), regionId: need(regionId, iso, 'region') }))
	);
	insertChunked(db, s.measureRegions, regionLinkRows);

	// ── recommendation links ──
	const recLinks = plans.flatMap((p) => (p.tpl.recs ?? []).map((r) => ({ recommendationId: need(recId, r, 'recommendation'), measureId: need(measureId, p.code, 'measure') })));
	for (const r of files.recommendations.recommendations) {
		const n = recLinks.filter((l) => l.recommendationId === recId.get(r.code)).length;
		if (n < 1 || n > 6) throw new Error(`Seed (demo): recommendation ${r.code} is linked to ${n} measures (expected 1-6)`);
	}
	insertChunked(db, s.recommendationMeasures, recLinks);

	// ── progress updates ──
	const updateRows: (typeof s.progressUpdates.$inferInsert)[] = [];
	for (const p of plans) {
		const authors = focalPoints(p.tpl.lead);
		p.updates.forEach((u, k) => {
			const t = reportTimes(new Rng(`times:${p.code}:${u.period}`), u.period);
			const draft = u.state === 'draft';
			updateRows.push({
				measureId: need(measureId, p.code, 'measure'),
				period: u.period,
				status: u.status,
				progress: u.progress,
				narrativeFr: u.narrative.fr,
				narrativeAr: u.narrative.ar,
				narrativeEn: u.narrative.en,
				state: u.state,
				baseVersion: Math.min(k + 1, p.updates.filter((x) => x.state === 'validated').length + 1),
				authorId: authors[k % authors.length]!,
				institutionId: need(instId, p.tpl.lead, 'institution'),
				reviewerId: u.state === 'validated' || u.state === 'returned' ? reviewer : null,
				reviewComment: u.reviewComment,
				submittedAt: draft ? null : t.submittedAt,
				reviewedAt: u.state === 'validated' || u.state === 'returned' ? t.reviewedAt : null,
				isDemo: true,
				createdAt: t.createdAt,
				updatedAt: draft ? t.createdAt : u.state === 'submitted' ? t.submittedAt : t.reviewedAt
			});
		});
	}
	insertChunked(db, s.progressUpdates, updateRows);

	// ── MNR stages ──
	const mnr = plans.find((p) => p.tpl.special === 'mnr');
	const stageRows: (typeof s.measureRegionStages.$inferInsert)[] = [];
	if (mnr) {
		const author = focalPoints(mnr.tpl.lead)[0]!;
		for (const r of regions) {
			const history = MNR_STAGES[r.iso] ?? [];
			const entries: readonly (readonly [RolloutStage, string])[] = history.length ? history : [['not_started', mnr.start]];
			for (const [stage, since] of entries) {
				stageRows.push({
					measureId: need(measureId, mnr.code, 'measure'),
					regionId: need(regionId, r.iso, 'region'),
					stage,
					since,
					note: stage === 'not_started' ? 'Démonstration : calendrier régional non public.' : null,
					state: 'validated',
					authorId: author,
					reviewerId: reviewer,
					submittedAt: at(minDate(addDays(since, 3), addDays(LAST_DAY, -1)), 10),
					reviewedAt: at(minDate(addDays(since, 8), LAST_DAY), 16),
					isDemo: true,
					createdAt: at(since, 9),
					updatedAt: at(minDate(addDays(since, 8), LAST_DAY), 16)
				});
			}
		}
		stageRows.push({
			measureId: need(measureId, mnr.code, 'measure'),
			regionId: need(regionId, MNR_PENDING.region, 'region'),
			stage: MNR_PENDING.stage,
			since: MNR_PENDING.since,
			note: 'Comité régional installé ; premiers cas référencés.',
			state: 'submitted',
			authorId: author,
			submittedAt: at(addDays(MNR_PENDING.since, 5), 11),
			isDemo: true,
			createdAt: at(addDays(MNR_PENDING.since, 4), 9),
			updatedAt: at(addDays(MNR_PENDING.since, 5), 11)
		});
		insertChunked(db, s.measureRegionStages, stageRows);
	}

	// ── indicators and values ──
	const indicatorRows: (typeof s.indicators.$inferInsert)[] = [];
	interface IndicatorGen {
		code: string;
		plan: MeasurePlan;
		tpl: IndicatorTpl;
		base: number;
		target: number;
	}
	const gens: IndicatorGen[] = [];
	const pub = files.publicValues;
	for (const p of plans) {
		const id = need(measureId, p.code, 'measure');
		if (p.tpl.special === 'public') {
			for (const ind of pub.indicators) {
				indicatorRows.push({
					measureId: id,
					code: ind.code,
					nameFr: ind.name.fr,
					nameAr: ind.name.ar ?? null,
					nameEn: ind.name.en ?? null,
					...catalogueUnit(ind.unit),
					kind: ind.kind,
					baselineValue: ind.baseline?.value ?? null,
					baselineYear: ind.baseline?.year ?? null,
					direction: ind.direction,
					frequency: ind.frequency,
					dimensions: JSON.stringify(ind.dimensions),
					sensitive: ind.sensitive,
					sdgTarget: ind.sdgTarget,
					plausibleMin: 0,
					sources: sourcesJson(uniqueSources(pub.values.filter((v) => v.indicator === ind.code).flatMap((v) => v.sources))),
					isDemo: false,
					createdAt: created,
					updatedAt: created
				});
			}
			continue;
		}
		const fam: Family = FAMILIES[p.tpl.fam];
		fam.indicators.forEach((t, k) => {
			const rng = new Rng(`indicator:${p.code}:${k}`);
			const base = t.kind === 'percent' || t.kind === 'amount' ? rng.range(t.base[0], t.base[1]) : rng.int(t.base[0], t.base[1]);
			const target = rng.range(t.target[0], t.target[1]);
			const round = (v: number) => (t.unit === 'MAD' ? Math.round(v / 10_000) * 10_000 : Math.round(v));
			const code = `${p.code}-I${k + 1}`;
			const dims = t.dims.filter((d) => d !== 'region' || p.tpl.regions === undefined || p.tpl.regions.length > 1);
			gens.push({ code, plan: p, tpl: t, base, target });
			indicatorRows.push({
				measureId: id,
				code,
				nameFr: fill(t.name[0], p.tpl.target, 0)!,
				// Like the rest of the generator's text, every name in the three languages.
				nameAr: fill(t.name[1], p.tpl.target, 1),
				nameEn: fill(t.name[2], p.tpl.target, 2),
				...catalogueUnit(t.unit),
				kind: t.kind,
				baselineValue: t.kind === 'boolean' ? 0 : round(base),
				baselineYear: 2022,
				targetValue: t.kind === 'boolean' ? 1 : round(target),
				targetYear: Math.min(2030, Math.max(2024, Number(p.deadline.slice(0, 4)))),
				direction: t.down ? 'down' : 'up',
				frequency: t.freq,
				dimensions: JSON.stringify(dims),
				sensitive: t.sensitive ?? false,
				sdgTarget: t.sdg ?? null,
				plausibleMin: 0,
				plausibleMax: t.kind === 'percent' ? 100 : t.kind === 'boolean' ? 1 : null,
				isDemo: true,
				createdAt: at(p.start, 8),
				updatedAt: at(p.start, 8)
			});
		});
	}
	insertChunked(db, s.indicators, indicatorRows);
	const indicatorId = codeIds(db, s.indicators);

	/**
	 * When a public figure became known: the latest day its earliest source's date allows ("2023-06" →
	 * 30 June 2023, "2019" → 31 December 2019), so "as of" a date never counts it before it was published.
	 */
	const publishedAt = (list: readonly { date?: string | null }[], fallback: string): string => {
		const dates = list.map((x) => x.date ?? '').filter((d) => /^\d{4}(-\d{2}(-\d{2})?)?$/.test(d)).sort();
		const d = dates[0];
		if (!d) return at(fallback, 12);
		if (d.length === 10) return at(d, 12);
		if (d.length === 7) {
			const [y, m] = d.split('-').map(Number) as [number, number];
			return at(new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10), 12);
		}
		return at(`${d}-12-31`, 12);
	};
	const valueRows: (typeof s.indicatorValues.$inferInsert)[] = [];
	// public figures: real, national, not demo
	const publicPlan = plans.find((p) => p.tpl.special === 'public');
	if (publicPlan) {
		for (const v of pub.values) {
			if (v.value === null) continue;
			const b = bounds(v.period);
			const year = Number(v.period.slice(0, 4));
			const entered = year < 2022 ? '2023-06-15' : `${year + 1}-09-15`;
			valueRows.push({
				indicatorId: need(indicatorId, v.indicator, 'indicator'),
				period: v.period,
				periodStart: b.start,
				periodEnd: b.end,
				regionId: null,
				sex: v.sex ?? null,
				ageGroup: v.ageGroup ?? null,
				exploitation: v.exploitation ?? null,
				nationality: v.nationality ?? null,
				value: v.value,
				source: v.sources[0]!.title,
				note: v.note ?? null,
				state: 'validated',
				isCurrent: true,
				// the public record: nobody here reported or validated it; it counts from its publication
				publicRecord: true,
				reportedBy: null,
				validatedBy: null,
				submittedAt: null,
				validatedAt: publishedAt(v.sources, entered),
				sources: sourcesJson(v.sources),
				isDemo: false,
				// fixed times, so that two seeds give the same rows
				createdAt: publishedAt(v.sources, entered),
				updatedAt: publishedAt(v.sources, entered)
			});
		}
	}

	let returnedExample = false;
	for (const g of gens) {
		const p = g.plan;
		const t = g.tpl;
		const rng = new Rng(`values:${g.code}`);
		const id = need(indicatorId, g.code, 'indicator');
		const reporters = focalPoints(p.tpl.lead);
		const concerned = (p.tpl.regions ?? regions.map((r) => r.iso)).slice();
		const byRegion = t.dims.includes('region') && concerned.length > 1;
		// fixed regional profile for this indicator: weights for counts, offsets for percents
		const weight = new Map(concerned.map((iso) => [iso, (population.get(iso) ?? 1) * rng.range(0.6, 1.4)]));
		const totalWeight = [...weight.values()].reduce((a, b) => a + b, 0);
		const offset = new Map(concerned.map((iso) => [iso, rng.range(-9, 9)]));
		const periods = (t.freq === 'semester' ? DEMO_SEMESTERS : DEMO_YEARS).filter((code) => {
			const b = bounds(code);
			return b.end > p.start && (t.freq === 'annual' ? code <= p.lastReportedPeriod.slice(0, 4) : code <= p.lastReportedPeriod);
		});
		// The latest semester: most reports are validated, a few still submitted or in draft.
		const latestState: WorkflowState = rng.chance(0.07) ? 'submitted' : rng.chance(0.04) ? 'draft' : 'validated';
		for (const period of periods) {
			const b = bounds(period);
			const f = p.progressAt(b.end) / 100;
			const state: WorkflowState = period === '2026-S1' ? latestState : 'validated';
			const times = reportTimes(new Rng(`vt:${g.code}:${period}`), period);
			const common = {
				indicatorId: id,
				period,
				periodStart: b.start,
				periodEnd: b.end,
				state,
				isCurrent: state === 'validated',
				reportedBy: reporters[0]!,
				validatedBy: state === 'validated' ? reviewer : null,
				submittedAt: state === 'draft' ? null : times.submittedAt,
				validatedAt: state === 'validated' ? times.reviewedAt : null,
				isDemo: true,
				createdAt: times.createdAt,
				updatedAt: state === 'validated' ? times.reviewedAt : state === 'submitted' ? times.submittedAt : times.createdAt
			};
			const noise = () => rng.range(0.88, 1.12);
			let national: number;
			const regional: [string, number][] = [];
			if (p.tpl.special === 'mnr' && t.kind === 'count' && !t.dims.includes('region')) {
				national = mnrCounts(b.end).operational;
			} else if (t.kind === 'boolean') {
				national = p.progressAt(b.end) >= 100 ? 1 : 0;
			} else if (t.tracksProgress) {
				national = Math.round(p.progressAt(b.end));
			} else if (t.kind === 'percent') {
				const level = Math.min(100, Math.max(0, g.base + (g.target - g.base) * f + rng.range(-3, 3)));
				if (byRegion) {
					for (const iso of concerned) regional.push([iso, Math.round(Math.min(100, Math.max(0, level + offset.get(iso)! + rng.range(-3, 3))) * 10) / 10]);
					national = Math.round((regional.reduce((a, [, v]) => a + v, 0) / regional.length) * 10) / 10;
				} else national = Math.round(level * 10) / 10;
			} else {
				const level = Math.max(0, (g.base + (g.target - g.base) * f) * noise());
				if (byRegion) {
					for (const iso of concerned) {
						let v = Math.round((level * weight.get(iso)!) / totalWeight);
						if (p.tpl.special === 'mnr') {
							const stage = stageAt(MNR_STAGES[iso] ?? [], b.end);
							if (stage === 'not_started' || stage === 'preparation') v = 0;
						}
						regional.push([iso, v]);
					}
					national = regional.reduce((a, [, v]) => a + v, 0);
				} else national = t.kind === 'amount' && t.unit === 'MAD' ? Math.round(level / 10_000) * 10_000 : t.kind === 'amount' ? Math.round(level * 10) / 10 : Math.round(level);
			}
			valueRows.push({ ...common, regionId: null, value: national });
			for (const [iso, v] of regional) valueRows.push({ ...common, regionId: need(regionId, iso, 'region'), value: v });
			if (t.dims.includes('sex') && t.kind === 'count' && national > 0) {
				const female = Math.round(national * rng.range(0.52, 0.66));
				valueRows.push({ ...common, regionId: null, sex: 'female', value: female });
				valueRows.push({ ...common, regionId: null, sex: 'male', value: national - female });
			}
			// One value returned for correction, then corrected and validated.
			if (!returnedExample && period === '2025-S2' && byRegion && t.kind === 'count' && regional.length > 3) {
				const [iso, v] = regional[3]!;
				valueRows.push({
					...common,
					regionId: need(regionId, iso, 'region'),
					value: v * 10 + 7,
					state: 'returned',
					isCurrent: false,
					validatedBy: null,
					validatedAt: null,
					reviewComment: VALUE_RETURN_COMMENT,
					createdAt: at(addDays(times.createdAt.slice(0, 10), -3), 9),
					updatedAt: at(addDays(times.submittedAt.slice(0, 10), -1), 12)
				});
				returnedExample = true;
			}
		}
	}
	insertChunked(db, s.indicatorValues, valueRows, 300);

	// ── partner projects (demonstration ones) and links ──
	let projectsInserted = 0;
	for (const d of DEMO_PROJECTS) {
		projectsInserted += db
			.insert(s.partnerProjects)
			.values({
				code: d.code,
				partnerInstitutionId: need(instId, d.partner, 'institution'),
				donorInstitutionId: need(instId, d.donor, 'institution'),
				donorName: null,
				titleFr: d.title[0],
				titleAr: d.title[1],
				titleEn: d.title[2],
				startDate: d.start,
				endDate: d.end,
				budgetMinor: majorToMinor(d.budget, d.currency),
				currency: d.currency,
				status: d.status,
				isDemo: true,
				createdAt: created,
				updatedAt: created
			})
			.onConflictDoNothing({ target: s.partnerProjects.code })
			.run().changes;
	}
	const projectId = codeIds(db, s.partnerProjects);
	const projectLinks = [
		...DEMO_PROJECTS.flatMap((d) => d.measures.map((m) => [d.code, m] as const)),
		...Object.entries(PUBLIC_PROJECT_LINKS).flatMap(([code, ms]) => (projectId.has(code) ? ms.map((m) => [code, m] as const) : []))
	].map(([code, m]) => ({ projectId: need(projectId, code, 'partner project'), measureId: need(measureId, m, 'measure') }));
	insertChunked(db, s.partnerProjectMeasures, projectLinks);
	insertChunked(
		db,
		s.partnerProjectRegions,
		DEMO_PROJECTS.flatMap((d) => d.regions.map((r) => ({ projectId: need(projectId, d.code, 'partner project'), regionId: need(regionId, r, 'region') })))
	);
	// Demonstration conversion rates to MAD (badged on the funding view), per year of the demonstration.
	insertChunked(
		db,
		s.exchangeRates,
		DEMO_RATES.flatMap(([year, rates]) => Object.entries(rates).map(([currency, madPerUnitMicro]) => ({ year, currency, madPerUnitMicro, isDemo: true })))
	);

	const counts: DemoCounts = {
		objectives: objectiveRows.length,
		measures: measureRows.length,
		indicators: indicatorRows.length,
		indicatorValues: valueRows.length,
		progressUpdates: updateRows.length,
		regionStages: stageRows.length,
		reportingPeriods,
		partnerProjects: projectsInserted,
		users: usersInserted,
		recommendationLinks: recLinks.length
	};
	log(
		`demonstration: ${counts.objectives} objectives, ${counts.measures} measures, ${counts.indicators} indicators, ${counts.indicatorValues} values, ` +
			`${counts.progressUpdates} progress updates, ${counts.regionStages} MNR stages, ${counts.users} users`
	);
	return counts;
}

function uniqueSources<T extends { title: string; url?: string }>(sources: T[]): T[] {
	const seen = new Map<string, T>();
	// the same document once: by its address, or by its title when it has none
	for (const x of sources) if (!seen.has(x.url ?? x.title)) seen.set(x.url ?? x.title, x);
	return [...seen.values()];
}
