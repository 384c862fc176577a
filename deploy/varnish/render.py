"""Write deploy/varnish/default.vcl for given app servers and purgers.

The VCL is kept in one file that works as it stands (one gunicorn on 127.0.0.1:8000);
this only rewrites its marked blocks, so production, the tests and the benchmark all run
the same rules:

    python deploy/varnish/render.py --backend 10.0.0.5:8000 --backend 10.0.0.6:8000 \\
        --purger 10.0.0.0/24 > /etc/varnish/default.vcl

Several backends are served round-robin (the ``directors`` vmod). Standard library only.
"""

import argparse
import ipaddress
import re
import sys
from pathlib import Path

SOURCE = Path(__file__).resolve().parent / "default.vcl"
LOCAL_PURGERS = ("127.0.0.1", "::1")


def parse_address(address):
    """``"host:port"`` or ``"[v6]:port"`` -> ``(host, port)``; ValueError if malformed."""
    match = re.fullmatch(
        r"\[(?P<v6>[0-9a-fA-F:.]+)\]:(?P<p6>\d+)|(?P<host>[\w.-]+):(?P<port>\d+)", address
    )
    if not match:
        raise ValueError(f"backend address must be HOST:PORT, not {address!r}")
    host = match["v6"] or match["host"]
    port = int(match["p6"] or match["port"])
    if not 0 < port < 65536:
        raise ValueError(f"port out of range in {address!r}")
    return host, port


def _purger_entry(purger):
    network = ipaddress.ip_network(purger, strict=False)
    if network.prefixlen == network.max_prefixlen:
        return f'"{network.network_address}";'
    return f'"{network.network_address}"/{network.prefixlen};'


def _replace_block(vcl, name, lines, indent):
    pattern = re.compile(
        rf"(?P<begin>^[ \t]*# BEGIN {name}\n).*?(?P<end>^[ \t]*# END {name}\n)",
        re.MULTILINE | re.DOTALL,
    )
    body = "".join(f"{indent}{line}\n" for line in lines)
    vcl, count = pattern.subn(lambda m: m["begin"] + body + m["end"], vcl)
    if count != 1:
        raise ValueError(f"{SOURCE} must hold exactly one '# BEGIN {name}' block")
    return vcl


def render_vcl(backends, purgers=(), *, source=SOURCE):
    """The VCL text for ``backends`` (``"host:port"`` strings or ``(host, port)`` pairs).

    ``purgers``: addresses or networks allowed to PURGE besides this machine.
    """
    if not backends:
        raise ValueError("at least one backend is needed")
    pairs = [parse_address(b) if isinstance(b, str) else (b[0], int(b[1])) for b in backends]
    definitions = []
    for number, (host, port) in enumerate(pairs, start=1):
        definitions += [
            f"backend app{number} {{",
            f'    .host = "{host}";',
            f'    .port = "{port}";',
            "    .connect_timeout = 5s;",
            "    .first_byte_timeout = 60s;",
            "    .between_bytes_timeout = 60s;",
            "}",
        ]
    vcl = Path(source).read_text()
    vcl = _replace_block(vcl, "backends", definitions, "")
    vcl = _replace_block(
        vcl, "director", [f"app.add_backend(app{n});" for n in range(1, len(pairs) + 1)], "    "
    )
    entries = dict.fromkeys(_purger_entry(p) for p in (*LOCAL_PURGERS, *purgers))
    return _replace_block(vcl, "purgers", list(entries), "    ")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--backend", action="append", required=True, help="HOST:PORT of an app server (repeat)"
    )
    parser.add_argument(
        "--purger",
        action="append",
        default=[],
        help="address or network allowed to PURGE besides localhost (repeat)",
    )
    args = parser.parse_args(argv)
    try:
        sys.stdout.write(render_vcl(args.backend, args.purger))
    except ValueError as error:
        parser.error(str(error))


if __name__ == "__main__":
    main()
