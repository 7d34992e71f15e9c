"""The unit tree, users, norms, questionnaire and plan the surveys' tests share, built once per test class and
rolled back after each test (SurveyTestCase)."""

import frappe
from frappe.utils import getdate, today

from dlxh_app.dlxh_surveys import analysis
from dlxh_app.dlxh_surveys.rules.questionnaire import Choice, Question
from dlxh_app.dlxh_surveys.rules.xlsform import Form
from dlxh_app.dlxh_surveys.xlsform import make_questionnaire
from dlxh_app.permissions import clear_unit_scope_cache
from dlxh_app.tests.base import IntegrationTestCase
from dlxh_app.tests.utils import act, as_user, insert_as, make_city_unit, make_plan, make_unit, make_user

YEAR = getdate(today()).year

# The city department and its office; a district with two wards below it; a sibling district.
CITY = "KS Ban Tuyên giáo Thành ủy"
OFFICE = "KS Phòng Thông tin - Tổng hợp"
DISTRICT = "KS Quận ủy Ninh Kiều"
WARD = "KS Đảng ủy phường An Hòa"
OTHER_WARD = "KS Đảng ủy phường Cái Khế"
SIBLING = "KS Quận ủy Bình Thủy"

MANAGER = "ks.manager@test.local"
CITY_OFFICER = "ks.city.officer@test.local"
OFFICER = "ks.officer@test.local"
LEADER = "ks.leader@test.local"
SIBLING_OFFICER = "ks.sibling.officer@test.local"
ENUMERATOR = "ks.enumerator@test.local"
COLLABORATOR = "ks.collaborator@test.local"

SIGNER = {"signing_authority": "", "signer_title": "TRƯỞNG BAN", "signer_name": "Lê Văn Ký"}
TOPIC = "KS Sắp xếp đơn vị hành chính"

# A short form: the area and gender make the strata.
FORM = Form(
	"Phiếu khảo sát thử",
	"ks_thu",
	(
		Question("Select One", "khu_vuc", "Phường nơi ở", "khu_vuc", required=True, demographic="Area"),
		Question("Select One", "gioi_tinh", "Giới tính", "gioi_tinh", required=True, demographic="Gender"),
		Question("Integer", "tuoi", "Tuổi", required=True, constraint=". >= 16", demographic="Age Group"),
		Question("Likert", "hai_long", "Mức độ hài lòng", "muc_do", required=True),
		Question("Text", "ly_do", "Vì sao chưa hài lòng?", relevant="${hai_long} <= 2"),
		Question("Text", "kien_nghi", "Kiến nghị"),
	),
	(
		Choice("khu_vuc", "an_hoa", "An Hòa"),
		Choice("khu_vuc", "cai_khe", "Cái Khế"),
		Choice("gioi_tinh", "nam", "Nam"),
		Choice("gioi_tinh", "nu", "Nữ"),
		*(Choice("muc_do", str(point), f"Mức {point}") for point in range(1, 6)),
	),
)
STRATA = {"an_hoa|nam": 5200, "an_hoa|nu": 5600, "cai_khe|nam": 3100, "cai_khe|nu": 3300}

# Norms of the test: a rate per respondent, per printed page, per enumerator day and a lump sum.
NORMS = {
	"design": (
		"Plan and Questionnaire Design",
		"Xây dựng phương án, bảng hỏi",
		"bảng hỏi",
		4_000_000,
		"Manual",
	),
	"printing": ("Printing", "In phiếu khảo sát", "trang", 500, "Printed Pages"),
	"enumerators": ("Enumerator Pay", "Thù lao điều tra viên", "ngày công", 200_000, "Enumerator Days"),
	"respondents": ("Respondent Payment", "Chi cho người trả lời phiếu", "phiếu", 30_000, "Respondents"),
}


def make_fixture() -> dict:
	"""Records of the fixture by key: the norms, the questionnaire and the city's issued plan."""
	make_city_unit(CITY, "KSTU", "Thành ủy Khảo Sát")
	make_unit(OFFICE, unit_type="Department Office", abbreviation="KSPTT", parent_dlxh_unit=CITY)
	make_unit(
		DISTRICT,
		parent_dlxh_unit=CITY,
		is_group=1,
		abbreviation="KSQU",
		parent_body_line="Quận ủy Ninh Kiều",
		issuer_line="Ban Tuyên giáo",
		place_name="Ninh Kiều",
	)
	for ward in (WARD, OTHER_WARD):
		make_unit(
			ward,
			unit_type="Commune/Ward Party Committee",
			parent_dlxh_unit=DISTRICT,
			abbreviation="ĐU",
			parent_body_line=ward,
		)
	make_unit(SIBLING, parent_dlxh_unit=CITY, abbreviation="KSBT")
	for email, role, unit in (
		(MANAGER, "DLXH Manager", CITY),
		(CITY_OFFICER, "DLXH City Officer", OFFICE),
		(OFFICER, "DLXH Unit Officer", DISTRICT),
		(LEADER, "DLXH Unit Leader", DISTRICT),
		(SIBLING_OFFICER, "DLXH Unit Officer", SIBLING),
		(ENUMERATOR, "DLXH Enumerator", OFFICE),
		(COLLABORATOR, "DLXH Collaborator", DISTRICT),
	):
		make_user(email, [role], unit)
	frappe.get_doc({"doctype": "Opinion Topic", "topic_name": TOPIC}).insert()
	records = {
		key: frappe.get_doc(
			{
				"doctype": "Survey Budget Norm",
				"item_group": group,
				"item": item,
				"unit_of_measure": unit,
				"unit_rate": rate,
				"quantity_basis": basis,
				"legal_basis": "109/2016/TT-BTC",
				"province": "Cần Thơ",
				"illustrative": 1,
			}
		)
		.insert()
		.name
		for key, (group, item, unit, rate, basis) in NORMS.items()
	}
	records["questionnaire"] = make_questionnaire(FORM).name
	plan = as_user(CITY_OFFICER, make_plan, CITY, YEAR, planned_surveys=3, **SIGNER)
	records["plan"] = act(
		plan, (CITY_OFFICER, "Send for Approval"), (MANAGER, "Approve"), (CITY_OFFICER, "Issue")
	).name
	return records


def survey_values(records: dict, unit: str = DISTRICT, **values) -> dict:
	"""A complete survey of the district: two wards, the test form, strata by ward and gender, a budget
	of one line per norm."""
	return (
		{
			"doctype": "Opinion Survey",
			"title": "Khảo sát mức độ hài lòng của người dân về thủ tục hành chính sau sắp xếp",
			"survey_year": YEAR,
			"responsible_unit": unit,
			"plan": records["plan"],
			"topics": [{"opinion_topic": TOPIC}],
			"purpose": "<p>Đánh giá mức độ hài lòng của người dân để kiến nghị điều chỉnh kịp thời.</p>",
			"policy": "Sắp xếp đơn vị hành chính cấp xã",
			"method_face_to_face": 1,
			"method_online": 1,
			"target_population": "Người dân từ 16 tuổi trở lên thường trú trên địa bàn",
			"areas": [{"area": WARD}, {"area": OTHER_WARD}],
			"questionnaire": records["questionnaire"],
			"strata_questions": "khu_vuc, gioi_tinh",
			"strata": [{"stratum_key": key, "population": population} for key, population in STRATA.items()],
			"budget_lines": [
				{"norm": records[key], "estimated_quantity": 1 if key == "design" else 0} for key in NORMS
			],
			"addressees": "Thường trực Quận ủy",
			"recipients": "- Như trên;\n- Lưu: VT.",
		}
		| SIGNER
		| values
	)


def make_survey(records: dict, user: str = OFFICER, **values):
	return insert_as(user, survey_values(records, **values))


def settle(name: str, respondents: int):
	"""The district's officer settles an approved survey of `survey_values`: every line as estimated but the
	payment to respondents, made for `respondents` forms (its fourth line)."""
	survey = frappe.get_doc("Opinion Survey", name)
	for row in survey.budget_lines:
		row.settled_quantity = row.estimated_quantity
	survey.budget_lines[3].settled_quantity = respondents
	as_user(OFFICER, survey.save)
	return survey


class SurveyTestCase(IntegrationTestCase):
	"""The fixture is made once for the class; each test's changes are rolled back after it."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.records = make_fixture()

	@classmethod
	def tearDownClass(cls):
		frappe.set_user("Administrator")
		frappe.db.rollback()
		clear_unit_scope_cache()
		super().tearDownClass()

	def setUp(self):
		# Analyses are cached in Redis, which no rollback reaches: a survey of another test, rolled back
		# and made again under the same name, must not find the first one's results.
		frappe.cache.delete_keys(analysis.CACHE_KEY)
		frappe.db.savepoint("survey_test")
		self.addCleanup(self.roll_back)

	def roll_back(self):
		frappe.set_user("Administrator")
		frappe.db.rollback(save_point="survey_test")
		clear_unit_scope_cache()
		frappe.cache.delete_keys(analysis.CACHE_KEY)

	def survey(self, user: str = OFFICER, **values):
		return make_survey(self.records, user, **values)

	def assertRefused(self, run, *words, exception=frappe.ValidationError):
		with self.assertRaises(exception) as caught:
			run()
		for word in words:
			self.assertIn(word, str(caught.exception))
		return caught.exception


COLLECTING = ((OFFICER, "Propose"), (LEADER, "Approve"), (OFFICER, "Start Collection"))


def collecting_survey(records: dict, **values):
	"""A survey of `survey_values` in the field, taken online (open since yesterday, for a week)."""
	from frappe.utils import add_days, now_datetime

	values = {
		"online_enabled": 1,
		"opens_on": add_days(now_datetime(), -1),
		"closes_on": add_days(now_datetime(), 7),
	} | values
	return act(make_survey(records, **values), *COLLECTING)


def answers(**values) -> dict:
	"""A valid response to the test form (a satisfied man of An Hòa), changed by `values`."""
	return {"khu_vuc": "an_hoa", "gioi_tinh": "nam", "tuoi": "34", "hai_long": "4"} | values


FIXTURE_UNITS = (WARD, OTHER_WARD, DISTRICT, SIBLING, OFFICE, CITY)
FIXTURE_USERS = (MANAGER, CITY_OFFICER, OFFICER, LEADER, SIBLING_OFFICER, ENUMERATOR, COLLABORATOR)


def delete_fixture(records: dict | None) -> None:
	"""Remove what make_fixture and the surveys made on it left, committed: for tests over HTTP, whose
	requests see committed data only. Directly: the controllers rightly keep approved surveys and
	responses."""
	from dlxh_app.consts import LINKED_RECORD_FIELDS
	from dlxh_app.tests.security import purge

	frappe.set_user("Administrator")
	frappe.db.rollback()
	surveys = frappe.get_all("Opinion Survey", {"responsible_unit": ["in", FIXTURE_UNITS]}, pluck="name")
	plans = frappe.get_all("DLXH Plan", {"issuing_unit": ["in", FIXTURE_UNITS]}, pluck="name")
	questionnaires = frappe.get_all("Survey Questionnaire", {"form_id": FORM.form_id}, pluck="name")
	named = surveys + plans + questionnaires
	for doctype, (_doctype_field, name_field) in LINKED_RECORD_FIELDS.items():
		if named and frappe.db.exists("DocType", doctype):
			frappe.db.delete(doctype, {name_field: ["in", named]})
	if surveys:
		frappe.db.delete("Survey Response", {"survey": ["in", surveys]})
		frappe.db.delete("Survey Invitation", {"survey": ["in", surveys]})
	purge("Opinion Survey", {"name": ["in", surveys or [""]]})
	purge("DLXH Plan", {"name": ["in", plans or [""]]})
	purge("Survey Questionnaire", {"name": ["in", questionnaires or [""]]})
	norms = [(records or {}).get(key) for key in NORMS]
	purge("Survey Budget Norm", {"name": ["in", [name for name in norms if name] or [""]]})
	purge("DLXH Document Counter", {"issuing_unit": ["in", FIXTURE_UNITS]})
	for email in FIXTURE_USERS:
		frappe.delete_doc("User", email, force=True, ignore_missing=True, delete_permanently=True)
	for unit in FIXTURE_UNITS:
		frappe.delete_doc("DLXH Unit", unit, force=True, ignore_missing=True, delete_permanently=True)
	frappe.delete_doc("Opinion Topic", TOPIC, force=True, ignore_missing=True, delete_permanently=True)
	frappe.db.commit()
	clear_unit_scope_cache()


def answered_survey(records: dict, rows: list[dict] | None = None):
	"""A survey in the field with a few responses imported (by default four: men and women of two wards,
	most of them satisfied), read back with its counts."""
	from dlxh_app.dlxh_surveys.responses import store_responses

	survey = collecting_survey(records)
	store_responses(
		survey.name,
		rows
		or [
			answers(),
			answers(gioi_tinh="nu", hai_long="5"),
			answers(khu_vuc="cai_khe", hai_long="2"),
			answers(khu_vuc="cai_khe", gioi_tinh="nu", hai_long="3"),
		],
		"Import",
	)
	survey.reload()
	return survey
