# Copyright (c) 2026, dlxh_app contributors
# License: MIT. See license.txt

import re

import frappe
from frappe import _
from frappe.model.document import Document

from dlxh_app.dlxh_setup.rules import RuleError
from dlxh_app.dlxh_surveys.questionnaire import choices_of, questions_of
from dlxh_app.dlxh_surveys.rules.questionnaire import check_structure
from dlxh_app.validation import field_label, throw_invalid

FORM_ID = re.compile(r"[A-Za-z][A-Za-z0-9_-]*")


class SurveyQuestionnaire(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from dlxh_app.dlxh_surveys.doctype.survey_choice.survey_choice import SurveyChoice
		from dlxh_app.dlxh_surveys.doctype.survey_question.survey_question import SurveyQuestion

		choices: DF.Table[SurveyChoice]
		description: DF.SmallText | None
		form_id: DF.Data
		frozen: DF.Check
		is_library: DF.Check
		kind: DF.Literal["", "Policy Satisfaction", "Resolution Awareness", "Before and After", "Other"]
		previous_version: DF.Link | None
		printed_pages: DF.Int
		questions: DF.Table[SurveyQuestion]
		title: DF.Data
		version: DF.Int
	# end: auto-generated types

	def autoname(self):
		self.set_version()
		self.name = f"{self.form_id} v{self.version}"

	def validate(self):
		self.refuse_change_when_frozen()
		self.validate_form_id()
		if self.is_new():
			# Again: Frappe puts back server-owned fields a user sent after naming the document.
			self.set_version()
		self.validate_structure()

	def on_trash(self):
		self.refuse_change_when_frozen()

	@frappe.whitelist()
	def make_new_version(self) -> str:
		"""A copy of this questionnaire as the next version of its form, to edit where this one is frozen.
		Returns the new version's name."""
		copy = frappe.copy_doc(self, ignore_no_copy=False)
		copy.insert()
		return copy.name

	def set_version(self):
		"""The next version of the form and the one it follows (the latest so far)."""
		self.form_id = (self.form_id or "").strip()
		latest = frappe.get_all(
			self.doctype,
			filters={"form_id": self.form_id},
			fields=["name", "version"],
			order_by="version desc",
			limit=1,
		)
		self.version = latest[0].version + 1 if latest else 1
		self.previous_version = latest[0].name if latest else None

	def refuse_change_when_frozen(self):
		if not self.is_new() and frappe.db.get_value(self.doctype, self.name, "frozen"):
			frappe.throw(
				_(
					"{0} has answers and is frozen: it can no longer change. Use Make New Version and edit the new version."
				).format(self.name),
				title=_("Questionnaire Frozen"),
			)

	def validate_form_id(self):
		if not FORM_ID.fullmatch(self.form_id or ""):
			label = field_label(self, "form_id")
			throw_invalid(
				label,
				_(
					"{0} ({1}) must start with a letter and have only letters without accents, digits, _ and -."
				).format(label, self.form_id),
			)
		if not self.is_new() and self.has_value_changed("form_id"):
			label = field_label(self, "form_id")
			throw_invalid(label, _("{0} cannot change: it names every version of the form.").format(label))

	def validate_structure(self):
		for row in self.questions:
			for fieldname in ("code", "choice_list", "relevant", "constraint"):
				row.set(fieldname, (row.get(fieldname) or "").strip())
		for row in self.choices:
			row.list_name, row.value = row.list_name.strip(), row.value.strip()
		try:
			check_structure(questions_of(self), choices_of(self))
		except RuleError as error:
			self.throw_structure_error(error)

	def throw_structure_error(self, error: RuleError):
		values = list(error.values)
		if error.code in CHOICE_ERRORS:
			fieldname, message = CHOICE_ERRORS[error.code]()
			row = self.choices[0]
		else:
			fieldname, message = QUESTION_ERRORS[error.code]()
			row = self.questions[values[0] - 1]
			if error.code.startswith("expression"):
				# The field it is in, and the expression or the code it refers to.
				fieldname = values.pop(2)
				values = values[:3]
		label = field_label(row, fieldname)
		throw_invalid(label, message.format(label, *values))


# Messages of the structure's problems (rules/questionnaire.py check_structure), translated when raised: the
# field they are about, and the message, which gets the field's label and the error's values (a question's
# row, its code and what else it names; a choice's list and value).
QUESTION_ERRORS = {
	"code_missing": lambda: ("code", _("{0} of question row {1} is required.")),
	"code_format": lambda: (
		"code",
		_(
			"{0} of question row {1} ({2}) must start with a letter or _ and have only letters without accents, digits and _."
		),
	),
	"code_duplicate": lambda: ("code", _("{0} of question row {1} ({2}) is already used by row {3}.")),
	"label_missing": lambda: ("label", _("{0} of question row {1} ({2}) is required.")),
	"choice_list_missing": lambda: (
		"choice_list",
		_("{0} of question row {1} ({2}) is required for a choice question."),
	),
	"choice_list_unknown": lambda: (
		"choice_list",
		_("{0} of question row {1} ({2}): no choice has the list name {3}."),
	),
	"group_end_unmatched": lambda: (
		"question_type",
		_("{0} of question row {1} ends a group that was not begun."),
	),
	"group_unclosed": lambda: (
		"question_type",
		_("{0} of question row {1}: the group {2} is not ended. Add an End Group row after its questions."),
	),
	"expression": lambda: ("relevant", _("{0} of question row {1} ({2}) is not a valid expression: {3}")),
	"expression_reference": lambda: (
		"relevant",
		_("{0} of question row {1} ({2}) refers to {3}, which is not a question asked before it."),
	),
	"demographic_type": lambda: (
		"demographic",
		_(
			"{0} of question row {1} ({2}): a demographic question must be a choice question, or a whole number for the age group."
		),
	),
}
CHOICE_ERRORS = {
	"choice_value_format": lambda: ("value", _("{0} {2} of list {1} must be one word, without spaces.")),
	"choice_duplicate": lambda: ("value", _("{0} {2} appears twice in list {1}.")),
	"likert_value": lambda: (
		"value",
		_("{0} {2} of list {1} must be a whole number: the values of a Likert scale are its points, 1 to 5."),
	),
}
