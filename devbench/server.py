"""Serve a site over HTTP like `bench serve`: Frappe's WSGI application on Werkzeug's server."""

from devbench.site import SITES, SiteConfig, enter


def serve(config: SiteConfig, port: int, host: str = "127.0.0.1") -> None:
	enter(config)
	from frappe.app import application
	from werkzeug.middleware.shared_data import SharedDataMiddleware
	from werkzeug.serving import run_simple

	wsgi = SharedDataMiddleware(
		application,
		{"/assets": str(SITES / "assets"), "/files": str(config.path / "public" / "files")},
	)
	run_simple(host, port, wsgi, use_reloader=False, use_debugger=False, threaded=True)
