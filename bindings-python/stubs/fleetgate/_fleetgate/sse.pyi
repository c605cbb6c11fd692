"""
Server-sent events: an injection-safe encoder and a streaming WHATWG decoder.
"""

from .retry import Backoff
from typing import final

__all__ = ["Decoder", "Event", "comment", "encode"]

@final
class Decoder:
    """
    A streaming event-stream decoder (the WHATWG rules ``EventSource`` follows): ``feed(chunk)`` with bytes as
    they arrive, in chunks of any size; it returns the events those bytes completed.
    """
    def __new__(cls, /) -> Decoder: ...
    def feed(self, /, chunk: "bytes") -> "list[Event]":
        """
        Feeds the next bytes; returns the completed events.
        """
    @property
    def last_event_id(self, /) -> str:
        """
        The last event ID: send it as ``Last-Event-ID`` when reconnecting.
        """
    def reconnect(self, /, backoff: Backoff, attempt: "int") -> "tuple[float, str] | None":
        """
        After the stream dropped and ``attempt`` connection attempts were made: ``(delay, last_event_id)``, the
        seconds to wait (the server's ``retry:`` if it sent one, capped by ``backoff``, else ``backoff``'s own
        delay) and the ``Last-Event-ID`` to send (empty: none); ``None`` when ``backoff``'s budget is spent.
        """
    @property
    def retry(self, /) -> int | None:
        """
        The reconnection time the server asked for (milliseconds), or ``None``.
        """

@final
class Event:
    """
    One dispatched event: ``event`` (``"message"`` by default), ``data`` and ``id`` (the last event ID).
    """
    def __eq__(self, value: object, /) -> bool: ...
    def __ne__(self, value: object, /) -> bool: ...
    def __repr__(self, /) -> str: ...
    @property
    def data(self, /) -> str:
        """
        The data lines joined with LF.
        """
    @property
    def event(self, /) -> str:
        """
        The event type.
        """
    @property
    def id(self, /) -> str:
        """
        The last event ID at dispatch.
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
