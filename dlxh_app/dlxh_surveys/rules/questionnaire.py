"""A questionnaire as the rules see it: its structure checked (codes, choice lists, groups, skip logic), and a
respondent's answers checked against it and normalised to the strings XPath reads (a multiple choice as its
values separated by spaces), the same way for every channel: the public page, paper entry and import.

Plain Python, no database: `dlxh_app.dlxh_surveys.questionnaire` builds these from the DocType."""

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation

from dlxh_app.dlxh_setup.rules import RuleError
from dlxh_app.dlxh_surveys.rules.expression import evaluate, parse, references

SELECT_ONE = "Select One"
SELECT_MULTIPLE = "Select Multiple"
LIKERT = "Likert"
INTEGER = "Integer"
DECIMAL = "Decimal"
TEXT = "Text"
DATE = "Date"
NOTE = "Note"
BEGIN_GROUP = "Begin Group"
END_GROUP = "End Group"

CHOICE_TYPES = frozenset({SELECT_ONE, SELECT_MULTIPLE, LIKERT})
# Rows that take no answer.
NOT_ANSWERED = frozenset({NOTE, BEGIN_GROUP, END_GROUP})
AGE_GROUP = "Age Group"

# XLSForm names: a question's `name` and a choice's `name` (a multiple choice stores its values separated
# by spaces, so a value has none).
CODE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
CHOICE_VALUE = re.compile(r"\S+")
INTEGER_TEXT = re.compile(r"[+-]?\d+")
DECIMAL_TEXT = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)")
DATE_TEXT = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True)
class Question:
	question_type: str
	code: str = ""
	label: str = ""
	choice_list: str = ""
	required: bool = False
	relevant: str = ""
	constraint: str = ""
	constraint_message: str = ""
	demographic: str = ""
	hint: str = ""


@dataclass(frozen=True)
class Choice:
	list_name: str
	value: str
	label: str = ""


def check_structure(questions: Sequence[Question], choices: Sequence[Choice]) -> None:
	"""Refuse a questionnaire that no form could ask. Codes, with the 1-based row first: code_missing,
	code_format, code_duplicate, label_missing, choice_list_missing, choice_list_unknown, group_end_unmatched,
	group_unclosed, expression (the field, and the parser's code and values), expression_reference (the
	field, the code), demographic_type; for choices (list name first): choice_value_format,
	choice_duplicate, likert_value."""
	lists = check_choices(choices)
	seen: dict[str, int] = {}
	groups: list[tuple[int, str]] = []
	for row, question in enumerate(questions, start=1):
		kind, code = question.question_type, question.code.strip()
		if kind == END_GROUP:
			if not groups:
				raise RuleError("group_end_unmatched", row)
			groups.pop()
			continue
		if not code:
			raise RuleError("code_missing", row)
		if not CODE.fullmatch(code):
			raise RuleError("code_format", row, code)
		if code in seen:
			raise RuleError("code_duplicate", row, code, seen[code])
		if kind != BEGIN_GROUP and not question.label.strip():
			raise RuleError("label_missing", row, code)
		if kind in CHOICE_TYPES:
			if not question.choice_list.strip():
				raise RuleError("choice_list_missing", row, code)
			if question.choice_list.strip() not in lists:
				raise RuleError("choice_list_unknown", row, code, question.choice_list.strip())
		if question.demographic and not (
			kind in CHOICE_TYPES or (kind == INTEGER and question.demographic == AGE_GROUP)
		):
			raise RuleError("demographic_type", row, code)
		for fieldname in ("relevant", "constraint"):
			check_expression(row, code, fieldname, getattr(question, fieldname), set(seen), kind)
		seen[code] = row
		if kind == BEGIN_GROUP:
			groups.append((row, code))
	if groups:
		raise RuleError("group_unclosed", *groups[-1])
	check_likert_lists(questions, choices)


def check_choices(choices: Sequence[Choice]) -> set[str]:
	values: dict[str, set[str]] = {}
	for choice in choices:
		list_name, value = choice.list_name.strip(), choice.value.strip()
		if not CHOICE_VALUE.fullmatch(value):
			raise RuleError("choice_value_format", list_name, value)
		if value in values.setdefault(list_name, set()):
			raise RuleError("choice_duplicate", list_name, value)
		values[list_name].add(value)
	return set(values)


def check_likert_lists(questions: Sequence[Question], choices: Sequence[Choice]) -> None:
	"""A Likert scale's values are its points' numbers ("1".."5"). Code likert_value (list name, value)."""
	likert_lists = {
		question.choice_list.strip() for question in questions if question.question_type == LIKERT
	}
	for choice in choices:
		if choice.list_name.strip() in likert_lists and not INTEGER_TEXT.fullmatch(choice.value.strip()):
			raise RuleError("likert_value", choice.list_name.strip(), choice.value.strip())


def check_expression(row: int, code: str, fieldname: str, expression: str, earlier: set[str], kind: str):
	"""An expression must parse and read only questions asked before this one; a constraint may also read
	its own question by name (as `.` does)."""
	try:
		tree = parse(expression)
	except RuleError as error:
		raise RuleError("expression", row, code, fieldname, expression, error.code, *error.values) from None
	allowed = earlier | ({code} if fieldname == "constraint" and kind not in NOT_ANSWERED else set())
	for reference in sorted(references(tree)):
		if reference not in allowed:
			raise RuleError("expression_reference", row, code, fieldname, reference)


@dataclass(frozen=True)
class FormQuestion:
	"""An answerable question with what checking an answer needs."""

	question: Question
	relevant: tuple[list, ...]  # trees of its enclosing groups' `relevant` and its own: all must hold
	constraint: list | None
	options: tuple[str, ...] = ()  # choice values in list order
	labels: Mapping[str, str] = field(default_factory=dict)  # choice value: its label

	@property
	def code(self) -> str:
		return self.question.code


@dataclass(frozen=True)
class QuestionnaireForm:
	"""A questionnaire ready to check answers: its answerable questions in form order (the column order of
	stored answers), with their parsed expressions and choice values."""

	name: str
	questions: tuple[FormQuestion, ...]

	@classmethod
	def build(
		cls, name: str, questions: Sequence[Question], choices: Sequence[Choice]
	) -> "QuestionnaireForm":
		"""From a questionnaire whose structure was checked (`check_structure`)."""
		lists: dict[str, dict[str, str]] = {}
		for choice in choices:
			lists.setdefault(choice.list_name.strip(), {})[choice.value.strip()] = choice.label
		group_conditions: list[list | None] = []
		form_questions = []
		for question in questions:
			kind = question.question_type
			if kind == BEGIN_GROUP:
				group_conditions.append(parse(question.relevant))
				continue
			if kind == END_GROUP:
				group_conditions.pop()
				continue
			if kind == NOTE:
				continue
			conditions = (*group_conditions, parse(question.relevant))
			labels = lists.get(question.choice_list.strip(), {}) if kind in CHOICE_TYPES else {}
			form_questions.append(
				FormQuestion(
					question=question,
					relevant=tuple(tree for tree in conditions if tree),
					constraint=parse(question.constraint),
					options=tuple(labels),
					labels=labels,
				)
			)
		return cls(name, tuple(form_questions))

	@property
	def columns(self) -> tuple[str, ...]:
		"""The codes of the answerable questions, in form order."""
		return tuple(question.code for question in self.questions)

	def demographic_questions(self) -> dict[str, FormQuestion]:
		return {question.code: question for question in self.questions if question.question.demographic}

	def check_answers(self, answers: Mapping[str, str | list[str] | None]) -> dict[str, str]:
		"""Every answerable question's answer as XPath reads it ("" when unanswered), in form order. Raises
		the first problem as a RuleError naming the question's code: unknown_question, hidden (answered
		while skip logic hides it), not_an_option (with the value), multiple_values, not_a_number,
		not_a_date, required, constraint (with the question's constraint message)."""
		normalised, problems = self.validate(answers)
		if problems:
			raise problems[0]
		return normalised

	def validate(
		self, answers: Mapping[str, str | list[str] | None]
	) -> tuple[dict[str, str], list[RuleError]]:
		"""The answers normalised and every problem found, in form order (unknown questions first): for a
		page that shows each question's problem at once. An answer with a problem counts as unanswered for
		the skip logic of the questions after it."""
		known = set(self.columns)
		problems = [RuleError("unknown_question", code) for code in answers if code not in known]
		values: dict[str, str] = {}
		for question in self.questions:
			try:
				values[question.code] = check_answer(question, answers.get(question.code), values)
			except RuleError as problem:
				problems.append(problem)
				values[question.code] = ""
		return values, problems


def check_answer(question: FormQuestion, raw, earlier: dict[str, str]) -> str:
	code = question.code
	shown = all(evaluate(tree, earlier) for tree in question.relevant)
	given = not is_empty(raw)
	if not shown:
		if given:
			raise RuleError("hidden", code)
		return ""
	text = normalise(question, raw) if given else ""
	if not text:
		if question.question.required:
			raise RuleError("required", code)
		return ""
	if question.constraint and not evaluate(question.constraint, earlier, text):
		raise RuleError("constraint", code, question.question.constraint_message)
	return text


def is_empty(raw) -> bool:
	if raw is None:
		return True
	if isinstance(raw, list | tuple):
		return all(is_empty(item) for item in raw)
	return not str(raw).strip()


def normalise(question: FormQuestion, raw) -> str:
	"""The answer as XPath reads it. Codes: not_an_option, multiple_values, not_a_number, not_a_date."""
	kind, code = question.question.question_type, question.code
	if kind == SELECT_MULTIPLE:
		items = raw if isinstance(raw, list | tuple) else str(raw).split()
		chosen = {str(item).strip() for item in items if str(item).strip()}
		for value in sorted(chosen):
			if value not in question.options:
				raise RuleError("not_an_option", code, value)
		return " ".join(value for value in question.options if value in chosen)
	text = single(code, raw)
	if kind in CHOICE_TYPES:
		if text not in question.options:
			raise RuleError("not_an_option", code, text)
		return text
	if kind == INTEGER:
		if not INTEGER_TEXT.fullmatch(text):
			raise RuleError("not_a_number", code, text)
		return str(int(text))
	if kind == DECIMAL:
		return decimal_text(code, text)
	if kind == DATE:
		return date_text(code, text)
	return text


def single(code: str, raw) -> str:
	if isinstance(raw, list | tuple):
		items = [str(item).strip() for item in raw if str(item).strip()]
		if len(items) > 1:
			raise RuleError("multiple_values", code)
		return items[0] if items else ""
	return str(raw).strip()


def decimal_text(code: str, text: str) -> str:
	if not DECIMAL_TEXT.fullmatch(text):
		raise RuleError("not_a_number", code, text)
	try:
		number = Decimal(text)
	except InvalidOperation:
		raise RuleError("not_a_number", code, text) from None
	return "0" if number == 0 else format(number.normalize(), "f")


def date_text(code: str, text: str) -> str:
	if not DATE_TEXT.fullmatch(text):
		raise RuleError("not_a_date", code, text)
	try:
		return date.fromisoformat(text).isoformat()
	except ValueError:
		raise RuleError("not_a_date", code, text) from None


def strata(form: QuestionnaireForm, codes: Sequence[str]) -> dict[str, str]:
	"""Every stratum of the strata questions `codes` with its label: their values' combinations joined by
	"|" (their labels by " – "), in the order of the questions and of their choices. Codes:
	strata_question_unknown, strata_question_type (not a single-choice demographic question)."""
	questions = {question.code: question for question in form.questions}
	combinations: dict[str, str] = {}
	for code in codes:
		question = questions.get(code)
		if question is None:
			raise RuleError("strata_question_unknown", code)
		if question.question.question_type not in (SELECT_ONE, LIKERT) or not question.question.demographic:
			raise RuleError("strata_question_type", code)
		combinations = {
			f"{key}|{value}" if key else value: f"{label} – {choice}" if label else choice
			for key, label in (combinations or {"": ""}).items()
			for value, choice in question.labels.items()
		}
	return combinations


def stratum_key(answers: Mapping[str, str], codes: Iterable[str]) -> str:
	"""The stratum of a response: its answers to the strata questions joined by "|"."""
	return "|".join(answers.get(code, "") for code in codes)
