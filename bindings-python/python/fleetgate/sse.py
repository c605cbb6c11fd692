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

from fleetgate._fleetgate.sse import Decoder, comment, encode
from fleetgate._result import Result


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


__all__ = ["Decoder", "Event", "Reconnect", "comment", "encode"]
