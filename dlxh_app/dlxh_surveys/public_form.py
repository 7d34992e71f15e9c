"""The public page of a survey (www/khao-sat.html at /khao-sat/<public link key>): the questionnaire for
citizens, without login, in Vietnamese, for a phone first. It works as a plain HTML form (JavaScript off:
every question shown, the server checks the answers, skip logic included, and shows each problem by its
question) and with JavaScript on (public/js/survey_form.js hides and shows questions as they are answered,
reading the same expression trees the server evaluates).

What the page guards: the survey must be in the field, taken online and open; an invitation code when the
survey requires one (one code, one response); a body of at most MAX_BODY bytes, in a form encoding; per
address, at most `dlxh_survey_posts_per_hour` submissions an hour (site config, default
POSTS_PER_HOUR), counted in the cache under a hash of the address; the same form sent twice (a double tap,
a reload) stored once. Nothing about the respondent is stored with the answers: no address, no code."""

import hashlib
import json
import re
import secrets
from urllib.parse import urlencode

import frappe
from frappe import _
from frappe.utils import cint, now_datetime
from werkzeug.utils import redirect
from werkzeug.wrappers import Response

from dlxh_app.dlxh_surveys.invitations import invitation_open, take_invitation
from dlxh_app.dlxh_surveys.questionnaire import choices_of, get_form, questions_of
from dlxh_app.dlxh_surveys.responses import (
	ONLINE,
	PAPER,
	Collection,
	ResponsesRefused,
	SurveyClosed,
	check_collecting,
	store_responses,
	survey_info,
)
from dlxh_app.dlxh_surveys.rules.expression import parse
from dlxh_app.dlxh_surveys.rules.questionnaire import (
	BEGIN_GROUP,
	CHOICE_TYPES,
	END_GROUP,
	NOTE,
	SELECT_MULTIPLE,
)

# Fields of the page's form that are not answers.
TOKEN_FIELD = "__ma"
NONCE_FIELD = "__phieu"
SLUG_FIELD = "__khao_sat"
# Paper entry: the page in the enumerator's hands, with the paper form's number.
PAPER_FIELD = "__giay"
FORM_NUMBER_FIELD = "__so_phieu"
RESERVED = frozenset(
	{TOKEN_FIELD, NONCE_FIELD, SLUG_FIELD, PAPER_FIELD, FORM_NUMBER_FIELD, "csrf_token", "cmd"}
)
# Who enters paper forms: enumerators, and the staff who run surveys.
PAPER_ROLES = frozenset(
	{
		"DLXH Enumerator",
		"DLXH Unit Officer",
		"DLXH Unit Leader",
		"DLXH City Officer",
		"DLXH Manager",
		"System Manager",
	}
)
# Where the page's form is sent: straight to the method, not through the website's router.
SUBMIT_PATH = "/api/method/dlxh_app.dlxh_surveys.public_form.submit_form"
NONCE = re.compile(r"[A-Za-z0-9_-]{16,64}")
MAX_BODY = 64 * 1024
MAX_FIELDS = 400
MAX_ANSWER = 4000
POSTS_PER_HOUR = 30
RATE_WINDOW = 3600
# How long a sent form's key is remembered, so that sending it again stores nothing.
NONCE_SECONDS = 24 * 3600
FORM_ENCODINGS = ("application/x-www-form-urlencoded", "multipart/form-data")


class PageRefusal(Exception):
	"""A submission refused as a whole: its HTTP status and the message shown."""

	def __init__(self, status: int, message: str):
		super().__init__(message)
		self.status = status
		self.message = message


def survey_of_slug(slug: str):
	"""The submitted survey whose public link key is `slug`; None if there is none."""
	slug = (slug or "").strip()
	if not slug or len(slug) > 64:
		return None
	return survey_info(public_slug=slug, docstatus=1)


def get_page_context(context, slug: str, paper: bool = False):
	"""The page for GET and POST. Sets context.http_status_code for a refusal. With `paper`, the page of
	paper entry: for a logged-in enumerator (or staff) who may read the survey, with the form's number,
	while the survey is in the field (its online dates aside)."""
	# The page is the survey's, in Vietnamese whatever the browser asks for.
	frappe.local.lang = "vi"
	frappe.local.lang_full_dict = None
	context.no_cache = 1
	context.title = _("Survey")
	survey = survey_of_slug(slug)
	if survey is None:
		context.state = "missing"
		context.http_status_code = 404
		return context
	context.survey = survey
	context.title = survey.title
	context.slug = slug
	context.action = SUBMIT_PATH
	context.page_path = f"/khao-sat/{slug}" + ("/nhap-phieu" if paper else "")
	context.slug_field = SLUG_FIELD
	context.csrf_token = (frappe.session.data or {}).get("csrf_token") or ""
	context.paper, context.paper_field, context.number_field = paper, PAPER_FIELD, FORM_NUMBER_FIELD
	if paper:
		check_paper_entry(survey)
		context.saved = (frappe.form_dict.get("da_luu") or "")[:64] if frappe.request.method != "POST" else ""
	try:
		check_collecting(survey, PAPER if paper else ONLINE)
	except SurveyClosed as error:
		context.state = "closed"
		context.message = strip_html(str(error))
		context.http_status_code = 410 if frappe.request.method == "POST" else 200
		return context
	form = frappe.request.form if frappe.request.method == "POST" else None
	token = (form.get(TOKEN_FIELD) if form else frappe.form_dict.get("ma")) or ""
	context.token = token.strip()[:64]
	context.state = "form"
	errors: dict[str, str] = {}
	values: dict[str, list[str]] = {}
	if frappe.request.method == "POST":
		try:
			values = submit(survey, slug, paper)
		except PageRefusal as refusal:
			context.http_status_code = refusal.status
			context.message = refusal.message
			if refusal.status in (413, 429):
				context.state = "refused"
				return context
		except AnswersRefused as refused:
			context.http_status_code = 400
			errors, values = refused.errors, refused.values
			context.message = refused.message
	context.need_token = bool(survey.require_token) and not paper
	context.form_number = (form.get(FORM_NUMBER_FIELD) or "").strip()[:64] if form and errors else ""
	if (
		context.need_token
		and frappe.request.method != "POST"
		and context.token
		and not invitation_open(survey.name, context.token)
	):
		context.message = _("This invitation code is not valid or has already been used.")
	context.rows = form_items(survey.questionnaire, values, errors)
	asked = {item["code"] for item in context.rows}
	# Problems of no question on the page (answers to unknown questions).
	context.other_errors = [message for code, message in errors.items() if code not in asked]
	context.nonce = secrets.token_urlsafe(18)
	context.token_field, context.nonce_field = TOKEN_FIELD, NONCE_FIELD
	context.errors = errors
	return context


class AnswersRefused(Exception):
	def __init__(self, message: str, errors: dict[str, str], values: dict[str, list[str]]):
		super().__init__(message)
		self.message = message
		self.errors = errors
		self.values = values


def strip_html(text: str) -> str:
	"""A message as plain text (the page escapes what it shows)."""
	return re.sub(r"<[^>]+>", "", text or "")


def check_paper_entry(survey) -> None:
	if frappe.session.user == "Guest":
		raise frappe.PermissionError(_("Log in to enter paper forms."))
	if not (
		PAPER_ROLES & set(frappe.get_roles()) and frappe.has_permission("Opinion Survey", "read", survey.name)
	):
		raise frappe.PermissionError(_("You may not enter paper forms of survey {0}.").format(survey.name))


def submit(survey, slug: str, paper: bool = False) -> dict[str, list[str]]:
	"""Check and store one posted response, then send the browser to the thank-you page, or back to paper
	entry for the next form (frappe.Redirect). Raises PageRefusal or AnswersRefused; nothing is stored
	then."""
	request = frappe.request
	if (request.content_length or 0) > MAX_BODY:
		raise PageRefusal(413, _("The form sent is too large."))
	if (request.mimetype or "") not in FORM_ENCODINGS:
		raise PageRefusal(400, _("The form was not sent as a web form."))
	if not paper:
		count_post()
	form = request.form
	if len(form) > MAX_FIELDS:
		raise PageRefusal(400, _("The form sent has too many fields."))
	nonce = form.get(NONCE_FIELD) or ""
	if not NONCE.fullmatch(nonce):
		raise PageRefusal(400, _("The form is out of date: reload the page and answer again."))
	collection_form = get_form(survey.questionnaire)
	values = {key: form.getlist(key) for key in form if key not in RESERVED}
	answers = {}
	kinds = {question.code: question.question.question_type for question in collection_form.questions}
	for key, items in values.items():
		items = [item for item in items if item.strip()]
		if any(len(item) > MAX_ANSWER for item in items):
			raise PageRefusal(400, _("An answer is longer than {0} characters.").format(MAX_ANSWER))
		if kinds.get(key) == SELECT_MULTIPLE:
			# A box per choice, or the choices separated by spaces as XLSForm writes them.
			answers[key] = [part for item in items for part in item.split()]
		else:
			answers[key] = items if len(items) > 1 else (items or [None])[0]
	_normalised, problems = collection_form.validate(answers)
	if problems:
		collection = Collection.of(survey.name, lock=False, info=survey)
		errors = {}
		for problem in problems:
			errors.setdefault(problem.values[0], strip_html(collection.message(problem)))
		raise AnswersRefused(
			_("Some answers need your attention: see the questions marked below."), errors, values
		)
	if not remember_nonce(survey.name, nonce):
		# Sent already: the first one was stored.
		if paper:
			to_paper_entry(slug, "")
		thank(slug)
	number = (form.get(FORM_NUMBER_FIELD) or "").strip()
	try:
		if paper:
			store_responses(
				survey.name,
				[answers],
				PAPER,
				info=survey,
				form_numbers=[number],
				entered_by=frappe.session.user,
			)
			to_paper_entry(slug, number)
		if survey.require_token and not take_invitation(survey.name, form.get(TOKEN_FIELD)):
			raise PageRefusal(403, _("This invitation code is not valid or has already been used."))
		store_responses(survey.name, [answers], ONLINE, info=survey)
	except ResponsesRefused as refused:
		forget_nonce(survey.name, nonce)
		raise AnswersRefused(strip_html(str(refused)), {}, values) from None
	except PageRefusal:
		forget_nonce(survey.name, nonce)
		raise
	thank(slug)


@frappe.whitelist(allow_guest=True, methods=["POST"])
def submit_form() -> Response:
	"""The page's form, sent: the thank-you page's address (303), or the page again with what to correct.
	The same as a post to the page's own address, without the website's routing."""
	context = frappe._dict()
	try:
		get_page_context(
			context,
			frappe.request.form.get(SLUG_FIELD) or "",
			paper=frappe.request.form.get(PAPER_FIELD) == "1",
		)
	except frappe.Redirect:
		return redirect(frappe.local.flags.redirect_location, 303)
	html = frappe.render_template(PAGE_TEMPLATE, context)
	return Response(html, status=context.http_status_code or 200, mimetype="text/html")


PAGE_TEMPLATE = "www/khao-sat.html"


def to_paper_entry(slug: str, saved: str):
	"""Back to paper entry for the next form, saying which was saved."""
	query = f"?{urlencode({'da_luu': saved})}" if saved else ""
	frappe.local.flags.redirect_location = f"/khao-sat/{slug}/nhap-phieu{query}"
	raise frappe.Redirect(303)


def thank(slug: str):
	frappe.local.flags.redirect_location = f"/khao-sat/{slug}/cam-on"
	raise frappe.Redirect(303)


def nonce_key(survey: str, nonce: str) -> str:
	return frappe.cache.make_key(f"dlxh-survey-sent:{survey}:{nonce}")


def remember_nonce(survey: str, nonce: str) -> bool:
	"""Whether this form is sent for the first time (then remembered)."""
	return bool(frappe.cache.set(nonce_key(survey, nonce), 1, ex=NONCE_SECONDS, nx=True))


def forget_nonce(survey: str, nonce: str) -> None:
	frappe.cache.delete(nonce_key(survey, nonce))


def rate_key(address: str) -> str:
	digest = hashlib.sha256(f"{frappe.local.site}:{address}".encode()).hexdigest()[:32]
	return frappe.cache.make_key(f"dlxh-survey-posts:{digest}")


def count_post() -> None:
	"""Count one submission from the request's address; refuse past the hourly limit."""
	key = rate_key(frappe.local.request_ip or "")
	count = frappe.cache.incrby(key, 1)
	if count == 1:
		frappe.cache.expire(key, RATE_WINDOW)
	limit = cint(frappe.conf.get("dlxh_survey_posts_per_hour")) or POSTS_PER_HOUR
	if count > limit:
		raise PageRefusal(429, _("Too many forms have been sent from your connection. Try again later."))


def form_items(questionnaire: str, values: dict[str, list[str]], errors: dict[str, str]) -> list[dict]:
	"""The questionnaire's rows as the template draws them, in order: group starts and ends, notes and
	questions with their choices, what was answered (to show again after a refusal) and the problem."""
	doc = frappe.get_cached_doc("Survey Questionnaire", questionnaire)
	lists: dict[str, list[tuple[str, str]]] = {}
	for choice in choices_of(doc):
		lists.setdefault(choice.list_name, []).append((choice.value, choice.label or choice.value))
	items = []
	for question in questions_of(doc):
		kind = question.question_type
		tree = parse(question.relevant)
		item = {
			"kind": kind,
			"code": question.code,
			"label": question.label,
			"hint": question.hint,
			"required": question.required,
			"relevant": json.dumps(tree) if tree else "",
			"conditional": bool(tree),
			"values": values.get(question.code, []),
			"error": errors.get(question.code, ""),
		}
		if kind in CHOICE_TYPES:
			item["options"] = lists.get(question.choice_list, [])
		item["is_group"] = kind == BEGIN_GROUP
		item["is_end"] = kind == END_GROUP
		item["is_note"] = kind == NOTE
		items.append(item)
	return items


def get_thanks_context(context, slug: str):
	frappe.local.lang = "vi"
	frappe.local.lang_full_dict = None
	context.no_cache = 1
	survey = survey_of_slug(slug)
	if survey is None:
		context.http_status_code = 404
	context.survey = survey
	context.title = survey.title if survey else _("Survey")
	context.when = now_datetime()
	return context
