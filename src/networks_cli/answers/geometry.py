"""Real boundaries for a map, from a GeoJSON or TopoJSON file the user supplies, joined on the NUTS code.

The project ships no boundaries (its map is its own tile grid); a user who has accepted a provider's
terms (Eurostat's NUTS files, for example) can draw those instead. Each feature's NUTS code is read
from the usual properties (`NUTS_ID`, `nuts_id`, `NUTS`, `nuts`, `code`, `id`) or the feature's `id`.
Polygons come out as rings of (longitude, latitude) pairs. A file that is not JSON, neither GeoJSON
nor TopoJSON, or whose features carry no NUTS code raises `DataError`: one line, exit status 4.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from networks_cli.errors import DataError, shown_path

Ring = list[tuple[float, float]]
Polygon = list[Ring]
Shapes = dict[str, list[Polygon]]  # NUTS code -> its polygons

CODE_PROPERTIES = ("NUTS_ID", "nuts_id", "NUTS", "nuts", "nuts_code", "NUTS_CODE", "code", "id", "geo")
NUTS_CODE = re.compile(r"^[A-Z]{2}[0-9A-Z]{0,3}$")


def _fail(path: Path, problem: str) -> DataError:
    return DataError(shown_path(path), [problem])


def read_geometry(path: Path) -> Shapes:
    """The polygons of every feature with a NUTS code, by code."""
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise _fail(path, f"cannot read the geometry file ({error.strerror or error})") from None
    except UnicodeDecodeError:
        raise _fail(path, "the geometry file is not UTF-8 text (GeoJSON or TopoJSON)") from None
    except json.JSONDecodeError as error:
        raise _fail(path, f"not GeoJSON or TopoJSON: not JSON (line {error.lineno}: {error.msg})") from None
    if not isinstance(document, dict):
        raise _fail(path, "not GeoJSON or TopoJSON: the file holds no JSON object")
    kind = document.get("type")
    try:
        if kind == "Topology":
            features = _topology_features(document)
        elif kind == "FeatureCollection":
            features = list(document.get("features") or [])
        elif kind == "Feature":
            features = [document]
        else:
            raise _fail(path, f"not GeoJSON or TopoJSON: its type is {kind!r}, not FeatureCollection or Topology")
        shapes: Shapes = {}
        for feature in features:
            code = _code(feature)
            polygons = _polygons(feature.get("geometry") if isinstance(feature, dict) else None)
            if code and polygons:
                shapes.setdefault(code, []).extend(polygons)
    except (TypeError, ValueError, KeyError, IndexError, AttributeError) as error:
        raise _fail(path, f"not GeoJSON or TopoJSON: a feature's geometry cannot be read ({error})") from None
    if not shapes:
        raise _fail(
            path, f"no feature has a NUTS code (looked for the properties {', '.join(CODE_PROPERTIES[:4])} and id)"
        )
    return shapes


def _code(feature: Any) -> str | None:
    if not isinstance(feature, dict):
        return None
    properties = feature.get("properties") or {}
    for value in [*(properties.get(name) for name in CODE_PROPERTIES), feature.get("id")]:
        if isinstance(value, str) and NUTS_CODE.match(value.strip().upper()):
            return value.strip().upper()
    return None


def _polygons(geometry: Any) -> list[Polygon]:
    if not isinstance(geometry, dict):
        return []
    kind, coordinates = geometry.get("type"), geometry.get("coordinates") or []
    if kind == "Polygon":
        return [_rings(coordinates)]
    if kind == "MultiPolygon":
        return [_rings(polygon) for polygon in coordinates]
    if kind == "GeometryCollection":
        return [polygon for part in geometry.get("geometries") or [] for polygon in _polygons(part)]
    return []


def _rings(rings: Any) -> Polygon:
    return [[(float(point[0]), float(point[1])) for point in ring] for ring in rings]


def _topology_features(topology: dict[str, Any]) -> list[dict[str, Any]]:
    """A TopoJSON topology's geometries as GeoJSON features (arcs decoded, quantisation undone)."""
    transform = topology.get("transform")
    scale = transform["scale"] if transform else [1.0, 1.0]
    translate = transform["translate"] if transform else [0.0, 0.0]
    arcs: list[Ring] = []
    for arc in topology.get("arcs") or []:
        points: Ring = []
        x = y = 0.0
        for position in arc:
            if transform:
                x, y = x + position[0], y + position[1]
                points.append((x * scale[0] + translate[0], y * scale[1] + translate[1]))
            else:
                points.append((float(position[0]), float(position[1])))
        arcs.append(points)

    def ring(indexes: list[int]) -> Ring:
        points: Ring = []
        for index in indexes:
            arc = arcs[index] if index >= 0 else arcs[~index][::-1]
            points.extend(arc[1:] if points else arc)
        return points

    def geometry(shape: dict[str, Any]) -> dict[str, Any]:
        kind = shape.get("type")
        if kind == "Polygon":
            return {"type": "Polygon", "coordinates": [ring(r) for r in shape["arcs"]]}
        if kind == "MultiPolygon":
            return {"type": "MultiPolygon", "coordinates": [[ring(r) for r in p] for p in shape["arcs"]]}
        if kind == "GeometryCollection":
            return {"type": "GeometryCollection", "geometries": [geometry(g) for g in shape.get("geometries", [])]}
        return {}

    features = []
    for collection in (topology.get("objects") or {}).values():
        shapes = collection.get("geometries", []) if collection.get("type") == "GeometryCollection" else [collection]
        for shape in shapes:
            features.append(
                {"type": "Feature", "id": shape.get("id"), "properties": shape.get("properties") or {}}
                | {"geometry": geometry(shape)}
            )
    return features
