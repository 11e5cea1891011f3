"""df.rte: registered on DataFrames, validates its frame, delegates to ops/export/plotting."""

from __future__ import annotations

import frames as F
import matplotlib
import pandas as pd
import pytest

import rtecap.accessor  # noqa: F401  (registers df.rte; `import rtecap` does it too)
from rtecap import export, ops
from rtecap import mappings as m
from rtecap.datasets import load_national_capacities
from rtecap.exceptions import RteValidationError

matplotlib.use("Agg")

FRAMES = {
    m.CPPT: F.small_cppt,
    m.CPPU: F.small_cppu,
    m.CPC: F.small_cpc,
    ops.NATIONAL: load_national_capacities,
}
CASES = [(kind, lang) for kind in FRAMES for lang in ("en", "fr")]


@pytest.fixture(params=CASES, ids=[f"{k}-{lang}" for k, lang in CASES])
def frame(request) -> pd.DataFrame:
    kind, lang = request.param
    df = FRAMES[kind]()
    return F.french(df) if lang == "fr" else df


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    import matplotlib.pyplot as plt

    plt.close("all")


def test_kind_and_lang(frame):
    assert frame.rte.kind == ops.frame_kind(frame)
    assert frame.rte.lang == ("fr" if "puissance_mw" in frame or "puissance_kw" in frame else "en")


def test_accessor_is_rebuilt_and_holds_only_the_frame(frame):
    accessor = frame.rte
    assert accessor._df is frame
    assert set(vars(accessor)) == {"_df", "_kind"}  # no state beyond the frame and its kind


@pytest.mark.parametrize("method", ["by_sector", "mix", "change"])
def test_sector_methods_delegate_to_ops(frame, method):
    got = getattr(frame.rte, method)()
    pd.testing.assert_frame_equal(got, getattr(ops, method)(frame))
    if frame.rte.kind != ops.NATIONAL:
        pd.testing.assert_frame_equal(
            getattr(frame.rte, method)(level="production_type"),
            getattr(ops, method)(frame, level="production_type"),
        )
    yearly = getattr(frame.rte, method)(freq="YS")
    pd.testing.assert_frame_equal(yearly, getattr(ops, method)(frame, freq="YS"))


def test_translate_and_to_mw(frame):
    other = "en" if frame.rte.lang == "fr" else "fr"
    there = frame.rte.translate(other)
    assert there.rte.lang == other
    pd.testing.assert_frame_equal(there.rte.translate(frame.rte.lang), frame)
    mw = frame.rte.to_mw()
    pd.testing.assert_frame_equal(mw, ops.to_mw(frame))
    unit = "puissance_mw" if frame.rte.lang == "fr" else "capacity_mw"
    assert unit in mw.columns and mw.rte.kind == frame.rte.kind


def test_to_xarray(frame):
    ds = frame.rte.to_xarray()
    back = export.from_xarray(ds)
    pd.testing.assert_frame_equal(back, frame)


def test_cppu_methods(frame):
    if frame.rte.kind != m.CPPU:
        with pytest.raises(RteValidationError):
            frame.rte.in_operation("2020-01-01")
        with pytest.raises(RteValidationError):
            frame.rte.timeline()
        return
    pd.testing.assert_frame_equal(
        frame.rte.in_operation("2020-01-01"), ops.in_operation(frame, "2020-01-01")
    )
    pd.testing.assert_frame_equal(frame.rte.timeline(), ops.timeline(frame))
    pd.testing.assert_frame_equal(frame.rte.timeline(freq="MS"), ops.timeline(frame, freq="MS"))


def test_plot_methods(frame):
    for ax in (frame.rte.plot_trend(), frame.rte.plot_trend(kind="area"), frame.rte.plot_mix()):
        assert ax.get_title(loc="left")
    kind = frame.rte.kind
    if kind == m.CPC:
        assert len(frame.rte.plot_departments(top=1).get_yticks()) == 1
    else:
        with pytest.raises(RteValidationError):
            frame.rte.plot_departments()
    if kind == m.CPPU:
        assert frame.rte.plot_timeline().get_ylabel()
    else:
        with pytest.raises(RteValidationError):
            frame.rte.plot_timeline()


@pytest.mark.parametrize(
    "foreign",
    [
        pd.DataFrame({"a": [1, 2]}),
        pd.DataFrame({"production_type": ["NUCLEAR"], "capacity_mw": [1.0]}),  # no time index
        pd.DataFrame({"capacity_mw": [1.0]}, index=pd.DatetimeIndex(["2020-01-01"])),
    ],
)
def test_attribute_error_on_foreign_frames(foreign):
    with pytest.raises(AttributeError, match="rtecap frames only"):
        _ = foreign.rte
    assert not hasattr(foreign, "rte")


def test_attribute_error_on_derived_frames():
    wide = F.small_cppt().rte.by_sector()
    with pytest.raises(AttributeError, match="by_sector"):
        _ = wide.rte


def test_attrs_resource_decides_and_is_checked():
    cppt = F.small_cppt()
    cppt.attrs["rtecap"]["resource"] = m.CPC  # says CPC, lacks its columns
    with pytest.raises(AttributeError, match="department_code"):
        _ = cppt.rte


# ------------------------------------------------------------------ signatures
def _delegates():
    from rtecap import plotting
    from rtecap.accessor import RteAccessor

    names = [n for n, v in vars(RteAccessor).items()
             if callable(v) and not n.startswith("_")]
    for name in names:
        target = next(getattr(mod, name) for mod in (ops, export, plotting) if hasattr(mod, name))
        yield name, getattr(RteAccessor, name), target


@pytest.mark.parametrize(("name", "method", "function"), list(_delegates()),
                         ids=[n for n, _, _ in _delegates()])
def test_accessor_method_has_the_signature_of_its_function(name, method, function):
    import inspect

    own = list(inspect.signature(method).parameters.values())[1:]  # less self
    theirs = list(inspect.signature(function).parameters.values())[1:]  # less the frame
    assert own == theirs, name  # names, kinds (keyword-only), defaults and annotations
    assert inspect.signature(method).return_annotation == \
        inspect.signature(function).return_annotation


def test_public_options_are_keyword_only():
    import inspect

    import rtecap
    from rtecap import parsers, plotting

    functions = [
        *(getattr(rtecap, n) for n in dir(rtecap) if n.startswith(("get_", "read_"))),
        *(getattr(parsers, n) for n in parsers.__all__ if n.startswith("parse")),
        *(getattr(plotting, n) for n in plotting.__all__ if n.startswith("plot_")),
        ops.by_sector, ops.mix, ops.change, ops.timeline, load_national_capacities,
        rtecap.rules.validate,
    ]
    positional = {"start_date", "end_date", "source", "payload", "resource", "df", "path",
                  "path_or_buffer"}
    for function in functions:
        for p in inspect.signature(function).parameters.values():
            if p.kind is not p.KEYWORD_ONLY:
                assert p.name in positional, f"{function.__name__}({p.name}) is positional"
    with pytest.raises(TypeError):
        rtecap.get_capacities_per_production_type("2015-01-01", "2016-01-01", "NUCLEAR")
