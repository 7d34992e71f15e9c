"""The survey statistics checked against references computed apart from the code: hand-computed small
cases, and published textbook examples (Agresti's chi-square and difference of proportions, the closed
form of a raked 2 x 2 table that keeps the sample's odds ratio)."""

import unittest
from math import sqrt
from typing import ClassVar

import numpy as np
import pandas as pd

from dlxh_app.dlxh_surveys.rules.analysis import (
	Breakdown,
	analyse,
	chi_square,
	compare,
	demographic_breakdowns,
	difference_of_proportions,
	finite_population_correction,
	margin_of_error,
	multiple_choice,
	values_breakdown,
)
from dlxh_app.dlxh_surveys.rules.questionnaire import Choice, Question, QuestionnaireForm
from dlxh_app.dlxh_surveys.rules.weighting import (
	AUTOMATIC,
	POST_STRATIFICATION,
	RAKING,
	UNWEIGHTED,
	Weights,
	effective_size,
	kish_design_effect,
	post_stratify,
	rake,
	strata_margins,
	stratum_cells,
	survey_weights,
	unweighted,
)

Z95 = 1.959963984540054

FORM = QuestionnaireForm.build(
	"phieu",
	(
		Question("Select One", "gioi_tinh", "Giới tính", "gioi_tinh", demographic="Gender"),
		Question("Integer", "tuoi", "Tuổi", demographic="Age Group"),
		Question("Select One", "dong_y", "Đồng ý?", "dong_y"),
		Question("Likert", "hai_long", "Mức độ hài lòng", "muc_do"),
		Question("Select Multiple", "kenh", "Biết qua kênh nào?", "kenh"),
		Question("Text", "y_kien", "Ý kiến", relevant="${hai_long} <= 2"),
	),
	(
		Choice("gioi_tinh", "nam", "Nam"),
		Choice("gioi_tinh", "nu", "Nữ"),
		Choice("dong_y", "co", "Có"),
		Choice("dong_y", "khong", "Không"),
		Choice("dong_y", "chua_ro", "Chưa rõ"),
		*(Choice("muc_do", str(point), f"Mức {point}") for point in range(1, 6)),
		Choice("kenh", "bao", "Báo chí"),
		Choice("kenh", "mang", "Mạng xã hội"),
		Choice("kenh", "loa", "Loa phường"),
	),
)


def frame(**columns) -> pd.DataFrame:
	return pd.DataFrame(columns)


def question(result: dict, code: str) -> dict:
	return next(entry for entry in result["questions"] if entry["code"] == code)


def option(entry: dict, value: str) -> dict:
	return next(row for row in entry["options"] if row["value"] == value)


class TestDesignEffect(unittest.TestCase):
	def test_kish_by_hand(self):
		# n = 4, Σw = 8, Σw² = 1 + 1 + 4 + 16 = 22: deff = 4 · 22 / 64 = 1.375, n_eff = 64 / 22.
		self.assertAlmostEqual(kish_design_effect([1, 1, 2, 4]), 1.375)
		self.assertAlmostEqual(effective_size([1, 1, 2, 4]), 64 / 22)

	def test_equal_weights_cost_nothing(self):
		self.assertEqual(kish_design_effect([3, 3, 3]), 1.0)
		self.assertAlmostEqual(effective_size([0.5] * 10), 10)

	def test_no_respondents_is_no_effect_and_no_division(self):
		self.assertEqual(kish_design_effect([]), 1.0)
		self.assertEqual(effective_size([]), 0.0)


class TestMarginOfError(unittest.TestCase):
	def test_the_pollsters_three_points(self):
		# 1 000 respondents, p = 50 %, 95 %: ±3.1 points; a design effect of 2 widens it by √2.
		self.assertAlmostEqual(float(margin_of_error(0.5, 1000, Z95)), 0.030990, places=6)
		self.assertAlmostEqual(float(margin_of_error(0.5, 500, Z95)), 0.030990 * sqrt(2), places=6)

	def test_a_share_of_none_or_all_has_the_wilson_width(self):
		# 0 of 10 at 95 %: the Wilson interval is [0, 0.2775] (Brown, Cai & DasGupta 2001, Statistical
		# Science 16(2), the interval for x = 0, n = 10), not the Wald interval's [0, 0].
		self.assertAlmostEqual(float(margin_of_error(0.0, 10, Z95)), 0.2775, places=4)
		self.assertAlmostEqual(float(margin_of_error(1.0, 10, Z95)), 0.2775, places=4)
		self.assertTrue(np.isnan(margin_of_error(0.0, 0, Z95)))

	def test_finite_population_correction(self):
		# N = 10 000, n = 1 000: √(9 000 / 9 999) = 0.948731.
		self.assertAlmostEqual(finite_population_correction(10000, 1000), 0.948731, places=6)
		self.assertEqual(finite_population_correction(None, 1000), 1.0)
		self.assertEqual(finite_population_correction(100, 100), 0.0)  # a census has no sampling error
		self.assertEqual(finite_population_correction(50, 100), 1.0)  # a population too small is ignored

	def test_no_respondent_has_no_margin(self):
		self.assertTrue(np.isnan(margin_of_error(0.5, 0, Z95)))


class TestFrequencies(unittest.TestCase):
	def test_single_choice_by_hand(self):
		data = frame(dong_y=["co", "khong", "co", None, "bo_di"])
		weights = Weights(np.array([1.0, 2, 3, 4, 5]), "Test")
		entry = question(analyse(data, FORM, weights), "dong_y")
		# Answered 4 (one answer is no option: a choice removed later), one unanswered.
		self.assertEqual((entry["answered"], entry["missing"], entry["other_values"]), (4, 1, 1))
		self.assertAlmostEqual(entry["missing_percent"], 20)
		yes = option(entry, "co")
		self.assertEqual(yes["count"], 2)
		self.assertAlmostEqual(yes["percent"], 50)
		# Weighted: (1 + 3) / (1 + 2 + 3 + 5) = 4 / 11.
		self.assertAlmostEqual(yes["weighted_percent"], 400 / 11)
		self.assertEqual(option(entry, "chua_ro")["count"], 0)
		# n_eff of the answered = 11² / (1 + 4 + 9 + 25).
		self.assertAlmostEqual(entry["effective_size"], 121 / 39)
		p = 4 / 11
		self.assertAlmostEqual(yes["moe"], 100 * Z95 * sqrt(p * (1 - p) / (121 / 39)))

	def test_margin_with_population(self):
		data = frame(dong_y=["co"] * 500 + ["khong"] * 500)
		result = analyse(data, FORM, unweighted(1000), population=10000)
		self.assertAlmostEqual(option(question(result, "dong_y"), "co")["moe"], 3.0990 * 0.948731, places=3)

	def test_likert_distribution_and_mean(self):
		data = frame(hai_long=["1", "2", "2", "5", None])
		weights = Weights(np.array([1.0, 1, 2, 4, 1]), "Test")
		entry = question(analyse(data, FORM, weights), "hai_long")
		self.assertEqual([row["count"] for row in entry["options"]], [1, 2, 0, 0, 1])
		self.assertAlmostEqual(entry["mean"], 2.5)
		# (1·1 + 2·1 + 2·2 + 5·4) / 8 = 27 / 8.
		self.assertAlmostEqual(entry["weighted_mean"], 3.375)

	def test_likert_read_as_numbers(self):
		entry = question(analyse(frame(hai_long=[4.0, 5.0, np.nan]), FORM, unweighted(3)), "hai_long")
		self.assertEqual(option(entry, "4")["count"], 1)
		self.assertEqual(entry["answered"], 2)

	def test_multiple_choice_counted_per_option(self):
		data = frame(kenh=["bao mang", "mang", None, "loa bao", "mang tivi"])
		entry = question(analyse(data, FORM, unweighted(5)), "kenh")
		self.assertEqual(entry["answered"], 4)
		self.assertEqual([row["count"] for row in entry["options"]], [2, 3, 1])
		self.assertEqual([row["percent"] for row in entry["options"]], [50, 75, 25])
		self.assertEqual(entry["other_values"], 1)
		selections = multiple_choice(data["kenh"], ("bao", "mang", "loa"))
		self.assertEqual(selections.respondents_chose()[3].tolist(), [True, False, True])

	def test_numbers_and_text(self):
		data = frame(tuoi=[20, 30, None, 70], y_kien=["a", "", None, "b"])
		result = analyse(data, FORM, unweighted(4))
		age = question(result, "tuoi")
		self.assertEqual((age["answered"], age["median"], age["mean"]), (3, 30, 40))
		text = question(result, "y_kien")
		self.assertEqual((text["answered"], text["missing"]), (2, 2))
		self.assertTrue(text["conditional"])  # unanswered includes those the skip logic did not ask

	def test_no_responses_and_absent_questions(self):
		result = analyse(frame(dong_y=[]), FORM, unweighted(0))
		self.assertEqual((result["respondents"], result["notes"]), (0, ["no_responses"]))
		result = analyse(frame(dong_y=["co"]), FORM, unweighted(1))
		self.assertIn("kenh", [entry["code"] for entry in result["absent_questions"]])
		self.assertIsNone(question(result, "dong_y").get("mean"))


class TestChiSquare(unittest.TestCase):
	def test_agresti_party_identification_by_gender(self):
		# Agresti, An Introduction to Categorical Data Analysis (2nd ed.), Table 2.5: X² = 30.1, df = 2.
		result = chi_square([[762, 327, 468], [484, 239, 477]])
		self.assertAlmostEqual(result["statistic"], 30.07, places=2)
		self.assertEqual(result["dof"], 2)
		self.assertLess(result["p_value"], 0.001)
		self.assertEqual(result["warnings"], [])

	def test_two_by_two_by_hand(self):
		# [[10, 20], [30, 40]]: expected [[12, 18], [28, 42]];
		# X² = 4/12 + 4/18 + 4/28 + 4/42 = 0.793651 (no continuity correction).
		result = chi_square([[10, 20], [30, 40]])
		self.assertAlmostEqual(result["statistic"], 0.793651, places=6)
		self.assertEqual(result["dof"], 1)

	def test_equal_weights_change_nothing_and_design_effect_divides(self):
		counts = np.array([[10, 20], [30, 40]])
		result = chi_square(counts, counts * 2.5, 1.0)
		self.assertAlmostEqual(result["weighted_statistic"], result["statistic"])
		self.assertAlmostEqual(chi_square(counts, counts, 2.0)["weighted_statistic"], result["statistic"] / 2)

	def test_small_cells_warned(self):
		# Row totals 3, 33, column totals 4, 32: expected 0.33, 2.67, 3.67, 29.33; three below 5, one below 1.
		result = chi_square([[1, 2], [3, 30]])
		self.assertIn("expected_below_1", result["warnings"])
		self.assertIn("expected_below_5", result["warnings"])
		self.assertEqual(result["small_cells"], 3)

	def test_empty_rows_left_out_and_a_single_category_not_tested(self):
		self.assertEqual(chi_square([[10, 20], [0, 0], [30, 40]])["dof"], 1)
		self.assertEqual(chi_square([[10, 20], [0, 0]])["warnings"], ["too_few_categories"])
		self.assertIsNone(chi_square([[0, 0], [0, 0]])["statistic"])


class TestCrossTabulation(unittest.TestCase):
	def test_row_and_column_percentages_by_hand(self):
		data = frame(
			gioi_tinh=["nam", "nam", "nam", "nu", "nu", None],
			tuoi=[25, 35, 65, 17, 40, 50],
			dong_y=["co", "co", "khong", "co", "khong", "co"],
		)
		breakdowns = demographic_breakdowns(FORM)
		self.assertEqual([breakdown.column for breakdown in breakdowns], ["gioi_tinh", "tuoi"])
		result = analyse(data, FORM, unweighted(6), breakdowns=breakdowns)
		table = next(t for t in result["crosstabs"] if (t["question"], t["by"]) == ("dong_y", "gioi_tinh"))
		self.assertEqual([group["respondents"] for group in table["groups"]], [3, 2])
		yes = table["rows"][0]
		self.assertEqual(yes["counts"], [2, 1])
		# Of the men 2 / 3 agree, of the women 1 / 2; of those who agree 2 / 3 are men.
		self.assertAlmostEqual(yes["column_percent"][0], 200 / 3)
		self.assertAlmostEqual(yes["column_percent"][1], 50)
		self.assertAlmostEqual(yes["row_percent"][0], 200 / 3)
		self.assertAlmostEqual(yes["moe"][1], 100 * Z95 * sqrt(0.25 / 2))
		self.assertIsNone(table["rows"][2]["row_percent"][0])  # nobody answered "chua_ro": no share
		ages = next(t for t in result["crosstabs"] if (t["question"], t["by"]) == ("dong_y", "tuoi"))
		self.assertEqual([group["label"] for group in ages["groups"]][:3], ["<18", "18–29", "30–44"])
		self.assertEqual([group["respondents"] for group in ages["groups"]], [1, 1, 2, 1, 1])

	def test_multiple_choice_by_group(self):
		data = frame(gioi_tinh=["nam", "nam", "nu", "nu"], kenh=["bao mang", "mang", "bao", None])
		breakdown = Breakdown("gioi_tinh", "Giới tính", ("nam", "nu"), {"nam": "Nam", "nu": "Nữ"})
		result = analyse(data, FORM, unweighted(4), breakdowns=[breakdown])
		table = next(t for t in result["crosstabs"] if t["question"] == "kenh")
		self.assertEqual(table["rows"][0]["counts"], [1, 1])
		self.assertEqual(table["rows"][0]["column_percent"], [50, 100])  # of the one woman who answered
		self.assertEqual(len(table["tests"]), 3)

	def test_area_breakdown_ordered_by_label(self):
		breakdown = values_breakdown(
			"area", "Địa bàn", pd.Series(["b", "a", None, "b"]), {"a": "Z", "b": "A"}
		)
		self.assertEqual(breakdown.options, ("b", "a"))


class TestPostStratification(unittest.TestCase):
	def test_by_hand(self):
		# A: 600 people, 2 respondents; B: 400 people, 3 respondents. Weights 300 and 133.3, scaled to mean 1:
		# 1.5 and 0.6667; the weighted share of A is its population's, 60 %.
		weights = post_stratify(["A", "B", "A", "B", "B"], {"A": 600, "B": 400})
		self.assertEqual(weights.method, POST_STRATIFICATION)
		np.testing.assert_allclose(weights.values, [1.5, 2 / 3, 1.5, 2 / 3, 2 / 3])
		self.assertAlmostEqual(weights.values[[0, 2]].sum() / weights.values.sum(), 0.6)

	def test_empty_stratum_falls_back(self):
		weights = post_stratify(["A", "A"], {"A": 600, "B": 400})
		self.assertEqual(
			(weights.method, weights.requested, weights.fell_back), (UNWEIGHTED, POST_STRATIFICATION, True)
		)
		self.assertEqual(weights.notes[0].code, "empty_stratum")
		self.assertEqual(weights.notes[0].values, ("B",))
		np.testing.assert_array_equal(weights.values, [1, 1])

	def test_respondents_outside_the_strata(self):
		weights = post_stratify(["A", "B", None, "C"], {"A": 600, "B": 400})
		self.assertEqual(weights.method, UNWEIGHTED)
		self.assertEqual(weights.notes[0].as_dict(), {"code": "outside_strata", "values": [2]})

	def test_no_population_no_respondents(self):
		self.assertEqual(post_stratify(["A"], {"A": 0}).notes[0].code, "no_population")
		self.assertEqual(post_stratify([], {"A": 10}).notes[0].code, "no_respondents")

	def test_stratum_cells_from_answers(self):
		data = frame(khu=["an_hoa", "cai_khe", None], hai_long=[1.0, 2.0, 3.0])
		self.assertEqual(stratum_cells(data, ["khu", "hai_long"]).tolist(), ["an_hoa|1", "cai_khe|2", None])
		self.assertEqual(
			strata_margins({"a|x": 1, "a|y": 2, "b|x": 3}, ["k", "l"]),
			{"k": {"a": 3, "b": 3}, "l": {"x": 4, "y": 2}},
		)


def sample_2x2(cells: dict[tuple[str, str], int]) -> dict[str, list]:
	gender, age = [], []
	for (g, a), count in cells.items():
		gender += [g] * count
		age += [a] * count
	return {"gioi_tinh": gender, "tuoi": age}


class TestRaking(unittest.TestCase):
	def test_two_by_two_keeps_the_odds_ratio(self):
		# Raking keeps the sample's cross-product ratio (Mosteller 1968): sample men/young 20, men/old 30,
		# women/young 40, women/old 10 (odds ratio 1/6) raked to men 50 %, young 40 %. The fitted table
		# x, 50 - x, 40 - x, 10 + x with x (10 + x) / ((50 - x)(40 - x)) = 1/6, i.e. x² + 30x - 400 = 0, is
		# x = 10: men/young 10, men/old 40, women/young 30, women/old 20 (of 100).
		margins = sample_2x2({("m", "y"): 20, ("m", "o"): 30, ("f", "y"): 40, ("f", "o"): 10})
		weights = rake(margins, {"gioi_tinh": {"m": 50, "f": 50}, "tuoi": {"y": 40, "o": 60}})
		self.assertEqual(weights.method, RAKING)
		expected = [0.5] * 20 + [40 / 30] * 30 + [30 / 40] * 40 + [2.0] * 10
		np.testing.assert_allclose(weights.values, expected, atol=1e-5)

	def test_uniform_sample_gives_the_product_of_margins(self):
		# From equal cells, the raked table is the outer product of the target margins (r_i c_j / T).
		cells = {(g, a): 5 for g in ("a", "b", "c") for a in ("x", "y", "z")}
		rows, columns = {"a": 0.5, "b": 0.3, "c": 0.2}, {"x": 0.2, "y": 0.3, "z": 0.5}
		weights = rake(sample_2x2(cells), {"gioi_tinh": rows, "tuoi": columns})
		expected = [9 * rows[g] * columns[a] for (g, a) in cells for _ in range(5)]
		np.testing.assert_allclose(weights.values, expected, atol=1e-9)

	def test_inconsistent_margins_do_not_converge(self):
		# Every man is young and every woman old: men 50 % and young 30 % cannot both hold.
		margins = sample_2x2({("m", "y"): 10, ("f", "o"): 10})
		weights = rake(margins, {"gioi_tinh": {"m": 50, "f": 50}, "tuoi": {"y": 30, "o": 70}})
		self.assertEqual((weights.method, weights.requested), (UNWEIGHTED, RAKING))
		self.assertEqual(weights.notes[-1].code, "not_converged")
		np.testing.assert_array_equal(weights.values, np.ones(20))

	def test_empty_category_falls_back_without_dividing_by_zero(self):
		margins = sample_2x2({("m", "y"): 10, ("m", "o"): 10})
		with np.errstate(all="raise"):
			weights = rake(margins, {"gioi_tinh": {"m": 50, "f": 50}, "tuoi": {"y": 30, "o": 70}})
		self.assertEqual(weights.method, UNWEIGHTED)
		self.assertEqual(
			weights.notes[0].as_dict(), {"code": "empty_margin_cell", "values": ["gioi_tinh", ["f"]]}
		)

	def test_unanswered_keep_their_share(self):
		margins = {"gioi_tinh": ["m", "m", "m", "f", None]}
		weights = rake(margins, {"gioi_tinh": {"m": 1, "f": 1}})
		self.assertEqual(weights.method, RAKING)
		self.assertEqual(weights.notes[0].code, "margin_missing")
		# The one without an answer keeps weight 1; the four others share 4 as 2 (men) and 2 (woman).
		np.testing.assert_allclose(weights.values, [2 / 3, 2 / 3, 2 / 3, 2, 1])


class TestSurveyWeights(unittest.TestCase):
	populations: ClassVar = {"m|y": 25, "m|o": 35, "f|y": 25, "f|o": 15}  # men 60, women 40; young 50, old 50

	def data(self, cells):
		return pd.DataFrame(sample_2x2(cells))

	def test_post_stratifies_when_every_stratum_answered(self):
		data = self.data({("m", "y"): 10, ("m", "o"): 10, ("f", "y"): 10, ("f", "o"): 10})
		weights = survey_weights(data, ["gioi_tinh", "tuoi"], self.populations)
		self.assertEqual(weights.method, POST_STRATIFICATION)
		self.assertAlmostEqual(weights.values[:10].sum() / 40, 0.25)

	def test_rakes_to_the_strata_margins_when_a_stratum_is_empty(self):
		# No old woman answered: the strata margins are still reachable (women are all young: 40 %, so
		# 10 % young men and 50 % old men).
		data = self.data({("m", "y"): 10, ("m", "o"): 10, ("f", "y"): 10})
		weights = survey_weights(data, ["gioi_tinh", "tuoi"], self.populations)
		self.assertEqual((weights.method, weights.requested), (RAKING, AUTOMATIC))
		self.assertEqual([note.code for note in weights.notes], ["empty_stratum", "raked_instead"])
		total = weights.values.sum()
		np.testing.assert_allclose(
			[weights.values[:10].sum() / total, weights.values[10:20].sum() / total], [0.1, 0.5], atol=1e-4
		)

	def test_no_strata_is_unweighted_and_says_so(self):
		weights = survey_weights(self.data({("m", "y"): 3}), [], {})
		self.assertEqual((weights.method, weights.notes[0].code), (UNWEIGHTED, "no_strata"))
		weights = survey_weights(self.data({("m", "y"): 3}), ["gioi_tinh"], {"m": 10}, UNWEIGHTED)
		self.assertEqual((weights.method, weights.notes), (UNWEIGHTED, ()))

	def test_analysis_reports_the_weighting(self):
		data = self.data({("m", "y"): 10, ("m", "o"): 10, ("f", "y"): 10, ("f", "o"): 10})
		weights = survey_weights(data, ["gioi_tinh", "tuoi"], self.populations)
		result = analyse(data, FORM, weights)
		self.assertEqual(result["weighting"]["method"], POST_STRATIFICATION)
		# Weights 1, 1.4, 1, 0.6 per cell: Σw = 40, Σw² = 10 (1 + 1.96 + 1 + 0.36) = 43.2: deff 1.08.
		self.assertAlmostEqual(result["weighting"]["design_effect"], 1.08)
		# "m" and "f" are no choices of the questionnaire's gioi_tinh: counted apart, never as a choice.
		self.assertEqual(question(result, "gioi_tinh")["other_values"], 40)
		self.assertEqual(option(question(result, "gioi_tinh"), "nam")["count"], 0)


class TestBeforeAfter(unittest.TestCase):
	def test_agresti_aspirin(self):
		# Agresti (2nd ed.), Table 2.3, Physicians' Health Study: heart attacks 189 / 11 034 on placebo and
		# 104 / 11 037 on aspirin; π1 - π2 = 0.0077 with 95 % CI (0.005, 0.011).
		change = difference_of_proportions(104 / 11037, 11037, 189 / 11034, 11034, Z95)
		self.assertAlmostEqual(change["difference"], 0.0077, places=4)
		self.assertAlmostEqual(change["low"], 0.005, places=3)
		self.assertAlmostEqual(change["high"], 0.011, places=3)
		self.assertTrue(change["significant"])
		self.assertLess(change["p_value"], 0.001)

	def test_not_significant_by_hand(self):
		# 50 % of 100 then 60 % of 100: SE = √(0.0025 + 0.0024) = 0.07, CI 0.10 ± 0.1372.
		change = difference_of_proportions(0.5, 100, 0.6, 100, Z95)
		self.assertAlmostEqual(change["low"], 0.1 - Z95 * 0.07)
		self.assertFalse(change["significant"])
		self.assertAlmostEqual(change["p_value"], 0.153, places=3)  # 2 (1 - Φ(1.4286))

	def test_no_respondents_no_change(self):
		self.assertIsNone(difference_of_proportions(0.5, 0, 0.6, 100, Z95)["difference"])

	def test_compare_two_analyses(self):
		before = analyse(
			frame(dong_y=["co"] * 50 + ["khong"] * 50, hai_long=["3"] * 100), FORM, unweighted(100)
		)
		after = analyse(frame(dong_y=["co"] * 60 + ["khong"] * 40, kenh=["bao"] * 100), FORM, unweighted(100))
		result = compare(before, after)
		agree = next(entry for entry in result["questions"] if entry["code"] == "dong_y")
		yes = agree["options"][0]
		self.assertEqual((yes["before"], yes["after"]), (50, 60))
		self.assertAlmostEqual(yes["difference"], 10)
		self.assertAlmostEqual(yes["high"], 10 + 100 * Z95 * 0.07)
		self.assertEqual(
			sorted((entry["code"], entry["reason"]) for entry in result["apart"]),
			[("hai_long", "only_before"), ("kenh", "only_after")],
		)
