"""Run the review app with uvicorn on a socket bound here (so ``--port 0`` can print the port it got)."""

from __future__ import annotations

import socket
import threading
import time
from types import TracebackType
from typing import Any


def bind(host: str, port: int) -> socket.socket:
    """Bind and listen on ``host:port`` (port 0: a free one); IPv6 when the host is an IPv6 address.

    Raises:
        OSError: The address is in use or cannot be bound.
    """
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # IPPROTO_TCP, not 0: asyncio turns Nagle off (TCP_NODELAY) only on sockets that say they are TCP,
    # and with Nagle on every keep-alive response waits ~40 ms for the client's delayed ACK.
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host.strip("[]"), port))
        sock.listen(256)
    except OSError:
        sock.close()
        raise
    sock.set_inheritable(True)
    return sock


def url_of(sock: socket.socket, host: str, token: str | None = None) -> str:
    """Return the URL a browser opens for a bound socket (with ``?token=`` when there is a token)."""
    port = sock.getsockname()[1]
    shown = host
    if host in ("0.0.0.0", "::", ""):
        shown = socket.gethostname()
    elif ":" in host and not host.startswith("["):
        shown = f"[{host}]"
    return f"http://{shown}:{port}/" + (f"?token={token}" if token else "")


def make_server(app: Any, *, log_level: str = "warning") -> Any:
    """Return a ``uvicorn.Server`` for the app (no access log, no server header)."""
    import uvicorn

    config = uvicorn.Config(
        app, log_level=log_level, access_log=False, lifespan="off", server_header=False, timeout_keep_alive=30
    )
    return uvicorn.Server(config)


def serve(app: Any, sock: socket.socket, *, log_level: str = "warning") -> None:
    """Serve the app on a bound socket until interrupted (Ctrl+C)."""
    make_server(app, log_level=log_level).run(sockets=[sock])


class BackgroundServer:
    """The app served from a thread of this process, for tests and scripts (``with BackgroundServer(app) as s``).

    Args:
        app: The ASGI app.
        host: Where to listen (default loopback).
        port: The port (default: a free one).
    """

    def __init__(self, app: Any, host: str = "127.0.0.1", port: int = 0) -> None:
        self.sock = bind(host, port)
        self.host = host
        self.port: int = self.sock.getsockname()[1]
        self.url = f"http://{host}:{self.port}"
        self.server = make_server(app)
        self.thread = threading.Thread(target=self.server.run, kwargs={"sockets": [self.sock]}, daemon=True)

    def __enter__(self) -> BackgroundServer:
        self.thread.start()
        deadline = time.monotonic() + 10
        while not self.server.started and self.thread.is_alive() and time.monotonic() < deadline:
            time.sleep(0.01)
        if not self.server.started:
            raise RuntimeError("the review server did not start")
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)
        self.sock.close()
