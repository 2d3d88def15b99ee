"""localstripe (PyPI) for the tests: loopback only, nothing kept on disk.

localstripe itself listens on every interface and pickles its state to
/tmp/localstripe.pickle; this runs its app on 127.0.0.1:PORT instead.
Usage: python scripts/stripe-double.py PORT (not named localstripe.py: that would shadow the package)
"""
import sys

from aiohttp import web
from localstripe import resources, server

resources.Store.dump_to_disk = lambda self: None
port = int(sys.argv[1]) if len(sys.argv) > 1 else 8420
web.run_app(server.app, host="127.0.0.1", port=port, access_log=None, print=None)
