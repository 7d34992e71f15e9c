"""The topic and trend classifier: TF-IDF over pyvi's words (text.features) and a logistic regression
per field (scikit-learn), each suggestion with its probability as the confidence. Trained from labelled
samples; its quality is measured on held-out samples (a stratified fifth, never seen in training) before
the final model is fitted on all of them. Plain Python: the site's storage is in store.py.

Thresholds: a field's suggestion is shown only when the model's held-out macro-F1 for that field is at
least MIN_MACRO_F1 and the suggestion's own probability at least MIN_CONFIDENCE."""

import pickle
import warnings
from collections import Counter
from dataclasses import dataclass, field

from dlxh_app.dlxh_reporting.ai.text import features, segment, strip_accents

FORMAT = 1
"""The layout of a stored model; a stored model of another layout is not loaded (retrain instead)."""
FIELDS = ("topic", "trend")
MIN_SAMPLES = 30
"""Fewer labelled samples than this for a field: no classifier for it."""
MIN_CONFIDENCE = 0.35
MIN_MACRO_F1 = 0.5
HELD_OUT = 0.2
SEED = 20261202


class NotEnoughLabels(ValueError):
	pass


class ModelUnreadable(ValueError):
	pass


@dataclass
class Sample:
	text: str
	topic: str | None = None
	trend: str | None = None


@dataclass
class OpinionModel:
	version: int
	trained_on: str
	label_counts: dict[str, dict[str, int]]
	metrics: dict[str, dict]
	vectorizer: object = None
	classifiers: dict[str, object] = field(default_factory=dict)

	def info(self) -> dict:
		"""What may be shown about the model: everything but its weights."""
		return {
			"version": self.version,
			"trained_on": self.trained_on,
			"label_counts": self.label_counts,
			"metrics": self.metrics,
			"min_confidence": MIN_CONFIDENCE,
			"min_macro_f1": MIN_MACRO_F1,
		}

	def predict(self, texts: list[str]) -> dict[str, list[tuple[str, float]]]:
		"""For each field, the most probable label of each text and its probability."""
		matrix = self.vectorizer.transform([features(segment(text)) for text in texts])
		predictions = {}
		for name, classifier in self.classifiers.items():
			probabilities = classifier.predict_proba(matrix)
			best = probabilities.argmax(axis=1)
			predictions[name] = [
				(str(classifier.classes_[index]), float(row[index]))
				for index, row in zip(best, probabilities, strict=True)
			]
		return predictions

	def suggest(self, text: str) -> dict[str, dict]:
		"""The suggestions worth showing for the text: {field: {"value", "confidence"}}, a field left out
		when its classifier is not good enough or not confident enough; nothing for a text without words."""
		if not segment(text):
			return {}
		suggestions = {}
		for name, [(label, confidence)] in self.predict([text]).items():
			if self.metrics[name]["macro_f1"] >= MIN_MACRO_F1 and confidence >= MIN_CONFIDENCE:
				suggestions[name] = {"value": label, "confidence": round(confidence, 3)}
		return suggestions

	def dumps(self) -> bytes:
		return pickle.dumps({"format": FORMAT, **self.__dict__}, protocol=pickle.HIGHEST_PROTOCOL)

	@classmethod
	def loads(cls, data: bytes) -> "OpinionModel":
		"""The model stored by `dumps`; ModelUnreadable when the bytes are not one (corrupt, truncated,
		another layout). Only ever called on the site's own private file, which only the server writes."""
		try:
			values = pickle.loads(data)
		except Exception as error:
			raise ModelUnreadable(str(error)) from error
		if not isinstance(values, dict) or values.pop("format", None) != FORMAT:
			raise ModelUnreadable("not a model of this layout")
		try:
			return cls(**values)
		except TypeError as error:
			raise ModelUnreadable(str(error)) from error


def train(samples: list[Sample], version: int, trained_on: str, held_out: float = HELD_OUT) -> OpinionModel:
	"""A model learnt from the samples, with its held-out figures. NotEnoughLabels when no field has
	MIN_SAMPLES labelled samples of at least two labels."""
	from sklearn.feature_extraction.text import TfidfVectorizer

	words = [features(segment(sample.text)) for sample in samples]
	usable = {
		name: [index for index, sample in enumerate(samples) if getattr(sample, name) and words[index]]
		for name in FIELDS
	}
	usable = {
		name: indexes
		for name, indexes in usable.items()
		if len(indexes) >= MIN_SAMPLES and len({getattr(samples[i], name) for i in indexes}) > 1
	}
	if not usable:
		raise NotEnoughLabels(f"fewer than {MIN_SAMPLES} labelled samples of two labels or more")

	def vectorizer():
		return TfidfVectorizer(analyzer=_identity, sublinear_tf=True, min_df=2, max_df=0.5)

	label_counts, metrics, classifiers = {}, {}, {}
	for name, indexes in usable.items():
		labels = [getattr(samples[i], name) for i in indexes]
		label_counts[name] = dict(Counter(labels).most_common())
		train_idx, test_idx = split(labels, held_out)
		held_vectorizer = vectorizer()
		matrix = held_vectorizer.fit_transform([words[indexes[i]] for i in train_idx])
		classifier = _classifier().fit(matrix, [labels[i] for i in train_idx])
		predicted = classifier.predict(held_vectorizer.transform([words[indexes[i]] for i in test_idx]))
		truth = [labels[i] for i in test_idx]
		metrics[name] = {"held_out": len(test_idx), **scores(truth, list(predicted))}
		majority = Counter(labels[i] for i in train_idx).most_common(1)[0][0]
		metrics[name]["majority_baseline"] = scores(truth, [majority] * len(truth))

	# The final model: one vocabulary over every labelled text, a classifier per field on all its labels.
	final_vectorizer = vectorizer()
	final_vectorizer.fit([words[i] for i in sorted(set().union(*usable.values()))])
	for name, indexes in usable.items():
		matrix = final_vectorizer.transform([words[i] for i in indexes])
		classifiers[name] = _classifier().fit(matrix, [getattr(samples[i], name) for i in indexes])
	return OpinionModel(version, trained_on, label_counts, metrics, final_vectorizer, classifiers)


def _identity(words: list[str]) -> list[str]:
	return words


def _classifier():
	from sklearn.linear_model import LogisticRegression

	# A fit stopped at max_iter is as good on the held-out figures; say nothing of it.
	warnings.filterwarnings("ignore", message=".*max_iter was reached.*")

	# saga: an order of magnitude faster than lbfgs on sparse TF-IDF for the same held-out figures.
	return LogisticRegression(C=10.0, solver="saga", tol=1e-3, max_iter=200, random_state=SEED)


def split(labels: list[str], held_out: float) -> tuple[list[int], list[int]]:
	"""Indexes for training and for the held-out test, stratified by label (a label seen once goes to
	training), always the same for the same labels."""
	from sklearn.model_selection import train_test_split

	counts = Counter(labels)
	indexes = list(range(len(labels)))
	rare = [i for i in indexes if counts[labels[i]] < 2]
	common = [i for i in indexes if counts[labels[i]] >= 2]
	train_idx, test_idx = train_test_split(
		common,
		test_size=held_out,
		random_state=SEED,
		stratify=[labels[i] for i in common] if len(common) * held_out >= len(set(labels)) else None,
	)
	return sorted(train_idx + rare), sorted(test_idx)


def scores(truth: list[str], predicted: list[str]) -> dict[str, float]:
	"""Macro-F1 (the mean of each label's F1, so a rare topic counts as much as a frequent one) and
	accuracy, rounded to 4 places."""
	from sklearn.metrics import accuracy_score, f1_score

	return {
		"macro_f1": round(float(f1_score(truth, predicted, average="macro", zero_division=0)), 4),
		"accuracy": round(float(accuracy_score(truth, predicted)), 4),
	}


class KeywordBaseline:
	"""The benchmark's rival: the label whose keywords occur most often in the text (compared without
	accents), the most frequent label of the training data when none occurs."""

	def __init__(self, keywords: dict[str, list[str]], default: str):
		self.default = default
		self.keywords = {
			label: [f" {strip_accents(word.lower())} " for word in words if word.strip()]
			for label, words in keywords.items()
		}

	def predict(self, text: str) -> str:
		plain = f" {' '.join(strip_accents(word) for word in segment(text)).replace('_', ' ')} "
		hits = {label: sum(plain.count(word) for word in words) for label, words in self.keywords.items()}
		best = max(hits, key=hits.get, default=None)
		return best if best and hits[best] else self.default
