"""The CLI reference (docs/cli.md), generated from the commands' own help texts."""

from __future__ import annotations

import click
import typer


def _walk(cmd: click.Command, path: list[str]) -> list[tuple[list[str], click.Command]]:
    out = [(path, cmd)]
    if isinstance(cmd, click.Group):
        for name in sorted(cmd.commands):
            out.extend(_walk(cmd.commands[name], [*path, name]))
    return out


def commands(app: typer.Typer) -> list[tuple[str, click.Command]]:
    """Every command and group as (``khabar sub cmd``, click command)."""
    root = typer.main.get_command(app)
    return [(" ".join(["khabar", *path]), cmd) for path, cmd in _walk(root, [])]


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def _param_row(param: click.Parameter) -> str:
    if isinstance(param, click.Argument):
        name = param.human_readable_name.upper()
        kind = "argument"
    else:
        name = ", ".join(f"`{o}`" for o in (*param.opts, *param.secondary_opts))
        kind = "option"
    default = param.default if not callable(param.default) else None
    default_text = "" if default in (None, False, (), []) else f"`{default}`"
    help_text = getattr(param, "help", "") or ""
    return f"| {name} | {kind} | {_cell(help_text)} | {default_text} |"


def render(app: typer.Typer) -> str:
    parts = [
        "# khabar command reference\n",
        "Generated from the commands' help by `make docs` (`python -m khabar.cli.reference`);",
        "a test fails when it is out of date. `khabar COMMAND --help` prints the same.\n",
    ]
    for name, cmd in commands(app):
        parts.append(f"## `{name}`\n")
        parts.append(_cell(cmd.help or "") + "\n")
        params = [p for p in cmd.params if p.name not in {"help"}]
        if isinstance(cmd, click.Group):
            subs = ", ".join(f"`{s}`" for s in sorted(cmd.commands))
            parts.append(f"Subcommands: {subs}\n")
        if params:
            parts.append("| name | kind | help | default |\n|---|---|---|---|")
            parts.extend(_param_row(p) for p in params)
            parts.append("")
    return "\n".join(parts)


if __name__ == "__main__":  # pragma: no cover
    from khabar.cli.main import app

    print(render(app), end="")
