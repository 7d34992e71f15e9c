"""Whitelisted methods of the opinion AI: suggestions while typing an entry or a report item and the
officer's answer to them (every DLXH user but Guest), the model's figures, the emerging issues and the
similar opinions (the city only); and the daily job that alerts the city to emerging issues."""

from datetime import timedelta

import frappe
from frappe import _
from frappe.utils import getdate, today

from dlxh_app.consts import CITY_ROLES, DLXH_ROLE_PREFIX
from dlxh_app.dlxh_reporting.ai import store
from dlxh_app.dlxh_reporting.ai.text import normalize, segment, strip_accents
from dlxh_app.dlxh_reporting.rules import emerging, similar
from dlxh_app.limits import count_expensive_call
from dlxh_app.validation import throw_invalid

TRENDS = ("Positive", "Negative", "Mixed", "Concerned")
MAX_SIMILAR_DAYS = 92
MAX_SIMILAR_ENTRIES = 5000
EXCERPT = 240


def check_dlxh_user() -> None:
	if not any(role in CITY_ROLES or role.startswith(DLXH_ROLE_PREFIX) for role in frappe.get_roles()):
		frappe.throw(_("Only the users of the opinion work may use suggestions."), frappe.PermissionError)


def check_city_user() -> None:
	frappe.only_for(list(CITY_ROLES))


@frappe.whitelist(methods=["POST"])
def suggest(text: str) -> dict:
	"""The topic and trend the site's model suggests for the text an officer or collaborator is typing,
	each with its confidence (0 to 1): only those above the thresholds, only active topics. Never applied
	by the server: the form shows them to be accepted or corrected (record_feedback)."""
	check_dlxh_user()
	model = store.load_model()
	if not model or not isinstance(text, str):
		return {"suggestions": {}, "model_version": None}
	suggestions = model.suggest(text)
	topic = suggestions.get("topic")
	if topic and not frappe.db.get_value("Opinion Topic", topic["value"], "is_active"):
		del suggestions["topic"]
	for value in suggestions.values():
		value["label"] = _(value["value"])
	return {"suggestions": suggestions, "model_version": model.version}


@frappe.whitelist(methods=["POST"])
def record_feedback(
	text: str,
	topic: str,
	trend: str | None = None,
	suggested_topic: str | None = None,
	suggested_trend: str | None = None,
	model_version: int | None = None,
	reference_doctype: str = "Opinion Entry",
) -> str:
	"""The officer's answer to a suggestion: the topic and trend chosen, kept as a label (Accepted when
	they are the suggested ones, Corrected otherwise). Returns the outcome."""
	check_dlxh_user()
	meta = frappe.get_meta("Opinion Suggestion Feedback")
	for fieldname, value in (("topic", topic), ("suggested_topic", suggested_topic)):
		if value and not frappe.db.exists("Opinion Topic", value):
			throw_invalid(_(meta.get_label(fieldname)), _("There is no opinion topic {0}.").format(value))
	if not topic:
		throw_invalid(_("Topic"), _("Choose the topic of the opinion."))
	for fieldname, value in (("trend", trend), ("suggested_trend", suggested_trend)):
		if value and value not in TRENDS:
			throw_invalid(_(meta.get_label(fieldname)), _("Choose one of the trends."))
	if reference_doctype not in ("Opinion Entry", "Opinion Report"):
		throw_invalid(_("Typed In"), _("Choose Opinion Entry or Opinion Report."))
	outcome = (
		"Accepted"
		if topic == suggested_topic and (not suggested_trend or trend == suggested_trend)
		else "Corrected"
	)
	frappe.get_doc(
		{
			"doctype": "Opinion Suggestion Feedback",
			"text": normalize(text),
			"topic": topic,
			"trend": trend or None,
			"suggested_topic": suggested_topic or None,
			"suggested_trend": suggested_trend or None,
			"model_version": int(model_version or 0),
			"reference_doctype": reference_doctype,
			"outcome": outcome,
		}
	).insert(ignore_permissions=True)
	return outcome


@frappe.whitelist()
def model_status() -> dict:
	"""The current model's version, training date, label counts and held-out figures (with the majority
	baseline), the thresholds, the labels added since, and how often suggestions were accepted."""
	check_city_user()
	model = store.load_model()
	outcomes = {
		outcome: frappe.db.count("Opinion Suggestion Feedback", {"outcome": outcome})
		for outcome in ("Accepted", "Corrected")
	}
	return {
		"model": model.info() if model else None,
		"new_labels": store.new_labels_since(model.trained_on if model else None),
		"retrain_after": store.RETRAIN_AFTER,
		"feedback": {"accepted": outcomes.get("Accepted", 0), "corrected": outcomes.get("Corrected", 0)},
	}


@frappe.whitelist()
def emerging_issues(on_date: str | None = None) -> list[dict]:
	"""The emerging issues of the week of `on_date` (today by default), city-wide and per unit, each with
	the rule's figures and example entries (rule in dlxh_reporting/rules/emerging.py)."""
	check_city_user()
	count_expensive_call()
	day = getdate(on_date or today())
	# Segmenting nine weeks of entries takes seconds in a large city: the answer is kept until an entry is
	# added or changed (the key says how many there are and the last change), or for an hour.
	count, changed = frappe.db.sql("select count(*), max(modified) from `tabOpinion Entry`")[0]
	key = f"dlxh-ai-emerging:{day}:{count}:{changed}"
	found = frappe.cache.get_value(key)
	if found is None:
		found = [describe(issue) for issue in find_issues(day)]
		frappe.cache.set_value(key, found, expires_in_sec=3600)
	return found


def find_issues(day) -> list[emerging.Issue]:
	start = emerging.week_of(day) - timedelta(weeks=emerging.HISTORY_WEEKS)
	entries = frappe.get_all(
		"Opinion Entry",
		filters={"entry_date": ["between", [start, day]]},
		fields=["name", "unit", "topic", "entry_date", "content"],
		limit=200_000,
	)
	known = known_words()
	observations = []
	for entry in entries:
		date = getdate(entry.entry_date)
		if entry.topic:
			observations.append(emerging.Observation("topic", entry.topic, entry.unit, date, entry.name))
		words = segment(entry.content)
		# Text typed without accents would give the same phrases again in another spelling.
		if not typed_with_accents(words):
			words = []
		for phrase in emerging.phrases(words, known):
			observations.append(emerging.Observation("phrase", phrase, entry.unit, date, entry.name))
	return emerging.find_emerging(observations, day)


def typed_with_accents(words: list[str]) -> bool:
	return any(strip_accents(word) != word for word in words)


def known_words() -> set[str]:
	"""The words of the topics' names and keywords: a phrase made of them is no new issue."""
	words = set()
	for topic in frappe.get_all("Opinion Topic", fields=["topic_name", "keywords"]):
		words.update(segment(f"{topic.topic_name}, {topic.keywords or ''}"))
	return words


def describe(issue: emerging.Issue) -> dict:
	examples = frappe.get_all(
		"Opinion Entry",
		filters={"name": ["in", issue.examples]},
		fields=["name", "unit", "entry_date", "content"],
		order_by="entry_date desc",
	)
	return {
		"kind": issue.kind,
		"key": issue.key.replace("_", " "),
		"related": [phrase.replace("_", " ") for phrase in issue.related],
		"unit": issue.unit or None,
		"week": str(issue.week),
		"count": issue.count,
		"mean": issue.mean,
		"sd": issue.sd,
		"threshold": issue.threshold,
		"examples": [{**example, "content": normalize(example.content)[:EXCERPT]} for example in examples],
	}


@frappe.whitelist()
def similar_opinions(from_date: str, to_date: str) -> dict:
	"""Groups of near-duplicate entries between the dates (at most 92 days): each story once, with the
	units it was heard in; and how many stories the period's entries tell."""
	check_city_user()
	start, end = getdate(from_date), getdate(to_date)
	if start > end or (end - start).days > MAX_SIMILAR_DAYS:
		throw_invalid(_("To Date"), _("Choose a period of at most {0} days.").format(MAX_SIMILAR_DAYS))
	count_expensive_call()
	entries = frappe.get_all(
		"Opinion Entry",
		filters={"entry_date": ["between", [start, end]]},
		fields=["name", "unit", "topic", "entry_date", "content"],
		order_by="entry_date asc, name asc",
		limit=MAX_SIMILAR_ENTRIES,
	)
	groups = similar.near_duplicate_groups([segment(entry.content) for entry in entries])
	return {
		"entries": len(entries),
		"stories": similar.story_count(len(entries), groups),
		# What a synthesis counts per topic: each story once.
		"by_topic": similar.stories_by_key([entry.topic for entry in entries], groups),
		"groups": [
			{
				"units": sorted({entries[i].unit for i in group.members}),
				"entries": [
					{
						"name": entries[i].name,
						"unit": entries[i].unit,
						"topic": entries[i].topic,
						"entry_date": str(entries[i].entry_date),
						"content": normalize(entries[i].content)[:EXCERPT],
					}
					for i in group.members
				],
			}
			for group in groups
		],
	}


def alert_emerging_issues() -> int:
	"""The daily job: an in-app alert (Notification Log) to every city officer and manager for each
	emerging issue of this week they were not alerted to yet. Returns how many were made."""
	issues = find_issues(getdate(today()))
	if not issues:
		return 0
	users = city_recipients()
	made = 0
	for issue in issues:
		where = issue.unit or _("the whole city")
		# The subject names the week, the issue and where: the same subject is never sent twice to a user.
		subject = _("Emerging issue in the week of {0}: {1} ({2})").format(
			frappe.format(issue.week, "Date"), issue.key.replace("_", " "), where
		)
		figures = _("{0} opinions this week; usual range: mean {1}, standard deviation {2}, threshold {3}.")
		for user in users:
			if frappe.db.exists("Notification Log", {"for_user": user, "subject": subject}):
				continue
			frappe.get_doc(
				{
					"doctype": "Notification Log",
					"for_user": user,
					"type": "Alert",
					"subject": subject,
					"document_type": "Opinion Entry",
					"document_name": issue.examples[0],
					"email_content": figures.format(issue.count, issue.mean, issue.sd, issue.threshold),
				}
			).insert(ignore_permissions=True)
			made += 1
	return made


def city_recipients() -> list[str]:
	return sorted(
		set(
			frappe.get_all(
				"Has Role",
				filters={"role": ["in", ["DLXH City Officer", "DLXH Manager"]], "parenttype": "User"},
				pluck="parent",
			)
		)
		& set(frappe.get_all("User", filters={"enabled": 1}, pluck="name"))
	)
