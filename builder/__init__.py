"""Build the Handboek Resourcegroepen static site.

The build is an MkDocs build with one plugin (:mod:`builder.plugin`). Its
stages, in order:

1. collect content and worksheets   (:mod:`builder.worksheet_pages`)
2. render worksheet pages           (:mod:`builder.worksheet_pages`)
3. vendor the Python runtime        (:mod:`builder.runtime`)
4. package the worksheet Python     (:mod:`builder.pypackages`); app manifest and
   icons (:mod:`builder.icons`); the Python memory snapshot starts in Node beside
   the build (:mod:`builder.snapshot`)
5. build with mkdocs-material       (MkDocs itself, strict mode)
6. post-process: search held on worksheet pages, CSP, service worker, manifest
                                    (:mod:`builder.search`, :mod:`builder.security`,
                                    :mod:`builder.offline`, :mod:`builder.manifest`)
7. verify the written site          (:mod:`builder.verify`)
"""

from __future__ import annotations
