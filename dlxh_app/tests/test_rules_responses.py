"""How responses are stored and counted, without a database."""

from unittest import TestCase

from dlxh_app.dlxh_setup.rules import RuleError
from dlxh_app.dlxh_surveys.rules.responses import (
	QuotaBook,
	Stratum,
	area_units,
	decode_answers,
	encode_answers,
)
from dlxh_app.dlxh_surveys.rules.sampling import OverQuota


class TestRecords(TestCase):
	def test_round_trip_keeps_commas_quotes_newlines_and_blanks(self):
		columns = ("a", "b", "c", "d")
		answers = {"a": "x y", "b": 'nói "rõ", dứt khoát\ndòng hai', "c": ""}
		record = encode_answers(answers, columns)
		self.assertNotIn("\r", record)
		self.assertEqual(decode_answers(record, columns), {"a": "x y", "b": answers["b"], "c": "", "d": ""})

	def test_columns_follow_the_form_order(self):
		self.assertEqual(encode_answers({"b": "2", "a": "1"}, ("a", "b")), "1,2")


class TestAreas(TestCase):
	def test_an_area_choice_names_the_unit_ending_with_its_label(self):
		units = ["Đảng ủy phường Ninh Kiều", "Đảng ủy phường Cái Khế", "Quận ủy Ninh Kiều"]
		found = area_units(
			{"ninh_kieu": "Phường Ninh Kiều", "cai_khe": "Phường  CÁI KHẾ", "khac": "Phường, xã khác"}, units
		)
		self.assertEqual(
			found, {"ninh_kieu": "Đảng ủy phường Ninh Kiều", "cai_khe": "Đảng ủy phường Cái Khế"}
		)

	def test_a_label_matching_two_units_names_none(self):
		self.assertEqual(
			area_units({"nk": "Ninh Kiều"}, ["Quận ủy Ninh Kiều", "Đảng ủy phường Ninh Kiều"]), {}
		)


class TestQuotas(TestCase):
	def test_accept_then_flag(self):
		book = QuotaBook({"a": Stratum(2, 1)}, OverQuota.ACCEPT_AND_FLAG)
		self.assertEqual([book.add("a"), book.add("a")], [False, True])
		self.assertEqual((book.strata["a"].achieved, book.strata["a"].over_quota), (3, 1))
		self.assertEqual((book.added, book.added_over), ({"a": 2}, {"a": 1}))

	def test_close_refuses_when_full_and_unknown_strata(self):
		book = QuotaBook({"a": Stratum(1, 0)}, OverQuota.CLOSE_STRATUM)
		book.add("a")
		with self.assertRaises(RuleError) as caught:
			book.add("a")
		self.assertEqual(caught.exception.code, "stratum_full")
		with self.assertRaises(RuleError) as caught:
			book.add("b")
		self.assertEqual(caught.exception.code, "stratum_unknown")

	def test_remove_gives_the_place_back(self):
		book = QuotaBook({"a": Stratum(1, 1)}, OverQuota.CLOSE_STRATUM)
		book.remove("a", over=False)
		self.assertFalse(book.add("a"))


class TestResponseTable(TestCase):
	def form(self):
		from dlxh_app.dlxh_surveys.rules.questionnaire import Choice, Question, QuestionnaireForm

		return QuestionnaireForm.build(
			"f",
			(
				Question("Begin Group", "nhom"),
				Question("Select One", "gioi_tinh", "Giới tính", "gt", required=True),
				Question("End Group"),
				Question("Select Multiple", "kenh", "Kênh", "kenh"),
				Question("Integer", "tuoi", "Tuổi"),
			),
			(
				Choice("gt", "nam", "Nam"),
				Choice("gt", "nu", "Nữ"),
				Choice("kenh", "bao", "Báo"),
				Choice("kenh", "loa", "Loa"),
			),
		)

	def test_kobo_headers_with_groups_indicators_and_metadata(self):
		from dlxh_app.dlxh_surveys.rules.response_table import map_columns, read_csv, row_reader

		table = read_csv(
			"start,nhom/gioi_tinh,kenh,kenh/bao,kenh/loa,tuoi,_id,_submission_time\n"
			"2025-05-01,Nữ,bao loa,1,1,34,7,2025-05-01T08:00:00\n".encode()
		)
		mapping = map_columns(table.headers, self.form())
		self.assertEqual(mapping.questions, {1: "gioi_tinh", 2: "kenh", 5: "tuoi"})
		self.assertEqual(mapping.time_column, 7)
		self.assertEqual(
			row_reader(mapping, self.form())(table.rows[0]),
			{"gioi_tinh": "nu", "kenh": "bao loa", "tuoi": "34"},
		)

	def test_odk_central_headers_and_semicolons(self):
		from dlxh_app.dlxh_surveys.rules.response_table import map_columns, read_csv

		table = read_csv(b"SubmissionDate;nhom-gioi_tinh;KEY\n2025-05-01;nam;uuid:1\n")
		self.assertEqual(map_columns(table.headers, self.form()).questions, {1: "gioi_tinh"})

	def test_unknown_columns_are_refused_by_name(self):
		from dlxh_app.dlxh_surveys.rules.response_table import map_columns, read_csv

		with self.assertRaises(RuleError) as caught:
			map_columns(read_csv(b"gioi_tinh,cau_la,tuoi2\nnam,1,2\n").headers, self.form())
		self.assertEqual(caught.exception.values, (["cau_la", "tuoi2"],))

	def test_not_utf8_is_refused(self):
		from dlxh_app.dlxh_surveys.rules.response_table import read_csv

		with self.assertRaises(RuleError) as caught:
			read_csv("Giới tính,Nữ".encode("utf-16"))
		self.assertEqual(caught.exception.code, "encoding")
