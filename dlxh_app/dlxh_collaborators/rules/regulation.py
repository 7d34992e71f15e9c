"""The versions of the collaborator regulation the city issues, and whether a unit applies the current one."""

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Version:
	name: str
	version: int
	effective_from: date
	effective_to: date | None = None

	def in_force(self, on: date) -> bool:
		return self.effective_from <= on and not (self.effective_to and self.effective_to < on)


def current_version(versions: list[Version], on: date) -> Version | None:
	"""The latest version in force on the day (an older one may still be in force beside it until its
	end date)."""
	return max(
		(version for version in versions if version.in_force(on)), key=lambda v: v.version, default=None
	)


def is_outdated(adopted: int | None, current: Version | None) -> bool:
	"""A unit applies an older version than the city's current one, or none at all, while one is in force."""
	return bool(current) and (adopted is None or adopted < current.version)
