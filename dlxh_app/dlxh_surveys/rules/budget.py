"""A survey's budget, estimated and settled line by line from a norms table (Circular 109/2016/TT-BTC): the
quantity of a line counted from the survey where its basis allows, amounts in whole đồng, and the totals.
The rates themselves are data (Survey Budget Norm), never constants here."""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import Enum
from math import ceil

from dlxh_app.dlxh_setup.rules import RuleError

# A printed questionnaire page holds about this many questions (with their answer boxes): the pages of a
# paper form are estimated from it unless the questionnaire says how many it has.
QUESTIONS_PER_PAGE = 8


class QuantityBasis(str, Enum):
	MANUAL = "Manual"
	RESPONDENTS = "Respondents"
	PRINTED_PAGES = "Printed Pages"
	ENUMERATOR_DAYS = "Enumerator Days"


def estimated_pages(question_count: int) -> int:
	"""Pages of a paper form with `question_count` questions (at least one page for any question)."""
	return ceil(question_count / QUESTIONS_PER_PAGE) if question_count > 0 else 0


def derived_quantity(
	basis: QuantityBasis, sample_size: int, pages: int, forms_per_enumerator_day: int
) -> float | None:
	"""A line's quantity as the survey gives it; None for a quantity typed by hand. Respondents: the sample
	size; printed pages: one form per respondent; enumerator days: the forms divided among days of
	`forms_per_enumerator_day`, a day begun counting whole. Code forms_per_day_range."""
	basis = QuantityBasis(basis)
	if basis == QuantityBasis.MANUAL:
		return None
	if basis == QuantityBasis.RESPONDENTS:
		return float(sample_size)
	if basis == QuantityBasis.PRINTED_PAGES:
		return float(sample_size * pages)
	if forms_per_enumerator_day <= 0:
		raise RuleError("forms_per_day_range", forms_per_enumerator_day)
	return float(ceil(sample_size / forms_per_enumerator_day))


def amount(quantity: float, rate: float) -> int:
	"""Quantity times rate in whole đồng, halves rounded up. Code negative (the quantity or the rate)."""
	if quantity < 0 or rate < 0:
		raise RuleError("negative", quantity if quantity < 0 else rate)
	exact = Decimal(str(quantity)) * Decimal(str(rate))
	return int(exact.quantize(Decimal(1), rounding=ROUND_HALF_UP))


@dataclass(frozen=True)
class LineAmounts:
	estimated: int
	settled: int

	@property
	def difference(self) -> int:
		"""Settled minus estimated: above zero when the survey spent more than it was granted."""
		return self.settled - self.estimated


def line_amounts(rate: float, estimated_quantity: float, settled_quantity: float) -> LineAmounts:
	return LineAmounts(amount(estimated_quantity, rate), amount(settled_quantity, rate))


def totals(lines: list[LineAmounts]) -> LineAmounts:
	return LineAmounts(sum(line.estimated for line in lines), sum(line.settled for line in lines))
