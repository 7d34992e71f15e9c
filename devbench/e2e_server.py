"""The server of `make e2e`, in a process of its own: `python -m devbench.e2e_server SITE PORT`."""

import os
import sys

from devbench.server import serve
from devbench.site import ROOT, SiteConfig

if __name__ == "__main__":
	os.chdir(ROOT)
	serve(SiteConfig.load(sys.argv[1]), int(sys.argv[2]))
