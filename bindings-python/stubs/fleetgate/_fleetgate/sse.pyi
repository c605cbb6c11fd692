"""
Server-sent events: an injection-safe encoder and a streaming WHATWG decoder.
"""

from .retry import Backoff
from typing_extensions import disjoint_base

__all__ = ["Decoder", "comment", "encode"]

@disjoint_base
class Decoder:
    """
    A streaming event-stream decoder (the WHATWG rules ``EventSource`` follows): ``feed(chunk)`` with bytes as
    they arrive, in chunks of any size; it returns the events (``fleetgate.sse.Event``) those bytes completed.
    """
    def __new__(cls, /, **options) -> Decoder: ...
    def feed(self, /, chunk: "bytes | str") -> "list[object]":
        """
        Feeds the next bytes (or a str, as UTF-8); returns the completed events.
        """
    @property
    def last_event_id(self, /) -> str:
        """
        The last event ID: send it as ``Last-Event-ID`` when reconnecting.
        """
    def reconnect(self, /, backoff: Backoff, attempt: "int") -> "object | None":
        """
        After the stream dropped and ``attempt`` connection attempts were made: a ``fleetgate.sse.Reconnect``
        (``delay``, the seconds to wait: the server's ``retry:`` if it sent one, capped by ``backoff``, else
        ``backoff``'s own delay; ``last_event_id``, the ``Last-Event-ID`` to send, empty: none); ``None`` when
        ``backoff``'s budget is spent.
        """
    @property
    def retry(self, /) -> int | None:
        """
        The reconnection time the server asked for (milliseconds), or ``None``.
        """

def comment(text: "str") -> "str":
    """
    A comment line (``: text``), e.g. a heartbeat; a multi-line text becomes several comment lines.
    """

def encode(data: "str", *, event: "str | None" = None, id: "str | None" = None, retry: "int | None" = None, **unknown: "object") -> "str":
    """
    Encodes one event: ``id``, ``event``, ``retry`` (milliseconds) lines when given, one ``data:`` line per
    line of ``data``, then a blank line. A CR or LF in ``event`` or ``id`` (or NUL in ``id``) raises
    ``fleetgate.SseError`` with code ``field_injection``.
    """
