"""The wheel users install: built from the tracked files, installed in a fresh venv, every
shipped file loaded from there (not from this checkout).

CI otherwise only ever installs with ``pip install -e``, which reads the package data from the
source tree and so cannot see a data file left out of the wheel. The fresh venv has no pip and
no packages of its own: the wheel is installed into it with ``--no-deps`` by this venv's pip,
and the dependencies (pandas, werkzeug ...) are reached through a ``.pth`` line naming this
venv's site-packages, *after* the venv's own (so the installed rtecap, not the checkout, is
imported; the check below asserts it).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import sysconfig
import textwrap
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

#: Run inside the fresh venv: import every module, load every shipped data file.
CHECK = textwrap.dedent(
    """
    import importlib, json, pkgutil, sys
    from importlib import resources
    from pathlib import Path

    import rtecap
    assert "site-packages" in rtecap.__file__ and sys.argv[1] in rtecap.__file__, rtecap.__file__
    modules = [m.name for m in pkgutil.walk_packages(rtecap.__path__, "rtecap.")]
    for name in modules:
        importlib.import_module(name)

    from rtecap.datasets import load_national_capacities
    national = load_national_capacities()
    assert len(national) > 100 and national.rte.kind == "odre_national_capacities"

    from rtecap.datasets import SAMPLES, sample_path
    for name in SAMPLES:  # the shipped sample answers parse, from the installed package
        frame = getattr(rtecap, f"read_{name}")(sample_path(name))
        assert len(frame) and "site-packages" in str(sample_path(name)), name

    from rtecap.emulator import build_dataset
    dataset = build_dataset(today="2024-06-30", seed=0)
    assert len(dataset.cppt) > 0 and len(dataset.stations) > 0

    root = resources.files("rtecap")
    shipped = sorted(
        str(Path(str(p)).relative_to(Path(str(root))))
        for p in Path(str(root)).rglob("*")
        if p.is_file() and p.suffix not in (".py", ".pyc")
    )
    for name in shipped:  # every data file can be opened through importlib.resources
        assert root.joinpath(name).read_bytes() is not None
    print(json.dumps({"modules": modules, "files": shipped}))
    """
)


def _tracked(root: Path) -> list[str]:
    git = shutil.which("git")
    if git is None or not (root / ".git").exists():
        pytest.skip("needs a git checkout to know the tracked files")
    command = [git, "ls-files", "--cached", "--others", "--exclude-standard"]
    out = subprocess.run(command, cwd=root, capture_output=True, text=True, check=True)
    return [line for line in out.stdout.splitlines() if (root / line).is_file()]


def test_wheel_installs_and_ships_every_file(tmp_path):
    tracked = _tracked(ROOT)
    source = tmp_path / "src"
    for name in tracked:
        target = source / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(ROOT / name, target)
    dist = tmp_path / "dist"
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "-q"]
    subprocess.run([*pip, "wheel", "--no-deps", "-w", str(dist), str(source)], check=True,
                   capture_output=True)
    (wheel,) = dist.glob("rtecap-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    data = [n for n in tracked if n.startswith("rtecap/") and not n.endswith(".py")]
    assert data and not [n for n in data if n not in names]
    assert any(n.endswith("licenses/LICENSE") for n in names)

    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=False).create(env_dir)
    python = env_dir / "bin" / "python"
    site = Path(subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True, text=True, check=True).stdout.strip())
    (site / "zz_rtecap_test_deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    subprocess.run([*pip, "--python", str(python), "install", "--no-deps", "--no-index",
                    str(wheel)], check=True, capture_output=True)

    result = subprocess.run([str(python), "-I", "-c", CHECK, str(env_dir)], cwd=tmp_path,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-3000:]
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert "rtecap.emulator.server" in report["modules"]
    shipped = set(report["files"])
    assert {n.removeprefix("rtecap/") for n in data} <= shipped
