"""Handler views for web frameworks: SMSC's posts to the client's handler URL, typed and verified.

One module per framework, each an optional extra that imports its framework only when called:
``flask`` (:func:`smsc_formats.web.flask.callback_view`), ``django``
(:func:`smsc_formats.web.django.callback_view`) and ``asgi`` for Starlette and FastAPI
(:func:`smsc_formats.web.asgi.callback_endpoint`). Each reads the raw body and the handler URL's
``charset``, and answers as :mod:`smsc_formats.web._handling` decides; they hold no logic of
their own.
"""
