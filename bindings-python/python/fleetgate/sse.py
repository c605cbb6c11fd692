"""Server-sent events: an encoder that refuses field injection and a streaming WHATWG decoder.

>>> from fleetgate import sse
>>> sse.encode("line 1\\nline 2", event="inventory", id="42")
'id: 42\\nevent: inventory\\ndata: line 1\\ndata: line 2\\n\\n'
>>> decoder = sse.Decoder()
>>> decoder.feed(b"id: 7\\ndata: hi\\n\\n")
[Event(event="message", data="hi", id="7")]
>>> decoder.last_event_id
'7'

Errors are :class:`fleetgate.SseError`.
"""

from __future__ import annotations

from fleetgate._fleetgate.sse import Decoder, Event, comment, encode

__all__ = ["Decoder", "Event", "comment", "encode"]
