"""The opinion AI on a site: the model trained from the site's labelled entries and stored in its private
folder, suggestions for the users of the opinion work only (never Guest), the officer's answers kept as
labels, the daily retraining, and the city's views: the model's figures, emerging issues with their
alerts, similar opinions."""

import os
import shutil
from unittest import mock

import frappe
from frappe.utils import add_days, getdate, today

from dlxh_app.dlxh_reporting.ai import api, corpus, store
from dlxh_app.setup.demo_ai import insert_entries
from dlxh_app.tests.base import SharedFixtureTestCase
from dlxh_app.tests.utils import make_unit, make_user

CITY = "AI Ban Tuyên giáo Thành ủy"
WARD_A = "AI Đảng ủy phường An Hòa"
WARD_B = "AI Đảng ủy phường Cái Khế"
CITY_OFFICER = "ai.city.officer@test.local"
OFFICER = "ai.a.officer@test.local"
COLLABORATOR = "ai.a.collaborator@test.local"
NO_ROLE = "ai.no.role@test.local"
TRAFFIC_TEXT = "Bà con rất bức xúc vì kẹt xe giờ cao điểm trên đường 30 Tháng 4 kéo dài."


class TestOpinionAI(SharedFixtureTestCase):
	@classmethod
	def make_fixture(cls):
		make_unit(CITY, unit_type="City Department", abbreviation="BTGTU", is_group=1)
		for ward, abbreviation in ((WARD_A, "ĐUAH"), (WARD_B, "ĐUCK")):
			make_unit(
				ward,
				unit_type="Commune/Ward Party Committee",
				abbreviation=abbreviation,
				parent_dlxh_unit=CITY,
				is_reporting_unit=1,
			)
		make_user(CITY_OFFICER, ["DLXH City Officer"], CITY)
		make_user(OFFICER, ["DLXH Unit Officer"], WARD_A)
		make_user(COLLABORATOR, ["DLXH Collaborator"], WARD_A)
		make_user(NO_ROLE, [])
		entries = corpus.generate(600, [WARD_A, WARD_B], getdate(today()), seed=11)
		insert_entries(entries, {WARD_A: OFFICER, WARD_B: CITY_OFFICER})
		# The site's own model file is kept aside and put back: the tests train theirs.
		cls.kept = store.model_path().with_suffix(".kept")
		if store.model_path().exists():
			shutil.move(store.model_path(), cls.kept)
		cls.model = store.train_site_model()

	@classmethod
	def tearDownClass(cls):
		store.model_path().unlink(missing_ok=True)
		if cls.kept.exists():
			shutil.move(cls.kept, store.model_path())
		super().tearDownClass()

	def test_trained_from_the_sites_labels_and_stored_privately(self):
		model = store.load_model()
		self.assertEqual(model.version, 1)
		self.assertEqual(sum(model.label_counts["topic"].values()), len(store.labelled_samples()))
		self.assertGreater(
			model.metrics["topic"]["macro_f1"], model.metrics["topic"]["majority_baseline"]["macro_f1"]
		)
		path = store.model_path()
		self.assertTrue(path.is_relative_to(os.path.realpath(frappe.get_site_path("private"))))
		self.assertNotIn("files", path.parts[-3:])

	def test_officer_and_collaborator_get_suggestions(self):
		for user in (OFFICER, COLLABORATOR, CITY_OFFICER):
			frappe.set_user(user)
			found = api.suggest(TRAFFIC_TEXT)
			self.assertEqual(found["model_version"], 1)
			self.assertEqual(found["suggestions"]["topic"]["value"], corpus.TRAFFIC)
			self.assertEqual(found["suggestions"]["trend"]["value"], "Negative")
			self.assertGreater(found["suggestions"]["topic"]["confidence"], 0.35)

	def test_refused_to_guest_and_users_outside_the_opinion_work(self):
		for user in ("Guest", NO_ROLE):
			frappe.set_user(user)
			with self.assertRaises(frappe.PermissionError):
				api.suggest(TRAFFIC_TEXT)
			with self.assertRaises(frappe.PermissionError):
				api.record_feedback(TRAFFIC_TEXT, corpus.TRAFFIC)

	def test_no_suggestion_for_empty_or_unknown_text_or_inactive_topic(self):
		frappe.set_user(OFFICER)
		self.assertEqual(api.suggest("")["suggestions"], {})
		self.assertEqual(api.suggest("x" * 200_000)["suggestions"].get("topic"), None)
		frappe.set_user("Administrator")
		frappe.db.set_value("Opinion Topic", corpus.TRAFFIC, "is_active", 0)
		frappe.set_user(OFFICER)
		self.assertNotIn("topic", api.suggest(TRAFFIC_TEXT)["suggestions"])

	def test_unreadable_or_missing_model_gives_no_suggestion_and_entries_still_save(self):
		path = store.model_path()
		good = path.read_bytes()
		self.addCleanup(path.write_bytes, good)
		path.write_bytes(b"corrupt")
		frappe.set_user(OFFICER)
		self.assertEqual(api.suggest(TRAFFIC_TEXT), {"suggestions": {}, "model_version": None})
		path.unlink()
		self.assertEqual(api.suggest(TRAFFIC_TEXT)["suggestions"], {})
		entry = frappe.get_doc(
			{
				"doctype": "Opinion Entry",
				"entry_date": today(),
				"unit": WARD_A,
				"topic": corpus.TRAFFIC,
				"content": TRAFFIC_TEXT,
			}
		).insert()
		self.assertTrue(entry.name)

	def test_answers_are_kept_as_labels(self):
		frappe.set_user(OFFICER)
		self.assertEqual(
			api.record_feedback(TRAFFIC_TEXT, corpus.TRAFFIC, "Negative", corpus.TRAFFIC, "Negative", 1),
			"Accepted",
		)
		text = "Người dân mong sớm có cầu mới qua sông ở khu vực 5."
		self.assertEqual(
			api.record_feedback(text, corpus.ECONOMY, "Concerned", corpus.TRAFFIC, "Concerned", 1),
			"Corrected",
		)
		frappe.set_user("Administrator")
		labels = {sample.text: sample.topic for sample in store.labelled_samples()}
		self.assertEqual(labels[text], corpus.ECONOMY)
		self.assertEqual(frappe.db.count("Opinion Suggestion Feedback", {"owner": OFFICER}), 2)

	def test_bad_answers_name_the_field(self):
		frappe.set_user(OFFICER)
		with self.assertRaises(frappe.ValidationError):
			api.record_feedback(TRAFFIC_TEXT, "No such topic")
		with self.assertRaises(frappe.ValidationError):
			api.record_feedback(TRAFFIC_TEXT, corpus.TRAFFIC, "Happy")
		with self.assertRaises(frappe.ValidationError):
			api.record_feedback(TRAFFIC_TEXT, "")

	def test_retrained_when_enough_new_labels_arrived(self):
		self.assertIsNone(store.retrain_if_due())
		with mock.patch.object(store, "RETRAIN_AFTER", 1):
			frappe.db.set_value("Opinion Entry", {"unit": WARD_A}, "trend", "Mixed", update_modified=True)
			retrained = store.retrain_if_due()
		self.assertEqual(retrained.version, 2)
		self.assertEqual(store.load_model().version, 2)
		# Put the first model back for the other tests.
		store.save_model(self.model)

	def test_the_city_sees_the_models_figures(self):
		frappe.set_user(CITY_OFFICER)
		status = api.model_status()
		self.assertEqual(status["model"]["version"], 1)
		self.assertIn("macro_f1", status["model"]["metrics"]["topic"])
		self.assertIn("accuracy", status["model"]["metrics"]["trend"])
		frappe.set_user(OFFICER)
		with self.assertRaises(frappe.PermissionError):
			api.model_status()

	def test_emerging_issues_with_examples_and_one_alert_per_week(self):
		frappe.set_user(CITY_OFFICER)
		issues = api.emerging_issues()
		keys = {(issue["kind"], issue["key"], issue["unit"]) for issue in issues}
		self.assertIn(("topic", corpus.TRAFFIC, None), keys)
		self.assertIn(("topic", corpus.DISASTERS, WARD_A), keys)
		phrases = [
			" ".join([issue["key"], *issue["related"]]) for issue in issues if issue["kind"] == "phrase"
		]
		self.assertTrue(any("tiền ảo" in phrase for phrase in phrases), phrases)
		traffic = next(issue for issue in issues if issue["key"] == corpus.TRAFFIC and not issue["unit"])
		self.assertGreater(traffic["count"], traffic["threshold"])
		self.assertTrue(traffic["examples"])
		monday = getdate(traffic["week"])
		self.assertTrue(all(getdate(example["entry_date"]) >= monday for example in traffic["examples"]))
		frappe.set_user(OFFICER)
		with self.assertRaises(frappe.PermissionError):
			api.emerging_issues()
		frappe.set_user("Administrator")
		made = api.alert_emerging_issues()
		self.assertGreaterEqual(made, len(issues))
		self.assertTrue(frappe.db.exists("Notification Log", {"for_user": CITY_OFFICER, "type": "Alert"}))
		self.assertEqual(api.alert_emerging_issues(), 0)

	def test_similar_opinions_count_a_story_once(self):
		frappe.set_user(CITY_OFFICER)
		found = api.similar_opinions(add_days(today(), -90), today())
		self.assertTrue(found["groups"])
		self.assertLess(found["stories"], found["entries"])
		self.assertTrue(any(len(group["units"]) > 1 for group in found["groups"]))
		by_topic = found["by_topic"]
		self.assertEqual(sum(counts["entries"] for counts in by_topic.values()), found["entries"])
		self.assertTrue(any(counts["stories"] < counts["entries"] for counts in by_topic.values()))
		with self.assertRaises(frappe.ValidationError):
			api.similar_opinions(add_days(today(), -200), today())
		frappe.set_user(OFFICER)
		with self.assertRaises(frappe.PermissionError):
			api.similar_opinions(add_days(today(), -30), today())
