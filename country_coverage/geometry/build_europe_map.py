"""Build ``europe.json``, the map geometry of the Council of Europe member states, once.

Input: ``countries-50m.json`` from the npm package ``world-atlas`` 2.0.2 (Natural Earth
1:50m Admin 0 boundaries as TopoJSON, ISC licence; Natural Earth is public domain). Get it with
``cd /tmp && npm pack world-atlas@2 && tar xzf world-atlas-2.0.2.tgz``, then run::

    python country_coverage/geometry/build_europe_map.py /tmp/package/countries-50m.json

The arcs are decoded, projected (Lambert azimuthal equal-area centred on Europe), simplified
(Douglas-Peucker on the shared arcs, so neighbours keep a common border), clipped to a window
around Europe, and written as SVG path data per ISO 3166-1 alpha-2 code, with a label point
and, for microstates, a marker circle. Countries outside the member states become one
background path. The site reads only the output; this script is not run by the site.
"""

import json
import math
import sys
from pathlib import Path

# ISO 3166-1 numeric (world-atlas ids) -> alpha-2, for the 47 member states in the report.
MEMBER_STATES = {
    "008": "AL", "020": "AD", "051": "AM", "040": "AT", "031": "AZ", "056": "BE", "070": "BA",
    "100": "BG", "191": "HR", "196": "CY", "203": "CZ", "208": "DK", "233": "EE", "246": "FI",
    "250": "FR", "268": "GE", "276": "DE", "300": "GR", "348": "HU", "352": "IS", "372": "IE",
    "380": "IT", "428": "LV", "438": "LI", "440": "LT", "442": "LU", "470": "MT", "498": "MD",
    "492": "MC", "499": "ME", "528": "NL", "807": "MK", "578": "NO", "616": "PL", "620": "PT",
    "642": "RO", "643": "RU", "674": "SM", "688": "RS", "703": "SK", "705": "SI", "724": "ES",
    "752": "SE", "756": "CH", "792": "TR", "804": "UA", "826": "GB",
}  # fmt: skip
WINDOW = {"west": -25.0, "east": 60.0, "south": 33.5, "north": 71.5}
CENTRE = (15.0, 52.0)
WIDTH = 1000.0
TOLERANCE = 0.6  # output units (the map is WIDTH units wide)
MICROSTATE_SIZE = 9.0  # output units: smaller countries also get a marker circle
MARKER_RADIUS = 5.0


def laea(lon, lat):
    lon0, lat0 = map(math.radians, CENTRE)
    lam, phi = math.radians(lon), math.radians(lat)
    k = math.sqrt(
        2
        / (
            1
            + math.sin(lat0) * math.sin(phi)
            + math.cos(lat0) * math.cos(phi) * math.cos(lam - lon0)
        )
    )
    x = k * math.cos(phi) * math.sin(lam - lon0)
    y = k * (math.cos(lat0) * math.sin(phi) - math.sin(lat0) * math.cos(phi) * math.cos(lam - lon0))
    return x, -y


def clamp(lon, lat):
    return (
        min(max(lon, WINDOW["west"]), WINDOW["east"]),
        min(max(lat, WINDOW["south"]), WINDOW["north"]),
    )


def inside(lon, lat):
    return WINDOW["west"] <= lon <= WINDOW["east"] and WINDOW["south"] <= lat <= WINDOW["north"]


def decode_arcs(topology):
    scale_x, scale_y = topology["transform"]["scale"]
    shift_x, shift_y = topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            lon = x * scale_x + shift_x
            # Far-eastern Russia crosses the antimeridian: keep it east, off the map.
            points.append((lon + 360 if lon < -100 else lon, y * scale_y + shift_y))
        arcs.append(points)
    return arcs


def simplify(points, tolerance):
    """Douglas-Peucker, keeping both ends (arcs meet at their ends)."""
    if len(points) < 3:
        return points
    if points[0] == points[-1]:  # a closed arc (an island): split it at its farthest point
        far = max(range(len(points)), key=lambda i: math.dist(points[0], points[i]))
        if 0 < far < len(points) - 1:
            return simplify(points[: far + 1], tolerance)[:-1] + simplify(points[far:], tolerance)
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (x1, y1), (x2, y2) = points[first], points[last]
        dx, dy = x2 - x1, y2 - y1
        length = math.hypot(dx, dy) or 1e-12
        worst, index = 0.0, None
        for i in range(first + 1, last):
            x0, y0 = points[i]
            distance = abs(dy * x0 - dx * y0 + x2 * y1 - y2 * x1) / length
            if distance > worst:
                worst, index = distance, i
        if index is not None and worst > tolerance:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [point for point, kept in zip(points, keep, strict=True) if kept]


def ring_points(ring, arcs):
    points = []
    for index in ring:
        arc = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
        points.extend(arc if not points else arc[1:])
    return points


def polygons_of(geometry):
    if geometry["type"] == "Polygon":
        return [geometry["arcs"]]
    if geometry["type"] == "MultiPolygon":
        return geometry["arcs"]
    return []


def build(source):
    topology = json.loads(Path(source).read_text())
    raw_arcs = decode_arcs(topology)
    geometries = topology["objects"]["countries"]["geometries"]

    # Project the window's edges to find the scale, then every arc (clamped) to output units.
    edge = []
    steps = 60
    for i in range(steps + 1):
        lon = WINDOW["west"] + (WINDOW["east"] - WINDOW["west"]) * i / steps
        lat = WINDOW["south"] + (WINDOW["north"] - WINDOW["south"]) * i / steps
        edge += [
            laea(lon, WINDOW["south"]),
            laea(lon, WINDOW["north"]),
            laea(WINDOW["west"], lat),
            laea(WINDOW["east"], lat),
        ]
    min_x, max_x = min(p[0] for p in edge), max(p[0] for p in edge)
    min_y, max_y = min(p[1] for p in edge), max(p[1] for p in edge)
    scale = WIDTH / (max_x - min_x)
    height = round((max_y - min_y) * scale, 1)

    def to_output(lon, lat):
        x, y = laea(*clamp(lon, lat))
        return ((x - min_x) * scale, (y - min_y) * scale)

    full_arcs = [[to_output(*p) for p in arc] for arc in raw_arcs]
    arcs = [simplify(arc, TOLERANCE) for arc in full_arcs]

    def rounded_ring(ring, source_arcs):
        rounded = []
        for x, y in ring_points(ring, source_arcs):
            point = (round(x, 1), round(y, 1))
            if not rounded or rounded[-1] != point:
                rounded.append(point)
        return rounded

    def share_inside(ring):
        geographic = ring_points(ring, raw_arcs)
        return sum(1 for p in geographic if inside(*p)) / max(len(geographic), 1)

    def path_data(polygons):
        parts = []
        outer_sizes = [len(ring_points(polygon[0], raw_arcs)) for polygon in polygons]
        for polygon, size in zip(polygons, outer_sizes, strict=True):
            main = size == max(outer_sizes)
            for ring in polygon:
                share = share_inside(ring)
                # Keep rings mostly in the window, and the main one if it enters it at all:
                # overseas parts, Svalbard and Novaya Zemlya would only clamp to the edges.
                if share < 0.5 and not (main and share > 0):
                    continue
                rounded = rounded_ring(ring, arcs)
                if len(rounded) < 4:  # too small once simplified: keep every point
                    rounded = rounded_ring(ring, full_arcs)
                if len(rounded) < 4:
                    continue
                parts.append("M" + "L".join(f"{x:g},{y:g}" for x, y in rounded[:-1]) + "Z")
        return "".join(parts)

    def box_of(d):
        numbers = [
            tuple(map(float, pair.split(",")))
            for pair in d.replace("M", " ").replace("L", " ").replace("Z", " ").split()
        ]
        xs, ys = [p[0] for p in numbers], [p[1] for p in numbers]
        return min(xs), min(ys), max(xs), max(ys)

    members, others = {}, []
    for geometry in geometries:
        polygons = polygons_of(geometry)
        code = MEMBER_STATES.get(geometry.get("id"))
        if code is None:
            d = path_data(polygons)
            if d:
                others.append(d)
            continue
        d = path_data(polygons)
        largest = max(
            (
                [p for ring in polygon[:1] for p in ring_points(ring, arcs)]
                for polygon in polygons
                if any(inside(*p) for ring in polygon[:1] for p in ring_points(ring, raw_arcs))
            ),
            key=lambda pts: (
                (max(x for x, _ in pts) - min(x for x, _ in pts))
                * (max(y for _, y in pts) - min(y for _, y in pts))
            ),
        )
        x0, y0, x1, y1 = box_of(d)
        lx0, ly0 = min(x for x, _ in largest), min(y for _, y in largest)
        lx1, ly1 = max(x for x, _ in largest), max(y for _, y in largest)
        size = min(x1 - x0, y1 - y0)
        members[code] = {
            "d": d,
            "label": [round((lx0 + lx1) / 2, 1), round((ly0 + ly1) / 2, 1)],
            "size": round(min(lx1 - lx0, ly1 - ly0), 1),
            "marker": (
                [round((x0 + x1) / 2, 1), round((y0 + y1) / 2, 1), MARKER_RADIUS]
                if size < MICROSTATE_SIZE
                else None
            ),
        }
    missing = set(MEMBER_STATES.values()) - set(members)
    if missing:
        raise SystemExit(f"no geometry for {sorted(missing)}")
    return {
        "source": "world-atlas 2.0.2 countries-50m.json (Natural Earth 1:50m Admin 0), ISC",
        "projection": f"Lambert azimuthal equal-area centred on {CENTRE}, window {WINDOW}",
        "width": WIDTH,
        "height": height,
        "countries": dict(sorted(members.items())),
        "others": "".join(others),
    }


if __name__ == "__main__":
    output = Path(__file__).with_name("europe.json")
    output.write_text(json.dumps(build(sys.argv[1]), separators=(",", ":")) + "\n")
    print(f"wrote {output} ({output.stat().st_size} bytes)")
