"""Quality of the topic and trend suggestions (issue "AI for grasping opinion"): the classifier trained on
the demo's synthetic labelled entries (dlxh_reporting/ai/corpus.py, the same generator and seed the demo
uses) and measured on a held-out fifth it never saw, against two baselines: the majority class, and
keywords (the topic whose keywords in the topic tree occur most in the text; for the trend, a small list
of words of feeling). Prints macro-F1 and accuracy of each, the training time and the suggestion latency.

Needs no site: `.devbench/venv/bin/python -m benchmarks.ai_quality [ENTRIES]`; `make bench` runs it too."""

import json
import sys
import time
from collections import Counter
from datetime import date
from pathlib import Path

from dlxh_app.dlxh_reporting.ai import corpus
from dlxh_app.dlxh_reporting.ai.classifier import KeywordBaseline, Sample, scores, split, train
from dlxh_app.dlxh_reporting.ai.text import segment

ENTRIES = 4000
UNITS = [f"Đơn vị {index}" for index in range(1, 21)]
TREND_WORDS = {
	"Positive": ["đồng tình", "phấn khởi", "hoan nghênh", "đánh giá cao", "tin tưởng", "vui mừng"],
	"Negative": ["bức xúc", "phản đối", "bất bình", "không đồng tình", "than phiền"],
	"Concerned": ["lo lắng", "lo ngại", "băn khoăn", "e ngại", "quan tâm"],
	"Mixed": ["tuy nhiên", "nhưng", "song", "trái chiều"],
}


def topic_keywords() -> dict[str, list[str]]:
	"""Each topic's name words and keywords, from the topic tree the app installs."""
	path = Path(__file__).parents[1] / "dlxh_app" / "setup" / "data" / "opinion_topics.json"
	keywords = {}

	def walk(nodes):
		for node in nodes:
			keywords[node["topic_name"]] = [word.strip() for word in node.get("keywords", "").split(",")]
			walk(node.get("children", []))

	walk(json.loads(path.read_text()))
	return keywords


def main(count: int = ENTRIES):
	entries = corpus.generate(count, UNITS, date(2026, 12, 2))
	samples = [Sample(entry["content"], entry["topic"], entry["trend"]) for entry in entries]
	print(f"AI quality: {len(samples)} synthetic labelled entries, a fifth held out", flush=True)
	started = time.perf_counter()
	model = train(samples, version=1, trained_on="benchmark")
	trained = time.perf_counter() - started
	baselines = {"topic": topic_keywords(), "trend": TREND_WORDS}
	for name in ("topic", "trend"):
		labels = [getattr(sample, name) for sample in samples]
		train_idx, test_idx = split(labels, 0.2)
		truth = [labels[i] for i in test_idx]
		majority = Counter(labels[i] for i in train_idx).most_common(1)[0][0]
		keyword = KeywordBaseline(baselines[name], majority)
		rows = {
			"model": model.metrics[name],
			"majority class": scores(truth, [majority] * len(truth)),
			"keywords": scores(truth, [keyword.predict(samples[i].text) for i in test_idx]),
		}
		print(f"  {name} ({len(set(labels))} labels, {len(truth)} held out):")
		for label, figures in rows.items():
			print(f"    {label:<15} macro-F1 {figures['macro_f1']:.3f}  accuracy {figures['accuracy']:.3f}")
	print(f"  training (both fields, held-out pass and final fit): {trained:.1f} s")
	texts = [sample.text for sample in samples[:200]]
	segment(texts[0])
	started = time.perf_counter()
	for text in texts:
		model.suggest(text)
	print(f"  suggestion latency: {(time.perf_counter() - started) / len(texts) * 1000:.1f} ms per entry")


if __name__ == "__main__":
	main(int(sys.argv[1]) if len(sys.argv) > 1 else ENTRIES)
