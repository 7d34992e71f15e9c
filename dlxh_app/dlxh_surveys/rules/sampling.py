"""The sampling plan of a survey: how many to ask, and how many in each stratum.

Sample size for a proportion (Cochran): n0 = z² p (1 - p) / e², corrected for a finite population,
n = n0 / (1 + (n0 - 1) / N), then multiplied by the design effect of the sampling design (Kish), as OpenEpi
and Krejcie & Morgan's table compute it. Allocation spreads n over strata proportionally to their
populations, equally, or by fixed quotas, in whole respondents that add up to n (largest remainders)."""

from dataclasses import dataclass
from enum import Enum
from math import ceil, floor
from statistics import NormalDist

from dlxh_app.dlxh_setup.rules import RuleError

# Guard against floating-point noise pushing an exact whole number up by one when rounding up.
EPSILON = 1e-9


class Allocation(str, Enum):
	PROPORTIONAL = "Proportional"
	EQUAL = "Equal"
	FIXED = "Fixed Quotas"


class OverQuota(str, Enum):
	"""What happens to a response in a stratum whose quota is met."""

	ACCEPT_AND_FLAG = "Accept and Flag"
	CLOSE_STRATUM = "Close Stratum"


@dataclass(frozen=True)
class SampleSize:
	z: float
	initial: float  # n0, before the corrections
	corrected: float  # after the finite-population correction and the design effect
	size: int  # rounded up, at most the population


def z_score(confidence: float) -> float:
	"""The two-sided critical value of the standard normal distribution: 1.96 for 95 %."""
	return NormalDist().inv_cdf(0.5 + confidence / 2)


def sample_size(
	population: int | None,
	confidence: float = 0.95,
	margin: float = 0.05,
	proportion: float = 0.5,
	design_effect: float = 1.0,
) -> SampleSize:
	"""Respondents needed to estimate a proportion within ±`margin` at `confidence`. `population` None or 0
	means too large to matter. Codes: confidence_range, margin_range, proportion_range, design_effect_range,
	population_range."""
	if not 0.5 <= confidence < 1:
		raise RuleError("confidence_range", confidence)
	if not 0 < margin < 0.5:
		raise RuleError("margin_range", margin)
	if not 0 < proportion < 1:
		raise RuleError("proportion_range", proportion)
	if design_effect < 1:
		raise RuleError("design_effect_range", design_effect)
	if population is not None and population < 0:
		raise RuleError("population_range", population)
	z = z_score(confidence)
	initial = z * z * proportion * (1 - proportion) / (margin * margin)
	corrected = initial / (1 + (initial - 1) / population) if population else initial
	corrected *= design_effect
	size = ceil(corrected - EPSILON)
	return SampleSize(z, initial, corrected, min(size, population) if population else size)


def allocate(
	total: int, populations: dict[str, int], method: Allocation, quotas: dict[str, int] | None = None
) -> dict[str, int]:
	"""Targets per stratum (in the order of `populations`) adding up to `total`, none above its stratum's
	population where it is known (> 0). Codes: no_strata, total_range, quota_missing, over_population."""
	if not populations:
		raise RuleError("no_strata")
	if total < 0:
		raise RuleError("total_range", total)
	if method == Allocation.FIXED:
		quotas = quotas or {}
		missing = [stratum for stratum in populations if stratum not in quotas]
		if missing:
			raise RuleError("quota_missing", missing[0])
		targets = {stratum: int(quotas[stratum]) for stratum in populations}
	else:
		weights = populations if method == Allocation.PROPORTIONAL else dict.fromkeys(populations, 1)
		if method == Allocation.PROPORTIONAL and sum(weights.values()) <= 0:
			raise RuleError("no_population")
		targets = largest_remainders(total, weights)
	over = [
		stratum
		for stratum, target in targets.items()
		if populations[stratum] > 0 and target > populations[stratum]
	]
	if over:
		raise RuleError("over_population", over[0], targets[over[0]], populations[over[0]])
	return targets


def largest_remainders(total: int, weights: dict[str, float]) -> dict[str, int]:
	"""`total` split in proportion to `weights` in whole numbers (Hamilton's method): each share rounded
	down, the rest given one by one to the largest remainders (ties to the first stratum)."""
	weight_sum = sum(weights.values())
	shares = {key: total * weight / weight_sum for key, weight in weights.items()}
	result = {key: floor(share + EPSILON) for key, share in shares.items()}
	rest = total - sum(result.values())
	for key in sorted(shares, key=lambda key: -(shares[key] - result[key]))[:rest]:
		result[key] += 1
	return result


def quota_decision(target: int, achieved: int, policy: OverQuota) -> str:
	"""For one more response in a stratum: "accept", "flag" (accepted, over quota) or "refuse"."""
	if achieved < target:
		return "accept"
	return "flag" if policy == OverQuota.ACCEPT_AND_FLAG else "refuse"
