#!/usr/bin/env python3
"""rrule_oracle: the recurrence set of one VEVENT according to python-dateutil, for RelaisCalendarTests.

Reads a JSON object on standard input:
  {"lines": [unfolded DTSTART / RRULE / RDATE / EXDATE content lines of one VEVENT],
   "calendar": the whole file (optional: its VTIMEZONEs define TZIDs first, as in libical),
   "defaultZone": "Europe/Paris", "now": "YYYYMMDDTHHMMSSZ", "horizon": seconds, "maximum": n}
(or a JSON list of such objects, each answer then followed by a line "---")
and prints the UTC instants of the recurrence set, one per line as YYYYMMDDTHHMMSSZ, sorted:
DTSTART, every RRULE instance, every RDATE, less every EXDATE, up to max(now, DTSTART) + horizon,
at most `maximum` of them. Prints "SKIP: reason" (exit 0) for what dateutil cannot do.

The rules are expanded by dateutil.rrule.rrulestr in the wall-clock time of DTSTART (a naive
datetime), as RFC 5545 requires, then each local time is placed in DTSTART's zone (zoneinfo) and
converted to UTC. Only the values (times, TZIDs) are read here; the recurrence is dateutil's.
"""

import io
import json
import sys
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from dateutil.rrule import rrulestr
from dateutil.tz import tzical

FILE_ZONES = {}


def read_file_zones(calendar):
    """The zones the file's VTIMEZONEs define, read by dateutil's own tzical, by TZID."""
    block = None
    for line in calendar.replace("\r\n", "\n").replace("\n ", "").replace("\n\t", "").split("\n"):
        if line.upper() == "BEGIN:VTIMEZONE":
            block = []
        if block is not None:
            block.append(line)
        if line.upper() == "END:VTIMEZONE" and block is not None:
            try:
                zones = tzical(io.StringIO("\n".join(block) + "\n"))
                for key in zones.keys():
                    FILE_ZONES[key] = zones.get(key)
            except Exception:
                pass
            block = None


def split(line):
    """(NAME, {PARAM: value}, value) of a content line."""
    head, _, value = line.partition(":")
    name, *params = head.split(";")
    parameters = {}
    for param in params:
        key, _, val = param.partition("=")
        parameters[key.upper()] = val.strip('"')
    return name.upper(), parameters, value


def zone_of(parameters, default_zone):
    tzid = parameters.get("TZID")
    if tzid is None:
        return default_zone
    if tzid in FILE_ZONES:
        return FILE_ZONES[tzid]
    # As CalendarReader does: a "globally unique" TZID such as /mozilla.org/20070129_1/Europe/Paris
    # names the zone of its longest Area/Location suffix.
    parts = tzid.split("/")
    for index in range(len(parts) - 1):
        try:
            return ZoneInfo("/".join(parts[index:]).strip("/"))
        except (ZoneInfoNotFoundError, ValueError):
            continue
    raise LookupError(f"TZID {tzid} is not an Olson zone Python knows")


def parse_value(text, parameters, default_zone):
    """(naive local datetime, zone, is_date) of one DATE or DATE-TIME value."""
    text = text.strip()
    if len(text) == 8:
        return datetime.strptime(text, "%Y%m%d"), default_zone, True
    if text.endswith("Z"):
        return datetime.strptime(text[:-1], "%Y%m%dT%H%M%S"), timezone.utc, False
    return datetime.strptime(text, "%Y%m%dT%H%M%S"), zone_of(parameters, default_zone), False


def to_utc(local, zone):
    return local.replace(tzinfo=zone).astimezone(timezone.utc)


def main():
    """One request, answered with its lines; or a list of requests, each answer followed by "---"."""
    request = json.load(sys.stdin)
    if isinstance(request, list):
        for each in request:
            FILE_ZONES.clear()
            print("\n".join(answer(each)))
            print("---")
    else:
        print("\n".join(answer(request)))


def answer(request):
    """The lines answering one request: the instants, or a single "SKIP: reason"."""
    read_file_zones(request.get("calendar", ""))
    default_zone = ZoneInfo(request["defaultZone"])
    now = datetime.strptime(request["now"], "%Y%m%dT%H%M%SZ").replace(tzinfo=timezone.utc)
    lines = [split(line) for line in request["lines"]]
    try:
        start_line = next(line for line in lines if line[0] == "DTSTART")
        start, zone, _ = parse_value(start_line[2], start_line[1], default_zone)
        instants = {to_utc(start, zone)}
        excluded = set()
        limit = max(now, to_utc(start, zone)) + timedelta(seconds=request["horizon"])
        for name, parameters, value in lines:
            if name == "RRULE":
                rule = rewrite_until(value, zone)
                try:
                    expansion = rrulestr("RRULE:" + rule, dtstart=start)
                except (ValueError, TypeError) as error:
                    return [f"SKIP: dateutil cannot parse RRULE:{value} ({error})"]
                wall_limit = limit.astimezone(zone).replace(tzinfo=None) + timedelta(days=1)
                for local in expansion.xafter(start - timedelta(seconds=1), inc=True):
                    if local > wall_limit or len(instants) > 4 * request["maximum"]:
                        break
                    instants.add(to_utc(local, zone))
            elif name in ("RDATE", "EXDATE"):
                if parameters.get("VALUE") == "PERIOD" or "/" in value:
                    values = [part.split("/")[0] for part in value.split(",")]
                else:
                    values = value.split(",")
                for text in values:
                    local, value_zone, is_date = parse_value(text, parameters, default_zone)
                    target = instants if name == "RDATE" else excluded
                    target.add(to_utc(local, value_zone if not is_date else zone))
    except LookupError as error:
        return [f"SKIP: {error}"]
    result = sorted(instant for instant in instants - excluded if instant <= limit)
    return [instant.strftime("%Y%m%dT%H%M%SZ") for instant in result[: request["maximum"]]]


def rewrite_until(rule, zone):
    """dateutil wants UNTIL in the type of DTSTART; here DTSTART is naive wall-clock time, so a UTC
    UNTIL becomes the same instant on the wall clock of DTSTART's zone."""
    parts = []
    for part in rule.split(";"):
        key, _, value = part.partition("=")
        if key.upper() == "UNTIL" and value.endswith("Z") and len(value) == 16:
            instant = datetime.strptime(value, "%Y%m%dT%H%M%SZ").replace(tzinfo=timezone.utc)
            value = instant.astimezone(zone).strftime("%Y%m%dT%H%M%S")
        parts.append(f"{key}={value}" if value else key)
    return ";".join(part for part in parts if part)


if __name__ == "__main__":
    main()
