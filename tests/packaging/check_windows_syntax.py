#!/usr/bin/env python3
"""Compiles, for Windows, every source of the programs that holds platform code.

The Windows build runs only on a hosted runner (.github/workflows/desktop.yml), so a POSIX call
left outside its #ifdef would first show there. This check runs MinGW-w64's compiler in
syntax-only mode over each source that names a platform (Q_OS_*, _WIN32) or includes a POSIX or
Windows header, with the flags the Linux build uses (compile_commands.json) and Qt's win32-g++
mkspec, so such a call fails ./dev test here.

Usage: check_windows_syntax.py SOURCE_DIR BUILD_DIR
"""
import json
import pathlib
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor

COMPILER = "x86_64-w64-mingw32-g++-posix"
PLATFORM_CODE = re.compile(
    r"Q_OS_|_WIN32|#\s*include\s*<(unistd\.h|sys/|fcntl\.h|signal\.h|csignal|windows\.h|io\.h|poll\.h)")
# Third-party headers our platform sources include; the cross compiler does not search
# /usr/include, so they are copied (never the C library's own headers, which must come from
# MinGW's).
THIRD_PARTY = ["openssl", "qt6keychain"]
ARCH_INCLUDE = pathlib.Path("/usr/include/x86_64-linux-gnu")


def platform_sources(source_dir):
    found = []
    for folder in ("app", "core", "ui"):
        for path in sorted((source_dir / folder).rglob("*.cpp")):
            if PLATFORM_CODE.search(path.read_text(encoding="utf-8", errors="replace")):
                found.append(path)
    return found


def third_party_includes(into):
    for name in THIRD_PARTY:
        for root in (pathlib.Path("/usr/include"), ARCH_INCLUDE):
            if (root / name).is_dir():
                shutil.copytree(root / name, into / name, dirs_exist_ok=True)


def windows_command(entry, extra_include):
    args = shlex.split(entry["command"])
    command = [COMPILER, "-fsyntax-only", "-std=c++20"]
    skip_next = False
    for arg in args[1:]:
        if skip_next:
            skip_next = False
            continue
        if arg in ("-o", "-MF", "-MT"):
            skip_next = True
            continue
        if arg == "-c" or arg == entry["file"] or arg.startswith(("-std=", "-fPIE", "-fPIC")):
            continue
        # Qt's platform defines (Q_OS_WIN and the rest) come from the target's mkspec.
        command.append(arg.replace("mkspecs/linux-g++", "mkspecs/win32-g++"))
    command += ["-I" + str(extra_include), entry["file"]]
    return command


def main():
    if len(sys.argv) != 3:
        print(__doc__.strip().splitlines()[-1], file=sys.stderr)
        return 2
    source_dir = pathlib.Path(sys.argv[1]).resolve()
    build_dir = pathlib.Path(sys.argv[2]).resolve()
    if shutil.which(COMPILER) is None:
        print(f"FAIL: {COMPILER} is not installed (package g++-mingw-w64-x86-64-posix; "
              "./dev test installs it)", file=sys.stderr)
        return 1
    database = build_dir / "compile_commands.json"
    if not database.is_file():
        print(f"FAIL: {database} is missing (CMAKE_EXPORT_COMPILE_COMMANDS)", file=sys.stderr)
        return 1
    entries = {pathlib.Path(e["file"]).resolve(): e for e in json.loads(database.read_text())}

    sources = platform_sources(source_dir)
    if not sources:
        print("FAIL: no source with platform code found; the pattern no longer matches the tree",
              file=sys.stderr)
        return 1
    unbuilt = [s for s in sources if s not in entries]
    if unbuilt:
        print("FAIL: not in the build, so not checked: " + ", ".join(map(str, unbuilt)),
              file=sys.stderr)
        return 1

    with tempfile.TemporaryDirectory(prefix="sb-wininc-") as extra:
        third_party_includes(pathlib.Path(extra))
        commands = [(s, windows_command(entries[s], extra)) for s in sources]
        with ThreadPoolExecutor(max_workers=2) as pool:
            results = list(pool.map(
                lambda item: (item[0], subprocess.run(item[1], capture_output=True, text=True)),
                commands))

    failed = 0
    for source, result in results:
        name = source.relative_to(source_dir)
        if result.returncode == 0:
            print(f"ok   {name}")
        else:
            failed += 1
            print(f"FAIL {name} does not compile for Windows:\n{result.stderr[:4000]}")
    print(f"{len(results) - failed} of {len(results)} platform sources compile for Windows")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
