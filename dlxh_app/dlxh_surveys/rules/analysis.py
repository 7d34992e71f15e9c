"""The analysis of a survey's answers: what a statistician would sign, computed over a pandas DataFrame (one
row per response, one column per question code, as `responses.load_answers` returns it) and the weights of
rules/weighting.py.

- Frequencies per question: a single choice or Likert point as a share of those who answered, a multiple
  choice per option (a respondent may choose several, so the shares add up to more than 100 %), a Likert
  scale's mean, a number's mean and median; item non-response (unanswered, including not asked by the skip
  logic) as a count and a share of all respondents; answers that are no option of the question (a choice
  removed from a later version) counted apart, never as an option.
- Percentages unweighted and weighted side by side; the margin of error of every weighted percentage at the
  survey's confidence level, design-based through the weights' effective sample size (Kish):
  MoE = z √(p (1 - p) / n_eff) √((N - n) / (N - 1)), n_eff = (Σw)² / Σw², the last factor when the
  population N is known (the finite-population correction of rules/sampling.py).
- Cross-tabulations of a question by a demographic: counts, the share of each group giving each answer
  (column percentages, with margins of error) and the spread of each answer over the groups (row
  percentages); Pearson's chi-square test of independence (scipy) on the respondents' counts, and, when the
  weights are unequal, its first-order Rao–Scott correction (the weighted table's X² over the weights'
  design effect); warnings when expected counts are small (Cochran: any below 1, or more than a fifth
  below 5).
- Before/after: the change of each shared answer's weighted share between two analyses, with its
  confidence interval (Wald, unpooled, effective sizes) and whether it is significant.

Everything returned is plain data (dicts, lists, floats, None for "not defined"), so it can be cached as
JSON and rendered by the web app and the printed report. Percentages are 0–100, margins in points."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from math import sqrt

import numpy as np
import pandas as pd
from scipy import stats

from dlxh_app.dlxh_surveys.rules.questionnaire import (
	AGE_GROUP,
	DECIMAL,
	INTEGER,
	LIKERT,
	SELECT_MULTIPLE,
	SELECT_ONE,
	QuestionnaireForm,
)
from dlxh_app.dlxh_surveys.rules.sampling import z_score
from dlxh_app.dlxh_surveys.rules.weighting import (
	OTHER_VALUE,
	UNANSWERED,
	Weights,
	answered_mask,
	code_answers,
	effective_size,
	factorize,
)

CHOICES = (SELECT_ONE, LIKERT)
NUMBERS = (INTEGER, DECIMAL)
# Age bands of an age asked as a number (18 is the age of majority, the others as the city's statistics).
AGE_BANDS = ((0, 17, "<18"), (18, 29, "18–29"), (30, 44, "30–44"), (45, 59, "45–59"), (60, 200, "60+"))
SMALL_EXPECTED = 5
SMALL_SHARE = 0.2  # Cochran: at most a fifth of the expected counts below 5, none below 1


@dataclass(frozen=True)
class Breakdown:
	"""A demographic to cross-tabulate by: a column of the answers and its groups in order."""

	column: str
	label: str
	options: tuple[str, ...]
	labels: Mapping[str, str] = field(default_factory=dict)
	age_bands: bool = False  # an age asked as a number, banded into AGE_BANDS

	def as_dict(self) -> dict:
		return {
			"column": self.column,
			"label": self.label,
			"groups": [{"value": value, "label": self.labels.get(value, value)} for value in self.options],
		}


def demographic_breakdowns(form: QuestionnaireForm) -> list[Breakdown]:
	"""The questionnaire's demographic questions as breakdowns: its choice questions by their choices, an
	age asked as a number by AGE_BANDS."""
	result = []
	for question in form.questions:
		rules = question.question
		if not rules.demographic:
			continue
		if rules.question_type in (*CHOICES, SELECT_MULTIPLE):
			if rules.question_type != SELECT_MULTIPLE:
				result.append(Breakdown(question.code, rules.label, question.options, question.labels))
		elif rules.question_type == INTEGER and rules.demographic == AGE_GROUP:
			bands = tuple(band[2] for band in AGE_BANDS)
			result.append(Breakdown(question.code, rules.label, bands, {}, age_bands=True))
	return result


def values_breakdown(column: str, label: str, values: pd.Series, labels: Mapping[str, str]) -> Breakdown:
	"""A breakdown by a column that is no question (the response's area): its values in the data, ordered
	by their labels."""
	present = sorted({str(value) for value in values.dropna().unique() if value != ""})
	present.sort(key=lambda value: (labels.get(value, value), value))
	return Breakdown(column, label, tuple(present), dict(labels))


# -- coding answers -----------------------------------------------------------------------------------


def choice_codes(values: pd.Series, options: Sequence[str]) -> np.ndarray:
	"""Each answer's position among `options`; UNANSWERED, or OTHER_VALUE for an answer that is none."""
	return code_answers(values, options)


def band_codes(values: pd.Series) -> np.ndarray:
	numbers = pd.to_numeric(values, errors="coerce").to_numpy(dtype=float)
	codes = np.full(len(numbers), UNANSWERED, dtype=np.int64)
	for position, (low, high, _label) in enumerate(AGE_BANDS):
		codes[(numbers >= low) & (numbers <= high)] = position
	codes[(codes == UNANSWERED) & ~np.isnan(numbers)] = OTHER_VALUE
	return codes


def breakdown_codes(frame: pd.DataFrame, breakdown: Breakdown) -> np.ndarray:
	values = frame[breakdown.column]
	return band_codes(values) if breakdown.age_bands else choice_codes(values, breakdown.options)


@dataclass(frozen=True)
class Selections:
	"""A multiple choice, by its distinct answers (few, however many respondents): each respondent's
	distinct answer, and for each distinct answer whether it is one, which options it chose and whether it
	chose a value that is no option. The last distinct answer is "unanswered"."""

	answer: np.ndarray  # per respondent, 0..distinct
	answered: np.ndarray  # per distinct answer
	chosen: np.ndarray  # distinct answers by options
	other: np.ndarray  # per distinct answer

	def respondents_chose(self) -> np.ndarray:
		"""Respondents by options: who chose which."""
		return self.chosen[self.answer]


def multiple_choice(values: pd.Series, options: Sequence[str]) -> Selections:
	"""Choices stored as their values separated by spaces (as ODK and KoboToolbox export them)."""
	codes, texts = factorize(values)
	position = {value: index for index, value in enumerate(options)}
	distinct = len(texts)
	answered = np.zeros(distinct + 1, dtype=bool)
	chosen = np.zeros((distinct + 1, len(options)), dtype=bool)
	other = np.zeros(distinct + 1, dtype=bool)
	for index, text in enumerate(texts):
		for token in (text or "").split():
			answered[index] = True
			if token in position:
				chosen[index, position[token]] = True
			else:
				other[index] = True
	return Selections(np.where(codes < 0, distinct, codes), answered, chosen, other)


def cell_sums(cells: np.ndarray, weights: np.ndarray, squares: np.ndarray, shape: tuple[int, int]):
	"""Respondents, their weights and squared weights in each cell of a table (cells numbered row-major)."""
	size = shape[0] * shape[1]
	return (
		np.bincount(cells, minlength=size).reshape(shape),
		np.bincount(cells, weights=weights, minlength=size).reshape(shape),
		np.bincount(cells, weights=squares, minlength=size).reshape(shape),
	)


# -- estimates ----------------------------------------------------------------------------------------


def finite_population_correction(population: float | None, answered: int) -> float:
	"""√((N - n) / (N - 1)) when the population is known and not smaller than the sample, else 1."""
	if not population or population <= 1 or answered > population:
		return 1.0
	return sqrt((population - answered) / (population - 1))


def margin_of_error(share, effective_n, z: float, correction: float = 1.0):
	"""z √(p (1 - p) / n_eff) * correction, for shares 0–1 (arrays or numbers); NaN where n_eff is 0. A
	share of 0 or 1, whose Wald margin would be 0, takes the width of its Wilson interval instead,
	z² / (n_eff + z²): no one answering so in a sample does not make the population's share certain."""
	share = np.asarray(share, dtype=float)
	effective_n = np.asarray(effective_n, dtype=float)
	with np.errstate(divide="ignore", invalid="ignore"):
		result = z * np.sqrt(share * (1 - share) / effective_n) * correction
		wilson = z * z / (effective_n + z * z) * correction
	result = np.where((share == 0) | (share == 1), wilson, result)
	return np.where(effective_n > 0, result, np.nan)


def divide(numerator, denominator):
	numerator = np.asarray(numerator, dtype=float)
	denominator = np.asarray(denominator, dtype=float)
	return np.divide(
		numerator,
		denominator,
		out=np.full(np.broadcast(numerator, denominator).shape, np.nan),
		where=denominator != 0,
	)


def plain(value):
	"""A number for JSON: NaN and infinities as None."""
	if value is None:
		return None
	value = float(value)
	return value if np.isfinite(value) else None


def plain_list(values) -> list:
	return [plain(value) for value in np.asarray(values, dtype=float).ravel()]


def option_rows(options, labels, counts, weighted, shares, weighted_shares, moe) -> list[dict]:
	return [
		{
			"value": value,
			"label": labels.get(value, value),
			"count": int(counts[i]),
			"weighted_count": plain(weighted[i]),
			"percent": plain(shares[i] * 100),
			"weighted_percent": plain(weighted_shares[i] * 100),
			"moe": plain(moe[i] * 100),
		}
		for i, value in enumerate(options)
	]


def weighted_mean(values: np.ndarray, weights: np.ndarray, z: float, correction: float) -> dict:
	"""Unweighted and weighted mean of `values` (no NaN), the weighted one's margin of error
	z √(s²_w / n_eff), s²_w the weighted variance."""
	if not len(values) or weights.sum() <= 0:
		return {"mean": None, "weighted_mean": None, "mean_moe": None}
	mean = float(np.average(values, weights=weights))
	variance = float(np.average((values - mean) ** 2, weights=weights))
	n_eff = effective_size(weights)
	return {
		"mean": float(values.mean()),
		"weighted_mean": mean,
		"mean_moe": plain(z * sqrt(variance / n_eff) * correction) if n_eff > 1 else None,
	}


def question_header(question, size: int, answered: int) -> dict:
	rules = question.question
	return {
		"code": question.code,
		"label": rules.label,
		"type": rules.question_type,
		"demographic": rules.demographic,
		"conditional": bool(question.relevant),
		"respondents": size,
		"answered": answered,
		"missing": size - answered,
		"missing_percent": plain(100 * (size - answered) / size) if size else None,
	}


def single_choice_frequencies(question, codes: np.ndarray, weights: np.ndarray, z: float, population) -> dict:
	options = question.options
	answered = codes != UNANSWERED
	known = codes >= 0
	n = int(answered.sum())
	total_weight = weights[answered].sum()
	counts = np.bincount(codes[known], minlength=len(options))
	weighted = np.bincount(codes[known], weights=weights[known], minlength=len(options))
	n_eff = effective_size(weights[answered])
	correction = finite_population_correction(population, n)
	weighted_shares = divide(weighted, total_weight)
	result = question_header(question, len(codes), n)
	result.update(
		effective_size=n_eff,
		other_values=int((codes == OTHER_VALUE).sum()),
		options=option_rows(
			options,
			question.labels,
			counts,
			weighted,
			divide(counts, n),
			weighted_shares,
			margin_of_error(weighted_shares, n_eff, z, correction),
		),
	)
	if question.question.question_type == LIKERT:
		points = np.array([float(value) for value in options])
		result.update(weighted_mean(points[codes[known]], weights[known], z, correction))
	return result


def multiple_choice_frequencies(question, selections: Selections, weights, z: float, population) -> dict:
	distinct = len(selections.answered)
	counts, totals, squares = (
		np.bincount(selections.answer, weights=values, minlength=distinct)
		for values in (None, weights, weights * weights)
	)
	answered = selections.answered
	n = int(counts[answered].sum())
	n_eff = divide(totals[answered].sum() ** 2, squares[answered].sum())
	weighted = totals @ selections.chosen
	weighted_shares = divide(weighted, totals[answered].sum())
	result = question_header(question, len(selections.answer), n)
	result.update(
		effective_size=plain(n_eff) or 0.0,
		other_values=int(counts[selections.other].sum()),
		options=option_rows(
			question.options,
			question.labels,
			counts @ selections.chosen,
			weighted,
			divide(counts @ selections.chosen, n),
			weighted_shares,
			margin_of_error(weighted_shares, n_eff, z, finite_population_correction(population, n)),
		),
	)
	return result


def number_summary(question, values: pd.Series, weights: np.ndarray, z: float, population) -> dict:
	numbers = pd.to_numeric(values, errors="coerce").to_numpy(dtype=float)
	answered = ~np.isnan(numbers)
	n = int(answered.sum())
	result = question_header(question, len(numbers), n)
	present = numbers[answered]
	result.update(
		effective_size=effective_size(weights[answered]),
		median=plain(np.median(present)) if n else None,
		minimum=plain(present.min()) if n else None,
		maximum=plain(present.max()) if n else None,
		**weighted_mean(present, weights[answered], z, finite_population_correction(population, n)),
	)
	return result


def text_summary(question, values: pd.Series) -> dict:
	return question_header(question, len(values), int(answered_mask(values).sum()))


# -- cross-tabulations and tests ----------------------------------------------------------------------


def pearson(table: np.ndarray) -> tuple[float, np.ndarray]:
	"""Pearson's X² of a table with no empty row or column, and its expected counts."""
	expected = np.outer(table.sum(axis=1), table.sum(axis=0)) / table.sum()
	return float(((table - expected) ** 2 / expected).sum()), expected


def chi_square(counts, weighted=None, design_effect: float = 1.0) -> dict:
	"""Pearson's chi-square test of independence of a table of respondents' counts (rows and columns with
	no respondent left out), with Cochran's small-expected-count warnings; with `weighted`, the weighted
	table (scaled to the respondents) tested too, its X² divided by the weights' design effect (first-order
	Rao–Scott)."""
	counts = np.asarray(counts, dtype=float)
	rows = counts.sum(axis=1) > 0
	columns = counts.sum(axis=0) > 0
	table = counts[rows][:, columns]
	if table.shape[0] < 2 or table.shape[1] < 2:
		return {"statistic": None, "dof": None, "p_value": None, "warnings": ["too_few_categories"]}
	statistic, expected = pearson(table)
	dof = (table.shape[0] - 1) * (table.shape[1] - 1)
	small = int((expected < SMALL_EXPECTED).sum())
	warnings = []
	if expected.min() < 1:
		warnings.append("expected_below_1")
	if small > SMALL_SHARE * expected.size:
		warnings.append("expected_below_5")
	result = {
		"statistic": statistic,
		"dof": dof,
		"p_value": float(stats.chi2.sf(statistic, dof)),
		"min_expected": float(expected.min()),
		"small_cells": small,
		"cells": int(expected.size),
		"warnings": warnings,
	}
	if weighted is not None:
		weighted = np.asarray(weighted, dtype=float)[rows][:, columns]
		if (weighted.sum(axis=1) > 0).all() and (weighted.sum(axis=0) > 0).all():
			adjusted = pearson(weighted * (table.sum() / weighted.sum()))[0] / max(design_effect, 1e-12)
			result.update(weighted_statistic=adjusted, weighted_p_value=float(stats.chi2.sf(adjusted, dof)))
	return result


def table_design_effect(counts, totals, squares) -> float:
	"""Kish's design effect of the weights of the respondents in a table: n Σw² / (Σw)²."""
	total = totals.sum()
	return float(counts.sum() * squares.sum() / (total * total)) if total > 0 else 1.0


def crosstab_single(question, codes, breakdown: Breakdown, groups, weights, squares, z: float) -> dict:
	"""`codes` and `groups` shifted by one, 0 for "not in the table" (unanswered, or no option)."""
	k, m = len(question.options), len(breakdown.options)
	counts, totals, square_sums = cell_sums(codes * (m + 1) + groups, weights, squares, (k + 1, m + 1))
	counts, weighted, square_sums = counts[1:, 1:], totals[1:, 1:], square_sums[1:, 1:]
	group_total = weighted.sum(axis=0)
	group_n_eff = divide(group_total**2, square_sums.sum(axis=0))
	column_shares = divide(weighted, group_total[None, :])
	return crosstab_result(
		question,
		breakdown,
		counts,
		weighted,
		column_shares,
		divide(weighted, weighted.sum(axis=1)[:, None]),
		margin_of_error(column_shares, group_n_eff[None, :], z),
		counts.sum(axis=0),
		[chi_square(counts, weighted, table_design_effect(counts, weighted, square_sums))],
	)


def crosstab_multiple(question, selections: Selections, breakdown: Breakdown, groups, weights, squares, z):
	"""By distinct answers first (few), then options: the options chosen by a group are the distinct
	answers' choices weighted by how often the group gave each."""
	m, distinct = len(breakdown.options), len(selections.answered)
	counts, totals, square_sums = cell_sums(
		selections.answer * (m + 1) + groups, weights, squares, (distinct, m + 1)
	)
	answered = selections.answered
	counts, totals, square_sums = counts[answered, 1:], totals[answered, 1:], square_sums[answered, 1:]
	chosen = selections.chosen[answered].astype(float)
	group_count, group_total = counts.sum(axis=0), totals.sum(axis=0)
	group_n_eff = divide(group_total**2, square_sums.sum(axis=0))
	option_counts = (chosen.T @ counts).round().astype(int)
	weighted = chosen.T @ totals
	column_shares = divide(weighted, group_total[None, :])
	deff = table_design_effect(counts, totals, square_sums)
	tests = [
		chi_square(
			np.stack([option_counts[i], group_count - option_counts[i]]),
			np.stack([weighted[i], group_total - weighted[i]]),
			deff,
		)
		for i in range(len(question.options))
	]
	return crosstab_result(
		question,
		breakdown,
		option_counts,
		weighted,
		column_shares,
		divide(weighted, weighted.sum(axis=1)[:, None]),
		margin_of_error(column_shares, group_n_eff[None, :], z),
		group_count,
		tests,
	)


def crosstab_result(
	question, breakdown, counts, weighted, column_shares, row_shares, moe, group_count, tests
):
	return {
		"question": question.code,
		"label": question.question.label,
		"type": question.question.question_type,
		"by": breakdown.column,
		"by_label": breakdown.label,
		"groups": [
			{"value": value, "label": breakdown.labels.get(value, value), "respondents": int(group_count[j])}
			for j, value in enumerate(breakdown.options)
		],
		"rows": [
			{
				"value": value,
				"label": question.labels.get(value, value),
				"counts": [int(count) for count in counts[i]],
				"weighted_counts": plain_list(weighted[i]),
				"column_percent": plain_list(column_shares[i] * 100),
				"row_percent": plain_list(row_shares[i] * 100),
				"moe": plain_list(moe[i] * 100),
			}
			for i, value in enumerate(question.options)
		],
		"tests": tests,
	}


# -- the whole analysis -------------------------------------------------------------------------------


def analyse(
	frame: pd.DataFrame,
	form: QuestionnaireForm,
	weights: Weights,
	confidence: float = 0.95,
	population: float | None = None,
	breakdowns: Sequence[Breakdown] = (),
) -> dict:
	"""Frequencies of every question of `form`, cross-tabulations of its choice questions by each of
	`breakdowns`, with `weights` (one per row of `frame`) and margins of error at `confidence`."""
	size = len(frame)
	z = z_score(confidence)
	result = {
		"respondents": size,
		"confidence": confidence,
		"population": population,
		"weighting": weights.as_dict(),
		"breakdowns": [breakdown.as_dict() for breakdown in breakdowns],
		"questions": [],
		"crosstabs": [],
		"absent_questions": [],
		"notes": [],
	}
	if size == 0:
		result["notes"].append("no_responses")
		return result
	values = np.asarray(weights.values, dtype=float)
	squares = values * values
	coded: dict[str, object] = {}
	for question in form.questions:
		kind = question.question.question_type
		if question.code not in frame.columns:
			result["absent_questions"].append({"code": question.code, "label": question.question.label})
			continue
		column = frame[question.code]
		if kind in CHOICES:
			coded[question.code] = codes = choice_codes(column, question.options)
			summary = single_choice_frequencies(question, codes, values, z, population)
		elif kind == SELECT_MULTIPLE:
			coded[question.code] = selections = multiple_choice(column, question.options)
			summary = multiple_choice_frequencies(question, selections, values, z, population)
		elif kind in NUMBERS:
			summary = number_summary(question, column, values, z, population)
		else:
			summary = text_summary(question, column)
		result["questions"].append(summary)
	shifted_codes: dict[str, np.ndarray] = {}
	for breakdown in breakdowns:
		if breakdown.column not in frame.columns or not breakdown.options:
			continue
		groups = np.maximum(breakdown_codes(frame, breakdown) + 1, 0)  # 0: in no group
		for question in form.questions:
			if question.code == breakdown.column or question.code not in coded:
				continue
			answers = coded[question.code]
			if isinstance(answers, Selections):
				table = crosstab_multiple(question, answers, breakdown, groups, values, squares, z)
			else:
				shifted = shifted_codes.get(question.code)
				if shifted is None:
					shifted = shifted_codes[question.code] = np.maximum(answers + 1, 0)
				table = crosstab_single(question, shifted, breakdown, groups, values, squares, z)
			result["crosstabs"].append(table)
	return result


# -- before and after ---------------------------------------------------------------------------------


def difference_of_proportions(p1: float, n1: float, p2: float, n2: float, z: float) -> dict:
	"""The change p2 - p1 of a share (0–1) between two independent samples of effective sizes n1, n2: its
	Wald confidence interval d ± z √(p1(1-p1)/n1 + p2(1-p2)/n2), the two-sided p-value of d / SE and
	whether it is significant (the interval excludes 0)."""
	if not n1 or not n2 or p1 is None or p2 is None:
		return {"difference": None, "low": None, "high": None, "p_value": None, "significant": None}
	difference = p2 - p1
	error = sqrt(p1 * (1 - p1) / n1 + p2 * (1 - p2) / n2)
	if error == 0:
		p_value = 1.0 if difference == 0 else 0.0
	else:
		p_value = float(2 * stats.norm.sf(abs(difference) / error))
	low, high = difference - z * error, difference + z * error
	return {
		"difference": difference,
		"low": low,
		"high": high,
		"p_value": p_value,
		"significant": bool(low > 0 or high < 0) if error else difference != 0,
	}


def compare(before: Mapping, after: Mapping, confidence: float = 0.95) -> dict:
	"""The change of every answer shared by two analyses (`analyse` results): questions of the same code and
	type, options of the same value; in percentage points. Questions of one side only, or whose type changed,
	are listed apart."""
	z = z_score(confidence)
	first = {question["code"]: question for question in before.get("questions", [])}
	second = {question["code"]: question for question in after.get("questions", [])}
	compared, apart = [], []
	for code in [*first, *(code for code in second if code not in first)]:
		one, two = first.get(code), second.get(code)
		if one is None or two is None:
			apart.append(
				{
					"code": code,
					"label": (one or two)["label"],
					"reason": "only_after" if one is None else "only_before",
				}
			)
			continue
		if one["type"] != two["type"]:
			apart.append({"code": code, "label": two["label"], "reason": "type_changed"})
			continue
		if "options" not in one:
			continue
		previous = {option["value"]: option for option in one["options"]}
		rows = []
		for option in two["options"]:
			earlier = previous.get(option["value"])
			if earlier is None:
				continue
			p1 = None if earlier["weighted_percent"] is None else earlier["weighted_percent"] / 100
			p2 = None if option["weighted_percent"] is None else option["weighted_percent"] / 100
			change = difference_of_proportions(p1, one["effective_size"], p2, two["effective_size"], z)
			rows.append(
				{
					"value": option["value"],
					"label": option["label"],
					"before": earlier["weighted_percent"],
					"after": option["weighted_percent"],
					**{
						key: value * 100
						if key in ("difference", "low", "high") and value is not None
						else value
						for key, value in change.items()
					},
				}
			)
		entry = {"code": code, "label": two["label"], "type": two["type"], "options": rows}
		if two["type"] == LIKERT:
			entry["mean_change"] = mean_difference(one, two, z)
		compared.append(entry)
	return {"confidence": confidence, "questions": compared, "apart": apart}


def mean_difference(one: Mapping, two: Mapping, z: float) -> dict | None:
	"""The change of a Likert mean, with its interval from the two means' margins (each z·SE)."""
	if one.get("weighted_mean") is None or two.get("weighted_mean") is None:
		return None
	if one.get("mean_moe") is None or two.get("mean_moe") is None:
		return None
	difference = two["weighted_mean"] - one["weighted_mean"]
	error = sqrt((one["mean_moe"] / z) ** 2 + (two["mean_moe"] / z) ** 2)
	return {
		"before": one["weighted_mean"],
		"after": two["weighted_mean"],
		"difference": difference,
		"low": difference - z * error,
		"high": difference + z * error,
		"significant": bool(abs(difference) > z * error),
	}
