"""Draws the web app's icons (the brand mark: angle brackets on the accent colour) as PNG files,
with the standard library only, so the installable guest needs no image tool. Run from the repo
root: python3 scripts/make-app-icons.py"""
import struct
import zlib

ACCENT = (63, 91, 216)
WHITE = (255, 255, 255)


def png(size, pixels):
    raw = b''.join(b'\x00' + bytes(c for px in row for c in px) for row in pixels)
    def chunk(kind, data):
        return struct.pack('>I', len(data)) + kind + data + struct.pack('>I', zlib.crc32(kind + data) & 0xffffffff)
    return b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', size, size, 8, 2, 0, 0, 0)) + chunk(b'IDAT', zlib.compress(raw, 9)) + chunk(b'IEND', b'')


def draw(size):
    # Full-bleed square (maskable: the mark stays inside the central 60 %).
    rows = [[ACCENT] * size for _ in range(size)]
    stroke = max(2, size // 16)
    c = size / 2
    h = size * 0.22  # half height of a bracket
    w = size * 0.12  # depth of a bracket
    for y in range(size):
        for x in range(size):
            dy = abs(y - c)
            if dy > h:
                continue
            t = dy / h
            left = c - size * 0.08 - w * (1 - t)
            right = c + size * 0.08 + w * (1 - t)
            if abs(x - left) <= stroke / 2 or abs(x - right) <= stroke / 2:
                rows[y][x] = WHITE
    return rows


for size in (192, 512):
    with open(f'desktop/renderer/public/icons/icon-{size}.png', 'wb') as out:
        out.write(png(size, draw(size)))
