"""The CLI reference (docs/cli.md), generated from the commands' own help texts."""

from __future__ import annotations

from typing import Any

import typer

# Typer ships its own copy of click, so commands are handled by duck typing (``commands``,
# ``params``, ``param_type_name``) rather than isinstance checks against ``click``.


def _walk(cmd: Any, path: list[str]) -> list[tuple[list[str], Any]]:
    out = [(path, cmd)]
    subs = getattr(cmd, "commands", None)
    if subs:
        for name in sorted(subs):
            out.extend(_walk(subs[name], [*path, name]))
    return out


def commands(app: typer.Typer) -> list[tuple[str, Any]]:
    """Every command and group as (``khabar sub cmd``, its click command object)."""
    root = typer.main.get_command(app)
    return [(" ".join(["khabar", *path]), cmd) for path, cmd in _walk(root, [])]


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def _param_row(param: Any) -> str:
    if param.param_type_name == "argument":
        name, kind = str(param.name).upper(), "argument"
    else:
        name = ", ".join(f"`{o}`" for o in (*param.opts, *param.secondary_opts))
        kind = "option"
    default = param.default if not callable(param.default) else None
    default_text = "" if default in (None, False, (), []) else f"`{default}`"
    return f"| {name} | {kind} | {_cell(getattr(param, 'help', '') or '')} | {default_text} |"


def render(app: typer.Typer) -> str:
    parts = [
        "# khabar command reference\n",
        "Generated from the commands' help by `make docs` (`python -m khabar.cli.reference`);",
        "a test fails when it is out of date. `khabar COMMAND --help` prints the same.\n",
    ]
    for name, cmd in commands(app):
        parts.append(f"## `{name}`\n")
        parts.append(_cell(cmd.help or "") + "\n")
        subs = getattr(cmd, "commands", None)
        if subs:
            parts.append("Subcommands: " + ", ".join(f"`{s}`" for s in sorted(subs)) + "\n")
        params = [p for p in cmd.params if p.name != "help"]
        if params:
            parts.append("| name | kind | help | default |\n|---|---|---|---|")
            parts.extend(_param_row(p) for p in params)
            parts.append("")
    return "\n".join(parts)


if __name__ == "__main__":  # pragma: no cover
    from khabar.cli.main import app

    print(render(app), end="")
