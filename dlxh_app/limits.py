"""How often a user may have the expensive computations run: the compliance of every unit over years and
the synthesis of the accepted reports. They are reached by the API, the script report, the number cards,
the chart and the synthesis's Build Draft; the limit sits in the computations themselves, so every way in
counts against one budget per user, and a way added later does too."""

import frappe
from frappe import _

from dlxh_app.consts import EXPENSIVE_CALLS_PER_MINUTE

WINDOW_SECONDS = 60


def count_expensive_call() -> None:
	"""Count one computation for the session's user in the current minute; refuse past the limit (HTTP
	429). Only requests count: scheduled jobs and the console run what they must."""
	if not getattr(frappe.local, "request", None):
		return
	key = frappe.cache.make_key(f"dlxh-limit:{frappe.session.user}")
	if not frappe.cache.get(key):
		frappe.cache.setex(key, WINDOW_SECONDS, 0)
	if frappe.cache.incrby(key, 1) > EXPENSIVE_CALLS_PER_MINUTE:
		frappe.throw(
			_(
				"You have asked for report compliance or opinion figures more than {0} times in a minute. Wait a minute and try again."
			).format(EXPENSIVE_CALLS_PER_MINUTE),
			frappe.RateLimitExceededError,
			title=_("Too many requests"),
		)
