"""Make `import frappe...` resolve to the very modules of monoframe.

monoframe is Frappe's engine with its top-level package renamed. Aliasing at the import-system level
(rather than copying attributes) keeps one module object per name, so `frappe.local`, controller
classes and caches are shared between app code (which imports `frappe`) and the engine.
"""

import importlib
import importlib.abc
import importlib.util
import sys

ALIAS = "frappe"
TARGET = "monoframe"


class _AliasLoader(importlib.abc.Loader):
	def __init__(self, target_name: str):
		self.target_name = target_name

	def create_module(self, spec):
		module = importlib.import_module(self.target_name)
		self.target_spec = module.__spec__
		return module

	def exec_module(self, module):
		# The target module already ran under its own name. The import system has just set the alias's
		# spec on it; put back the real one, which tools such as Jinja's PackageLoader rely on.
		module.__spec__ = self.target_spec


class _AliasFinder(importlib.abc.MetaPathFinder):
	def find_spec(self, fullname, path=None, target=None):
		if fullname != ALIAS and not fullname.startswith(ALIAS + "."):
			return None
		target_name = TARGET + fullname[len(ALIAS) :]
		if importlib.util.find_spec(target_name) is None:
			return None
		return importlib.util.spec_from_loader(fullname, _AliasLoader(target_name))


def install() -> None:
	if any(isinstance(finder, _AliasFinder) for finder in sys.meta_path):
		return
	sys.meta_path.insert(0, _AliasFinder())
	# Submodules already imported under the real name must be the same objects under the alias.
	for name, module in list(sys.modules.items()):
		if name == TARGET or name.startswith(TARGET + "."):
			sys.modules.setdefault(ALIAS + name[len(TARGET) :], module)
