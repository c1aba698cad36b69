"""The engine is a library on its own: it imports no Django and no HTTP client, and a
check opens no network connection."""

from __future__ import annotations

import subprocess
import sys

PROBE = """
import socket, sys

def refuse(*args, **kwargs):
    raise AssertionError("the engine tried to open a network connection")

socket.socket.connect = refuse
socket.create_connection = refuse
socket.getaddrinfo = refuse

from civicpost.engine import check
for pack in ("loughton-2019", "ludgershall-2021"):
    check("Call 07700 900123 about the bins #loughtonbins, jo@gmail.com",
          {"media": [{"type": "image"}], "elections": [{"poll": "2027-05-06"}]}, pack)
clients = ("django", "requests", "urllib3", "httpx", "aiohttp", "http.client", "urllib.request")
print(",".join(m for m in clients if m in sys.modules))
"""


def test_checking_imports_no_django_or_http_client_and_opens_no_connection() -> None:
    result = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True,
                            check=False)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "", f"engine imported: {result.stdout.strip()}"
