"""A page's themed HTML once per input, for the rebuilds of `mkdocs serve`.

Every rebuild renders Material's main.html for every page (the nav, header, footer around the
content), and every rebuild compiles the theme's templates again in a fresh Jinja environment.
An edit to one claim changes the content of a handful of pages and nothing else: the other pages'
HTML is the same as in the last build. Keyed by everything the template can read (argkb.fingerprint:
the page, its table of contents, the whole nav, the config and its file, the rest of the template
context, the source of every theme template), a stored page can only be what a fresh render would
write; a context holding something the key cannot capture is rendered as usual. The compiled
templates are kept too (Jinja's bytecode cache, checked against each template's source). Both
live in the serve process; pages are kept for the last build only.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from jinja2 import BytecodeCache, Environment, Template, TemplateNotFound
from jinja2.bccache import Bucket
from mkdocs.structure.pages import Page

from argkb import fingerprint

enabled = False
"""Set by the plugin for `mkdocs serve` only: a one-off build would pay for hashing and memory."""
stats = {"hits": 0, "misses": 0, "uncacheable": 0}


@dataclass(frozen=True)
class _Stored:
    html: str
    templates: frozenset[tuple[str, str, str]]
    """(name asked for, file, source checksum) of each template the render loaded: reused only
    while each name still finds the same file with the same source."""
    build_date: Any
    """The context's build_date_utc if one of those templates reads it, else None."""


_current: dict[str, _Stored] = {}
_previous: dict[str, _Stored] = {}


class _MemoryBytecode(BytecodeCache):
    """Compiled templates kept in memory (Jinja drops one whose source checksum changed); tells
    the build which template source each name was loaded from."""

    def __init__(self) -> None:
        self.code: dict[str, tuple[str, Any]] = {}
        self.build: _Build | None = None

    def get_bucket(self, environment: Environment, name: str, filename: str | None, source: str) -> Bucket:
        bucket = super().get_bucket(environment, name, filename, source)
        if self.build is not None and self.build.env is environment:
            self.build.loaded((name, filename or ""), bucket.checksum, "build_date_utc" in source)
        return bucket

    def load_bytecode(self, bucket: Bucket) -> None:
        checksum, code = self.code.get(bucket.key, ("", None))
        if checksum == bucket.checksum:
            bucket.code = code

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.code[bucket.key] = (bucket.checksum, bucket.code)


_BYTECODE = _MemoryBytecode()


class _Build:
    """One build's digests of what all pages share (computed when the first page renders: by then
    every page has its title and content) and of the theme templates it loaded."""

    def __init__(self, env: Environment) -> None:
        self.env = env
        self.shared: dict[tuple[str, int], str] = {}
        # (name, file) -> checksum of the source this build loaded (a prefixed name, like our
        # partial's `material/partials/nav.html`, is loaded under the name the inner loader sees)
        self.checksums: dict[tuple[str, str], str] = {}
        self.read_build_date: set[tuple[str, str]] = set()  # the templates that read build_date_utc
        self.unstable = False  # a template changed during the build: store nothing
        self.used: set[tuple[str, str, str]] | None = None  # (asked, name, file) of the page's templates
        self._now: dict[str, tuple[str, str]] = {}
        self._valid: dict[frozenset[tuple[str, str, str]], bool] = {}
        load = env._load_template  # every get_template/select_template (include, extends, import) passes here

        def load_template(name: Any, globals: Any) -> Template:
            template = load(name, globals)
            if self.used is not None:
                self.used.add((str(name), template.name or "", template.filename or ""))
            return template

        env._load_template = load_template  # type: ignore[method-assign]

    def loaded(self, template: tuple[str, str], checksum: str, reads_build_date: bool) -> None:
        if self.checksums.get(template, checksum) != checksum:
            self.unstable = True
        self.checksums[template] = checksum
        if reads_build_date:
            self.read_build_date.add(template)

    def _source_now(self, name: str) -> tuple[str, str]:
        """(file, source checksum) the name finds now: an override added since is seen too."""
        if name not in self._now:
            assert self.env.loader is not None
            try:
                source, filename, _ = self.env.loader.get_source(self.env, name)
                self._now[name] = (filename or "", _BYTECODE.get_source_checksum(source))
            except TemplateNotFound:
                self._now[name] = ("", "")
        return self._now[name]

    def still_valid(self, stored: _Stored, context: dict[str, Any]) -> bool:
        if stored.build_date is not None and stored.build_date != context.get("build_date_utc"):
            return False
        if stored.templates not in self._valid:
            self._valid[stored.templates] = all(self._source_now(n) == (f, c) for n, f, c in stored.templates)
        return self._valid[stored.templates]

    def render(self, template: Template, context: dict[str, Any]) -> _Stored | None:
        """Render, noting the templates used; None when they cannot all be named."""
        self.used = used = {(template.name or "", template.name or "", template.filename or "")}
        try:
            html = Template.render(template, context)
        finally:
            self.used = None
        if self.unstable or not all((name, file) in self.checksums for _, name, file in used):
            return None
        reads_date = any((name, file) in self.read_build_date for _, name, file in used)
        templates = frozenset((asked, file, self.checksums[name, file]) for asked, name, file in used)
        return _Stored(html, templates, context.get("build_date_utc") if reads_date else None)

    def _shared(self, name: str, item: Any, digest: Any) -> str:
        key = (name, id(item))
        if key not in self.shared:
            self.shared[key] = digest(item)
        return self.shared[key]

    def key(self, template: Template, context: dict[str, Any]) -> str:
        parts = [template.name or ""]
        for name in sorted(context):
            item = context[name]
            if name == "page":
                parts.append(fingerprint.page(item))
            elif name == "nav":
                parts.append(self._shared(name, item, fingerprint.nav))
            elif name == "config":
                parts.append(self._shared(name, item, fingerprint.config))
            elif name == "pages":
                parts.append(self._shared(name, item, fingerprint.files))
            elif name != "build_date_utc":  # compared only where a template reads it (still_valid)
                parts.append(f"{name}={fingerprint.value(item)}")
        return fingerprint.digest(*parts)


class _CachingTemplate(Template):
    """A theme template whose page renders are looked up first (templates without a page, like
    404.html and sitemap.xml, are rendered as usual)."""

    def render(self, *args: Any, **kwargs: Any) -> str:
        context = dict(*args, **kwargs)
        build: _Build | None = getattr(self.environment, "argkb_page_cache", None)
        if build is None or build.used is not None or not isinstance(context.get("page"), Page):
            return super().render(context)
        try:
            key = build.key(self, context)
        except fingerprint.Uncacheable:
            stats["uncacheable"] += 1
            return super().render(context)
        stored = _previous.get(key) or _current.get(key)
        if stored is not None and build.still_valid(stored, context):
            stats["hits"] += 1
            _current[key] = stored
            return stored.html
        stats["misses"] += 1
        rendered = build.render(self, context)
        if rendered is None:
            return super().render(context)  # not stored: render as usual (rare: a template changed)
        _current[key] = rendered
        return rendered.html


def install(env: Environment) -> None:
    """A new build's theme environment: keep only the last build's pages, reuse compiled templates."""
    global _previous, _current
    _previous, _current = _current, {}
    if not callable(getattr(env, "_load_template", None)):
        return  # not the Jinja this was written for: no page cache, every page rendered
    build = _Build(env)
    _BYTECODE.build = build
    env.bytecode_cache = _BYTECODE
    env.template_class = _CachingTemplate
    if env.cache is not None:
        env.cache.clear()  # templates loaded before this hook: load them again as _CachingTemplate
    env.argkb_page_cache = build  # type: ignore[attr-defined]
