"""The "Public Opinion" workspace ("Dư luận xã hội"): shipped with the app, its number cards counting for
each user's units, its chart's source, and the links each role gets. No desk renders on the dev engine,
so the tests call what the desk calls."""

import json

import frappe
from frappe.desk.desktop import get_desktop_page, get_workspace_sidebar_items

from dlxh_app.dlxh_reporting import dashboard
from dlxh_app.dlxh_reporting.dashboard_chart_source.opinion_trend_by_month.opinion_trend_by_month import (
	get_data as trend_chart_data,
)
from dlxh_app.tests.reporting import (
	CITY_OFFICER,
	COLLABORATOR,
	DISTRICT,
	MANAGER,
	OFFICER,
	SIBLING,
	SIBLING_OFFICER,
	TOPIC,
	TOPIC_GROUP,
	WARD_OFFICER,
	ReportingTestCase,
	as_user,
	at,
	make_request,
)
from dlxh_app.tests.synthesis import make_two_months
from dlxh_app.tests.utils import act

WORKSPACE = "Public Opinion"
NUMBER_CARDS = {
	"Reports Due This Month": dashboard.reports_due,
	"Late Units This Month": dashboard.late_units,
	"Reports Accepted This Month": dashboard.accepted_reports,
	"Open Report Requests": dashboard.open_report_requests,
}
CHART = "Opinion Trend by Month"
# Frozen in May 2025, after the deadline (tests/synthesis.py has the figures).
MAY_25 = (2025, 5, 25, 9, 0)


def card_value(function, user):
	with at(*MAY_25):
		return as_user(user, function)["value"]


def desktop_page(user):
	frappe.clear_cache(user=user)
	page = json.dumps({"name": WORKSPACE, "title": WORKSPACE, "public": 1})
	return as_user(user, get_desktop_page, page)


class TestWorkspaceShipped(ReportingTestCase):
	def test_installed_with_the_app(self):
		workspace = frappe.get_doc("Workspace", WORKSPACE)
		self.assertEqual((workspace.module, workspace.public), ("DLXH Reporting", 1))
		self.assertEqual({row.number_card_name for row in workspace.number_cards}, set(NUMBER_CARDS))
		self.assertEqual([row.chart_name for row in workspace.charts], [CHART])
		blocks = json.loads(workspace.content)
		self.assertEqual(
			{block["data"].get("number_card_name") for block in blocks if block["type"] == "number_card"},
			set(NUMBER_CARDS),
		)
		for name, function in NUMBER_CARDS.items():
			with self.subTest(card=name):
				card = frappe.get_doc("Number Card", name)
				self.assertEqual((card.type, card.is_standard), ("Custom", 1))
				self.assertEqual(card.method, f"{function.__module__}.{function.__name__}")
				# Frappe calls it over HTTP: it must be whitelisted.
				self.assertIn(frappe.get_attr(card.method), frappe.whitelisted)
		chart = frappe.get_doc("Dashboard Chart", CHART)
		self.assertEqual((chart.chart_type, chart.source), ("Custom", CHART))
		self.assertTrue(frappe.db.exists("Dashboard Chart Source", CHART))

	def test_title_is_translated(self):
		frappe.local.lang = "vi"
		frappe.local.lang_full_dict = None
		try:
			pages = as_user(CITY_OFFICER, get_workspace_sidebar_items)["pages"]
		finally:
			frappe.local.lang = "en"
			frappe.local.lang_full_dict = None
		labels = {page.name: page.label for page in pages}
		self.assertEqual(labels[WORKSPACE], "Dư luận xã hội")

	def test_each_role_gets_its_links(self):
		def shortcuts(user):
			return {item["link_to"] for item in desktop_page(user)["shortcuts"]["items"]}

		def linked(user):
			return {
				link["link_to"] for card in desktop_page(user)["cards"]["items"] for link in card["links"]
			}

		city = {"Opinion Entry", "Opinion Report", "Report Request", "Opinion Synthesis", "DLXH Plan"}
		self.assertLessEqual(city, shortcuts(CITY_OFFICER))
		self.assertLessEqual({"DLXH Plan Progress", "DLXH Unit", "DLXH Settings"}, linked(CITY_OFFICER))
		self.assertLessEqual(city, shortcuts(MANAGER))
		self.assertEqual(shortcuts(OFFICER) & city, city - {"Opinion Synthesis"})
		self.assertNotIn("Opinion Synthesis", linked(OFFICER))
		self.assertEqual(shortcuts(COLLABORATOR), {"Opinion Entry"})

		self.assertEqual(len(desktop_page(OFFICER)["number_cards"]["items"]), len(NUMBER_CARDS))
		self.assertEqual([chart.chart_name for chart in desktop_page(OFFICER)["charts"]["items"]], [CHART])
		# A collaborator reads no reports, so sees neither their figures nor the chart.
		self.assertEqual(desktop_page(COLLABORATOR)["number_cards"]["items"], [])
		self.assertEqual(desktop_page(COLLABORATOR)["charts"]["items"], [])


class TestNumberCards(ReportingTestCase):
	def test_report_cards_count_the_users_units(self):
		make_two_months()
		# user -> (due, late, accepted) in May 2025: the district reaches itself and its ward.
		expected = {
			CITY_OFFICER: (4, 2, 2),
			MANAGER: (4, 2, 2),
			OFFICER: (2, 0, 1),
			WARD_OFFICER: (1, 0, 0),
			SIBLING_OFFICER: (1, 1, 1),
		}
		cards = (dashboard.reports_due, dashboard.late_units, dashboard.accepted_reports)
		for user, values in expected.items():
			with self.subTest(user=user):
				self.assertEqual(tuple(card_value(card, user) for card in cards), values)

	def test_open_requests_count_those_addressed_to_the_users_units(self):
		with at(2025, 5, 2, 8, 0):
			both = make_request(units=[{"unit": DISTRICT}, {"unit": SIBLING}])
			sibling_only = make_request(units=[{"unit": SIBLING}])
			everyone = make_request(all_reporting_units=1, units=[])
			closed = make_request(units=[{"unit": DISTRICT}])
			make_request(units=[{"unit": DISTRICT}])  # a draft, not issued
			for request in (both, sibling_only, everyone, closed):
				act(request, (CITY_OFFICER, "Issue"))
			act(closed, (CITY_OFFICER, "Close"))
		expected = {CITY_OFFICER: 3, OFFICER: 2, WARD_OFFICER: 1, SIBLING_OFFICER: 3}
		for user, value in expected.items():
			with self.subTest(user=user):
				self.assertEqual(card_value(dashboard.open_report_requests, user), value)

	def test_users_without_report_access_are_refused(self):
		cards = (
			dashboard.reports_due,
			dashboard.late_units,
			dashboard.accepted_reports,
			dashboard.open_report_requests,
		)
		for card in cards:
			with self.subTest(card=card.__name__):
				self.assertRefused(
					lambda card=card: card_value(card, COLLABORATOR), exception=frappe.PermissionError
				)


class TestTrendChart(ReportingTestCase):
	def chart(self, user, **filters):
		with at(*MAY_25):
			return as_user(user, trend_chart_data, chart_name=CHART, filters=json.dumps(filters))

	def test_accepted_items_per_month_by_trend(self):
		make_two_months()
		data = self.chart(CITY_OFFICER)
		self.assertEqual(len(data["labels"]), 12)
		self.assertEqual((data["labels"][0], data["labels"][-2:]), ("06/2024", ["04/2025", "05/2025"]))
		self.assertEqual(
			[dataset["name"] for dataset in data["datasets"]], ["Positive", "Negative", "Mixed", "Concerned"]
		)
		# (April, May) per trend; the ward's May report is not accepted, so not counted.
		self.assertEqual(
			[dataset["values"][-2:] for dataset in data["datasets"]], [[1, 1], [2, 2], [1, 1], [1, 2]]
		)
		self.assertEqual(sum(sum(dataset["values"][:-2]) for dataset in data["datasets"]), 0)

		district = self.chart(OFFICER)
		self.assertEqual(
			[dataset["values"][-2:] for dataset in district["datasets"]], [[0, 0], [2, 2], [0, 1], [1, 1]]
		)
		# Within a topic group: the topics below it.
		for topic in (TOPIC, TOPIC_GROUP):
			with self.subTest(topic=topic):
				data = self.chart(CITY_OFFICER, topic=topic)
				self.assertEqual(
					[dataset["values"][-2:] for dataset in data["datasets"]], [[1, 1], [0, 1], [0, 1], [1, 1]]
				)

	def test_refused_without_report_access(self):
		self.assertRefused(lambda: self.chart(COLLABORATOR), exception=frappe.PermissionError)
