"""Option values converted without importing pydantic, for the values every run gives.

typer 0.29 converts each option's value (its default included) with a pydantic
``TypeAdapter``, so every command imported pydantic before it started: 0.07 s of CPU
(issue 17), more than the rest of the command line's own work. netaudit's options are
flags, text, whole numbers, decimals, paths, and lists and pairs of those, and what a run
gives them is a string or the default: such a value is converted here the way pydantic
would. Anything else (a value these rules are not sure of, a bad value and its error
message) goes to typer's own conversion, so the results and messages stay typer's.

tests/cli/test_coerce.py compares the two conversions value by value.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, get_args, get_origin

#: Whole numbers as pydantic reads them from text, without the cases whose reading is its
#: own business (signs, spaces, leading zeros, underscores, 2**63 and more).
_WHOLE = re.compile(r"0|[1-9][0-9]{0,17}")
#: Decimals likewise: digits, optionally a point and digits.
_DECIMAL = re.compile(r"(0|[1-9][0-9]{0,14})(\.[0-9]{1,15})?")


class _Unsure(Exception):
    """A value these rules leave to typer's own conversion."""


def _text(value: Any) -> str:
    if type(value) is str:
        return value
    raise _Unsure


def _flag(value: Any) -> bool:
    # A flag not given is None, which typer turns into None itself, before converting.
    if type(value) is bool:
        return value
    raise _Unsure


def _number(kind: type, form: re.Pattern[str]) -> Callable[[Any], Any]:
    """The converter of a number of ``kind`` (int or float): one already, or text of
    ``form``."""
    def convert(value: Any) -> Any:
        if type(value) is kind:
            return value
        if type(value) is str and form.fullmatch(value):
            return kind(value)
        raise _Unsure

    return convert


_whole = _number(int, _WHOLE)
_decimal = _number(float, _DECIMAL)


def _leaf(annotation: Any, info: Any) -> Callable[[Any, Any, Any], Any] | None:
    """The converter of one value of ``annotation`` (with ``info``, the option's typer
    ParameterInfo), or None when typer's own conversion should always be used."""
    from typer._param_types import coerce_cli_path

    if info.parser is not None or getattr(info, "click_type", None) is not None:
        return None
    if annotation is str and info.path_type is None:
        return lambda value, param, ctx: _text(value)
    if annotation is bool:
        return lambda value, param, ctx: _flag(value)
    if annotation in (int, float):
        if info.clamp:
            return None
        number = _whole if annotation is int else _decimal
        low, high = info.min, info.max

        def in_range(value: Any, param: Any, ctx: Any) -> Any:
            result = number(value)
            if (low is not None and result < low) or (high is not None and result > high):
                raise _Unsure  # typer says what the range is
            return result

        return in_range
    if annotation is Path and info.path_type in (None, Path):
        def path(value: Any, param: Any, ctx: Any) -> Any:
            # typer reads text into a Path with pydantic (Path(text)), then checks it.
            if type(value) is str and value:
                value = Path(value)
            elif not isinstance(value, Path):
                raise _Unsure
            return coerce_cli_path(value, info, path_type=Path, param=param, ctx=ctx)

        return path
    return None


def _converter(annotation: Any, info: Any) -> Callable[[Any, Any, Any], Any] | None:
    if get_origin(annotation) is list:
        (item,) = get_args(annotation)
        one = _leaf(item, info)
        if one is None:
            return None

        def each(values: Any, param: Any, ctx: Any) -> list[Any]:
            if not isinstance(values, (list, tuple)):
                raise _Unsure
            return [one(value, param, ctx) for value in values]

        return each
    if get_origin(annotation) is tuple:
        parts = [_leaf(item, info) for item in get_args(annotation)]
        if any(part is None for part in parts) or Ellipsis in get_args(annotation):
            return None

        def by_position(values: Any, param: Any, ctx: Any) -> tuple[Any, ...]:
            if not isinstance(values, (list, tuple)) or len(values) != len(parts):
                raise _Unsure
            return tuple(part(value, param, ctx)  # type: ignore[misc]
                         for part, value in zip(parts, values, strict=True))

        return by_position
    return _leaf(annotation, info)


def install() -> None:
    """Make typer's options convert plain values here (see the module's docstring); a typer
    without this conversion layer (before 0.29) is left as it is."""
    try:
        from typer import _coercion, core
        from typer._param_types import coerce_cli_path  # noqa: F401 - _leaf needs it
    except ImportError:
        return
    if not (hasattr(_coercion, "RuntimeParam") and hasattr(_coercion, "build_runtime_param")
            and hasattr(core._TyperParameter, "get_runtime_param")):
        return

    @dataclass(frozen=True)
    class Plain(_coercion.RuntimeParam):
        convert: Callable[[Any, Any, Any], Any]
        descriptor: Any

        def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
            try:
                return self.convert(value, param, ctx)
            except _Unsure:
                typer_own = _coercion.build_runtime_param(self.descriptor)
                return typer_own._coerce_value(value, param=param, ctx=ctx)

    typer_get = core._TyperParameter.get_runtime_param

    def get_runtime_param(self: Any) -> Any:
        if self._runtime_param is None:
            descriptor = self.type_descriptor
            convert = (None if descriptor.file_annotation is not None
                       else _converter(descriptor.annotation, descriptor.parameter_info))
            if convert is not None:
                self._runtime_param = Plain(parameter_info=descriptor.parameter_info,
                                            annotation=descriptor.annotation,
                                            convert=convert, descriptor=descriptor)
        return typer_get(self)

    core._TyperParameter.get_runtime_param = get_runtime_param  # type: ignore[method-assign]
