"""Numbers written in characters, digits or both ("三十五", "两", "一百二", "3", "1.5",
"3万"), as a language's numerals data (crampcoach.knowledge.story_languages.Numerals)
spells them.

Two neighbouring digits one apart are a range, read as its lower end ("五六个小时": five
or six hours; "三四十" thirty or forty); other runs of digits are read digit by digit
("二零二三"). A digit right after a hundred or a thousand counts in the next unit down
("一百二" is 120, as it is said).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from crampcoach.knowledge.regexes import kept_regex
from crampcoach.knowledge.story_languages import Numerals

_ASCII = kept_regex(r"[0-9]+(?:\.[0-9]+)?")


@dataclass(frozen=True)
class NumberReader:
    """Reads the numbers of one language (see the module's docstring)."""

    digits: dict[str, int]
    multipliers: dict[str, int]
    point: tuple[str, ...]

    @classmethod
    def of(cls, numerals: Numerals) -> NumberReader:
        return cls(dict(numerals.digits), dict(numerals.multipliers), tuple(numerals.point))

    def pattern(self) -> str:
        """A regular expression for one number, characters or digits."""
        chars = "".join(re.escape(c) for c in (*self.digits, *self.multipliers))
        point = "|".join(re.escape(p) for p in self.point) or "(?!)"
        digits = "".join(re.escape(c) for c in self.digits)
        han = f"[{chars}]+(?:(?:{point})[{digits}]+)?"
        units = "".join(re.escape(c) for c in self.multipliers)
        return f"(?:[0-9]+(?:\\.[0-9]+)?[{units}]*|{han})"

    def value(self, text: str) -> float | None:
        """The number `text` spells, or None when it spells none."""
        if not text:
            return None
        if _ASCII.fullmatch(text):
            return float(text)
        whole, fraction = text, ""
        for point in self.point:
            if point in text:
                whole, _, fraction = text.partition(point)
                break
        value = self._whole(whole)
        if value is None:
            return None
        if fraction:
            decimals = [self.digits.get(c) for c in fraction]
            if any(d is None for d in decimals):
                return None
            value += float("0." + "".join(str(d) for d in decimals))
        return value

    def _whole(self, text: str) -> float | None:
        ascii_number = _ASCII.match(text)
        if ascii_number:  # "3万", "10万": digits, then units
            head, rest = float(ascii_number.group()), text[ascii_number.end() :]
            for char in rest:
                if char not in self.multipliers:
                    return None
                head *= self.multipliers[char]
            return head
        if not any(c in self.multipliers for c in text):
            return self._digit_run(text)
        total = section = 0.0
        current: float | None = None
        last_unit = 1
        for index, char in enumerate(text):
            if char in self.digits:
                digit = self.digits[char]
                before = text[index - 1] if index else ""
                if current is not None and before in self.digits:
                    if digit != current + 1:
                        return None  # "三九": no number
                    continue  # a range, "五六": its lower end
                current = float(digit)
            elif char in self.multipliers:
                unit = self.multipliers[char]
                if unit >= max(self.multipliers.values()):
                    total = (total + section + (current or 0.0)) * unit
                    section, current = 0.0, None
                else:
                    section += (1.0 if current is None else current) * unit
                    current = None
                last_unit = unit
            else:
                return None
        if current is not None and text[-1] in self.digits and len(text) > 1:
            ends_on_unit_digit = text[-2] in self.multipliers and last_unit >= 100
            current = current * last_unit / 10 if ends_on_unit_digit else current
        return total + section + (current or 0.0)

    def _digit_run(self, text: str) -> float | None:
        values = [self.digits.get(c) for c in text]
        if any(v is None for v in values):
            return None
        digits = [v for v in values if v is not None]
        if len(digits) == 2 and digits[1] == digits[0] + 1:
            return float(digits[0])  # "两三", "五六": a range
        return float("".join(str(d) for d in digits))
