"""What installing (and migrating) the app leaves on a site: roles, the User field, default topics,
legal documents and settings. The test site is a copy of a freshly installed one."""

import json
import os
import tempfile

import frappe
from frappe.core.doctype.data_import.data_import import export_json
from frappe.model.sync import sync_for
from frappe.utils import get_datetime, getdate
from frappe.utils.dashboard import sync_dashboards
from frappe.utils.fixtures import sync_fixtures

from dlxh_app.setup.install import after_migrate, read_data
from dlxh_app.tests.base import IntegrationTestCase

ROLES = {
	"DLXH Manager",
	"DLXH City Officer",
	"DLXH Unit Leader",
	"DLXH Unit Officer",
	"DLXH Collaborator",
	"DLXH Enumerator",
}

LEGAL_BASES = {
	"1475-QĐ/TU": "2024-04-09",
	"185-HD/BTGTW": "2025-01-09",
	"109/2016/TT-BTC": "2016-06-30",
	"37/2022/TT-BTC": "2022-06-22",
	"194/2012/TT-BTC": "2012-11-15",
	"238-QĐ/TW": "2020-09-30",
	"18-NQ/TW": "2017-10-25",
	"01-KL/TW": "2021-05-18",
	"21-KL/TW": "2021-10-25",
}

TOPIC_GROUPS = {
	"Thực hiện nghị quyết, chủ trương của Đảng",
	"Kỷ niệm các ngày lễ lớn và sự kiện lịch sử",
	"Tình hình kinh tế - xã hội",
	"An ninh, chủ quyền biển, đảo",
	"Phòng, chống thiên tai, dịch bệnh",
	"Giao thông, trật tự, an toàn xã hội",
	"Sự kiện chính trị, kinh tế, văn hóa, xã hội",
	"Đại hội đảng bộ các cấp nhiệm kỳ 2025-2030 và Đại hội XIV của Đảng",
	"Sắp xếp tổ chức bộ máy của hệ thống chính trị",
}


class TestInstall(IntegrationTestCase):
	def tearDown(self):
		frappe.db.rollback()

	def test_roles_exist_with_desk_access(self):
		roles = frappe.get_all(
			"Role", filters={"name": ("like", "DLXH %")}, fields=["name", "desk_access", "disabled"]
		)
		self.assertEqual({role.name for role in roles}, ROLES)
		self.assertTrue(all(role.desk_access and not role.disabled for role in roles))

	def test_roles_fixture_round_trips_through_export_fixtures(self):
		self.assertIn({"dt": "Role", "filters": [["name", "like", "DLXH %"]]}, frappe.get_hooks("fixtures"))
		fixture_path = frappe.get_app_path("dlxh_app", "fixtures", "role.json")
		with open(fixture_path, encoding="utf-8") as fixture:
			shipped = json.load(fixture)
		with tempfile.TemporaryDirectory() as folder:
			exported_path = os.path.join(folder, "role.json")
			# What `bench export-fixtures` does for the hook's entry.
			export_json(
				"Role", exported_path, filters=[["name", "like", "DLXH %"]], order_by="idx asc, creation asc"
			)
			with open(exported_path, encoding="utf-8") as exported:
				exported = json.load(exported)

		def by_name(records):
			# Databases print the same timestamp with or without ".000000"; compare the instants.
			return sorted(
				({**record, "modified": get_datetime(record["modified"])} for record in records),
				key=lambda record: record["name"],
			)

		self.assertEqual(by_name(exported), by_name(shipped))

	def test_user_has_a_unit_field(self):
		field = frappe.get_meta("User").get_field("dlxh_unit")
		self.assertEqual((field.fieldtype, field.options), ("Link", "DLXH Unit"))
		self.assertTrue(frappe.db.has_column("User", "dlxh_unit"))
		self.assertEqual(
			frappe.db.get_value("Custom Field", {"dt": "User", "fieldname": "dlxh_unit"}, "module"),
			"DLXH Setup",
		)

	def test_user_unit_must_be_a_known_unit(self):
		user = frappe.get_doc("User", "Administrator")
		user.dlxh_unit = "Không có đơn vị này"
		with self.assertRaises(frappe.LinkValidationError):
			user.save()

	def test_legal_bases_are_installed(self):
		for number, issue_date in LEGAL_BASES.items():
			with self.subTest(number=number):
				doc = frappe.get_doc("Legal Document", number)
				self.assertEqual(getdate(doc.issue_date), getdate(issue_date))
				self.assertTrue(doc.summary and doc.issuing_body and doc.is_active)
		self.assertEqual(frappe.db.get_value("Legal Document", "238-QĐ/TW", "document_type"), "Decision")
		self.assertEqual(frappe.db.get_value("Legal Document", "01-KL/TW", "issuing_body"), "Bộ Chính trị")

	def test_topic_groups_are_installed_as_groups(self):
		roots = frappe.get_all(
			"Opinion Topic",
			filters={"parent_opinion_topic": ("is", "not set")},
			fields=["name", "is_group", "keywords"],
		)
		self.assertEqual({root.name for root in roots}, TOPIC_GROUPS)
		self.assertTrue(all(root.is_group and root.keywords for root in roots))
		children = frappe.get_all(
			"Opinion Topic",
			filters={"parent_opinion_topic": "Thực hiện nghị quyết, chủ trương của Đảng"},
			pluck="name",
		)
		self.assertIn("Xây dựng, chỉnh đốn Đảng và hệ thống chính trị", children)
		self.assertIn(
			"21-KL/TW",
			frappe.db.get_value(
				"Opinion Topic", "Xây dựng, chỉnh đốn Đảng và hệ thống chính trị", "keywords"
			),
		)

	def test_migrate_is_idempotent_and_keeps_user_edits(self):
		def count():
			return {dt: frappe.db.count(dt) for dt in ("Opinion Topic", "Legal Document", "Custom Field")}

		before = count()
		field_modified = frappe.db.get_value("Custom Field", "User-dlxh_unit", "modified")
		topic = frappe.get_doc("Opinion Topic", "Tình hình kinh tế - xã hội")
		topic.keywords = "giá cả, việc làm"
		topic.save()
		settings = frappe.get_single("DLXH Settings")
		settings.signing_authority = ""
		settings.save()
		frappe.delete_doc("Legal Document", "194/2012/TT-BTC")

		after_migrate()

		self.assertEqual(count(), before)
		# The custom field was not saved again (that would alter the User table, committing on MariaDB).
		self.assertEqual(frappe.db.get_value("Custom Field", "User-dlxh_unit", "modified"), field_modified)
		self.assertEqual(
			frappe.db.get_value("Opinion Topic", "Tình hình kinh tế - xã hội", "keywords"), "giá cả, việc làm"
		)
		self.assertEqual(frappe.db.get_single_value("DLXH Settings", "signing_authority"), "")
		self.assertTrue(frappe.db.exists("Legal Document", "194/2012/TT-BTC"))

	def test_install_data_matches_what_is_installed(self):
		topics = read_data("opinion_topics.json")
		names = [topic["topic_name"] for topic in topics] + [
			child["topic_name"] for topic in topics for child in topic.get("children", [])
		]
		self.assertEqual(len(names), len(set(names)))
		for name in names:
			self.assertTrue(frappe.db.exists("Opinion Topic", name), name)
		self.assertEqual(
			{doc["document_number"] for doc in read_data("legal_documents.json")}, set(LEGAL_BASES)
		)

	def test_install_hooks_are_registered(self):
		self.assertIn("dlxh_app.setup.install.after_install", frappe.get_hooks("after_install"))
		self.assertIn("dlxh_app.setup.install.after_migrate", frappe.get_hooks("after_migrate"))


APP = "dlxh_app"
# Older than every shipped version: what the previous version of the app left, or a record made shipped
# again by the next migration.
PREVIOUS_VERSION = "2026-11-01 00:00:00"
SITE_EDITED_WORKFLOW = "Plan Adjustment Request"
UPDATED_WORKFLOW = "Opinion Report Approval"
ADDED_TRANSITION = {"state": "Sent to City", "action": "Return", "next_state": "Returned"}
CARD = "Late Units This Month"
WORKSPACE = "Public Opinion"
ROLE = "DLXH Enumerator"


def migrate_app():
	"""What `bench migrate` runs for the app once its patches are done (SiteMigration on v15 and v16):
	its DocTypes and standard records (the workspace…), its fixtures (roles), its dashboards (number
	cards, charts), then its after_migrate hooks (workflows, default records). Committed, as on a bench."""
	sync_for(APP)
	sync_fixtures(APP)
	sync_dashboards(APP)
	for hook in frappe.get_hooks("after_migrate", app_name=APP):
		frappe.get_attr(hook)()
	frappe.db.commit()


def transitions(workflow: str) -> set[tuple]:
	return set(
		frappe.get_all(
			"Workflow Transition",
			filters={"parent": workflow},
			fields=["state", "action", "next_state", "allowed"],
			as_list=True,
		)
	)


class TestMigrateBringsShippedRecordsUpToDate(IntegrationTestCase):
	"""A site installed with the previous version of the app, then migrated: what the app ships in a newer
	version reaches it, and what the site's managers edited since is kept (Frappe's rule for an app's
	records: the newer of the site's copy and the shipped one)."""

	def setUp(self):
		self.addCleanup(self.restore_shipped_records)

	def restore_shipped_records(self):
		"""Whatever the test left, the shipped versions again (committed: the migration commits)."""
		frappe.db.rollback()
		for doctype, name in (
			("Workflow", SITE_EDITED_WORKFLOW),
			("Workflow", UPDATED_WORKFLOW),
			("Number Card", CARD),
			("Workspace", WORKSPACE),
		):
			frappe.db.set_value(doctype, name, "modified", PREVIOUS_VERSION, update_modified=False)
		migrate_app()

	# A migration re-reads every file the app ships and commits, and the cleanup migrates again: every case
	# is in this one test, so that the suite migrates twice only.
	def test_previous_version_is_updated_and_site_edits_are_kept(self):
		shipped_transitions = transitions(UPDATED_WORKFLOW)
		# The previous version: the workflow without a transition added since, older number card and
		# workspace settings, a role without desk access.
		workflow = frappe.get_doc("Workflow", UPDATED_WORKFLOW)
		workflow.transitions = [
			row
			for row in workflow.transitions
			if {key: row.get(key) for key in ADDED_TRANSITION} != ADDED_TRANSITION
		]
		workflow.save()
		frappe.db.set_value("Number Card", CARD, "color", "#000000", update_modified=False)
		frappe.db.set_value("Workspace", WORKSPACE, "icon", "folder-normal", update_modified=False)
		frappe.db.set_value("Role", ROLE, "desk_access", 0, update_modified=False)
		for doctype, name in (
			("Workflow", UPDATED_WORKFLOW),
			("Number Card", CARD),
			("Workspace", WORKSPACE),
		):
			frappe.db.set_value(doctype, name, "modified", PREVIOUS_VERSION, update_modified=False)
		# Edited on the site since: a transition the Department added to its adjustment requests.
		edited = frappe.get_doc("Workflow", SITE_EDITED_WORKFLOW)
		edited.append(
			"transitions",
			{"state": "Closed", "action": "Reopen", "next_state": "Open", "allowed": "DLXH Manager"},
		)
		edited.save()
		edited_transitions = transitions(SITE_EDITED_WORKFLOW)
		frappe.db.commit()

		migrate_app()

		self.assertEqual(transitions(UPDATED_WORKFLOW), shipped_transitions)
		self.assertEqual(
			str(frappe.db.get_value("Workflow", UPDATED_WORKFLOW, "modified")), "2026-12-01 12:00:00"
		)
		self.assertEqual(frappe.db.get_value("Number Card", CARD, "color"), "#E24C4C")
		self.assertEqual(frappe.db.get_value("Workspace", WORKSPACE, "icon"), "message")
		self.assertEqual(frappe.db.get_value("Role", ROLE, "desk_access"), 1)
		self.assertEqual(transitions(SITE_EDITED_WORKFLOW), edited_transitions)
