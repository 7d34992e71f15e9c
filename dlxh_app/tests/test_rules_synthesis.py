import unittest

from dlxh_app.dlxh_reporting.rules.period import previous_period
from dlxh_app.dlxh_reporting.rules.similar import Group
from dlxh_app.dlxh_reporting.rules.synthesis import (
	Item,
	format_concerns,
	months_up_to,
	quote,
	stories_by_topic,
	summarize_topics,
	top_concerns,
)

PRICES, MERGER, FLOODS = "Giá điện", "Sắp xếp đơn vị hành chính", "Sạt lở"
NINH_KIEU, BINH_THUY = "Quận ủy Ninh Kiều", "Quận ủy Bình Thủy"


def item(content, level=None, trend=None, unit=NINH_KIEU, topic=MERGER):
	return Item(topic, unit, trend, level, content)


class TestSummarizeTopics(unittest.TestCase):
	def test_counts_units_and_change_per_topic(self):
		summaries = summarize_topics(
			counts=[
				(MERGER, "Concerned", 2),
				(MERGER, "Positive", 1),
				(MERGER, None, 1),
				(PRICES, "Negative", 2),
			],
			previous_totals={MERGER: 1, PRICES: 3, FLOODS: 2},
			units=[(MERGER, NINH_KIEU), (PRICES, NINH_KIEU), (MERGER, BINH_THUY), (MERGER, NINH_KIEU)],
			items=[item("Lo mất việc", "High", "Concerned"), item("Giá điện tăng", topic=PRICES)],
		)
		self.assertEqual([summary.topic for summary in summaries], [MERGER, PRICES, FLOODS])
		merger, prices, floods = summaries
		self.assertEqual(merger.by_trend, {"Positive": 1, "Negative": 0, "Mixed": 0, "Concerned": 2})
		# An item without a trend counts in the total only.
		self.assertEqual((merger.total, merger.previous_total, merger.change), (4, 1, 3))
		self.assertEqual(merger.units, (NINH_KIEU, BINH_THUY))
		self.assertEqual([concern.content for concern in merger.concerns], ["Lo mất việc"])
		self.assertEqual((prices.total, prices.change, prices.units), (2, -1, (NINH_KIEU,)))
		# Raised last month only: shown with its fall.
		self.assertEqual((floods.total, floods.previous_total, floods.change), (0, 2, -2))
		self.assertEqual((floods.units, floods.concerns), ((), ()))
		self.assertEqual(floods.by_trend, dict.fromkeys(("Positive", "Negative", "Mixed", "Concerned"), 0))

	def test_equal_totals_by_last_month_then_name(self):
		summaries = summarize_topics(
			[(PRICES, "Mixed", 1), (MERGER, "Mixed", 1), (FLOODS, "Mixed", 1)], {FLOODS: 5}, [], []
		)
		self.assertEqual([summary.topic for summary in summaries], [FLOODS, PRICES, MERGER])

	def test_nothing_reported(self):
		self.assertEqual(summarize_topics([], {PRICES: 0}, [], []), [])


class TestTopConcerns(unittest.TestCase):
	def test_most_interest_first_then_most_uneasy_then_report_order(self):
		items = [
			item("a", "Medium", "Positive"),
			item("b", "High", "Mixed"),
			item("c", "High", "Concerned"),
			item("d", None, "Concerned"),
			item("e", "Medium", "Negative"),
			item("f", "Medium", "Negative"),
		]
		self.assertEqual([concern.content for concern in top_concerns(items, 4)], ["c", "b", "e", "f"])
		self.assertEqual([concern.content for concern in top_concerns(items, 1)], ["c"])

	def test_the_same_words_are_quoted_once(self):
		items = [
			item("Lo mất việc", "High", unit=NINH_KIEU),
			item("  lo   mất việc ", "High", unit=BINH_THUY),
			item("Giá điện", "Low"),
		]
		self.assertEqual([concern.content for concern in top_concerns(items, 3)], ["Lo mất việc", "Giá điện"])


class TestQuote(unittest.TestCase):
	def test_short_text_whole_on_one_line(self):
		self.assertEqual(quote("<p>Người dân <b>đồng tình</b></p><p>cao.</p>"), "Người dân đồng tình cao.")
		self.assertEqual(quote(None), "")

	def test_long_text_cut_at_a_word(self):
		text = "Người dân lo lắng về việc làm, thu nhập sau khi sắp xếp"
		self.assertEqual(quote(text, 30), "Người dân lo lắng về việc làm…")
		self.assertEqual(quote(text, 31), "Người dân lo lắng về việc làm…")
		self.assertEqual(quote(text, 20), "Người dân lo lắng…")
		self.assertEqual(quote(text, len(text)), text)
		for length in range(5, len(text)):
			with self.subTest(length=length):
				self.assertLessEqual(len(quote(text, length)), length)

	def test_one_long_word_is_cut_inside(self):
		self.assertEqual(quote("x" * 50, 10), "x" * 9 + "…")

	def test_formatted_with_the_unit(self):
		concerns = [item("Lo mất việc", unit=NINH_KIEU), item("Giá điện tăng", unit=BINH_THUY)]
		self.assertEqual(
			format_concerns(concerns),
			"- “Lo mất việc” (Quận ủy Ninh Kiều)\n- “Giá điện tăng” (Quận ủy Bình Thủy)",
		)


class TestMonths(unittest.TestCase):
	def test_previous_period(self):
		self.assertEqual(previous_period(2025, 5), (2025, 4))
		self.assertEqual(previous_period(2025, 1), (2024, 12))

	def test_months_up_to(self):
		self.assertEqual(months_up_to((2025, 2), 3), [(2024, 12), (2025, 1), (2025, 2)])
		self.assertEqual(months_up_to((2025, 5), 12)[0], (2024, 6))
		self.assertEqual(months_up_to((2025, 12), 12), [(2025, month) for month in range(1, 13)])
		self.assertEqual(months_up_to((2025, 5), 1), [(2025, 5)])


class TestStoriesByTopic(unittest.TestCase):
	def test_a_story_told_by_several_items_counts_once_per_topic(self):
		items = [
			item("Giá điện tăng cao", topic=PRICES),
			item("Giá điện tăng cao quá", topic=PRICES, unit=BINH_THUY),
			item("Lo mất việc", topic=MERGER),
			item("Giá điện tăng cao lắm", topic=PRICES),
			item("Trụ sở mới ở xa"),
			item("Giá điện tăng rất cao", topic=MERGER, unit=BINH_THUY),
		]
		found = stories_by_topic(items, [Group([0, 1, 3, 5])])
		self.assertEqual(found[PRICES][0], 1)
		self.assertEqual(found[MERGER][0], 3)
		[story] = found[PRICES][1]
		self.assertEqual((story.item, story.tellings, story.units), (items[0], 4, (NINH_KIEU, BINH_THUY)))
		self.assertEqual(found[MERGER][1], [story])
		self.assertEqual(stories_by_topic(items[:3], [])[PRICES], (2, []))
