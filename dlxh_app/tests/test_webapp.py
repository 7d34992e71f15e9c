"""The web app's page and boot data (dlxh_app/webapp.py, www/dlxh.py), over HTTP as Frappe serves
them: Guest gets the login form's session (Vietnamese, no roles, no DocTypes), a unit officer gets
their own unit and only the DocTypes their roles may read, never a sibling unit's; / and /login lead
to the web app."""

import json

import frappe
from frappe.utils.password import update_password

from dlxh_app.tests.base import IntegrationTestCase
from dlxh_app.tests.utils import make_unit, make_user, rest_session

CITY = "WA Ban Tuyên giáo Thành ủy"
UNIT_A = "WA Quận ủy An"
UNIT_B = "WA Quận ủy Bình"
OFFICER_B = "wa.b.officer@test.local"
PASSWORD = "Wa-Test-Pass-2025!"
BOOT = "/api/method/dlxh_app.webapp.get_boot"


def guest_get(path: str, cookies: dict | None = None):
	site = frappe.local.site

	def steps(client):
		for name, value in (cookies or {}).items():
			client.set_cookie(name, value, domain=site)
		return client.get(path)

	return rest_session(None, None, steps)


class TestWebApp(IntegrationTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		# HTTP requests run on their own connection and see only committed data.
		try:
			make_unit(CITY, unit_type="City Department", abbreviation="WATU", is_group=1)
			make_unit(UNIT_A, parent_dlxh_unit=CITY, is_reporting_unit=1, parent_body_line=UNIT_A)
			make_unit(UNIT_B, parent_dlxh_unit=CITY, is_reporting_unit=1, parent_body_line=UNIT_B)
			make_user(OFFICER_B, ["DLXH Unit Officer"], UNIT_B)
			update_password(OFFICER_B, PASSWORD)
		finally:
			frappe.db.commit()

	@classmethod
	def tearDownClass(cls):
		frappe.set_user("Administrator")
		frappe.db.rollback()
		frappe.delete_doc("User", OFFICER_B, force=True, ignore_missing=True)
		for unit in (UNIT_B, UNIT_A, CITY):
			frappe.delete_doc("DLXH Unit", unit, force=True, ignore_missing=True)
		frappe.db.commit()
		super().tearDownClass()

	def test_guest_gets_the_login_forms_session_in_vietnamese(self):
		response = guest_get(BOOT)
		self.assertEqual(response.status_code, 200)
		boot = response.get_json()["message"]
		self.assertEqual(boot["user"], "Guest")
		self.assertEqual((boot["roles"], boot["doctypes"]), ([], []))
		self.assertEqual(boot["language"], "vi")
		self.assertEqual(boot["translations"]["Log in"], "Đăng nhập")
		self.assertTrue(boot["csrf_token"])
		self.assertNotIn("unit", boot)

	def test_guest_who_chose_english_gets_english(self):
		response = guest_get(BOOT, cookies={"preferred_language": "en"})
		self.assertEqual(response.get_json()["message"]["language"], "en")

	def test_unit_officer_gets_their_unit_and_what_their_roles_may_read(self):
		def steps(client):
			return client.get(BOOT).get_json()["message"]

		boot = rest_session(OFFICER_B, PASSWORD, steps)
		self.assertEqual(boot["user"], OFFICER_B)
		self.assertEqual(boot["unit"], UNIT_B)
		self.assertIn("DLXH Unit Officer", boot["roles"])
		self.assertNotIn(UNIT_A, json.dumps(boot, ensure_ascii=False))
		doctypes = {doctype["name"]: doctype for doctype in boot["doctypes"]}
		self.assertTrue(doctypes["Opinion Report"]["can_create"])
		frappe.set_user(OFFICER_B)
		app_doctypes = frappe.get_all(
			"DocType",
			filters={"module": ["in", frappe.get_module_list("dlxh_app")], "istable": 0},
			pluck="name",
		)
		readable = {doctype for doctype in app_doctypes if frappe.has_permission(doctype, "read")}
		self.assertEqual(set(doctypes), readable)
		self.assertLess(len(readable), len(app_doctypes), "a unit officer reads every DocType of the app")

	def test_the_page_carries_the_boot_data(self):
		from dlxh_app.www import dlxh

		frappe.set_user(OFFICER_B)
		context = dlxh.get_context(frappe._dict())
		self.assertEqual(context.boot["unit"], UNIT_B)

	def test_home_and_login_lead_to_the_web_app(self):
		home = guest_get("/")
		self.assertEqual(home.status_code, 302)
		self.assertTrue(home.headers["Location"].endswith("/dlxh"))
		login = guest_get("/login?redirect-to=/app/opinion-report")
		self.assertEqual(login.status_code, 302)
		self.assertIn("/dlxh/login?redirect-to=/app/opinion-report", login.headers["Location"])
