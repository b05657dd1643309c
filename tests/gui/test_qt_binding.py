"""Guard against a Qt binding that corrupts None's reference count (PySide6 6.12.0 on 3.11).

PySide6 6.12.0 drops one reference to ``None`` on every call of a method returning nothing
(``setText``, ``processEvents``...). On Python 3.11, where ``None`` is not immortal, the app
then dies with "Fatal Python error: none_dealloc" after a few thousand UI updates — minutes of
use, or an export's progress loop. pyproject pins ``<6.12``; this test fails if the pin is
lifted onto a broken release.
"""

from __future__ import annotations

import sys

import pytest
from PySide6.QtWidgets import QApplication, QLabel

pytestmark = pytest.mark.gui
CALLS = 2000


def test_void_calls_keep_none_alive(qtbot) -> None:
    label = QLabel()
    qtbot.addWidget(label)
    if sys.version_info >= (3, 12):
        pytest.skip("None is immortal from Python 3.12 on")
    before = sys.getrefcount(None)
    for _i in range(CALLS):
        label.setText("x")
        QApplication.processEvents()
    assert sys.getrefcount(None) - before > -CALLS // 2
