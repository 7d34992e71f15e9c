"""Frappe's background worker and scheduler for the served site, as `bench start` runs them beside the web
server (the bench's Procfile: `worker`, `schedule`): queued jobs (mails, notifications, a user's contact)
run, and scheduled events (the app's hourly reminders) fire. Without a worker the queue only grows, and
Frappe refuses new jobs once it holds 500.

`python -m devbench.background worker|scheduler SITE`; `devbench/server.py` starts both."""

import sys

from devbench.site import SiteConfig, enter


def main(kind: str, site_name: str) -> None:
	config = SiteConfig.load(site_name)
	if config is None:
		raise SystemExit(f"no site {site_name}")
	enter(config)
	import frappe

	if kind == "worker":
		from frappe.utils.background_jobs import start_worker

		start_worker(quiet=True)
	elif kind == "scheduler":
		from frappe.utils.scheduler import enable_scheduler, start_scheduler

		# What `bench --site SITE enable-scheduler` does; a new site's scheduler is off.
		frappe.init(config.name)
		frappe.connect()
		enable_scheduler()
		frappe.db.commit()
		frappe.destroy()
		start_scheduler()
	else:
		raise SystemExit(f"unknown kind {kind}: worker or scheduler")


if __name__ == "__main__":
	main(*sys.argv[1:3])
