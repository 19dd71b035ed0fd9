"""The settings the command takes for a process that analyses a corpus."""

import subprocess
import sys

from conftest import ROOT


def test_the_command_sets_the_collector_for_corpora():
    probe = ("import gc, sys; import framing.cli as c; sys.argv = ['framing', '--help']\n"
             "try:\n    c.main()\nexcept SystemExit:\n    pass\nprint(gc.get_threshold())")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT).stdout
    from framing.process import BULK_GC_THRESHOLDS

    assert out.strip().splitlines()[-1] == str(BULK_GC_THRESHOLDS) != str((700, 10, 10))
