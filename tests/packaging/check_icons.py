#!/usr/bin/env python3
"""The Windows .ico and the macOS .icns as sb_render_icon makes them, read back by other
programs' readers (icoutils' icotool, libicns' icns2png): every size there, each a PNG of that
size, the container's own lengths right. Usage: check_icons.py SB_RENDER_ICON SVG"""
import re
import struct
import subprocess
import sys
import tempfile
from pathlib import Path


def fail(message):
    print(f"check_icons: {message}", file=sys.stderr)
    sys.exit(1)


def png_size(path):
    data = Path(path).read_bytes()
    if data[:8] != b"\x89PNG\r\n\x1a\n" or data[12:16] != b"IHDR":
        fail(f"{path} is not a PNG")
    return struct.unpack(">II", data[16:24])


def run(*command):
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        fail(f"{' '.join(map(str, command))} failed: {done.stderr.strip()}")
    return done.stdout


def check_ico(tool, svg, work):
    ico = work / "switchboard.ico"
    run(tool, svg, ico)
    listed = [(int(w), int(h)) for w, h in
              re.findall(r"--width=(\d+) --height=(\d+) --bit-depth=32", run("icotool", "-l", ico))]
    wanted = [(s, s) for s in (16, 24, 32, 48, 64, 256)]
    if listed != wanted:
        fail(f".ico lists {listed}, wanted {wanted} at 32 bits")
    out = work / "ico"
    out.mkdir()
    run("icotool", "-x", "-o", out, ico)
    extracted = sorted(png_size(p) for p in out.glob("*.png"))
    if extracted != sorted(wanted):
        fail(f".ico images are {extracted}, wanted {wanted}")


def check_icns(tool, svg, work):
    icns = work / "switchboard.icns"
    run(tool, svg, icns)
    data = icns.read_bytes()
    if data[:4] != b"icns" or struct.unpack(">I", data[4:8])[0] != len(data):
        fail(".icns header does not give the file's length")
    listing = run("icns2png", "-l", icns)
    types = re.findall(r"'(\w{4})'", listing)
    wanted = ["icp4", "icp5", "ic11", "ic12", "ic07", "ic08", "ic13", "ic09", "ic14", "ic10"]
    if types != wanted:
        fail(f".icns holds {types}, wanted {wanted}")
    # Each element: its PNG, of the side its type stands for.
    sides = {"icp4": 16, "icp5": 32, "ic11": 32, "ic12": 64, "ic07": 128, "ic08": 256,
             "ic13": 256, "ic09": 512, "ic14": 512, "ic10": 1024}
    offset = 8
    while offset < len(data):
        kind = data[offset:offset + 4].decode()
        length = struct.unpack(">I", data[offset + 4:offset + 8])[0]
        element = work / f"{kind}.png"
        element.write_bytes(data[offset + 8:offset + length])
        if png_size(element) != (sides[kind], sides[kind]):
            fail(f".icns element {kind} is {png_size(element)}, wanted {sides[kind]} square")
        offset += length
    # libicns decodes the sizes it knows (256, 512, 1024) into images of that size.
    out = work / "icns"
    out.mkdir()
    run("icns2png", "-x", "-o", out, icns)
    decoded = sorted(png_size(p) for p in out.glob("*.png"))
    if decoded != [(256, 256), (512, 512), (1024, 1024)]:
        fail(f"icns2png decoded {decoded}")


def main():
    if len(sys.argv) != 3:
        fail("usage: check_icons.py SB_RENDER_ICON SVG")
    tool, svg = sys.argv[1], sys.argv[2]
    with tempfile.TemporaryDirectory() as work:
        check_ico(tool, svg, Path(work))
        check_icns(tool, svg, Path(work))
    print("check_icons: .ico (6 sizes) and .icns (10 elements) read back")


if __name__ == "__main__":
    main()
