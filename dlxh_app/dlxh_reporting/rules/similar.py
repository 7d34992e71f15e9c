"""Similar opinions: entries telling the same story (heard by several collaborators) grouped, so that a
synthesis counts the story once and shows how widely it was heard.

The rule: two entries are near-duplicates when the cosine of their TF-IDF vectors (words and pairs of
words, as the classifier sees them) is at least THRESHOLD; groups are the connected sets of near-duplicate
pairs (single-link)."""

import itertools
from dataclasses import dataclass

THRESHOLD = 0.6


@dataclass
class Group:
	members: list[int]
	"""Indexes of the entries, in the order given."""


def near_duplicate_groups(word_lists: list[list[str]], threshold: float = THRESHOLD) -> list[Group]:
	"""Groups of two or more entries (by index), the largest first."""
	from sklearn.feature_extraction.text import TfidfVectorizer

	indexes = [i for i, words in enumerate(word_lists) if words]
	if len(indexes) < 2:
		return []
	vectors = TfidfVectorizer(analyzer=_pairs, sublinear_tf=True).fit_transform(
		[word_lists[i] for i in indexes]
	)
	similarity = (vectors @ vectors.T).tocoo()
	parent = list(range(len(indexes)))

	def root(i):
		while parent[i] != i:
			parent[i] = parent[parent[i]]
			i = parent[i]
		return i

	for a, b, value in zip(similarity.row, similarity.col, similarity.data, strict=True):
		if a < b and value >= threshold:
			parent[root(a)] = root(b)
	groups = {}
	for position, index in enumerate(indexes):
		groups.setdefault(root(position), []).append(index)
	found = [Group(sorted(members)) for members in groups.values() if len(members) > 1]
	return sorted(found, key=lambda group: (-len(group.members), group.members[0]))


def story_count(total: int, groups: list[Group]) -> int:
	"""How many stories `total` entries tell when each group is one story."""
	return total - sum(len(group.members) - 1 for group in groups)


def stories_by_key(keys: list[str | None], groups: list[Group]) -> dict[str | None, dict[str, int]]:
	"""Per key (the entries' topic, say): its entries, and its stories, a group counting once for each
	key among its members'."""
	story = list(range(len(keys)))
	for group in groups:
		for index in group.members:
			story[index] = group.members[0]
	found = {}
	for index, key in enumerate(keys):
		counts = found.setdefault(key, {"entries": 0, "stories": set()})
		counts["entries"] += 1
		counts["stories"].add(story[index])
	return {key: {"entries": c["entries"], "stories": len(c["stories"])} for key, c in found.items()}


def _pairs(words: list[str]) -> list[str]:
	return words + [f"{a} {b}" for a, b in itertools.pairwise(words)]
