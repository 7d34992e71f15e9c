"""A survey's public page as citizens use it, over HTTP as Guest (Frappe's WSGI application): the form,
a response stored anonymously and the thank-you page; each bad input refused with a Vietnamese message
naming the question and nothing stored; invitation codes, closed surveys, oversized and malformed bodies,
the per-address limit, a form sent twice; and a bounded fuzz of random bodies after which every stored
response is a valid one."""

import random
import re
from urllib.parse import urlencode

import frappe
from frappe.utils import add_days, now_datetime
from frappe.utils.password import update_password

from dlxh_app.dlxh_surveys.invitations import generate_invitations
from dlxh_app.dlxh_surveys.public_form import (
	FORM_NUMBER_FIELD,
	NONCE_FIELD,
	PAPER_FIELD,
	POSTS_PER_HOUR,
	SLUG_FIELD,
	SUBMIT_PATH,
	TOKEN_FIELD,
	rate_key,
)
from dlxh_app.dlxh_surveys.questionnaire import get_form
from dlxh_app.dlxh_surveys.rules.responses import decode_answers
from dlxh_app.tests.base import IntegrationTestCase
from dlxh_app.tests.surveys import (
	CITY,
	CITY_OFFICER,
	COLLABORATOR,
	ENUMERATOR,
	MANAGER,
	OFFICER,
	answers,
	collecting_survey,
	delete_fixture,
	make_fixture,
	make_survey,
)
from dlxh_app.tests.utils import act, as_user, rest_session

ADDRESS = "203.0.113.7"
PASSWORD = "ks-paper-2026"


def guest(steps):
	return rest_session(None, None, steps)


def nonce_of(html: str) -> str:
	return re.search(rf'name="{NONCE_FIELD}" value="([^"]+)"', html).group(1)


def body(**values) -> dict:
	"""A form post of the test form's answers (answers()) with a fresh form key."""
	return {NONCE_FIELD: frappe.generate_hash(length=24)} | answers(**values)


class PublicPageCase(IntegrationTestCase):
	"""Surveys made and committed once for the class (the requests see committed data only), emptied of
	responses before each test."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.records = None
		try:
			cls.records = make_fixture()
			cls.open = collecting_survey(cls.records)
			cls.invited = collecting_survey(cls.records, title="Khảo sát có mã mời", require_token=1)
			cls.closed = collecting_survey(
				cls.records, title="Khảo sát đã kết thúc", closes_on=add_days(now_datetime(), -1)
			)
			cls.tokens = as_user(
				OFFICER, lambda: generate_invitations(cls.invited.name, 3)
			) and frappe.get_all("Survey Invitation", {"survey": cls.invited.name}, pluck="token")
			cls.paper = act(
				make_survey(
					cls.records, CITY_OFFICER, unit=CITY, title="Khảo sát phát phiếu giấy", online_enabled=0
				),
				(CITY_OFFICER, "Propose"),
				(MANAGER, "Approve"),
				(CITY_OFFICER, "Start Collection"),
			)
			for user in (ENUMERATOR, COLLABORATOR):
				update_password(user, PASSWORD)
			frappe.db.commit()
		except Exception:
			delete_fixture(cls.records)
			raise

	@classmethod
	def tearDownClass(cls):
		delete_fixture(cls.records)
		super().tearDownClass()

	def setUp(self):
		"""Each test starts from no response: what the requests committed is removed."""
		for address in (ADDRESS, "127.0.0.1"):
			frappe.cache.delete(rate_key(address))
		surveys = [self.open.name, self.invited.name, self.closed.name, self.paper.name]
		frappe.db.delete("Survey Response", {"survey": ["in", surveys]})
		for survey in surveys:
			frappe.db.set_value(
				"Survey Stratum", {"parent": survey}, {"achieved": 0, "over_quota": 0}, update_modified=False
			)
		frappe.db.set_value(
			"Survey Invitation", {"survey": self.invited.name}, "used", 0, update_modified=False
		)
		frappe.db.commit()

	def tearDown(self):
		frappe.db.rollback()

	def url(self, survey) -> str:
		return f"/khao-sat/{survey.public_slug}"

	def post(self, survey, data, address: str = ADDRESS, **kwargs):
		return guest(
			lambda client: client.post(
				self.url(survey), data=data, headers={"X-Forwarded-For": address}, **kwargs
			)
		)

	def stored(self, survey) -> list[dict]:
		frappe.db.rollback()
		return frappe.get_all(
			"Survey Response", {"survey": survey.name}, ["*"], order_by="creation asc, name asc"
		)


class TestPublicPage(PublicPageCase):
	def test_the_page_shows_the_questionnaire_in_vietnamese(self):
		response = guest(lambda client: client.get(self.url(self.open)))
		html = response.get_data(as_text=True)
		self.assertEqual(response.status_code, 200)
		self.assertIn(self.open.title, html)
		self.assertIn("Gửi phiếu", html)
		self.assertIn('name="hai_long" value="4"', html)
		self.assertIn(
			'data-relevant="[&#34;op&#34;, &#34;&lt;=&#34;, [&#34;ref&#34;, &#34;hai_long&#34;]', html
		)
		self.assertIn(NONCE_FIELD, html)
		self.assertEqual(guest(lambda client: client.get("/khao-sat/khong-co")).status_code, 404)

	def test_a_response_is_stored_anonymously_and_thanked(self):
		response = self.post(self.open, body(kien_nghi="Rút ngắn thời gian"))
		self.assertEqual(response.status_code, 303, response.get_data(as_text=True)[:500])
		self.assertTrue(response.headers["Location"].endswith(f"{self.url(self.open)}/cam-on"))
		[row] = self.stored(self.open)
		self.assertEqual((row.channel, row.entered_by, row.stratum_key), ("Online", None, "an_hoa|nam"))
		self.assertNotIn(ADDRESS, str(row.values()))
		thanks = guest(lambda client: client.get(f"{self.url(self.open)}/cam-on"))
		self.assertIn("Xin cảm ơn", thanks.get_data(as_text=True))

	def test_bad_answers_are_refused_naming_the_question_and_nothing_is_stored(self):
		for data, words in (
			(body(tuoi=None), ["Tuổi", "Cần trả lời"]),
			(body(gioi_tinh="khac"), ["Giới tính", "khac"]),
			(body(ly_do="Hidden"), ["Vì sao chưa hài lòng?", "không được hỏi"]),
			(body(cau_la="x"), ["cau_la", "không phải là câu hỏi"]),
			(body(tuoi="abc"), ["Tuổi", "không phải là số"]),
		):
			with self.subTest(words=words):
				response = self.post(self.open, data)
				html = response.get_data(as_text=True)
				self.assertEqual(response.status_code, 400)
				for word in words:
					self.assertIn(word, html)
		self.assertEqual(self.stored(self.open), [])

	def test_the_page_sends_its_form_to_the_submit_method(self):
		page = guest(lambda client: client.get(self.url(self.open))).get_data(as_text=True)
		self.assertIn(f'action="{SUBMIT_PATH}"', page)
		self.assertIn(f'name="{SLUG_FIELD}" value="{self.open.public_slug}"', page)

		def send(data):
			return guest(
				lambda client: client.post(SUBMIT_PATH, data=data, headers={"X-Forwarded-For": ADDRESS})
			)

		refused = send(body(gioi_tinh=None) | {SLUG_FIELD: self.open.public_slug})
		self.assertEqual(refused.status_code, 400)
		self.assertIn("Cần trả lời câu hỏi «Giới tính»", refused.get_data(as_text=True))
		sent = send(body() | {SLUG_FIELD: self.open.public_slug})
		self.assertEqual(sent.status_code, 303)
		self.assertTrue(sent.headers["Location"].endswith(f"{self.url(self.open)}/cam-on"))
		self.assertEqual(send(body() | {SLUG_FIELD: "khong-co"}).status_code, 404)
		self.assertEqual(len(self.stored(self.open)), 1)

	def test_a_form_sent_twice_is_stored_once(self):
		data = body()
		self.assertEqual(self.post(self.open, data).status_code, 303)
		self.assertEqual(self.post(self.open, data).status_code, 303)
		self.assertEqual(len(self.stored(self.open)), 1)

	def test_invitation_codes_give_one_response_each(self):
		page = guest(lambda client: client.get(self.url(self.invited)))
		self.assertIn(TOKEN_FIELD, page.get_data(as_text=True))
		self.assertEqual(self.post(self.invited, body()).status_code, 403)
		self.assertEqual(self.post(self.invited, body() | {TOKEN_FIELD: "khong-co-ma"}).status_code, 403)
		token = self.tokens[0]
		self.assertEqual(self.post(self.invited, body() | {TOKEN_FIELD: token}).status_code, 303)
		reused = self.post(self.invited, body() | {TOKEN_FIELD: token})
		self.assertEqual(reused.status_code, 403)
		self.assertIn("đã được sử dụng", reused.get_data(as_text=True))
		self.assertEqual(len(self.stored(self.invited)), 1)
		self.assertEqual(frappe.db.get_value("Survey Invitation", {"token": token}, "used"), 1)

	def test_a_closed_survey_takes_nothing(self):
		page = guest(lambda client: client.get(self.url(self.closed)))
		self.assertIn("đã kết thúc", page.get_data(as_text=True))
		self.assertEqual(self.post(self.closed, body()).status_code, 410)
		self.assertEqual(self.stored(self.closed), [])

	def test_oversized_and_malformed_bodies_are_refused(self):
		self.assertEqual(self.post(self.open, body(kien_nghi="x" * 70_000)).status_code, 413)
		raw = self.post(self.open, b"\x00\xff" * 100, content_type="application/octet-stream")
		self.assertEqual(raw.status_code, 400)
		self.assertEqual(
			self.post(self.open, {k: v for k, v in body().items() if k != NONCE_FIELD}).status_code, 400
		)
		self.assertEqual(self.stored(self.open), [])

	def test_an_address_sending_too_many_forms_is_held_back(self):
		for _index in range(POSTS_PER_HOUR):
			self.post(self.open, {NONCE_FIELD: "x"})
		self.assertEqual(self.post(self.open, body()).status_code, 429)
		self.assertEqual(self.post(self.open, body(), address="198.51.100.1").status_code, 303)
		frappe.cache.delete(rate_key("198.51.100.1"))

	def test_fuzz_nothing_invalid_is_stored(self):
		"""Random bodies: answers, junk codes and values, missing or repeated fields, odd encodings. Every
		accepted one is a valid response; every stored response passes the questionnaire's check."""
		generator = random.Random(20261202)
		form = get_form(self.open.questionnaire)
		codes = [*form.columns, "cau_la", NONCE_FIELD, "", "__proto__"]
		values = [
			"an_hoa",
			"cai_khe",
			"nam",
			"nu",
			"1",
			"2",
			"4",
			"5",
			"16",
			"15",
			"-3",
			"1e3",
			"",
			" ",
			"x" * 300,
			"<b>",
			"' or 1=1 --",
			"\uff12",
		]
		accepted = 0
		for index in range(120):
			data = body() if generator.random() < 0.5 else {NONCE_FIELD: frappe.generate_hash(length=24)}
			for _change in range(generator.randint(0, 6)):
				code = generator.choice(codes)
				if generator.random() < 0.2:
					data.pop(code, None)
				else:
					data[code] = (
						[generator.choice(values) for _v in range(generator.randint(1, 3))]
						if generator.random() < 0.2
						else generator.choice(values)
					)
			kwargs = {}
			if generator.random() < 0.1:
				kwargs["content_type"] = generator.choice(["application/json", "text/plain"])
				data = urlencode(data, doseq=True)
			response = self.post(self.open, data, address=f"10.0.{index // 200}.{index % 200}", **kwargs)
			# 417: Frappe's own refusal of a body that is not the JSON it claims to be.
			self.assertIn(response.status_code, (303, 400, 413, 417), data)
			accepted += response.status_code == 303
		rows = self.stored(self.open)
		self.assertEqual(len(rows), accepted)
		self.assertGreater(accepted, 0)
		for row in rows:
			_values, problems = form.validate(
				{k: v for k, v in decode_answers(row.answers, form.columns).items()}
			)
			self.assertEqual(problems, [], row.answers)


class TestPaperEntry(PublicPageCase):
	"""Paper entry by enumerators: the same page and checks, with the form's number and who entered it."""

	def enter(self, user: str | None, numbers: list[str], **changes):
		path = f"/khao-sat/{self.paper.public_slug}/nhap-phieu"

		def steps(client):
			page = client.get(path)
			if page.status_code != 200:
				return [page.status_code]
			token = re.search(r'name="csrf_token" value="([^"]*)"', page.get_data(as_text=True)).group(1)
			statuses = []
			for number in numbers:
				response = client.post(
					SUBMIT_PATH,
					data=body(**changes)
					| {
						SLUG_FIELD: self.paper.public_slug,
						PAPER_FIELD: "1",
						FORM_NUMBER_FIELD: number,
						"csrf_token": token,
					},
				)
				statuses.append(
					(response.status_code, response.headers.get("Location"), response.get_data(as_text=True))
				)
			return statuses

		return rest_session(user, PASSWORD if user else None, steps)

	def test_an_enumerator_enters_numbered_forms_once_each(self):
		[(status, location, _html), (again, _location, html)] = self.enter(ENUMERATOR, ["P-001", "P-001"])
		self.assertEqual(status, 303)
		self.assertTrue(location.endswith("/nhap-phieu?da_luu=P-001"))
		self.assertEqual(again, 400)
		self.assertIn("Số phiếu P-001 đã được nhập", html)
		[row] = self.stored(self.paper)
		self.assertEqual((row.channel, row.form_number, row.entered_by), ("Paper", "P-001", ENUMERATOR))

	def test_bad_answers_are_refused_as_online(self):
		[(status, _location, html)] = self.enter(ENUMERATOR, ["P-002"], hai_long="7")
		self.assertEqual(status, 400)
		self.assertIn("Mức độ hài lòng", html)
		self.assertEqual(self.stored(self.paper), [])

	def test_only_enumerators_and_staff_enter_forms(self):
		self.assertEqual(self.enter(None, ["P-003"]), [403])
		self.assertEqual(self.enter(COLLABORATOR, ["P-003"]), [403])
		self.assertEqual(self.stored(self.paper), [])
