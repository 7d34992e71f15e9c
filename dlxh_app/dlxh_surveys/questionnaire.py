"""A Survey Questionnaire as the rules use it (rules/questionnaire.py): `get_form(name)` is what every channel
that takes answers (the public page, paper entry, import) checks them with, through
`QuestionnaireForm.check_answers`. Forms are cached per questionnaire and its last change, in the process."""

from dataclasses import fields
from functools import lru_cache

import frappe

from dlxh_app.dlxh_surveys.rules.questionnaire import Choice, Question, QuestionnaireForm

__all__ = ["QuestionnaireForm", "choices_of", "form_of", "get_form", "questions_of"]

# Survey Question's fields are named as the rules' Question is.
QUESTION_FIELDS = tuple(field.name for field in fields(Question))


def questions_of(doc) -> tuple[Question, ...]:
	"""The rows of a Survey Questionnaire (a document or its dict) as the rules read them."""
	return tuple(
		Question(
			**{
				name: bool(row.get(name)) if name == "required" else (row.get(name) or "").strip()
				for name in QUESTION_FIELDS
			}
		)
		for row in doc.get("questions") or []
	)


def choices_of(doc) -> tuple[Choice, ...]:
	return tuple(
		Choice((row.get("list_name") or "").strip(), (row.get("value") or "").strip(), row.get("label") or "")
		for row in doc.get("choices") or []
	)


def form_of(doc) -> QuestionnaireForm:
	return QuestionnaireForm.build(doc.name, questions_of(doc), choices_of(doc))


def get_form(name: str) -> QuestionnaireForm:
	"""The form of a stored questionnaire; DoesNotExistError for an unknown name. Reads nothing but its
	last change when cached."""
	modified = frappe.db.get_value("Survey Questionnaire", name, "modified")
	if modified is None:
		raise frappe.DoesNotExistError(frappe._("Survey Questionnaire {0} not found").format(name))
	return cached_form(frappe.local.site, name, str(modified))


@lru_cache(maxsize=64)
def cached_form(site: str, name: str, modified: str) -> QuestionnaireForm:
	return form_of(frappe.get_doc("Survey Questionnaire", name))
