"""Each role's home (dlxh_app/dlxh_reporting/home.py), called as the users of the reporting fixture:
the unit officer's report card, deadline and one-call start; the leader's and the city's approval queue
through the workflow; the city's heat map, topics and alerts; the manager's year; the collaborator's own
entries. A sibling unit's users see nothing of the district's, Guest and the wrong roles are refused."""

import frappe
from frappe.model.workflow import apply_workflow

from dlxh_app.dlxh_reporting import home
from dlxh_app.tests.reporting import (
	CITY_OFFICER,
	COLLABORATOR,
	DISTRICT,
	LEADER,
	MANAGER,
	OFFICER,
	OTHER_COLLABORATOR,
	OTHER_TOPIC,
	SIBLING,
	SIBLING_LEADER,
	SIBLING_OFFICER,
	TOPIC,
	WARD,
	ReportingTestCase,
	at,
	make_entry,
	make_report,
	make_request,
	reload,
)
from dlxh_app.tests.utils import act, as_user, insert_as, make_plan


def names(rows, key="name"):
	return [row[key] for row in rows]


class TestUnitOfficerHome(ReportingTestCase):
	def test_card_counts_down_and_one_call_starts_the_report_with_the_entries(self):
		with at(2025, 5, 10, 9, 0):
			make_entry(COLLABORATOR, entry_date="2025-05-02")
			make_entry(COLLABORATOR, entry_date="2025-05-06", verification_status="Verified")
			make_entry(SIBLING_OFFICER, entry_date="2025-05-06", unit=SIBLING)
			data = as_user(OFFICER, home.get_unit_home)
			card = data["report"]
			self.assertEqual((data["unit"], data["period"]["label"]), (DISTRICT, "05/2025"))
			self.assertEqual((card["state"], card["name"], card["unused_entries"]), ("Not Started", None, 2))
			# 00:00 on the 15th in Asia/Ho_Chi_Minh, 4 days 15 hours from 09:00 on the 10th.
			self.assertEqual(card["deadline"], "2025-05-15T00:00:00+07:00")
			self.assertEqual(card["seconds_left"], (4 * 24 + 15) * 3600)

			started = as_user(OFFICER, home.start_monthly_report)
			self.assertEqual((started["created"], started["added"], started["state"]), (True, 2, "Draft"))
			report = frappe.get_doc("Opinion Report", started["name"])
			self.assertEqual((report.unit, report.period_year, report.period_month), (DISTRICT, 2025, 5))
			self.assertEqual(len(report.items), 2)

			make_entry(COLLABORATOR, entry_date="2025-05-08")
			again = as_user(OFFICER, home.start_monthly_report)
			self.assertEqual((again["name"], again["created"], again["added"]), (report.name, False, 1))
			card = as_user(OFFICER, home.get_unit_home)["report"]
			self.assertEqual((card["state"], card["name"], card["unused_entries"]), ("Draft", report.name, 0))

	def test_returned_report_shows_the_reason(self):
		with at(2025, 5, 10, 9, 0):
			report = act(make_report(), (OFFICER, "Send to Leader"), (LEADER, "Approve and Send"))
			as_user(CITY_OFFICER, reload(report).return_for_revision, "Thiếu số liệu tháng")
			card = as_user(OFFICER, home.get_unit_home)["report"]
		self.assertEqual((card["state"], card["return_reason"]), ("Returned", "Thiếu số liệu tháng"))

	def test_requests_activities_and_surveys_of_the_unit(self):
		with at(2025, 5, 10, 9, 0):
			request = act(make_request(), (CITY_OFFICER, "Issue"))
			only_sibling = act(make_request(units=[{"unit": SIBLING}]), (CITY_OFFICER, "Issue"))
			plan = as_user(
				OFFICER,
				make_plan,
				DISTRICT,
				activities=[
					{
						"content": "<p>Hội nghị báo cáo viên</p>",
						"responsible_unit": DISTRICT,
						"start_date": "2025-04-01",
						"end_date": "2025-05-31",
					},
					{
						"content": "Khảo sát tháng sau",
						"responsible_unit": DISTRICT,
						"start_date": "2025-04-01",
						"end_date": "2025-06-30",
					},
					{
						"content": "Tọa đàm quá hạn",
						"responsible_unit": WARD,
						"start_date": "2025-04-01",
						"end_date": "2025-04-30",
					},
				],
			)
			act(plan, (OFFICER, "Send for Approval"), (LEADER, "Approve"), (OFFICER, "Issue"))
			data = as_user(OFFICER, home.get_unit_home)
			sibling = as_user(SIBLING_OFFICER, home.get_unit_home)
		self.assertEqual(names(data["requests"]), [request.name])
		self.assertEqual(data["requests"][0]["deadline"], "2025-05-20T17:00:00+07:00")
		self.assertFalse(data["requests"][0]["answered"])
		self.assertEqual(
			[(row["content"], row["overdue"]) for row in data["activities"]],
			[("Tọa đàm quá hạn", True), ("Hội nghị báo cáo viên", False)],
		)
		self.assertEqual(set(names(sibling["requests"])), {request.name, only_sibling.name})
		self.assertEqual(sibling["activities"], [])
		self.assertNotIn(DISTRICT, frappe.as_json(sibling))

	def test_a_sibling_unit_is_beyond_reach(self):
		with at(2025, 5, 10, 9, 0):
			make_report()
			self.assertRaises(
				frappe.PermissionError, as_user, SIBLING_OFFICER, home.get_unit_home, unit=DISTRICT
			)
			self.assertRaises(
				frappe.PermissionError, as_user, SIBLING_OFFICER, home.start_monthly_report, unit=DISTRICT
			)
			card = as_user(SIBLING_OFFICER, home.get_unit_home)["report"]
		self.assertEqual((card["state"], card["name"]), ("Not Started", None))

	def test_guest_and_collaborators_are_refused(self):
		for user in ("Guest", COLLABORATOR):
			with self.subTest(user=user):
				for method in (home.get_unit_home, home.start_monthly_report, home.get_city_home):
					self.assertRaises(frappe.PermissionError, as_user, user, method)


class TestApprovalQueue(ReportingTestCase):
	def test_leader_sees_what_waits_for_them_oldest_first_and_acts_through_the_workflow(self):
		with at(2025, 4, 20, 9, 0):
			older = act(make_report(period_month=4), (OFFICER, "Send to Leader"))
		with at(2025, 5, 10, 9, 0):
			newer = act(make_report(), (OFFICER, "Send to Leader"))
			sibling = act(make_report(SIBLING_OFFICER, unit=SIBLING), (SIBLING_OFFICER, "Send to Leader"))
			plan = act(as_user(OFFICER, make_plan, DISTRICT), (OFFICER, "Send for Approval"))
			queue = as_user(LEADER, home.get_approval_queue)
			self.assertEqual(names(queue), [older.name, newer.name, plan.name])
			self.assertEqual(queue[0]["title"], f"{DISTRICT}: report of 04/2025")
			self.assertEqual(names(as_user(SIBLING_LEADER, home.get_approval_queue)), [sibling.name])
			# The officer who sent them approves nothing; the city waits for what the leader sends.
			self.assertEqual(as_user(OFFICER, home.get_approval_queue), [])
			self.assertEqual(as_user(CITY_OFFICER, home.get_approval_queue), [])

			as_user(LEADER, apply_workflow, reload(older), "Approve and Send")
			as_user(LEADER, reload(newer).return_for_revision, "Bổ sung số liệu")
			self.assertEqual(names(as_user(LEADER, home.get_approval_queue)), [plan.name])
			city = as_user(CITY_OFFICER, home.get_approval_queue)
			self.assertEqual(names(city), [older.name])
			self.assertEqual(city[0]["workflow_state"], "Sent to City")
			# The manager approves plans too, and takes reports sent to the city.
			self.assertEqual(set(names(as_user(MANAGER, home.get_approval_queue))), {older.name, plan.name})

	def test_nobody_is_offered_their_own_document_to_approve(self):
		with at(2025, 5, 10, 9, 0):
			act(make_report(LEADER), (LEADER, "Send to Leader"))
			self.assertEqual(as_user(LEADER, home.get_approval_queue), [])

	def test_guest_is_refused(self):
		self.assertRaises(frappe.PermissionError, as_user, "Guest", home.get_approval_queue)


class TestCityHome(ReportingTestCase):
	def test_heat_map_topics_requests_and_alerts(self):
		with at(2025, 4, 12, 9, 0):
			april = act(
				make_report(
					SIBLING_OFFICER,
					unit=SIBLING,
					period_month=4,
					items=[{"topic": OTHER_TOPIC, "trend": "Positive", "content": "Ổn định"}],
				),
				(SIBLING_OFFICER, "Send to Leader"),
				(SIBLING_LEADER, "Approve and Send"),
				(CITY_OFFICER, "Accept"),
			)
		with at(2025, 5, 18, 9, 0):
			items = [{"topic": TOPIC, "trend": "Concerned", "content": f"Ý kiến {n}"} for n in range(4)]
			late = act(
				make_report(SIBLING_OFFICER, unit=SIBLING, items=items),
				(SIBLING_OFFICER, "Send to Leader"),
				(SIBLING_LEADER, "Approve and Send"),
				(CITY_OFFICER, "Accept"),
			)
			request = act(make_request(deadline="2025-05-30 17:00:00"), (CITY_OFFICER, "Issue"))
			answer = insert_as(
				SIBLING_OFFICER,
				{
					"doctype": "Opinion Report",
					"report_type": "Ad hoc",
					"unit": SIBLING,
					"report_request": request.name,
					"signing_authority": "",
					"signer_title": "TRƯỞNG BAN",
					"signer_name": "Lê Văn Ký",
					"items": [{"topic": TOPIC, "trend": "Mixed", "content": "Trả lời"}],
				},
			)
			act(answer, (SIBLING_OFFICER, "Send to Leader"), (SIBLING_LEADER, "Approve and Send"))
			data = as_user(CITY_OFFICER, home.get_city_home)

		heat = data["heat_map"]
		self.assertEqual(len(heat["periods"]), 12)
		self.assertEqual(heat["periods"][-1]["label"], "05/2025")
		rows = {row["unit"]: row["cells"] for row in heat["units"]}
		self.assertIn(DISTRICT, rows)
		self.assertIn(WARD, rows)
		self.assertEqual(
			rows[SIBLING][-1], {"period": "2025-05", "status": "Late", "days_late": 4, "report": late.name}
		)
		self.assertEqual(rows[SIBLING][-2]["report"], april.name)
		self.assertEqual(rows[SIBLING][-2]["status"], "On Time")
		self.assertEqual(rows[DISTRICT][-1]["status"], "Missing")

		self.assertEqual(
			[(t["topic"], t["total"], t["previous_total"], t["rising"]) for t in data["topics"]],
			[(TOPIC, 4, 0, True), (OTHER_TOPIC, 0, 1, False)],
		)
		self.assertEqual(names(data["alerts"]["rising_topics"], "topic"), [TOPIC])
		self.assertIn(DISTRICT, data["alerts"]["missing_two_months"])
		self.assertNotIn(SIBLING, data["alerts"]["missing_two_months"])

		(row,) = [r for r in data["requests"] if r["name"] == request.name]
		self.assertEqual(
			(row["addressed"], row["answered_units"], row["waiting_units"]), (2, [SIBLING], [DISTRICT])
		)

	def test_only_the_city_sees_the_city(self):
		for user in (OFFICER, LEADER, SIBLING_OFFICER, COLLABORATOR, "Guest"):
			with self.subTest(user=user):
				self.assertRaises(frappe.PermissionError, as_user, user, home.get_city_home)
				self.assertRaises(frappe.PermissionError, as_user, user, home.get_manager_home)


class TestManagerHome(ReportingTestCase):
	def test_year_at_a_glance(self):
		with at(2025, 4, 10, 9, 0):
			act(
				make_report(SIBLING_OFFICER, unit=SIBLING, period_month=4),
				(SIBLING_OFFICER, "Send to Leader"),
				(SIBLING_LEADER, "Approve and Send"),
			)
		with at(2025, 5, 18, 9, 0):
			# With its leader: not sent, so missing once the deadline has passed.
			act(
				make_report(SIBLING_OFFICER, unit=SIBLING, period_month=5),
				(SIBLING_OFFICER, "Send to Leader"),
			)
			plan = as_user(
				OFFICER,
				make_plan,
				DISTRICT,
				planned_surveys=2,
				activities=[
					{
						"content": "Một",
						"responsible_unit": DISTRICT,
						"start_date": "2025-04-01",
						"end_date": "2025-05-31",
					},
					{
						"content": "Hai",
						"responsible_unit": DISTRICT,
						"start_date": "2025-04-01",
						"end_date": "2025-06-30",
					},
				],
			)
			act(plan, (OFFICER, "Send for Approval"), (LEADER, "Approve"), (OFFICER, "Issue"))
			plan = reload(plan)
			plan.activities[0].status = "Done"
			as_user(OFFICER, plan.save)
			data = as_user(MANAGER, home.get_manager_home)
		self.assertEqual(data["year"], 2025)
		self.assertEqual(len(data["reports"]["by_month"]), 5)
		april, may = data["reports"]["by_month"][3:5]
		self.assertEqual((april["label"], april["on_time"]), ("04/2025", 1))
		self.assertEqual((may["label"], may["on_time"]), ("05/2025", 0))
		self.assertGreaterEqual(may["judged"], 4)
		reports = data["reports"]
		self.assertEqual(reports["on_time"], 1)
		self.assertEqual(reports["counts"]["On Time"], 1)
		self.assertEqual(reports["judged"], sum(month["judged"] for month in data["reports"]["by_month"]))
		self.assertEqual(reports["percent"], round(100 / reports["judged"]))
		self.assertEqual((data["surveys"]["planned"], data["surveys"]["done"]), (2, 0))
		self.assertEqual((data["activities"]["total"], data["activities"]["done"]), (2, 1))


class TestCollaboratorHome(ReportingTestCase):
	def test_own_entries_and_recent_topics_first(self):
		with at(2025, 5, 9, 9, 0):
			first = make_entry(
				COLLABORATOR, entry_date="2025-05-02", topic=OTHER_TOPIC, area="Phường Cái Khế"
			)
		with at(2025, 5, 10, 9, 0):
			second = make_entry(COLLABORATOR, entry_date="2025-05-03")
			other = make_entry(OTHER_COLLABORATOR, entry_date="2025-05-03")
			data = as_user(COLLABORATOR, home.get_collaborator_home)
		self.assertEqual(names(data["entries"]), [second.name, first.name])
		self.assertNotIn(other.name, frappe.as_json(data))
		self.assertEqual(names(data["topics"][:2], "topic"), [TOPIC, OTHER_TOPIC])
		self.assertTrue(data["topics"][0]["recent"])
		self.assertEqual(data["areas"], ["Phường An Hòa", "Phường Cái Khế"])
		self.assertEqual(data["today"], "2025-05-10")

	def test_guest_is_refused(self):
		self.assertRaises(frappe.PermissionError, as_user, "Guest", home.get_collaborator_home)
