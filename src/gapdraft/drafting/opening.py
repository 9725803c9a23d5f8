"""The opening of a new bill section: its intro line ("A new section of ... is enacted to
read:"), its number in the code and its catchline, in the state's bill style."""

from __future__ import annotations

import re
from typing import NamedTuple

from gapdraft.load.billstyle import BillStyle
from gapdraft.model import Location, State


class Opening(NamedTuple):
    intro: str
    tag: str
    catchline: str  # styled
    catch_mark: str
    unit_mark: str
    quoted: bool


def next_number(first: str, offset: int) -> str:
    """The number `offset` places after `first`: its last run of digits counts up, keeping its
    width ("20A.05" -> "20A.06", "30-52-3" -> "30-52-4")."""
    match = re.search(r"(\d+)(\D*)$", first)
    if match is None or offset == 0:
        return first
    digits = match.group(1)
    counted = str(int(digits) + offset).zfill(len(digits))
    return first[: match.start(1)] + counted + match.group(2)


NUMBER_PLACEHOLDER = "[section number]"


def _new_section_number(
    style: BillStyle, state: State, numbers: dict[str, int], caveats: list[str], location: Location
) -> str:
    """The number of the next new section in `location`, for styles that print one."""
    if "{section}" not in style.new_section + style.catchline:
        return ""
    # locations with the same label in the same code are one place: their numbers run on
    place = f"{location.code_name or state.code_name}\x00{location.label}"
    offset = numbers.get(place, 0)
    numbers[place] = offset + 1
    if location.next_section is None:
        caveats.append(
            f"New sections in {location.label} carry the placeholder {NUMBER_PLACEHOLDER}: "
            "the location gives no next_section number."
        )
        return NUMBER_PLACEHOLDER
    return next_number(location.next_section, offset)


def styled_catchline(style: BillStyle, text: str) -> str:
    return text.upper() if style.catchline_upper else text


def new_opening(
    style: BillStyle,
    state: State,
    numbers: dict[str, int],
    caveats: list[str],
    catchline: str,
    location: Location,
) -> Opening:
    """The intro line and catchline of a new section in `location`; `numbers` counts the new
    sections so far per place, and a caveat is added where a number is a placeholder."""
    marked = "new" if style.mark_new_sections and not location.uncodified else "plain"
    if location.uncodified:  # a temporary section has no number and may have no catchline
        catch = style.uncodified_catchline.format(catchline=styled_catchline(style, catchline))
        return Opening(style.uncodified_section, "", catch, marked, marked, False)
    number = _new_section_number(style, state, numbers, caveats, location)
    intro = style.new_section.format(
        location=location.label,
        code_name=location.code_name or state.code_name,
        section=number,
    )
    catch = style.catchline.format(catchline=styled_catchline(style, catchline), section=number)
    return Opening(intro, style.new_material_tag, catch, marked, marked, style.quote_sections)
