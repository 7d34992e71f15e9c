"""Speed of the opinion AI at a city's scale (issue "AI for grasping opinion", item 6): training on
TRAIN labelled entries (both fields, with the held-out pass), classifying CLASSIFY entries with one
worker process per core (the figure for 1,000,000 extrapolated from them, the rate being per entry), and a
suggestion's latency (median and 95th percentile of single texts). Entries from the synthetic corpus.

Needs no site: `.devbench/venv/bin/python -m benchmarks.ai_scale [TRAIN] [CLASSIFY]` (defaults
100,000 and 50,000; a few minutes on 2 cores)."""

import os
import statistics
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from datetime import date

from dlxh_app.dlxh_reporting.ai import corpus
from dlxh_app.dlxh_reporting.ai.classifier import OpinionModel, Sample, train

UNITS = [f"Đơn vị {index}" for index in range(1, 101)]
BATCH = 2000
_model = None


def _load(data: bytes):
	global _model
	_model = OpinionModel.loads(data)


def _classify(texts: list[str]) -> tuple[int, float]:
	cpu = time.process_time()
	_model.predict(texts)
	return len(texts), time.process_time() - cpu


def main(train_count: int = 100_000, classify_count: int = 50_000):
	today = date(2026, 12, 2)
	started = time.perf_counter()
	entries = corpus.generate(train_count, UNITS, today, weeks=52, bursts=False)
	print(
		f"AI scale: {len(entries):,} synthetic entries made in {time.perf_counter() - started:.1f} s",
		flush=True,
	)
	started, cpu = time.perf_counter(), time.process_time()
	model = train([Sample(e["content"], e["topic"], e["trend"]) for e in entries], 1, "benchmark")
	print(
		f"  training on {len(entries):,} (held-out pass and final fit): {time.perf_counter() - started:.1f} s"
		f" ({time.process_time() - cpu:.1f} s of CPU; topic macro-F1 {model.metrics['topic']['macro_f1']:.3f})",
		flush=True,
	)
	texts = [e["content"] for e in corpus.generate(classify_count, UNITS, today, seed=99, bursts=False)]
	batches = [texts[i : i + BATCH] for i in range(0, len(texts), BATCH)]
	workers = os.cpu_count() or 1
	with ProcessPoolExecutor(workers, initializer=_load, initargs=(model.dumps(),)) as pool:
		list(pool.map(_classify, [texts[:workers]] * workers))  # each worker's tokenizer loaded
		started = time.perf_counter()
		results = list(pool.map(_classify, batches))
		elapsed = time.perf_counter() - started
	done, cpu = sum(count for count, _ in results), sum(seconds for _, seconds in results)
	print(
		f"  classifying {done:,} entries with {workers} processes: {elapsed:.1f} s"
		f" ({done / elapsed:,.0f} a second; 1,000,000 in {1_000_000 / (done / elapsed) / 60:.1f} min)"
	)
	# On a shared machine the wall time depends on the others' load; the CPU time much less.
	print(
		f"  CPU time {cpu / done * 1000:.2f} ms an entry: 1,000,000 on {workers} free cores in"
		f" {cpu / done * 1_000_000 / workers / 60:.1f} min"
	)
	latencies = []
	for text in texts[:300]:
		started = time.perf_counter()
		model.suggest(text)
		latencies.append((time.perf_counter() - started) * 1000)
	p95 = statistics.quantiles(latencies, n=20)[-1]
	print(f"  suggestion latency: median {statistics.median(latencies):.1f} ms, 95th percentile {p95:.1f} ms")


if __name__ == "__main__":
	main(*(int(arg) for arg in sys.argv[1:3]))
