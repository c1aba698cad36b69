"""The engine is a library on its own: importing it pulls in neither Django nor networking."""

from __future__ import annotations

import subprocess
import sys


def test_importing_the_engine_and_checking_loads_no_django_or_network_modules() -> None:
    probe = (
        "import sys\n"
        "from civicpost.engine import check\n"
        "check('Call 07700 900123 about the bins #loughtonbins', {'media': [{'type': 'image'}]})\n"
        "bad = [m for m in ('django', 'requests', 'urllib3', 'http.client', 'socket', 'ssl')"
        " if m in sys.modules]\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip() == "", f"engine imported: {result.stdout.strip()}"
