/** Column sets shared by the read models, so a measure row looks the same in every list. */
import { institutions, measures } from './db/schema';

export const institutionLabelColumns = {
	code: institutions.code,
	nameFr: institutions.nameFr,
	nameAr: institutions.nameAr,
	nameEn: institutions.nameEn,
	acronymFr: institutions.acronymFr,
	acronymAr: institutions.acronymAr,
	acronymEn: institutions.acronymEn,
	shortNameFr: institutions.shortNameFr,
	shortNameAr: institutions.shortNameAr,
	shortNameEn: institutions.shortNameEn
};

/** A measure as lists show it; the query must join `institutions` on the lead. */
export const measureRowColumns = {
	id: measures.id,
	code: measures.code,
	titleFr: measures.titleFr,
	titleAr: measures.titleAr,
	titleEn: measures.titleEn,
	status: measures.status,
	progress: measures.progress,
	startDate: measures.startDate,
	deadline: measures.deadline,
	lastValidatedAt: measures.lastValidatedAt,
	isDemo: measures.isDemo,
	lead: institutionLabelColumns
};
