"""The web app's page: /dlxh and every /dlxh/<path> (hooks.website_route_rules) serve the built
single-page app (frontend/, written here as dlxh.html by its build) with the session's boot data."""

from dlxh_app.webapp import get_boot

no_cache = 1


def get_context(context):
	context.boot = get_boot()
	return context
