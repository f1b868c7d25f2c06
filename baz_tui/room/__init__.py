"""The room on their phones (DESIGN §5a): a small web server on the local network.

``app`` (the routes), ``pages`` (the HTML), ``markup`` (escaping), ``security`` (the guard:
headers, sizes, rate limits, CSRF), ``server`` (the
process: ``baz zaal`` and :func:`~baz_tui.room.server.start_room_server`), ``network`` (which
address), ``qr`` (the code in the terminal). Importing this package loads no web library.
"""
