"""The site's model: trained from the site's own labelled opinions and stored in the site's private folder
(`sites/SITE/private/dlxh_ai/opinion_model.pkl`, outside `private/files`, so no URL serves it), with its
version, training date, label counts and held-out figures. Retrained by a daily job once RETRAIN_AFTER
labels have been added since the last training.

Labels are the topic and trend officers gave their entries and report items (an item pulled from an entry
is the entry's label, counted once), and the topics they chose when accepting or correcting a suggestion
(Opinion Suggestion Feedback) for text not saved as an entry. A text is one sample however often it was
labelled: the latest label wins."""

import os
from pathlib import Path

import frappe
from frappe.utils import now_datetime

from dlxh_app.dlxh_reporting.ai.classifier import (
	MIN_SAMPLES,
	ModelUnreadable,
	NotEnoughLabels,
	OpinionModel,
	Sample,
	train,
)
from dlxh_app.dlxh_reporting.ai.text import normalize

RETRAIN_AFTER = 200
"""New labels since the last training that make the daily job train again."""
MAX_SAMPLES = 200_000
_loaded: dict = {}


def model_path() -> Path:
	return Path(frappe.get_site_path("private", "dlxh_ai", "opinion_model.pkl")).resolve()


def load_model() -> OpinionModel | None:
	"""The stored model, read again only when its file changed; None when there is none or it is
	unreadable (logged once per file version: suggestions stop, saving entries goes on)."""
	path = model_path()
	try:
		stamp = path.stat().st_mtime_ns
	except FileNotFoundError:
		return None
	key = (frappe.local.site, str(path))
	cached = _loaded.get(key)
	if cached and cached[0] == stamp:
		return cached[1]
	try:
		model = OpinionModel.loads(path.read_bytes())
	except (ModelUnreadable, OSError) as error:
		frappe.log_error(title="DLXH: the opinion model is unreadable", message=str(error))
		model = None
	_loaded[key] = (stamp, model)
	return model


def save_model(model: OpinionModel) -> Path:
	"""Written beside and renamed, so that a reader never sees half a file."""
	path = model_path()
	path.parent.mkdir(parents=True, exist_ok=True)
	partial = path.with_suffix(".tmp")
	partial.write_bytes(model.dumps())
	os.replace(partial, path)
	return path


def labelled_samples() -> list[Sample]:
	"""Every labelled text of the site, oldest first, one sample per text."""
	rows = frappe.get_all(
		"Opinion Entry",
		fields=["content", "topic", "trend", "modified"],
		order_by="modified asc",
		limit=MAX_SAMPLES,
	)
	rows += frappe.get_all(
		"Opinion Report Item",
		filters={"opinion_entry": ["is", "not set"], "parenttype": "Opinion Report"},
		fields=["content", "topic", "trend", "modified"],
		order_by="modified asc",
		limit=MAX_SAMPLES,
	)
	rows += frappe.get_all(
		"Opinion Suggestion Feedback",
		fields=["text as content", "topic", "trend", "modified"],
		order_by="modified asc",
		limit=MAX_SAMPLES,
	)
	samples = {}
	for row in sorted(rows, key=lambda row: row.modified):
		text = normalize(row.content)
		if text and row.topic:
			samples[text.lower()] = Sample(text, row.topic, row.trend or None)
	return list(samples.values())


def new_labels_since(trained_on: str | None) -> int:
	filters = {"modified": [">", trained_on]} if trained_on else {}
	return sum(
		frappe.db.count(doctype, filters)
		for doctype in ("Opinion Entry", "Opinion Report Item", "Opinion Suggestion Feedback")
	)


def train_site_model() -> OpinionModel:
	"""Train on every label of the site and store the model as the next version. NotEnoughLabels when the
	site has too few."""
	previous = load_model()
	started = now_datetime()
	model = train(
		labelled_samples(),
		version=(previous.version + 1) if previous else 1,
		trained_on=str(started.replace(microsecond=0)),
	)
	save_model(model)
	return model


def retrain_if_due() -> OpinionModel | None:
	"""The daily job: train when there is no model yet and enough labels, or RETRAIN_AFTER labels were
	added since the model was trained."""
	previous = load_model()
	due = new_labels_since(previous.trained_on if previous else None)
	if due < (RETRAIN_AFTER if previous else MIN_SAMPLES):
		return None
	try:
		return train_site_model()
	except NotEnoughLabels:
		return None
