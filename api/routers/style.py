"""``GET /style``: colours and shapes per entity type and edge styles per relation type.

One table (graph/style.py) serves the explorer and the pyvis export, so both look alike.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from graph.style import style_table

router = APIRouter(tags=["explorer"])


@router.get("/style", summary="Palette and shapes per entity type, edge styles per relation")
def style() -> dict[str, Any]:
    return style_table()
