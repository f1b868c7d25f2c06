"""What a camera reads in a QR code drawn with text (``models.rules.qr``): the drawing is made
into a picture and read back with zxing-cpp."""

from __future__ import annotations

from collections.abc import Sequence

#: Light and dark of the top and bottom module of each half-block character.
_HALVES = {"█": (1, 1), "▀": (1, 0), "▄": (0, 1), " ": (0, 0)}


def decode_qr(lines: Sequence[str]) -> list[str]:
    """The texts in a QR code drawn with half blocks (light modules as blocks), or with two
    full blocks per module (``large_qr_lines``)."""
    rows: list[list[int]] = []
    if any("▀" in line or "▄" in line for line in lines):
        for line in lines:
            rows.append([_HALVES[c][0] for c in line])
            rows.append([_HALVES[c][1] for c in line])
    else:
        rows = [[1 if c == "█" else 0 for c in line[::2]] for line in lines]
    return _read(rows)


def _read(rows: list[list[int]]) -> list[str]:
    import zxingcpp

    scale, margin = 6, 4
    width = len(rows[0])
    light = [1] * width
    image = bytearray()
    for row in [light] * margin + rows + [light] * margin:
        line = b"".join(bytes([255 if v else 0]) * scale for v in [1] * margin + row + [1] * margin)
        image += line * scale
    columns = (width + 2 * margin) * scale
    view = memoryview(bytes(image)).cast("B", shape=[len(image) // columns, columns])
    return [found.text for found in zxingcpp.read_barcodes(view)]
