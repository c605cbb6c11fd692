"""Server-sent events: an encoder that refuses field injection and a streaming WHATWG decoder.

>>> from fleetgate import sse
>>> sse.encode("line 1\\nline 2", event="inventory", id="42")
'id: 42\\nevent: inventory\\ndata: line 1\\ndata: line 2\\n\\n'
>>> decoder = sse.Decoder()
>>> decoder.feed(b"id: 7\\ndata: hi\\n\\n")
[Event(event='message', data='hi', id='7')]
>>> decoder.last_event_id
'7'

Errors are :class:`fleetgate.SseError`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import List, Optional, Union

from fleetgate._fleetgate import sse as _native
from fleetgate._fleetgate.sse import comment, encode
from fleetgate._result import Result
from fleetgate.retry import Backoff


@dataclass(frozen=True)
class Event(Result):
    """One dispatched event: ``event`` (``"message"`` by default), ``data`` (the data lines joined with LF) and
    ``id`` (the last event ID at dispatch)."""

    event: str
    data: str
    id: str


@dataclass(frozen=True)
class Reconnect(Result):
    """When and how to reconnect: ``delay`` seconds to wait, ``last_event_id`` the ``Last-Event-ID`` to send
    (empty: none)."""

    delay: float
    last_event_id: str


class Decoder(_native.Decoder):
    """A streaming event-stream decoder (the WHATWG rules ``EventSource`` follows): ``feed(chunk)`` with bytes as
    they arrive, in chunks of any size; it returns the :class:`Event` objects those bytes completed.

    ``Decoder(max_buffer=None)``: the most bytes it holds (an unfinished line plus the event being built; default
    1 MiB). A stream that needs more raises ``SseError`` with code ``buffer_overflow`` and the decoder stays
    failed (reconnect with a new one). An unknown keyword raises ``SseError`` with code ``invalid_option``."""

    def feed(self, chunk: Union[bytes, str]) -> List[Event]:  # type: ignore[override]
        """Feeds the next bytes (or a str, as UTF-8); returns the completed events."""
        return super().feed(chunk)  # type: ignore[return-value]

    def reconnect(self, backoff: Backoff, attempt: int) -> Optional[Reconnect]:
        """After the stream dropped and ``attempt`` connection attempts were made: when and how to reconnect (the
        server's ``retry:`` if it sent one, capped by ``backoff``, else ``backoff``'s own delay), or ``None`` when
        ``backoff``'s budget is spent."""
        return super().reconnect(backoff, attempt)  # type: ignore[return-value]


__all__ = ["Decoder", "Event", "Reconnect", "comment", "encode"]
