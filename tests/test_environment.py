"""The pins agree: requirements.in (pip), requirements.txt (lock) and environment.yml (conda)."""

import re

from natolab import paths


def _pins(text: str, sep: str) -> dict[str, str]:
    pins = {}
    for line in text.splitlines():
        line = line.strip().removeprefix("- ").strip()
        match = re.fullmatch(rf"([A-Za-z0-9_.\-]+){sep}([0-9][^\s#]*)", line)
        if match:
            pins[match.group(1).lower().replace("_", "-")] = match.group(2)
    return pins


def test_environment_yml_has_the_pip_pins():
    pip_pins = _pins((paths.PROJECT_ROOT / "requirements.in").read_text(), "==")
    conda_pins = _pins((paths.PROJECT_ROOT / "environment.yml").read_text(), "=")
    assert conda_pins.pop("python") == "3.11"  # the interpreter the lock was made with
    assert pip_pins, "no pins parsed from requirements.in"
    assert conda_pins == pip_pins


def test_lock_contains_every_direct_pin():
    direct = _pins((paths.PROJECT_ROOT / "requirements.in").read_text(), "==")
    lock = _pins((paths.PROJECT_ROOT / "requirements.txt").read_text(), "==")
    mismatched = {name: (version, lock.get(name)) for name, version in direct.items() if lock.get(name) != version}
    assert not mismatched
