"""dlxh_app's dev/test engine: runs the app on monoframe (Frappe's engine from PyPI) with `frappe`
aliased to it. Not part of the app; a real bench does not need it."""
