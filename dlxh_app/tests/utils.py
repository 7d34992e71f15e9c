"""Helpers shared by the app's integration tests."""

import frappe


def make_user(email: str, roles: list[str] | tuple[str, ...] = (), unit: str | None = None) -> str:
	"""A desk user with exactly these roles (and unit), made or reset; returns the user's name."""
	if frappe.db.exists("User", email):
		user = frappe.get_doc("User", email)
		user.set("roles", [])
	else:
		user = frappe.new_doc("User")
		user.update({"email": email, "first_name": email.split("@")[0], "send_welcome_email": 0})
	for role in roles:
		user.append("roles", {"role": role})
	user.dlxh_unit = unit
	user.save(ignore_permissions=True)
	return user.name
