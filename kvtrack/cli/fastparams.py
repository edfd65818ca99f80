"""Option values converted without pydantic, for the plain option types kvtrack uses.

Typer 0.29 converts every option value through a pydantic TypeAdapter that it builds on first use;
importing pydantic and building the adapters takes about 80 ms, more than the rest of `kvtrack due`
on a small file (docs/benchmarks.md). kvtrack's options are text, paths, repeatable text and
choices, which need no validation library: before Typer parses a command line, each such parameter
gets a small converter in place of the adapter; any other parameter keeps Typer's own conversion.
This leans on Typer's internals, so it checks for them and, when they are not there (another Typer
version), does nothing and Typer works as it always does.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any, get_args, get_origin

Convert = Callable[[Any, Any], Any]  # (value, click context) → converted value

try:
    from typer._click.exceptions import BadParameter
    from typer._coercion import RuntimeParam
    from typer._param_types import coerce_cli_choice
except ImportError:  # pragma: no cover - another Typer: keep its own conversion
    RuntimeParam = None  # type: ignore[assignment,misc]


def install(command: Any, ctx: Any) -> None:
    """Give the command's plain parameters (its help option too) a converter without pydantic."""
    if RuntimeParam is None:  # pragma: no cover
        return
    for param in command.get_params(ctx):
        if getattr(param, "_runtime_param", "absent") is not None:  # built already, or not Typer's
            continue
        descriptor = getattr(param, "type_descriptor", None)
        convert = _converter(descriptor) if descriptor is not None else None
        if descriptor is not None and convert is not None:
            param._runtime_param = _Plain(
                parameter_info=descriptor.parameter_info,
                annotation=descriptor.annotation,
                convert=convert,
            )


def _converter(descriptor: Any) -> Convert | None:
    annotation, info = descriptor.annotation, descriptor.parameter_info
    if info.parser is not None or descriptor.file_annotation is not None:
        return None
    if annotation is str:
        return _text
    if annotation is bool:
        return _flag
    if get_origin(annotation) is list and get_args(annotation) == (str,):
        return _texts
    if annotation is Path and _plain_path(info):
        return _path
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        choices, case_sensitive = tuple(annotation), info.case_sensitive

        def choice(value: Any, ctx: Any) -> Any:
            return coerce_cli_choice(value, choices=choices, case_sensitive=case_sensitive, ctx=ctx)

        return choice
    return None


def _plain_path(info: Any) -> bool:
    """A path option with none of Typer's checks asked for (exists, resolve, dash, writable)."""
    return not (
        info.exists or info.resolve_path or info.allow_dash or info.writable or info.path_type
    )


def _text(value: Any, _ctx: Any) -> str:
    return str(value)


def _texts(value: Any, _ctx: Any) -> list[str]:
    return [str(v) for v in value]


_BOOLS = {
    **dict.fromkeys(("1", "true", "t", "yes", "y", "on"), True),
    **dict.fromkeys(("0", "false", "f", "no", "n", "off", ""), False),
}


def _flag(value: Any, _ctx: Any) -> bool:
    if isinstance(value, bool):
        return value
    try:
        return _BOOLS[str(value).strip().lower()]
    except KeyError:
        raise ValueError(f"'{value}' is not a valid boolean (use true or false)") from None


def _path(value: Any, _ctx: Any) -> Path:
    return value if isinstance(value, Path) else Path(value)


if RuntimeParam is not None:

    @dataclass(frozen=True)
    class _Plain(RuntimeParam):
        convert: Convert

        def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
            try:
                return self.convert(value, ctx)
            except ValueError as e:
                raise BadParameter(str(e), ctx=ctx, param=param) from None
