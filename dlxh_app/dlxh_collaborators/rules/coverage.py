"""How well a unit's network of collaborators covers its area and its people, against its targets.

The network of a unit is its current collaborators and those of the units below it. A target (the
city's default, or the unit's own) asks for a size, a number of collaborators in each commune or ward,
minimums per social stratum, sector or type of organisation, and a largest share any one stratum or
sector may hold. Coverage lists what falls short: the gaps (actual against target), the communes and
wards without enough collaborators, the strata nobody follows, and flags a network that is too small or
unbalanced."""

from collections import Counter
from dataclasses import dataclass, field

STRATUM = "Social Stratum"
SECTOR = "Sector"
ORGANISATION = "Organisation Type"
DIMENSIONS = (STRATUM, SECTOR, ORGANISATION)

# The strata every network should follow (the Select options of a collaborator's stratum but "Other").
STRATA = (
	"Cadres and Party members",
	"Workers",
	"Farmers",
	"Intellectuals",
	"Businesspeople",
	"Youth and students",
	"Religious followers",
	"Ethnic minorities",
	"Veterans",
	"Retirees",
)

# Below this size a network is judged too small to be balanced or not.
MIN_SIZE_FOR_BALANCE = 5


@dataclass(frozen=True)
class Member:
	"""A current collaborator, as coverage sees them."""

	social_stratum: str
	sector: str
	organisation_type: str
	area: str

	def value(self, dimension: str) -> str:
		return {STRATUM: self.social_stratum, SECTOR: self.sector, ORGANISATION: self.organisation_type}[
			dimension
		]


@dataclass(frozen=True)
class Target:
	"""What a unit's network should reach; zeros ask for nothing."""

	min_collaborators: int = 0
	min_per_area: int = 1
	# The largest share (percent) one stratum or one sector may hold of the network; 0 = no limit.
	max_share: float = 0
	# (dimension, value) -> minimum number of collaborators.
	minimums: dict[tuple[str, str], int] = field(default_factory=dict)


@dataclass(frozen=True)
class Gap:
	dimension: str
	value: str
	target: int
	actual: int

	@property
	def shortfall(self) -> int:
		return self.target - self.actual


@dataclass
class Coverage:
	actual: int
	target: Target
	gaps: list[Gap]
	# Communes and wards of the unit with fewer collaborators than the target asks for, in the given order.
	areas_short: list[str]
	areas_without: list[str]
	missing_strata: list[str]
	too_small: bool
	# The (dimension, value, share in percent) holding more than the target's largest share, if any.
	dominant: tuple[str, str, float] | None
	counts: dict[str, Counter]

	@property
	def unbalanced(self) -> bool:
		return self.dominant is not None

	@property
	def area_count(self) -> int:
		return self.counts["areas"].total()

	@property
	def has_gaps(self) -> bool:
		return bool(self.gaps or self.areas_short or self.too_small or self.unbalanced)


def coverage(members: list[Member], areas: list[str], target: Target) -> Coverage:
	"""The coverage of a network of `members` over the communes and wards `areas` (empty for a unit
	without any, such as a mass organisation of the city)."""
	counts = {dimension: Counter(member.value(dimension) for member in members) for dimension in DIMENSIONS}
	in_areas = Counter(member.area for member in members)
	counts["areas"] = Counter({area: in_areas[area] for area in areas})
	gaps = [
		Gap(dimension, value, minimum, counts[dimension][value])
		for (dimension, value), minimum in sorted(target.minimums.items(), key=gap_order)
		if counts.get(dimension, Counter())[value] < minimum
	]
	return Coverage(
		actual=len(members),
		target=target,
		gaps=gaps,
		areas_short=[area for area in areas if in_areas[area] < max(target.min_per_area, 1)],
		areas_without=[area for area in areas if not in_areas[area]],
		missing_strata=[stratum for stratum in STRATA if not counts[STRATUM][stratum]],
		too_small=len(members) < target.min_collaborators,
		dominant=dominant_share(counts, len(members), target.max_share),
		counts=counts,
	)


def gap_order(item) -> tuple[int, str]:
	(dimension, value), _minimum = item
	return DIMENSIONS.index(dimension) if dimension in DIMENSIONS else len(DIMENSIONS), value


def dominant_share(counts: dict[str, Counter], size: int, max_share: float) -> tuple[str, str, float] | None:
	"""The largest share of one stratum or one sector, when it is over `max_share` in a network big
	enough to judge."""
	if not max_share or size < MIN_SIZE_FOR_BALANCE:
		return None
	shares = [
		(dimension, value, round(100 * count / size, 1))
		for dimension in (STRATUM, SECTOR)
		for value, count in counts[dimension].items()
	]
	worst = max(shares, key=lambda share: share[2], default=None)
	return worst if worst and worst[2] > max_share else None


def merge_target(default: Target | None, own: Target | None) -> Target:
	"""A unit's own target replaces the city's default as a whole; neither asks for nothing."""
	return own or default or Target()
