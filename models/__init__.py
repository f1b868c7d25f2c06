"""The domain of BaZ: the rules, the records, the database, the file formats and the Store.

Built in floors; a module imports only from its own floor and the floors below it (checked by
``tests/test_layers.py``; drawn in ``docs/architecture.md``):

- ``domain``, ``errors``, ``i18n``: the words every floor shares (enumerations and labels, the
  one error type, the active message catalogue);
- ``rules/``: pure rules, no database (the speaker list, votes, analysis, naming, privacy, …);
- ``records/``: the immutable data the Store hands out and the screens draw;
- ``files/``: the files a user hands BaZ or gets from it (meeting file, CSV in and out);
- ``database/``: the engine and its settings, the tables, migrations, the change signal;
- ``store/``: the Store, the only place that reads and writes the database;
- on top, built on the Store: ``minutes`` (the minutes of a meeting), ``beamer`` (the beamer's
  picture), ``public_review`` (the review before the public version) and ``demo``.

Nothing in this package imports Textual or python-docx. Importing the package itself is
cheap: the SQLModel tables and the Store live in submodules that are imported only when used.
"""
