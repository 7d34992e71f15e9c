"""The fixture of the security tests (test_security.py): a city with two sibling districts A and B and a ward
A1 below A, a user of each role in them, and one record of every unit-scoped DocType per unit, each with a
marker in its text so that a response can be searched for it. Everything is committed, because HTTP
requests run on their own database connection, and removed again by `delete_fixture`.

Who may read what is written out by hand in `READERS` (not computed by the rule under test)."""

from dataclasses import dataclass, field

import frappe
from frappe.utils.password import update_password

from dlxh_app.consts import LINKED_RECORD_FIELDS
from dlxh_app.tests.utils import act, as_user, insert_as, make_city_unit, make_plan, make_unit, make_user

PASSWORD = "Sec-Test-Pass-2026!"

CITY = "SEC Ban Tuyên giáo Thành ủy"
A = "SEC Quận ủy Alpha"
A1 = "SEC Đảng ủy phường Alpha Một"
B = "SEC Quận ủy Beta"
UNITS = (CITY, A, A1, B)

CITY_OFFICER = "sec.city.officer@test.local"
MANAGER = "sec.manager@test.local"
A_OFFICER = "sec.a.officer@test.local"
A_LEADER = "sec.a.leader@test.local"
A1_OFFICER = "sec.a1.officer@test.local"
B_OFFICER = "sec.b.officer@test.local"
B_LEADER = "sec.b.leader@test.local"
COLLABORATOR = "sec.collaborator@test.local"
USERS = {
	CITY_OFFICER: ("DLXH City Officer", CITY),
	MANAGER: ("DLXH Manager", CITY),
	A_OFFICER: ("DLXH Unit Officer", A),
	A_LEADER: ("DLXH Unit Leader", A),
	A1_OFFICER: ("DLXH Unit Officer", A1),
	B_OFFICER: ("DLXH Unit Officer", B),
	B_LEADER: ("DLXH Unit Leader", B),
	COLLABORATOR: ("DLXH Collaborator", A),
}
CITY_USERS = {CITY_OFFICER, MANAGER}
# The users the walk runs as: two sibling units, a unit above another (A over A1), a unit below, a
# collaborator, and Guest (None).
PROBES = (A_OFFICER, A_LEADER, A1_OFFICER, B_OFFICER, COLLABORATOR, None)

SIGNER = {"signing_authority": "", "signer_title": "TRƯỞNG BAN", "signer_name": "Lê Văn Ký"}
TOPIC = "SEC Chủ đề an ninh"
PERIOD = {"period_year": 2026, "period_month": 11}

# Who besides the city's users may read each record, by key.
READERS = {
	"plan_a": {A_OFFICER, A_LEADER},
	"plan_a_next": {A_OFFICER, A_LEADER},
	"plan_a1": {A_OFFICER, A_LEADER, A1_OFFICER},
	"plan_b": {B_OFFICER, B_LEADER},
	"plan_city": {A_OFFICER, A_LEADER, A1_OFFICER, B_OFFICER, B_LEADER},
	"plan_city_draft": set(),
	"adjustment_a": {A_OFFICER, A_LEADER},
	"adjustment_b": {B_OFFICER, B_LEADER},
	"coordination_a": {A_OFFICER, A_LEADER},
	"coordination_b": {B_OFFICER, B_LEADER},
	"entry_collaborator": {A_OFFICER, A_LEADER, COLLABORATOR},
	"entry_a": {A_OFFICER, A_LEADER},
	"entry_b": {B_OFFICER, B_LEADER},
	"report_a": {A_OFFICER, A_LEADER},
	"report_a_pending": {A_OFFICER, A_LEADER},
	"report_a1": {A_OFFICER, A_LEADER, A1_OFFICER},
	"report_b": {B_OFFICER, B_LEADER},
	"request_city": {A_OFFICER, A_LEADER, A1_OFFICER, B_OFFICER, B_LEADER},
	"request_city_draft": set(),
	"synthesis": set(),
	"reminder_b": set(),
	"survey_a": {A_OFFICER, A_LEADER},
	"survey_a1": {A_OFFICER, A_LEADER, A1_OFFICER},
	"survey_b": {B_OFFICER, B_LEADER},
	# Approved: read by the units below the city, which take part in it.
	"survey_city": {A_OFFICER, A_LEADER, A1_OFFICER, B_OFFICER, B_LEADER},
	"survey_city_draft": set(),
	# Personal data: the managing unit and the units above it; not the unit below, nor collaborators.
	"collaborator_a": {A_OFFICER, A_LEADER},
	"collaborator_b": {B_OFFICER, B_LEADER},
	"target_a": {A_OFFICER, A_LEADER},
	"target_b": {B_OFFICER, B_LEADER},
	# The city's regulation is read by every unit and collaborator; a unit's adoption by its own.
	"regulation": {A_OFFICER, A_LEADER, A1_OFFICER, B_OFFICER, B_LEADER, COLLABORATOR},
	"adoption_a": {A_OFFICER, A_LEADER},
	"adoption_b": {B_OFFICER, B_LEADER},
	"training_a": {A_OFFICER, A_LEADER},
	"training_b": {B_OFFICER, B_LEADER},
	"evaluation_a": {A_OFFICER, A_LEADER},
	"evaluation_b": {B_OFFICER, B_LEADER},
	"result_b": {B_OFFICER, B_LEADER},
}


@dataclass
class Fixture:
	records: dict[str, tuple[str, str]] = field(default_factory=dict)  # key: (doctype, name)
	linked: dict[str, str] = field(default_factory=dict)  # linked DocType: name of its record on report_b

	def add(self, key: str, doc) -> None:
		self.records[key] = (doc.doctype, doc.name)

	def name(self, key: str) -> str:
		return self.records[key][1]

	def keys_of(self, doctype: str) -> list[str]:
		return [key for key, (dt, _name) in self.records.items() if dt == doctype]

	def key_of(self, doctype: str, name: str) -> str | None:
		return next((key for key, record in self.records.items() if record == (doctype, name)), None)


def marker(key: str) -> str:
	"""Text unique to a record, searched for in responses."""
	return f"MARK-{key}-MARK"


def may_read(user: str | None, key: str) -> bool:
	return user in CITY_USERS or user in READERS[key]


def make_fixture() -> Fixture:
	fixture = Fixture()
	make_city_unit(CITY, "SECTU", "SEC")
	make_unit(A, parent_dlxh_unit=CITY, is_group=1, is_reporting_unit=1, abbreviation="SECA")
	make_unit(
		A1,
		parent_dlxh_unit=A,
		unit_type="Commune/Ward Party Committee",
		is_reporting_unit=1,
		abbreviation="SECĐU",
	)
	make_unit(B, parent_dlxh_unit=CITY, is_reporting_unit=1, abbreviation="SECB")
	for email, (role, unit) in USERS.items():
		make_user(email, [role], unit)
		update_password(email, PASSWORD)
	frappe.get_doc({"doctype": "Opinion Topic", "topic_name": TOPIC}).insert()

	make_plans(fixture)
	make_unit_records(fixture)
	make_reports(fixture)
	make_requests(fixture)
	make_surveys(fixture)
	make_collaborators(fixture)
	fixture.add(
		"synthesis",
		insert_as(
			MANAGER,
			{
				"doctype": "Opinion Synthesis",
				"issuing_unit": CITY,
				"period_year": 2026,
				"period_month": 10,
				"situation_summary": marker("synthesis"),
			},
		),
	)
	reminder = frappe.get_doc(
		{
			"doctype": "DLXH Reminder Log",
			"kind": "Unit Reminder",
			"unit": B,
			**PERIOD,
			"reminder_date": "2026-12-01",
			"recipients": marker("reminder_b"),
		}
	).insert(ignore_permissions=True)
	fixture.add("reminder_b", reminder)
	make_linked_records(fixture, "report_b")
	return fixture


def make_plans(fixture: Fixture) -> None:
	def plan(key, user, unit, year, **values):
		doc = as_user(user, make_plan, unit, year, introduction=marker(key), **SIGNER, **values)
		fixture.add(key, doc)
		return doc

	plan("plan_a", A_OFFICER, A, 2026)
	plan("plan_a1", A1_OFFICER, A1, 2026)
	plan("plan_b", B_OFFICER, B, 2026)
	plan("plan_city_draft", CITY_OFFICER, CITY, 2027)
	city = plan("plan_city", CITY_OFFICER, CITY, 2026)
	act(city, (CITY_OFFICER, "Send for Approval"), (MANAGER, "Approve"), (CITY_OFFICER, "Issue"))
	# Drafted by the leader, who may not approve it: self-approval is tried on it.
	own = plan("plan_a_next", A_LEADER, A, 2027)
	act(own, (A_LEADER, "Send for Approval"))


def make_unit_records(fixture: Fixture) -> None:
	city_plan = fixture.name("plan_city")
	for key, user, unit in (("adjustment_a", A_OFFICER, A), ("adjustment_b", B_OFFICER, B)):
		fixture.add(
			key,
			insert_as(
				user,
				{
					"doctype": "Plan Adjustment Request",
					"unit": unit,
					"plan": city_plan,
					"subject": marker(key),
					"description": marker(key),
				},
			),
		)
	for key, user, unit in (("coordination_a", A_OFFICER, A), ("coordination_b", B_OFFICER, B)):
		fixture.add(
			key,
			insert_as(
				user,
				{
					"doctype": "Coordination Record",
					"unit": unit,
					"record_date": "2026-11-20",
					"partner_name": "Ủy ban MTTQ",
					"subject": marker(key),
				},
			),
		)
	for key, user, unit in (
		("entry_collaborator", COLLABORATOR, A),
		("entry_a", A_OFFICER, A),
		("entry_b", B_OFFICER, B),
	):
		fixture.add(
			key,
			insert_as(
				user,
				{
					"doctype": "Opinion Entry",
					"unit": unit,
					"entry_date": "2026-11-20",
					"topic": TOPIC,
					"trend": "Concerned",
					"content": marker(key),
				},
			),
		)


def make_reports(fixture: Fixture) -> None:
	def report(key, user, unit, **values):
		doc = insert_as(
			user,
			{
				"doctype": "Opinion Report",
				"unit": unit,
				"report_type": "Monthly",
				**PERIOD,
				"situation_summary": marker(key),
				"items": [{"topic": TOPIC, "trend": "Mixed", "content": marker(key)}],
			}
			| SIGNER
			| values,
		)
		fixture.add(key, doc)
		return doc

	report("report_a", A_OFFICER, A)
	report("report_a1", A1_OFFICER, A1)
	# Drafted by the leader, who may not approve it.
	own = report("report_a_pending", A_LEADER, A, period_month=10)
	act(own, (A_LEADER, "Send to Leader"))
	sent = report("report_b", B_OFFICER, B)
	act(sent, (B_OFFICER, "Send to Leader"), (B_LEADER, "Approve and Send"))


def make_requests(fixture: Fixture) -> None:
	def request(key):
		doc = insert_as(
			CITY_OFFICER,
			{
				"doctype": "Report Request",
				"issuing_unit": CITY,
				"subject": marker(key),
				"deadline": "2026-12-20 17:00:00",
				"units": [{"unit": A}, {"unit": B}],
				"signing_authority": "K/T TRƯỞNG BAN",
				"signer_title": "PHÓ TRƯỞNG BAN",
				"signer_name": "Trần Thị Thành",
			},
		)
		fixture.add(key, doc)
		return doc

	act(request("request_city"), (CITY_OFFICER, "Issue"))
	request("request_city_draft")


def make_surveys(fixture: Fixture) -> None:
	def survey(key, user, unit):
		doc = insert_as(
			user,
			{
				"doctype": "Opinion Survey",
				"title": "Khảo sát dư luận",
				"survey_year": 2026,
				"responsible_unit": unit,
				"policy": marker(key),
				"target_population": marker(key),
				"method_face_to_face": 1,
			}
			| SIGNER,
		)
		fixture.add(key, doc)
		return doc

	survey("survey_a", A_OFFICER, A)
	survey("survey_a1", A1_OFFICER, A1)
	act(survey("survey_b", B_OFFICER, B), (B_OFFICER, "Propose"))
	act(survey("survey_city", CITY_OFFICER, CITY), (CITY_OFFICER, "Propose"), (MANAGER, "Approve"))
	survey("survey_city_draft", CITY_OFFICER, CITY)
	# A result report of survey_b's unit. Its survey is only proposed, which the controller's validation
	# refuses; the record is what matters here.
	result = frappe.get_doc(
		{
			"doctype": "Survey Result Report",
			"survey": fixture.name("survey_b"),
			"title": marker("result_b"),
			"findings": marker("result_b"),
		}
	)
	result.flags.ignore_validate = True
	fixture.add("result_b", result.insert(ignore_permissions=True))


def make_collaborators(fixture: Fixture) -> None:
	for key, user, unit in (("collaborator_a", A_OFFICER, A), ("collaborator_b", B_OFFICER, B)):
		doc = insert_as(
			user,
			{
				"doctype": "DLXH Collaborator",
				"full_name": marker(key),
				"gender": "Female",
				"birth_year": 1980,
				"social_stratum": "Workers",
				"sector": "Economy",
				"organisation": marker(key),
				"managing_unit": unit,
				"residential_area": A1,
				"term_start": "2026-01-01",
				"criteria": [{"criterion": "Capacity", "met": 1, "note": marker(key)}],
			},
		)
		fixture.add(key, doc)
	for key, unit in (("target_a", A), ("target_b", B)):
		target = {
			"doctype": "Collaborator Target",
			"unit": unit,
			"min_collaborators": 3,
			"note": marker(key),
			"lines": [{"dimension": "Social Stratum", "value": "Farmers", "minimum": 1}],
		}
		fixture.add(key, insert_as(CITY_OFFICER, target))
	regulation = {
		"doctype": "Collaborator Regulation",
		"title": marker("regulation"),
		"version": 7001,
		"issuing_unit": CITY,
		"effective_from": "2026-01-01",
	}
	fixture.add("regulation", insert_as(CITY_OFFICER, regulation))
	for key, user in (("adoption_a", A_OFFICER), ("adoption_b", B_OFFICER)):
		adoption = {
			"doctype": "Collaborator Regulation Adoption",
			"regulation": fixture.name("regulation"),
			"adopted_on": "2026-02-01",
			"decision_number": marker(key),
		}
		fixture.add(key, insert_as(user, adoption))
	for unit_key, user in (("a", A_OFFICER), ("b", B_OFFICER)):
		collaborator = fixture.name(f"collaborator_{unit_key}")
		training = {
			"doctype": "Collaborator Training",
			"topic": marker(f"training_{unit_key}"),
			"training_date": "2026-03-10",
			"hours": 4,
			"participants": [
				{"collaborator": collaborator, "attended": 1, "note": marker(f"training_{unit_key}")}
			],
		}
		fixture.add(f"training_{unit_key}", insert_as(user, training))
		evaluation = {
			"doctype": "Collaborator Evaluation",
			"collaborator": collaborator,
			"evaluation_year": 2026,
			"rating": "Duties well fulfilled",
			"comment": marker(f"evaluation_{unit_key}"),
		}
		fixture.add(f"evaluation_{unit_key}", insert_as(user, evaluation))


def make_linked_records(fixture: Fixture, key: str) -> None:
	"""One record of each framework DocType that names the record `key` (a unit's document), with the
	marker of `key` in its text. Versions are not written in test mode, and workflow actions only by a
	worker, so they are made here as the framework makes them."""
	doctype, name = fixture.records[key]
	text = marker(key)
	values = {
		"Comment": {"comment_type": "Comment", "content": text},
		"Version": {"data": frappe.as_json({"changed": [["situation_summary", "", text]]})},
		"Communication": {
			"communication_type": "Communication",
			"communication_medium": "Email",
			"subject": text,
			"content": text,
			"sent_or_received": "Sent",
		},
		"File": {"file_name": f"{key}.txt", "content": text, "is_private": 0},
		# Allocated to a user of the sibling unit, who must still not see it.
		"ToDo": {"description": text, "allocated_to": A_OFFICER, "status": "Open"},
		"Notification Log": {"subject": text, "for_user": A_OFFICER, "type": "Alert"},
		"Workflow Action": {
			"status": "Open",
			"workflow_state": "Sent to City",
			"permitted_roles": [{"role": "DLXH Unit Officer"}],
		},
		"Activity Log": {"subject": text, "status": "Success"},
	}
	# Energy Point Log exists on v15 only, and awards points by its rules rather than by insert.
	for linked_doctype, own_values in values.items():
		doctype_field, name_field = LINKED_RECORD_FIELDS[linked_doctype]
		doc = frappe.get_doc(
			{"doctype": linked_doctype, doctype_field: doctype, name_field: name, **own_values}
		)
		doc.insert(ignore_permissions=True)
		fixture.linked[linked_doctype] = doc.name


def delete_fixture(fixture: Fixture | None) -> None:
	"""Remove what make_fixture made, committed or not; also after a failure half-way. Directly: the
	controllers rightly refuse to delete sent reports and issued documents."""
	frappe.set_user("Administrator")
	frappe.db.rollback()
	records = unit_record_names()
	for name in frappe.get_all("File", {"attached_to_name": ["in", records]}, pluck="name"):
		# Through the document, which removes the file from the disk too.
		frappe.delete_doc("File", name, force=True, ignore_permissions=True, delete_permanently=True)
	for doctype, (_doctype_field, name_field) in LINKED_RECORD_FIELDS.items():
		if frappe.db.exists("DocType", doctype):
			frappe.db.delete(doctype, {name_field: ["in", records]})
	for doctype, unit_field in UNIT_RECORDS:
		purge(doctype, {unit_field: ["in", UNITS]})
	purge("DLXH Reminder Log", {"unit": ["in", UNITS]})
	purge("DLXH Document Counter", {"issuing_unit": ["in", UNITS]})
	purge("DLXH Export Log", {"user": ["in", list(USERS)]})
	for email in USERS:
		frappe.delete_doc("User", email, force=True, ignore_missing=True, delete_permanently=True)
	for unit in (A1, A, B, CITY):
		frappe.delete_doc("DLXH Unit", unit, force=True, ignore_missing=True, delete_permanently=True)
	frappe.delete_doc("Opinion Topic", TOPIC, force=True, ignore_missing=True, delete_permanently=True)
	frappe.db.commit()


# The fixture's unit-scoped records, by their unit field.
UNIT_RECORDS = (
	("Opinion Report", "unit"),
	("Opinion Entry", "unit"),
	("Plan Adjustment Request", "unit"),
	("Coordination Record", "unit"),
	("Opinion Synthesis", "issuing_unit"),
	("Report Request", "issuing_unit"),
	("DLXH Plan", "issuing_unit"),
	("Opinion Survey", "responsible_unit"),
	("DLXH Collaborator", "managing_unit"),
	("Collaborator Target", "unit"),
	("Collaborator Regulation Adoption", "unit"),
	("Collaborator Regulation", "issuing_unit"),
	("Collaborator Training", "organiser_unit"),
	("Collaborator Evaluation", "unit"),
)


def purge(doctype: str, filters: dict) -> None:
	names = frappe.get_all(doctype, filters, pluck="name")
	if not names:
		return
	for table in frappe.get_meta(doctype).get_table_fields():
		frappe.db.delete(table.options, {"parent": ["in", names], "parenttype": doctype})
	frappe.db.delete(doctype, {"name": ["in", names]})


def unit_record_names() -> list[str]:
	return [
		name
		for doctype, unit_field in UNIT_RECORDS
		for name in frappe.get_all(doctype, {unit_field: ["in", UNITS]}, pluck="name")
	]
