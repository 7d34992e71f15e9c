"""The engine behaves like upstream Frappe for what dlxh_app relies on: one `frappe` module, a second
app's hooks and modules, migrations, workflows, and HTTP (ping, login, CSRF, REST, Jinja pages)."""

import http.server
import json
import os
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

import frappe
from frappe.model.workflow import apply_workflow
from werkzeug.test import Client

from devbench.site import ROOT, SiteConfig
from dlxh_app.tests.base import IntegrationTestCase
from dlxh_app.tests.utils import in_request_thread


class TestAppOnEngine(IntegrationTestCase):
	def test_frappe_is_the_engine_itself(self):
		import frappe.model.document
		import monoframe.model.document

		self.assertIs(frappe.model.document.Document, monoframe.model.document.Document)

	def test_app_is_installed_with_its_hooks_and_modules(self):
		self.assertEqual(frappe.get_installed_apps(), ["monoframe", "dlxh_app"])
		self.assertIn("dlxh_app", frappe.get_hooks("app_name"))
		self.assertEqual(frappe.get_hooks("app_title", app_name="dlxh_app"), ["DLXH"])
		self.assertEqual(frappe.local.module_app["dlxh_setup"], "dlxh_app")
		self.assertEqual(frappe.db.get_value("DocType", "Legal Document", "module"), "DLXH Setup")

	# Slow by nature (10–20 s): copies the installed template and runs the whole migration twice, in a
	# process of its own, as `make migrate` would.
	def test_migrating_twice_changes_nothing(self):
		output = subprocess.run(
			[sys.executable, "-m", "devbench.tests.migrate_twice", frappe.db.db_type],
			cwd=ROOT,
			capture_output=True,
			text=True,
			check=False,
		)
		self.assertEqual(output.returncode, 0, output.stderr[-3000:])
		first, second = json.loads(output.stdout.strip().splitlines()[-1])
		self.assertIn("Legal Document", first["app_doctypes"])
		self.assertEqual(first, second)


class TestDatabaseAndConfigOnEngine(IntegrationTestCase):
	def test_named_parameters_keep_their_types_and_the_callers_dict(self):
		values = {"number": 41, "text": "it's"}
		rows = frappe.db.sql("select %(number)s + 1, %(text)s, '100%%'", values)
		self.assertEqual(tuple(rows[0]), (42, "it's", "100%"))
		self.assertEqual(values, {"number": 41, "text": "it's"})

	def test_keys_frappe_writes_to_site_config_are_read_back(self):
		from frappe.config import clear_site_config_cache
		from frappe.utils.password import get_encryption_key

		key = get_encryption_key()
		clear_site_config_cache()
		# What a new process reads: the key Frappe stored, so earlier passwords still decrypt.
		self.assertEqual(frappe.get_site_config().get("encryption_key"), key)
		self.assertEqual(SiteConfig.load(os.environ["DEVBENCH_TEST_SITE"]).frappe_keys["encryption_key"], key)


class TestWorkflowOnEngine(IntegrationTestCase):
	"""A workflow with Vietnamese states and a `frappe.` condition, applied through Frappe's API."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		for state in ("Dự thảo", "Chờ duyệt", "Đã duyệt"):
			if not frappe.db.exists("Workflow State", state):
				frappe.get_doc({"doctype": "Workflow State", "workflow_state_name": state}).insert()
		for action in ("Gửi duyệt", "Duyệt"):
			if not frappe.db.exists("Workflow Action Master", action):
				frappe.get_doc({"doctype": "Workflow Action Master", "workflow_action_name": action}).insert()
		frappe.get_doc(
			{
				"doctype": "Workflow",
				"workflow_name": "Engine check: Legal Document",
				"document_type": "Legal Document",
				"is_active": 1,
				"workflow_state_field": "workflow_state",
				"states": [
					{"state": "Dự thảo", "doc_status": "0", "allow_edit": "System Manager"},
					{"state": "Chờ duyệt", "doc_status": "0", "allow_edit": "System Manager"},
					{"state": "Đã duyệt", "doc_status": "0", "allow_edit": "System Manager"},
				],
				"transitions": [
					{
						"state": "Dự thảo",
						"action": "Gửi duyệt",
						"next_state": "Chờ duyệt",
						"allowed": "System Manager",
						"allow_self_approval": 1,
					},
					{
						"state": "Chờ duyệt",
						"action": "Duyệt",
						"next_state": "Đã duyệt",
						"allowed": "System Manager",
						"allow_self_approval": 1,
						"condition": "frappe.session.user == 'Administrator'",
					},
				],
			}
		).insert()

	@classmethod
	def tearDownClass(cls):
		frappe.delete_doc("Workflow", "Engine check: Legal Document", force=True)
		frappe.db.commit()
		frappe.clear_cache(doctype="Legal Document")
		super().tearDownClass()

	def test_transition_applied_and_illegal_one_refused(self):
		doc = frappe.get_doc(
			{
				"doctype": "Legal Document",
				"document_number": "998-NQ/THU",
				"document_type": "Resolution",
				"issue_date": "2017-10-25",
				"issuing_body": "Ban Chấp hành Trung ương",
				"summary": "Một số vấn đề về tiếp tục đổi mới, sắp xếp tổ chức bộ máy",
			}
		).insert()
		self.assertEqual(doc.workflow_state, "Dự thảo")
		with self.assertRaises(frappe.ValidationError):
			apply_workflow(doc, "Duyệt")
		doc = apply_workflow(doc, "Gửi duyệt")
		self.assertEqual(doc.workflow_state, "Chờ duyệt")
		doc = apply_workflow(doc, "Duyệt")
		self.assertEqual(frappe.db.get_value("Legal Document", doc.name, "workflow_state"), "Đã duyệt")


class TestCsrfOnEngine(IntegrationTestCase):
	"""A session's unsafe request carries its CSRF token in upstream's `X-Frappe-CSRF-Token` header."""

	def validate(self, headers):
		from frappe.auth import HTTPRequest
		from werkzeug.test import EnvironBuilder
		from werkzeug.wrappers import Request

		session = frappe.local.session
		frappe.local.session = frappe._dict(user="Administrator", data=frappe._dict(csrf_token="expected"))
		frappe.local.request = Request(EnvironBuilder(method="POST", headers=headers).get_environ())
		try:
			# The check alone, without the rest of the request set-up that __init__ does.
			HTTPRequest.validate_csrf_token(object.__new__(HTTPRequest))
		finally:
			frappe.local.session = session
			del frappe.local.request

	def test_matching_upstream_header_passes(self):
		self.validate({"X-Frappe-CSRF-Token": "expected"})

	def test_wrong_or_missing_token_is_refused(self):
		for headers in ({"X-Frappe-CSRF-Token": "forged"}, {}):
			with self.subTest(headers=headers), self.assertRaises(frappe.CSRFTokenError):
				self.validate(headers)


class TestWhitelistedOverridesOnEngine(IntegrationTestCase):
	"""An app's override of a framework method routes the method under the engine's own name too."""

	def test_export_override_under_either_name(self):
		override = "dlxh_app.dlxh_collaborators.exports.export_query"
		for name in ("frappe.desk.reportview.export_query", "monoframe.desk.reportview.export_query"):
			with self.subTest(name=name):
				self.assertEqual(frappe.override_whitelisted_method(name), override)
		self.assertEqual(
			frappe.override_whitelisted_method("monoframe.desk.reportview.get"),
			"monoframe.desk.reportview.get",
		)


class TestHttpOnEngine(IntegrationTestCase):
	def exchange(self, steps):
		from frappe.app import application

		def run():
			return steps(Client(application))

		return in_request_thread(run)

	def test_ping_and_a_www_page(self):
		# Frappe's own www pages render with the hooks' Jinja globals; `/login` was one until the app
		# sent it to its web app (hooks.website_redirects), so another of them is rendered here.
		def steps(client):
			return client.get("/api/method/ping"), client.get("/update-password")

		ping, page = self.exchange(steps)
		self.assertEqual(ping.json, {"message": "pong"})
		self.assertEqual(page.status_code, 200, page.get_data(as_text=True)[:500])
		self.assertIn("</html>", page.get_data(as_text=True))

	def test_login_then_rest_list_and_insert(self):
		password = SiteConfig.load(os.environ["DEVBENCH_TEST_SITE"]).admin_password

		def steps(client):
			login = client.post("/api/method/login", data={"usr": "Administrator", "pwd": password})
			listing = client.get(
				"/api/resource/Module Def", query_string={"filters": '[["app_name","=","dlxh_app"]]'}
			)
			created = client.post(
				"/api/resource/Legal Document",
				json={
					"document_number": "997-QĐ/THU",
					"document_type": "Decision",
					"issue_date": "2020-09-30",
					"issuing_body": "Ban Bí thư",
					"summary": "Quy chế phối hợp giữa ban tuyên giáo và cơ quan quản lý nhà nước cùng cấp",
				},
			)
			return login, listing, created

		login, listing, created = self.exchange(steps)
		self.addCleanup(self.delete_committed, "Legal Document", "997-QĐ/THU")
		self.assertEqual(login.json["message"], "Logged In")
		self.assertEqual(len(listing.json["data"]), 5)
		self.assertEqual(created.status_code, 200, created.get_data(as_text=True)[:500])
		self.assertEqual(created.json["data"]["issuing_body"], "Ban Bí thư")

	def test_wrong_password_is_refused(self):
		def steps(client):
			return client.post("/api/method/login", data={"usr": "Administrator", "pwd": "wrong"})

		self.assertEqual(self.exchange(steps).status_code, 401)

	def delete_committed(self, doctype, name):
		frappe.db.rollback()
		frappe.delete_doc(doctype, name, force=True, ignore_missing=True)
		frappe.db.commit()


class TestPdfFetcherOnEngine(IntegrationTestCase):
	"""The engine's PDF renderer (WeasyPrint, or wkhtmltopdf with DEVBENCH_PDF=wkhtmltopdf) fetches only
	the site's own files."""

	def test_a_print_draws_the_sites_image_and_requests_nothing_elsewhere(self):
		from frappe.utils.pdf import get_pdf
		from PIL import Image

		requested = []

		class Recorder(http.server.BaseHTTPRequestHandler):
			def do_GET(self):
				requested.append(self.path)
				self.send_error(404)

			def log_message(self, *args):
				pass

		elsewhere = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
		threading.Thread(target=elsewhere.serve_forever, daemon=True).start()
		self.addCleanup(elsewhere.server_close)
		self.addCleanup(elsewhere.shutdown)
		other = f"http://127.0.0.1:{elsewhere.server_port}"
		image = Path(frappe.get_site_path("public", "files", "engine-fetch-test.png"))
		image.parent.mkdir(parents=True, exist_ok=True)
		Image.new("RGB", (40, 40), "black").save(image)
		self.addCleanup(image.unlink)

		pdf = get_pdf(
			f'<html><head><link rel="stylesheet" href="{other}/style.css"></head><body><p>Ảnh</p>'
			f'<img src="/files/{image.name}" width="40"><img src="{other}/track.png" width="40"></body></html>'
		)
		with tempfile.NamedTemporaryFile(suffix=".pdf") as file:
			file.write(pdf)
			file.flush()
			listing = subprocess.run(
				["pdfimages", "-list", file.name], capture_output=True, text=True, check=True
			)
		# The site's 40 by 40 image (wkhtmltopdf draws a small icon for the image it was refused).
		sizes = [tuple(line.split()[3:5]) for line in listing.stdout.splitlines()[2:]]
		self.assertIn(("40", "40"), sizes, listing.stdout)
		self.assertEqual(requested, [])

	def test_site_files_are_read_from_disk(self):
		from devbench.compat import site_file_url

		base = frappe.utils.get_url()
		font_css = site_file_url(f"{base}/assets/dlxh_app/css/party_document_fonts.css")
		self.assertTrue(font_css.startswith("file://"))
		self.assertTrue(font_css.endswith("/public/css/party_document_fonts.css"))

	def test_anything_else_is_refused(self):
		from devbench.compat import site_file_url

		base = frappe.utils.get_url()
		for url in (
			"http://198.51.100.7/track.png",
			f"{base}/api/method/ping",
			f"{base}/assets/dlxh_app/../../../../etc/passwd",
			"file:///etc/passwd",
			f"{base}/private/files/not-a-file.png",
		):
			with self.subTest(url=url), self.assertRaises(ValueError):
				site_file_url(url)
