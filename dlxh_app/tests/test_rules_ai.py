import socket
import sys
import unittest
from datetime import date
from unittest import mock

from dlxh_app.dlxh_reporting.ai import corpus
from dlxh_app.dlxh_reporting.ai.classifier import (
	MIN_CONFIDENCE,
	KeywordBaseline,
	ModelUnreadable,
	NotEnoughLabels,
	OpinionModel,
	Sample,
	train,
)
from dlxh_app.dlxh_reporting.ai.text import features, normalize, segment, strip_accents, tokenizer

UNITS = ["Phường Ninh Kiều", "Phường Cái Khế", "Phường Tân An"]


def no_network(*args, **kwargs):
	raise AssertionError("the network was used")


class TestText(unittest.TestCase):
	def test_segments_offline_with_the_model_inside_the_package(self):
		"""pyvi is imported afresh with every socket refused: its model is a file of the package."""
		tokenizer.cache_clear()
		for name in [name for name in sys.modules if name == "pyvi" or name.startswith("pyvi.")]:
			del sys.modules[name]
		with (
			mock.patch.object(socket.socket, "connect", no_network),
			mock.patch.object(socket, "create_connection", no_network),
			mock.patch.object(socket, "getaddrinfo", no_network),
		):
			words = segment("Người dân phản ánh tình trạng ùn tắc giao thông vào giờ cao điểm.")
		self.assertIn("giao_thông", words)
		self.assertIn("ùn_tắc", words)
		self.assertNotIn(".", words)

	def test_html_entities_and_composition(self):
		decomposed = "Gia\u0301 đie\u0323\u0302n"
		self.assertEqual(normalize(f"<p>{decomposed}&nbsp;tăng</p>"), "Giá điện tăng")
		self.assertEqual(segment("   "), [])
		self.assertEqual(segment(None), [])

	def test_huge_text_is_cut(self):
		self.assertLessEqual(len(normalize("giá điện " * 100_000)), 20_000)

	def test_features_without_accents(self):
		self.assertEqual(strip_accents("Đường giao thông"), "Duong giao thong")
		found = features(["kẹt_xe", "đường"])
		self.assertIn("kẹt_xe đường", found)
		self.assertIn("~ket", found)
		self.assertIn("~duong", found)


class TestClassifier(unittest.TestCase):
	@classmethod
	def setUpClass(cls):
		entries = corpus.generate(700, UNITS, date(2026, 12, 2), bursts=False)
		cls.samples = [Sample(entry["content"], entry["topic"], entry["trend"]) for entry in entries]
		cls.model = train(cls.samples, version=3, trained_on="2026-12-02 09:00:00")

	def test_held_out_figures_beat_the_majority_class(self):
		for name in ("topic", "trend"):
			metrics = self.model.metrics[name]
			self.assertGreater(metrics["held_out"], 100)
			self.assertGreater(metrics["macro_f1"], metrics["majority_baseline"]["macro_f1"] + 0.3)
			self.assertGreater(metrics["accuracy"], metrics["majority_baseline"]["accuracy"])
		self.assertEqual(sum(self.model.label_counts["topic"].values()), len(self.samples))

	def test_suggests_topic_and_trend_with_confidence(self):
		found = self.model.suggest("Bà con rất bức xúc vì kẹt xe giờ cao điểm trên đường 30 Tháng 4 kéo dài.")
		self.assertEqual(found["topic"]["value"], corpus.TRAFFIC)
		self.assertEqual(found["trend"]["value"], "Negative")
		self.assertGreaterEqual(found["topic"]["confidence"], MIN_CONFIDENCE)
		self.assertLessEqual(found["topic"]["confidence"], 1)

	def test_unaccented_text(self):
		found = self.model.suggest("nguoi dan lo lang ve trieu cuong gay ngap nhieu tuyen duong")
		self.assertEqual(found["topic"]["value"], corpus.DISASTERS)

	def test_no_suggestion_for_text_without_words_or_below_the_threshold(self):
		self.assertEqual(self.model.suggest(""), {})
		self.assertEqual(self.model.suggest("... !!!"), {})
		# Words the model never saw: every topic about equally likely, none confident enough.
		self.assertNotIn("topic", self.model.suggest("xyz qwerty lorem ipsum"))

	def test_a_field_below_the_quality_threshold_is_not_suggested(self):
		self.model.metrics["trend"]["macro_f1"], kept = 0.2, self.model.metrics["trend"]["macro_f1"]
		try:
			found = self.model.suggest("Người dân bức xúc về kẹt xe giờ cao điểm.")
		finally:
			self.model.metrics["trend"]["macro_f1"] = kept
		self.assertIn("topic", found)
		self.assertNotIn("trend", found)

	def test_stored_and_loaded(self):
		loaded = OpinionModel.loads(self.model.dumps())
		self.assertEqual(loaded.info(), self.model.info())
		self.assertEqual(loaded.version, 3)
		text = self.samples[0].text
		self.assertEqual(loaded.suggest(text), self.model.suggest(text))

	def test_corrupt_or_foreign_file(self):
		data = self.model.dumps()
		for bad in (b"", b"not a pickle", data[: len(data) // 2]):
			with self.assertRaises(ModelUnreadable):
				OpinionModel.loads(bad)
		import pickle

		with self.assertRaises(ModelUnreadable):
			OpinionModel.loads(pickle.dumps({"format": 99}))

	def test_not_enough_labels(self):
		with self.assertRaises(NotEnoughLabels):
			train(self.samples[:10], 1, "now")
		one_label = [Sample(sample.text, corpus.ECONOMY) for sample in self.samples[:50]]
		with self.assertRaises(NotEnoughLabels):
			train(one_label, 1, "now")

	def test_trend_is_optional(self):
		samples = [Sample(sample.text, sample.topic) for sample in self.samples[:200]]
		model = train(samples, 1, "now")
		self.assertEqual(set(model.classifiers), {"topic"})
		self.assertNotIn("trend", model.suggest(samples[0].text))


class TestKeywordBaseline(unittest.TestCase):
	def test_most_keyword_hits_else_default(self):
		baseline = KeywordBaseline({"A": ["giao thông", "kẹt xe"], "B": ["bão"]}, default="B")
		self.assertEqual(baseline.predict("Kẹt xe và tai nạn giao thông"), "A")
		self.assertEqual(baseline.predict("ket xe"), "A")
		self.assertEqual(baseline.predict("không liên quan"), "B")


class TestCorpus(unittest.TestCase):
	def test_deterministic_varied_and_labelled(self):
		first = corpus.generate(300, UNITS, date(2026, 12, 2))
		self.assertEqual(first, corpus.generate(300, UNITS, date(2026, 12, 2)))
		self.assertNotEqual(first, corpus.generate(300, UNITS, date(2026, 12, 2), seed=7))
		self.assertGreater(len({entry["content"] for entry in first}), 250)
		self.assertEqual({entry["topic"] for entry in first}, set(corpus.topics()))
		self.assertEqual({entry["trend"] for entry in first}, {"Positive", "Negative", "Mixed", "Concerned"})
		self.assertTrue(all(entry["entry_date"] <= "2026-12-02" for entry in first))
		bursts = [entry for entry in first if "tiền ảo" in entry["content"]]
		self.assertGreaterEqual(len(bursts), 10)
		self.assertTrue(all(entry["entry_date"] >= "2026-11-30" for entry in bursts))
		self.assertTrue(all(entry["unit"] in UNITS for entry in first))

	def test_topics_are_the_installed_tree(self):
		import json
		from pathlib import Path

		tree = json.loads((Path(corpus.__file__).parents[2] / "setup/data/opinion_topics.json").read_text())
		names = set()

		def walk(nodes):
			for node in nodes:
				names.add(node["topic_name"])
				walk(node.get("children", []))

		walk(tree)
		self.assertLessEqual(set(corpus.topics()), names)
