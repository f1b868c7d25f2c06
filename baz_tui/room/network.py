"""Where the room is served: the laptop's address on the local network, found without internet.

Phones reach the laptop over the centre's Wi-Fi or the laptop's own hotspot. The server binds
to that one address, never to every network unless the chair says so (``--host 0.0.0.0``).
"""

from __future__ import annotations

import ipaddress
import socket

from models.i18n import _

#: Addresses in the private ranges that a UDP socket "connects" to: nothing is sent, but the
#: system picks the interface (and so the address) it would use to reach them.
PROBES = ("10.255.255.255", "192.168.255.255", "172.31.255.255")
LOOPBACK = "127.0.0.1"
WILDCARDS = {"0.0.0.0", "::", ""}


def local_address() -> str | None:
    """This laptop's IPv4 address on a local network; ``None`` when it has none (loopback only)."""
    for probe in PROBES:
        try:
            with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as udp:
                udp.connect((probe, 9))
                address = str(udp.getsockname()[0])
        except OSError:
            continue
        if usable(address):
            return address
    try:
        found = socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET)
    except OSError:
        return None
    for *_rest, sockaddr in found:
        address = str(sockaddr[0])
        if usable(address):
            return address
    return None


def usable(address: str) -> bool:
    """An address phones could reach: not loopback, not unspecified, not link-local."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return not (ip.is_loopback or ip.is_unspecified or ip.is_link_local or ip.is_multicast)


def url_host(host: str) -> str:
    """``host`` as it stands in a URL (an IPv6 address in brackets)."""
    return f"[{host}]" if ":" in host else host


def shown_host(host: str) -> str:
    """The address phones type for a server bound to ``host``: ``host`` itself, or for every
    network (``0.0.0.0``) the laptop's address on the local network (else the laptop)."""
    if host in WILDCARDS:
        return local_address() or LOOPBACK
    return host


def hotspot_help() -> str:
    """How to make a network when the centre has none: the laptop's own hotspot."""
    return _(
        "No Wi-Fi in the room? Make a hotspot on this laptop and let the phones join it:\n"
        "  Windows: Settings → Network & internet → Mobile hotspot\n"
        "  macOS: System Settings → General → Sharing → Internet Sharing\n"
        "  Linux: nmcli device wifi hotspot ssid BaZ password <a password>\n"
        "Then start “baz zaal” again: it serves on the hotspot's address."
    )
