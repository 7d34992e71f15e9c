"""Every label, description, select option, DocType, report, module, role, workflow state and action of
the app, and every message its Python code passes to `_()` or its JavaScript to `__()`, has a Vietnamese
translation in translations/vi.csv."""

import ast
import csv
import json
import re
from pathlib import Path

import frappe

from dlxh_app.tests.base import IntegrationTestCase

APP = Path(frappe.get_app_path("dlxh_app"))
VI_CSV = APP / "translations" / "vi.csv"
PLACEHOLDER_FIELDTYPES = {"Section Break", "Column Break", "Tab Break"}


def read_csv_rows() -> list[list[str]]:
	with open(VI_CSV, encoding="utf-8", newline="") as file:
		return list(csv.reader(file))


def doctype_strings() -> set[str]:
	strings: set[str] = set()
	for path in APP.glob("*/doctype/*/*.json"):
		if path.parent.name != path.stem:
			continue
		doctype = json.loads(path.read_text(encoding="utf-8"))
		if doctype.get("doctype") != "DocType":
			continue
		strings.add(doctype["name"])
		if doctype.get("description"):
			strings.add(doctype["description"])
		for field in doctype["fields"]:
			strings.update(filter(None, (field.get("label"), field.get("description"))))
			if field["fieldtype"] == "Select":
				strings.update(option for option in (field.get("options") or "").split("\n") if option)
	return strings


def role_and_module_strings() -> set[str]:
	roles = json.loads((APP / "fixtures" / "role.json").read_text(encoding="utf-8"))
	modules = (APP / "modules.txt").read_text(encoding="utf-8").split("\n")
	return {role["role_name"] for role in roles} | {module.strip() for module in modules if module.strip()}


def custom_field_strings() -> set[str]:
	from dlxh_app.setup.install import get_custom_fields

	return {
		text
		for fields in get_custom_fields().values()
		for field in fields
		for text in (field.get("label"), field.get("description"))
		if text
	}


def workflow_and_report_strings() -> set[str]:
	workflows = json.loads((APP / "setup" / "data" / "workflows.json").read_text(encoding="utf-8"))
	strings = {state["state"] for workflow in workflows for state in workflow["states"]}
	strings |= {transition["action"] for workflow in workflows for transition in workflow["transitions"]}
	for path in APP.glob("*/report/*/*.json"):
		if path.parent.name == path.stem:
			strings.add(json.loads(path.read_text(encoding="utf-8"))["report_name"])
	return strings


def script_strings() -> set[str]:
	"""Literal first arguments of `__("...")` in the app's JavaScript."""
	call = re.compile(r"""\b__\(\s*(["'])((?:\\.|(?!\1).)*)\1""")
	return {
		match.group(2)
		for path in APP.rglob("*.js")
		if "node_modules" not in path.parts
		for match in call.finditer(path.read_text(encoding="utf-8"))
	}


def message_strings() -> set[str]:
	"""First arguments of `_("...")` calls in the app's Python code (tests excepted)."""
	strings: set[str] = set()
	for path in APP.rglob("*.py"):
		if path.name.startswith("test_") or "__pycache__" in path.parts:
			continue
		for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
			if (
				isinstance(node, ast.Call)
				and isinstance(node.func, ast.Name)
				and node.func.id == "_"
				and node.args
				and isinstance(node.args[0], ast.Constant)
				and isinstance(node.args[0].value, str)
			):
				strings.add(node.args[0].value)
	return strings


class TestTranslations(IntegrationTestCase):
	def test_file_is_well_formed(self):
		sources = []
		for number, row in enumerate(read_csv_rows(), start=1):
			with self.subTest(line=number):
				self.assertIn(len(row), (2, 3), row)
				self.assertTrue(row[0] and row[1], row)
				sources.append((row[0], row[2] if len(row) == 3 else ""))
				# Placeholders survive translation.
				for placeholder in ("{0}", "{1}", "{2}", "{3}", "{4}", "{5}"):
					self.assertEqual(row[0].count(placeholder), row[1].count(placeholder), row)
		duplicates = {source for source in sources if sources.count(source) > 1}
		self.assertFalse(duplicates, f"translated twice: {duplicates}")

	def test_everything_the_app_shows_is_translated(self):
		translated = {row[0] for row in read_csv_rows()}
		needed = (
			doctype_strings()
			| role_and_module_strings()
			| custom_field_strings()
			| workflow_and_report_strings()
			| script_strings()
			| message_strings()
		)
		missing = sorted(needed - translated)
		self.assertFalse(missing, "missing from translations/vi.csv:\n" + "\n".join(missing))

	def test_vietnamese_user_gets_vietnamese(self):
		frappe.local.lang = "vi"
		frappe.local.lang_full_dict = None
		try:
			self.assertEqual(frappe._("DLXH Unit"), "Đơn vị DLXH")
			self.assertEqual(frappe._("DLXH Collaborator"), "Cộng tác viên DLXH")
			self.assertEqual(
				frappe._("{0} ({1}) cannot be before {2} ({3}).").format("Đến ngày", "a", "Từ ngày", "b"),
				"Đến ngày (a) không được trước Từ ngày (b).",
			)
		finally:
			frappe.local.lang = "en"
			frappe.local.lang_full_dict = None
