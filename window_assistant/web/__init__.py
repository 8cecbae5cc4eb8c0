"""The citizen's rating page (好差评 by phone): a WSGI application and the waitress server that
serves it. A front end like the CLI: it only calls the rating use cases of the core."""
