#!/usr/bin/env python3
"""`make run` checks first that runserver can listen on HOST:PORT, before it installs, migrates
and loads the demo data; if not, it says so and names a port that is free.

    python3 scripts/port_free.py HOST PORT

Exits 0 when the port is free, 1 (with one line on standard error) when it is taken. Any
Python 3 runs it: it needs nothing but the standard library.
"""

import socket
import sys

TRIES = 20  # ports after PORT to look through for one to suggest
DEFAULT_HOST = "127.0.0.1"  # the Makefile's


def can_listen(host: str, port: int) -> bool:
    """Whether a server can listen on host:port now, as runserver would (SO_REUSEADDR, so a
    port left in TIME_WAIT by the last run counts as free)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except socket.gaierror:
        return True  # an unknown host is runserver's to report
    family, kind, proto, _, address = infos[0]
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
            probe.listen()
        except OSError:
            return False
    return True


def main(argv: list[str]) -> int:
    if len(argv) != 2 or not argv[1].isdigit():
        print("usage: scripts/port_free.py HOST PORT", file=sys.stderr)
        return 2
    host, port = argv[0], int(argv[1])
    if can_listen(host, port):
        return 0
    free = next((p for p in range(port + 1, port + 1 + TRIES) if can_listen(host, p)), None)
    where = "" if host == DEFAULT_HOST else f"HOST={host} "
    print(
        f"Port {port} on {host} is in use; run make run {where}PORT={free or '<another port>'}",
        file=sys.stderr,
    )
    return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
