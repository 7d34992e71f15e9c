"""Sites installed before the app hid the server's tracebacks from users."""

from dlxh_app.setup.install import hide_error_tracebacks


def execute():
	hide_error_tracebacks()
