"""hooks.require_type_annotated_api_methods: Frappe refuses, at call time, a whitelisted method of the
app with an argument left without a type annotation. The dev engine does not enforce the hook, so this
test does, for every whitelisted function and document method the app defines."""

import importlib
import inspect
import pkgutil
from unittest import TestCase

import frappe

import dlxh_app
from dlxh_app import hooks


def app_modules():
	for module in pkgutil.walk_packages(dlxh_app.__path__, "dlxh_app."):
		if ".test_" not in module.name and not module.name.endswith((".tests", ".patches")):
			yield importlib.import_module(module.name)


class TestApiAnnotations(TestCase):
	def test_hook_is_on(self):
		self.assertTrue(hooks.require_type_annotated_api_methods)

	def test_every_whitelisted_method_annotates_its_arguments(self):
		list(app_modules())
		methods = [
			method
			for method in frappe.whitelisted
			if getattr(method, "__module__", "").startswith("dlxh_app.")
		]
		self.assertTrue(methods)
		bare = [
			f"{method.__module__}.{method.__qualname__}({name})"
			for method in methods
			for index, (name, parameter) in enumerate(inspect.signature(method).parameters.items())
			if not (index == 0 and name in ("self", "cls"))
			and parameter.kind not in (parameter.VAR_POSITIONAL, parameter.VAR_KEYWORD)
			and parameter.annotation is inspect.Parameter.empty
		]
		self.assertEqual(bare, [])
