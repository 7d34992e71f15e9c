"""Survey weights: post-stratification to the sampling plan's strata, raking to known population margins,
and the design effect the weights cost (Kish).

Weights are returned with mean 1 (they add up to the number of respondents), so weighted counts read as
respondents; percentages and design effects do not depend on the scale.

- Post-stratification (Kish 1965, §3.3; Valliant & Dever 2018, ch. 14): a respondent of stratum h weighs
  N_h / n_h. Every stratum with a population needs respondents, and every respondent a stratum.
- Raking (iterative proportional fitting, Deming & Stephan 1940): the weights are scaled margin after
  margin until every margin's weighted shares match the population's, to `tolerance`. A respondent who did
  not answer a margin's question keeps the weighted share of the unanswered (only those who answered are
  spread over the margin's categories).
- A weighting that cannot be done (no respondents, an empty stratum or margin category, respondents
  outside every stratum, raking that does not converge) says why in `notes` and falls back to equal
  weights: it never divides by zero and never returns a half-fitted weight.

Plain Python over numpy/pandas; no database."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

UNWEIGHTED = "Unweighted"
POST_STRATIFICATION = "Post-stratification"
RAKING = "Raking"
AUTOMATIC = "Automatic"
METHODS = (AUTOMATIC, POST_STRATIFICATION, RAKING, UNWEIGHTED)

STRATUM_SEPARATOR = "|"  # as rules/questionnaire.py's stratum_key joins the strata questions' answers


@dataclass(frozen=True)
class Note:
	"""Why a weighting was not done as asked, or what it changed: a stable code and its values.

	Codes: no_respondents, no_strata, no_population, outside_strata (respondents), empty_stratum (keys),
	zero_population (keys with respondents), outside_margin (margin, respondents), empty_margin_cell (margin,
	categories), zero_margin_target (margin, categories), margin_missing (margin, respondents; not an
	error), not_converged (iterations, largest gap), raked_instead (the post-stratification's failure)."""

	code: str
	values: tuple = ()

	def as_dict(self) -> dict:
		return {"code": self.code, "values": [to_plain(value) for value in self.values]}


@dataclass(frozen=True, eq=False)
class Weights:
	values: np.ndarray  # one per respondent, mean 1
	method: str  # the method applied: UNWEIGHTED when a requested weighting fell back
	requested: str = UNWEIGHTED
	notes: tuple[Note, ...] = ()
	iterations: int = 0

	@property
	def design_effect(self) -> float:
		return kish_design_effect(self.values)

	@property
	def effective_size(self) -> float:
		return effective_size(self.values)

	@property
	def fell_back(self) -> bool:
		return self.requested not in (UNWEIGHTED, self.method) and self.method == UNWEIGHTED

	def as_dict(self) -> dict:
		values = self.values
		return {
			"method": self.method,
			"requested": self.requested,
			"fell_back": self.fell_back,
			"notes": [note.as_dict() for note in self.notes],
			"iterations": self.iterations,
			"design_effect": self.design_effect,
			"effective_size": self.effective_size,
			"min_weight": float(values.min()) if len(values) else None,
			"max_weight": float(values.max()) if len(values) else None,
		}


def to_plain(value):
	if isinstance(value, np.generic):
		return value.item()
	if isinstance(value, list | tuple):
		return [to_plain(item) for item in value]
	return value


def kish_design_effect(weights) -> float:
	"""Kish's design effect of unequal weights: n Σw² / (Σw)² = 1 + CV² of the weights. 1 with no
	respondents (nothing to inflate)."""
	weights = np.asarray(weights, dtype=float)
	total = weights.sum()
	if len(weights) == 0 or total <= 0:
		return 1.0
	return float(len(weights) * np.dot(weights, weights) / (total * total))


def effective_size(weights) -> float:
	"""The sample size a simple random sample would need for the same precision: (Σw)² / Σw²."""
	weights = np.asarray(weights, dtype=float)
	squares = np.dot(weights, weights)
	return float(weights.sum() ** 2 / squares) if squares > 0 else 0.0


def unweighted(size: int, requested: str = UNWEIGHTED, notes: Sequence[Note] = ()) -> Weights:
	return Weights(np.ones(size), UNWEIGHTED, requested, tuple(notes))


def normalised(values: np.ndarray) -> np.ndarray:
	return values * (len(values) / values.sum())


# Codes of an answer among a question's categories (rules/analysis.py uses them too).
UNANSWERED = -1
OTHER_VALUE = -2  # an answer that is none of the categories (a choice removed from a later version)


def factorize(values) -> tuple[np.ndarray, list[str | None]]:
	"""Each answer's position among the distinct answers (-1 when unanswered), and those answers as text:
	None for an empty one, a whole number (a Likert point read as a number) without its decimal part.
	Answers have few distinct values, so everything else is done once per distinct value."""
	codes, uniques = pd.factorize(pd.Series(values), use_na_sentinel=True)
	return codes.astype(np.int64), [answer_text(value) for value in uniques]


def answer_text(value) -> str | None:
	if value is None:
		return None
	if isinstance(value, float | np.floating):
		if np.isnan(value):
			return None
		return str(int(value)) if float(value).is_integer() else str(value)
	text = str(value)
	return text if text.strip() else None


def code_answers(values, categories: Sequence[str]) -> np.ndarray:
	"""Each answer's position among `categories`; UNANSWERED, or OTHER_VALUE for an answer that is none."""
	codes, texts = factorize(values)
	position = {category: index for index, category in enumerate(categories)}
	lookup = [UNANSWERED if text is None else position.get(text, OTHER_VALUE) for text in texts]
	return np.array([*lookup, UNANSWERED], dtype=np.int64)[codes]


def answered_mask(values) -> np.ndarray:
	codes, texts = factorize(values)
	return np.array([text is not None for text in texts] + [False])[codes]


def post_stratify(cells: Sequence, populations: Mapping[str, float]) -> Weights:
	"""Weights N_h / n_h for each respondent's stratum `cells[i]` (None or "" when unknown)."""
	cells = pd.Series(cells, dtype=object)
	size = len(cells)
	if size == 0:
		return unweighted(0, POST_STRATIFICATION, [Note("no_respondents")])
	known = {key: float(value) for key, value in populations.items() if value and float(value) > 0}
	if not known:
		return unweighted(size, POST_STRATIFICATION, [Note("no_population")])
	counts = cells[answered_mask(cells)].value_counts()
	notes = []
	zero = sorted(key for key in counts.index if key in populations and key not in known)
	if zero:
		notes.append(Note("zero_population", tuple(zero)))
	outside = size - int(counts[[key for key in counts.index if key in known]].sum())
	if outside:
		notes.append(Note("outside_strata", (outside,)))
	empty = [key for key in known if counts.get(key, 0) == 0]
	if empty:
		notes.append(Note("empty_stratum", tuple(empty)))
	if notes:
		return unweighted(size, POST_STRATIFICATION, notes)
	factor = {key: known[key] / counts[key] for key in known}
	values = cells.map(factor).to_numpy(dtype=float)
	return Weights(normalised(values), POST_STRATIFICATION, POST_STRATIFICATION)


def rake(
	margins: Mapping[str, Sequence],
	targets: Mapping[str, Mapping[str, float]],
	base: Sequence[float] | None = None,
	tolerance: float = 1e-6,
	max_iterations: int = 100,
) -> Weights:
	"""Rake `base` weights (equal when None) so that for each margin (its category per respondent) the
	weighted shares of its categories are the population `targets[margin]` (totals or shares), to within
	`tolerance` (absolute, on shares)."""
	size = len(next(iter(margins.values()))) if margins else (len(base) if base is not None else 0)
	if size == 0:
		return unweighted(0, RAKING, [Note("no_respondents")])
	if not margins:
		return unweighted(size, RAKING, [Note("no_population")])
	notes: list[Note] = []
	fitted: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []  # codes, answered, target shares
	for margin, values in margins.items():
		categories = [key for key in targets.get(margin, {})]
		totals = np.array([float(targets[margin][key] or 0) for key in categories])
		if not categories or totals.sum() <= 0:
			notes.append(Note("no_population", (margin,)))
			continue
		codes = code_answers(values, categories)
		answered = codes >= 0
		if outside := int((codes == OTHER_VALUE).sum()):
			notes.append(Note("outside_margin", (margin, outside)))
		if unanswered := int((codes == UNANSWERED).sum()):
			notes.append(Note("margin_missing", (margin, unanswered)))
		counts = np.bincount(codes[answered], minlength=len(categories))
		if empty := [
			key
			for key, count, total in zip(categories, counts, totals, strict=True)
			if total > 0 and not count
		]:
			notes.append(Note("empty_margin_cell", (margin, tuple(empty))))
		if zero := [
			key for key, count, total in zip(categories, counts, totals, strict=True) if total <= 0 and count
		]:
			notes.append(Note("zero_margin_target", (margin, tuple(zero))))
		fitted.append((codes, answered, totals / totals.sum()))
	if any(note.code != "margin_missing" for note in notes):
		return unweighted(size, RAKING, notes)
	weights = np.ones(size) if base is None else np.asarray(base, dtype=float).copy()
	if len(weights) != size or not (weights > 0).all():
		return unweighted(size, RAKING, [*notes, Note("no_population")])
	gap = np.inf
	for iteration in range(1, max_iterations + 1):
		for codes, answered, shares in fitted:
			answered_total = weights[answered].sum()
			sums = np.bincount(codes[answered], weights=weights[answered], minlength=len(shares))
			factors = np.divide(shares * answered_total, sums, out=np.zeros_like(sums), where=sums > 0)
			weights[answered] *= factors[codes[answered]]
		gap = max(margin_gap(weights, codes, answered, shares) for codes, answered, shares in fitted)
		if gap <= tolerance:
			return Weights(normalised(weights), RAKING, RAKING, tuple(notes), iteration)
		if not np.isfinite(weights).all() or weights.sum() <= 0:
			break
	return unweighted(size, RAKING, [*notes, Note("not_converged", (max_iterations, float(gap)))])


def margin_gap(weights: np.ndarray, codes: np.ndarray, answered: np.ndarray, shares: np.ndarray) -> float:
	sums = np.bincount(codes[answered], weights=weights[answered], minlength=len(shares))
	total = sums.sum()
	return float(np.abs(sums / total - shares).max()) if total > 0 else np.inf


def stratum_cells(frame: pd.DataFrame, codes: Sequence[str]) -> pd.Series:
	"""Each respondent's stratum key (the strata questions' answers joined by "|"), None when one of them
	is unanswered."""
	size = len(frame)
	if not codes or any(code not in frame.columns for code in codes):
		return pd.Series([None] * size, index=frame.index, dtype=object)
	parts = [factorize(frame[code]) for code in codes]
	combined = np.zeros(size, dtype=np.int64)
	for positions, texts in parts:
		combined = combined * (len(texts) + 1) + (positions + 1)
	_distinct, first, inverse = np.unique(combined, return_index=True, return_inverse=True)
	keys = []
	for row in first:
		texts = [texts[positions[row]] if positions[row] >= 0 else None for positions, texts in parts]
		keys.append(None if None in texts else STRATUM_SEPARATOR.join(texts))
	return pd.Series(np.array(keys, dtype=object)[inverse.ravel()], index=frame.index, dtype=object)


def strata_margins(populations: Mapping[str, float], codes: Sequence[str]) -> dict[str, dict[str, float]]:
	"""The population of each strata question's answers: the strata populations added up over the other
	questions (the margins raking fits when a cross-classified stratum has no respondent)."""
	margins: dict[str, dict[str, float]] = {code: {} for code in codes}
	for key, population in populations.items():
		values = key.split(STRATUM_SEPARATOR)
		if len(values) != len(codes):
			continue
		for code, value in zip(codes, values, strict=True):
			margins[code][value] = margins[code].get(value, 0.0) + float(population or 0)
	return margins


def survey_weights(
	frame: pd.DataFrame,
	strata_codes: Sequence[str],
	populations: Mapping[str, float],
	method: str = AUTOMATIC,
	margins: Mapping[str, Mapping[str, float]] | None = None,
) -> Weights:
	"""The weights of a survey's responses. AUTOMATIC post-stratifies to the strata; when that cannot be
	done (a stratum without respondents, respondents without a stratum) it rakes to the strata questions'
	margins (and `margins`, known population totals of other answered columns), and falls back to equal
	weights when that cannot be done either. Without strata or populations it is UNWEIGHTED."""
	size = len(frame)
	if method == UNWEIGHTED:
		return unweighted(size)
	has_strata = bool(strata_codes) and any(float(value or 0) > 0 for value in populations.values())
	if not has_strata and not margins:
		return unweighted(size, method, [Note("no_strata")])
	if method in (AUTOMATIC, POST_STRATIFICATION) and has_strata:
		weights = post_stratify(stratum_cells(frame, strata_codes), populations)
		if method == POST_STRATIFICATION or weights.method == POST_STRATIFICATION or size == 0:
			return Weights(weights.values, weights.method, method, weights.notes)
		first = weights.notes
	else:
		first = ()
	targets = {**(strata_margins(populations, strata_codes) if has_strata else {}), **(margins or {})}
	missing_columns = [code for code in targets if code not in frame.columns]
	if missing_columns:
		return unweighted(size, method, [*first, Note("outside_margin", (missing_columns[0], size))])
	raked = rake({code: frame[code] for code in targets}, targets)
	notes = (*first, *((Note("raked_instead"),) if first and raked.method == RAKING else ()), *raked.notes)
	return Weights(raked.values, raked.method, method, notes, raked.iterations)
