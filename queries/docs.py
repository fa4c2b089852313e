"""Render docs/QUERIES.md from the catalog, so the list of questions never drifts.

Run ``python -m queries.docs`` to rewrite it; tests/queries/test_catalog.py checks that the
file equals :func:`render_markdown`.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Final

from queries.catalog import QuerySpec, list_specs

DOC_PATH: Final = Path(__file__).resolve().parent.parent / "docs" / "QUERIES.md"

_INTRO: Final = """# Named questions

Generated from the headers of `queries/*.rq` and `queries/*.cypher` by
`python -m queries.docs`; do not edit by hand (a test checks it is in sync).

Each question exists as SPARQL (run on the embedded RDF store) and as Cypher (run on
FalkorDB or Neo4j 5); both answer the same rows. Parameters are bound, never pasted into the
query text. Types: `theme` takes a key, label or id (`energi`, `Energi`, `theme:energi`);
`area` takes a geography set (`inland`, `coast`, `region10`, `norrbotten`, `vasterbotten`,
`umearegionen`, `lulearegionen` or an operator's own), a county id or a kommunkod;
`municipality` takes a kommunkod, id or name; `sdg` a goal number; `id` an entity id.
Column kinds: `set` is an unordered list (returned sorted), `path` an ordered list.
"""


def _section(spec: QuerySpec) -> str:
    params = (
        "\n".join(
            f"| `{p.name}` | {p.type.value} | {f'`{p.default}`' if p.default else '(required)'} |"
            for p in spec.params
        )
        or "| (none) | | |"
    )
    columns = ", ".join(f"`{c.name}` ({c.kind.value})" for c in spec.columns)
    return (
        f"## `{spec.name}`\n\n"
        f"**{spec.title_sv}** / *{spec.title_en}*\n\n"
        f"{spec.description}\n\n"
        f"| parameter | type | default |\n|---|---|---|\n{params}\n\n"
        f"Columns: {columns}.\n\n"
        f"Files: `queries/{spec.name}.rq`, `queries/{spec.name}.cypher`.\n"
    )


def render_markdown(specs: list[QuerySpec] | None = None) -> str:
    """The whole document for ``specs`` (default: the catalog)."""
    sections = [_section(s) for s in (specs if specs is not None else list_specs())]
    return _INTRO + "\n" + "\n".join(sections)


def main() -> None:
    DOC_PATH.write_text(render_markdown(), encoding="utf-8")
    sys.stdout.write(f"wrote {DOC_PATH}\n")


if __name__ == "__main__":
    main()
