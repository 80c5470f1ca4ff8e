#!/usr/bin/env python3
"""Reads back a GTFS feed with GTFS-Flex parts and checks it against the reference.

Written for the tests from https://gtfs.org/schedule/reference/ (GTFS Schedule with the Flex
fields: locations.geojson, booking_rules.txt, start/end_pickup_drop_off_window, pickup and
drop-off booking rules). Checks the required files and fields, value types, the references
between files (every trip's route and service, every stop_time's stop or location, every booking
rule), the stop_times rules of the Flex fields (windows with no arrival/departure time, windows
ordered, pickup_type 0/3 and drop_off_type 0 forbidden with windows, one of stop_id and
location_id), and that every location is a valid polygon (closed rings, at least four positions,
degrees in range, no edge crossing another).

Usage: gtfs_flex_check.py DIR. Prints one line per problem and exits 1, or prints
"OK agencies=N stops=N zones=N trips=N stop_times=N services=N booking_rules=N" and exits 0.
"""

import csv
import json
import os
import re
import sys

problems = []


def problem(text):
    problems.append(text)


def read(directory, name, required, fields):
    path = os.path.join(directory, name)
    if not os.path.exists(path):
        if required:
            problem(f"{name}: missing (required)")
        return []
    with open(path, encoding="utf-8", newline="") as handle:
        text = handle.read()
    if text.startswith("\ufeff"):
        text = text[1:]
    rows = list(csv.DictReader(text.splitlines()))
    header = next(csv.reader(text.splitlines()), [])
    for field in fields:
        if field not in header:
            problem(f"{name}: required field {field} missing from the header")
    for number, row in enumerate(rows, start=2):
        row["_line"] = number
        for field in fields:
            if not (row.get(field) or "").strip():
                problem(f"{name} line {number}: {field} is empty (required)")
    return rows


TIME = re.compile(r"^\d{1,2}:[0-5]\d:[0-5]\d$")
DATE = re.compile(r"^(\d{4})(\d{2})(\d{2})$")


def seconds(text):
    hours, minutes, secs = (int(part) for part in text.split(":"))
    return hours * 3600 + minutes * 60 + secs


def check_time(where, field, text):
    if text and not TIME.match(text):
        problem(f"{where}: {field} {text!r} is not HH:MM:SS")
        return False
    return bool(text)


def check_date(where, field, text):
    match = DATE.match(text or "")
    if not match or not (1 <= int(match.group(2)) <= 12 and 1 <= int(match.group(3)) <= 31):
        problem(f"{where}: {field} {text!r} is not a date YYYYMMDD")


def check_int(where, field, text, allowed=None):
    if text == "":
        return None
    try:
        value = int(text)
    except ValueError:
        problem(f"{where}: {field} {text!r} is not an integer")
        return None
    if allowed is not None and value not in allowed:
        problem(f"{where}: {field} {value} is not one of {sorted(allowed)}")
    return value


def unique(rows, name, field):
    seen = set()
    for row in rows:
        if row.get(field) in seen:
            problem(f"{name} line {row['_line']}: {field} {row[field]!r} is repeated")
        seen.add(row.get(field))
    return seen


def crosses(a, b, c, d):
    def orient(p, q, r):
        value = (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0])
        return (value > 0) - (value < 0)

    return orient(a, b, c) * orient(a, b, d) < 0 and orient(c, d, a) * orient(c, d, b) < 0


def check_ring(where, ring):
    if len(ring) < 4:
        problem(f"{where}: a ring needs at least 4 positions, has {len(ring)}")
        return
    if ring[0] != ring[-1]:
        problem(f"{where}: ring is not closed (first position differs from the last)")
    for position in ring:
        if len(position) < 2 or not (-180 <= position[0] <= 180 and -90 <= position[1] <= 90):
            problem(f"{where}: position {position} is not [longitude, latitude] in degrees")
            return
    edges = list(zip(ring, ring[1:]))
    for i, (a, b) in enumerate(edges):
        for j, (c, d) in enumerate(edges):
            if j > i + 1 and not (i == 0 and j == len(edges) - 1) and crosses(a, b, c, d):
                problem(f"{where}: edges {i} and {j} cross (not a simple polygon)")


def locations(directory):
    path = os.path.join(directory, "locations.geojson")
    if not os.path.exists(path):
        return set()
    with open(path, encoding="utf-8") as handle:
        try:
            document = json.load(handle)
        except ValueError as error:
            problem(f"locations.geojson: not JSON ({error})")
            return set()
    if document.get("type") != "FeatureCollection" or not isinstance(document.get("features"), list):
        problem("locations.geojson: not a FeatureCollection with features")
        return set()
    ids = set()
    for index, feature in enumerate(document["features"]):
        where = f"locations.geojson feature {index}"
        identifier = feature.get("id")
        if feature.get("type") != "Feature" or not isinstance(identifier, str) or not identifier:
            problem(f"{where}: a Feature with a string id is required")
            continue
        if identifier in ids:
            problem(f"{where}: id {identifier!r} repeated")
        ids.add(identifier)
        if not isinstance(feature.get("properties"), dict):
            problem(f"{where}: properties must be an object")
        geometry = feature.get("geometry") or {}
        polygons = {"Polygon": [geometry.get("coordinates")], "MultiPolygon": geometry.get("coordinates")}.get(geometry.get("type"))
        if polygons is None:
            problem(f"{where}: geometry must be a Polygon or a MultiPolygon")
            continue
        for polygon in polygons:
            if not isinstance(polygon, list) or not polygon:
                problem(f"{where}: a polygon needs at least one ring")
                continue
            for ring in polygon:
                check_ring(where, ring)
    return ids


def main(directory):
    agencies = read(directory, "agency.txt", True, ["agency_name", "agency_url", "agency_timezone"])
    for row in agencies:
        if not re.match(r"^https?://", row.get("agency_url", "")):
            problem(f"agency.txt line {row['_line']}: agency_url is not an http(s) URL")
        if len(agencies) > 1 and not row.get("agency_id"):
            problem(f"agency.txt line {row['_line']}: agency_id is required when there are several agencies")
    agency_ids = {row.get("agency_id", "") for row in agencies}

    feed = read(directory, "feed_info.txt", True, ["feed_publisher_name", "feed_publisher_url", "feed_lang"])
    for row in feed:
        for field in ["feed_start_date", "feed_end_date"]:
            if row.get(field):
                check_date(f"feed_info.txt line {row['_line']}", field, row[field])

    routes = read(directory, "routes.txt", True, ["route_id", "route_type"])
    for row in routes:
        where = f"routes.txt line {row['_line']}"
        check_int(where, "route_type", row["route_type"], {0, 1, 2, 3, 4, 5, 6, 7, 11, 12})
        if not (row.get("route_short_name") or row.get("route_long_name")):
            problem(f"{where}: route_short_name or route_long_name is required")
        if row.get("agency_id", "") not in agency_ids:
            problem(f"{where}: agency_id {row.get('agency_id')!r} is not in agency.txt")
    route_ids = unique(routes, "routes.txt", "route_id")

    stops = read(directory, "stops.txt", False, ["stop_id"])
    for row in stops:
        where = f"stops.txt line {row['_line']}"
        if row.get("location_type", "0") in ("", "0"):
            for field, bound in [("stop_lat", 90), ("stop_lon", 180)]:
                try:
                    if abs(float(row.get(field, ""))) > bound:
                        problem(f"{where}: {field} out of range")
                except ValueError:
                    problem(f"{where}: {field} {row.get(field)!r} is not a number")
            if not row.get("stop_name"):
                problem(f"{where}: stop_name is required for a stop")
    stop_ids = unique(stops, "stops.txt", "stop_id")
    zone_ids = locations(directory)
    for clash in stop_ids & zone_ids:
        problem(f"locations.geojson: id {clash!r} is also a stop_id (ids must be unique across both)")

    services = read(directory, "calendar_dates.txt", True, ["service_id", "date", "exception_type"])
    for row in services:
        where = f"calendar_dates.txt line {row['_line']}"
        check_date(where, "date", row["date"])
        check_int(where, "exception_type", row["exception_type"], {1, 2})
    service_ids = {row["service_id"] for row in services if row.get("exception_type") == "1"}

    rules = read(directory, "booking_rules.txt", False, ["booking_rule_id", "booking_type"])
    for row in rules:
        where = f"booking_rules.txt line {row['_line']}"
        kind = check_int(where, "booking_type", row["booking_type"], {0, 1, 2})
        present = {field for field, value in row.items() if field != "_line" and value}
        if kind == 0 and present & {"prior_notice_duration_min", "prior_notice_last_day", "prior_notice_start_day"}:
            problem(f"{where}: booking_type 0 forbids prior notice fields")
        if kind == 1 and "prior_notice_duration_min" not in present:
            problem(f"{where}: booking_type 1 requires prior_notice_duration_min")
        if kind == 2:
            if "prior_notice_last_day" not in present:
                problem(f"{where}: booking_type 2 requires prior_notice_last_day")
            if "prior_notice_duration_min" in present:
                problem(f"{where}: booking_type 2 forbids prior_notice_duration_min")
        if "prior_notice_last_day" in present:
            check_int(where, "prior_notice_last_day", row["prior_notice_last_day"])
            if not check_time(where, "prior_notice_last_time", row.get("prior_notice_last_time", "")):
                problem(f"{where}: prior_notice_last_time is required with prior_notice_last_day")
        if "prior_notice_start_day" in present:
            check_int(where, "prior_notice_start_day", row["prior_notice_start_day"])
            if not check_time(where, "prior_notice_start_time", row.get("prior_notice_start_time", "")):
                problem(f"{where}: prior_notice_start_time is required with prior_notice_start_day")
        elif "prior_notice_start_time" in present:
            problem(f"{where}: prior_notice_start_time is forbidden without prior_notice_start_day")
        if "prior_notice_service_id" in present and kind != 2:
            problem(f"{where}: prior_notice_service_id is forbidden unless booking_type is 2")
    rule_ids = unique(rules, "booking_rules.txt", "booking_rule_id")

    trips = read(directory, "trips.txt", True, ["route_id", "service_id", "trip_id"])
    for row in trips:
        where = f"trips.txt line {row['_line']}"
        if row["route_id"] not in route_ids:
            problem(f"{where}: route_id {row['route_id']!r} is not in routes.txt")
        if row["service_id"] not in service_ids:
            problem(f"{where}: service_id {row['service_id']!r} is not in calendar_dates.txt")
        check_int(where, "direction_id", row.get("direction_id", ""), {0, 1})
    trip_ids = unique(trips, "trips.txt", "trip_id")

    stop_times = read(directory, "stop_times.txt", True, ["trip_id", "stop_sequence"])
    by_trip = {}
    for row in stop_times:
        where = f"stop_times.txt line {row['_line']}"
        if row["trip_id"] not in trip_ids:
            problem(f"{where}: trip_id {row['trip_id']!r} is not in trips.txt")
        by_trip.setdefault(row["trip_id"], []).append(row)
        places = [field for field in ["stop_id", "location_group_id", "location_id"] if row.get(field)]
        if len(places) != 1:
            problem(f"{where}: exactly one of stop_id, location_group_id, location_id is required, found {places}")
        if row.get("stop_id") and row["stop_id"] not in stop_ids:
            problem(f"{where}: stop_id {row['stop_id']!r} is not in stops.txt")
        if row.get("location_id") and row["location_id"] not in zone_ids:
            problem(f"{where}: location_id {row['location_id']!r} is not in locations.geojson")
        start, end = row.get("start_pickup_drop_off_window", ""), row.get("end_pickup_drop_off_window", "")
        windowed = bool(start or end)
        pickup = check_int(where, "pickup_type", row.get("pickup_type", ""), {0, 1, 2, 3})
        drop_off = check_int(where, "drop_off_type", row.get("drop_off_type", ""), {0, 1, 2, 3})
        if windowed:
            if not (start and end):
                problem(f"{where}: start and end of the pickup/drop-off window go together")
            elif check_time(where, "start_pickup_drop_off_window", start) and check_time(where, "end_pickup_drop_off_window", end):
                if seconds(start) >= seconds(end):
                    problem(f"{where}: window {start}-{end} is not ordered")
            if row.get("arrival_time") or row.get("departure_time"):
                problem(f"{where}: arrival_time/departure_time are forbidden with a window")
            if pickup in (None, 0, 3):
                problem(f"{where}: pickup_type {pickup} is forbidden with a window (an explicit 1 or 2 is needed)")
            if drop_off in (None, 0):
                problem(f"{where}: drop_off_type {drop_off} is forbidden with a window")
        elif row.get("location_id") or row.get("location_group_id"):
            problem(f"{where}: a location needs start/end_pickup_drop_off_window")
        for field in ["arrival_time", "departure_time"]:
            check_time(where, field, row.get(field, ""))
        for field, kind in [("pickup_booking_rule_id", pickup), ("drop_off_booking_rule_id", drop_off)]:
            if row.get(field) and row[field] not in rule_ids:
                problem(f"{where}: {field} {row[field]!r} is not in booking_rules.txt")
            if kind == 2 and not row.get(field):
                problem(f"{where}: a type 2 (arranged) {field.split('_booking')[0]} names no booking rule")
    for trip in trip_ids:
        rows = by_trip.get(trip, [])
        if len(rows) < 2:
            problem(f"trip {trip}: needs at least two stop_times, has {len(rows)}")
            continue
        sequences = [check_int(f"trip {trip}", "stop_sequence", row["stop_sequence"]) for row in rows]
        if any(value is None for value in sequences) or sequences != sorted(set(sequences)):
            problem(f"trip {trip}: stop_sequence values are not increasing")
        for edge in (rows[0], rows[-1]):
            if edge.get("stop_id") and not (edge.get("arrival_time") and edge.get("departure_time")):
                problem(f"trip {trip}: the first and last stops need arrival_time and departure_time")
        moments = []
        for row in rows:
            if row.get("arrival_time"):
                moments.append(seconds(row["arrival_time"]))
            elif row.get("start_pickup_drop_off_window"):
                moments.append(seconds(row["start_pickup_drop_off_window"]))
        if moments != sorted(moments):
            problem(f"trip {trip}: times go backwards along the trip")

    if problems:
        for text in problems:
            print(text)
        return 1
    print(
        f"OK agencies={len(agencies)} stops={len(stops)} zones={len(zone_ids)} trips={len(trips)} "
        f"stop_times={len(stop_times)} services={len(service_ids)} booking_rules={len(rules)}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
