"""The charts are well-formed SVG whose shapes measure what they show: bar lengths and error bars in
proportion to the percentages, a diverging Likert bar centred on its middle point, a dumbbell's filled dot
only for a significant change, and any text from a questionnaire escaped."""

import unittest
import xml.etree.ElementTree as ET

from dlxh_app.dlxh_surveys.rules.charts import (
	LABEL_WIDTH,
	WIDTH,
	bar_chart,
	crosstab_chart,
	diverging_bars,
	dumbbell,
	number,
	question_chart,
	stacked_bars,
)

SVG = "{http://www.w3.org/2000/svg}"


def parse(svg: str) -> ET.Element:
	return ET.fromstring(svg)


def rects(root) -> list[dict]:
	return [
		{key: float(value) if key != "fill" else value for key, value in node.attrib.items()}
		for node in root.iter(f"{SVG}rect")
	]


class TestCharts(unittest.TestCase):
	def test_bars_and_error_bars_in_proportion(self):
		root = parse(
			bar_chart([{"label": "Có", "value": 60, "moe": 5}, {"label": "Không", "value": 40, "moe": None}])
		)
		# The scale is 0-100 % over the bar area: from the label column to 90 px before the right edge.
		scale = (WIDTH - 90 - LABEL_WIDTH) / 100
		widths = [round(item["width"], 1) for item in rects(root)]
		self.assertEqual(widths, [round(60 * scale, 1), round(40 * scale, 1)])
		error_bars = [
			node
			for node in root.iter(f"{SVG}line")
			if node.get("y1") == node.get("y2") and node.get("stroke") == "#333"
		]
		self.assertEqual(len(error_bars), 1)
		self.assertAlmostEqual(float(error_bars[0].get("x1")), LABEL_WIDTH + 55 * scale, places=0)
		self.assertAlmostEqual(float(error_bars[0].get("x2")), LABEL_WIDTH + 65 * scale, places=0)
		self.assertIn("60,0% ±5,0", [node.text for node in root.iter(f"{SVG}text")])

	def test_small_percentages_use_a_half_scale(self):
		root = parse(bar_chart([{"label": "A", "value": 20, "moe": 2}]))
		self.assertAlmostEqual(rects(root)[0]["width"], 20 * (WIDTH - 90 - LABEL_WIDTH) / 50, places=0)

	def test_labels_are_escaped(self):
		svg = bar_chart([{"label": '<script>alert("x")</script> & co', "value": 10, "moe": 1}], "Tiêu đề <b>")
		self.assertNotIn("<script>", svg)
		root = parse(svg)
		self.assertIn('<script>alert("x")</script> & co', [node.text for node in root.iter(f"{SVG}text")])

	def test_stacked_bars_fill_each_group(self):
		root = parse(
			stacked_bars(
				["Nam", "Nữ"],
				[{"label": "Có", "values": [70, 50]}, {"label": "Không", "values": [30, 50]}],
			)
		)
		bars = [item for item in rects(root) if item["height"] > 10]
		full = WIDTH - 20 - LABEL_WIDTH
		self.assertAlmostEqual(bars[0]["width"] + bars[1]["width"], full, places=0)
		self.assertAlmostEqual(bars[2]["width"] + bars[3]["width"], full, places=0)

	def test_diverging_likert_is_centred_on_its_middle_point(self):
		# 10 % and 20 % disagree, 30 % neutral, 25 % and 15 % agree: the bar starts 10 + 20 + 15 = 45 %
		# left of the centre.
		root = parse(diverging_bars([{"label": "Hài lòng", "shares": [10, 20, 30, 25, 15]}], list("12345")))
		bars = [item for item in rects(root) if item["height"] > 10]
		scale = (WIDTH - 20 - LABEL_WIDTH) / 200
		centre = (LABEL_WIDTH + WIDTH - 20) / 2
		self.assertAlmostEqual(bars[0]["x"], centre - 45 * scale, places=0)
		self.assertAlmostEqual(bars[2]["x"] + bars[2]["width"] / 2, centre, places=0)

	def test_dumbbell_fills_only_significant_changes(self):
		root = parse(
			dumbbell(
				[
					{"label": "Có", "before": 40, "after": 60, "significant": True},
					{"label": "Không", "before": 60, "after": 55, "significant": False},
				],
				before_label="Trước",
				after_label="Sau",
			)
		)
		dots = [node.get("fill") for node in root.iter(f"{SVG}circle")][:4]
		self.assertEqual(dots, ["#fff", "#2166ac", "#fff", "#fff"])
		self.assertIn("+20,0", [node.text for node in root.iter(f"{SVG}text")])

	def test_charts_of_analysis_results(self):
		question = {
			"label": "Đồng ý?",
			"answered": 10,
			"options": [{"label": "Có", "weighted_percent": 70.0, "moe": 9.5}],
		}
		self.assertIn("70,0% ±9,5", question_chart(question))
		self.assertIsNone(question_chart(question | {"answered": 0}))
		table = {
			"label": "Đồng ý?",
			"by_label": "Giới tính",
			"groups": [{"label": "Nam"}, {"label": "Nữ"}],
			"rows": [{"label": "Có", "column_percent": [100.0, None]}],
		}
		parse(crosstab_chart(table))

	def test_numbers_with_a_decimal_comma(self):
		self.assertEqual((number(45.25), number(None), number(3, 0)), ("45,2", "–", "3"))
