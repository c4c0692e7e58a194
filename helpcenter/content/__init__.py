"""The help center's content: one owner for everything under content/.

- `library.py`: `get_library()`, the content loaded, checked and rendered once per version
- `schema.py`: the schema base (pydantic) every document kind validates with
- `documents.py`: document kinds and their registry (the wizard registers its flow and guides)
- `articles.py`, `facts.py`: the help center's own kinds
- `localized.py`: `LocalizedText`, the one shape of a text in several languages
- `references.py`, `factformat.py`: the `[[kind:key]]` grammar and how each fact renders
- `markdown.py`: the one Markdown extension, which renders and checks references and links
- `problems.py`: `ContentProblem`, the one way a content mistake is reported
"""

from __future__ import annotations

from helpcenter.content.library import Library, clear_library_cache, get_library

__all__ = ["Library", "clear_library_cache", "get_library"]
