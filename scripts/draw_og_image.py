"""Draws static/img/og-estafette.png, the sharing image: our baton on the brand blue, with the
four region colours as the relay's lanes. Standard library only; run once when the design changes."""

import math
import struct
import zlib
from pathlib import Path

WIDTH, HEIGHT = 1200, 630
BLUE, WHITE = (0x15, 0x42, 0x73), (0xFF, 0xFF, 0xFF)
LANES = [(0x0B, 0x6E, 0x4F), (0x1D, 0x4E, 0x89), (0x6A, 0x2C, 0x91), (0x9C, 0x44, 0x00)]


def pixel(x: int, y: int) -> tuple[int, int, int]:
    if y >= HEIGHT - 60:
        return LANES[min(x * 4 // WIDTH, 3)]
    # The baton: a rounded bar of 640 x 110 px, turned 35 degrees, centred.
    cx, cy, angle = WIDTH / 2, (HEIGHT - 60) / 2, math.radians(35)
    dx, dy = x - cx, y - cy
    u = dx * math.cos(angle) - dy * math.sin(angle)
    v = dx * math.sin(angle) + dy * math.cos(angle)
    half_length, radius = 320 - 55, 55
    nearest = max(-half_length, min(half_length, u))
    if (u - nearest) ** 2 + v**2 <= radius**2:
        return WHITE
    return BLUE


def png(width: int, height: int) -> bytes:
    raw = b"".join(
        b"\x00" + bytes(channel for x in range(width) for channel in pixel(x, y))
        for y in range(height)
    )

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw, 9))
        + chunk(b"IEND", b"")
    )


if __name__ == "__main__":
    target = Path(__file__).resolve().parent.parent / "static" / "img" / "og-estafette.png"
    target.write_bytes(png(WIDTH, HEIGHT))
    print(f"{target} ({target.stat().st_size} bytes)")
