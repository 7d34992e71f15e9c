"""`make run` runs Frappe's background worker beside the web server, as `bench start` does: a job queued
by the site is done."""

import subprocess
import sys
import time
import uuid

import frappe

from devbench.site import ROOT
from dlxh_app.tests.base import IntegrationTestCase


def remember(key: str) -> None:
	"""The queued job: leaves its key in the cache."""
	frappe.cache.set_value(key, "done", expires_in_sec=300)


class TestBackgroundWorker(IntegrationTestCase):
	def test_a_queued_job_is_done(self):
		# About five seconds: a worker process starts and polls its queue.
		key = f"devbench-job-{uuid.uuid4().hex}"
		frappe.enqueue("devbench.tests.test_background.remember", key=key, enqueue_after_commit=False)
		worker = subprocess.Popen(
			[sys.executable, "-m", "devbench.background", "worker", frappe.local.site],
			cwd=ROOT,
			stdout=subprocess.DEVNULL,
			stderr=subprocess.DEVNULL,
		)
		try:
			# expires=True reads Redis each time instead of the request's copy of the first answer.
			deadline = time.monotonic() + 60
			while time.monotonic() < deadline and frappe.cache.get_value(key, expires=True) != "done":
				time.sleep(0.5)
		finally:
			worker.terminate()
			worker.wait(timeout=10)
		self.assertEqual(frappe.cache.get_value(key, expires=True), "done")
