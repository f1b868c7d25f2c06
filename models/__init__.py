"""The domain of BaZ: tables, pure rules and the Store.

Nothing in this package imports Textual or python-docx. Importing the package itself is
cheap: the SQLModel tables and the Store live in submodules that are imported only when used.
"""
