"""Read the forms of a rendered page the way a browser would submit them (for CSRF-on tests)."""

from __future__ import annotations

from html.parser import HTMLParser


class _Forms(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.forms: list[dict] = []
        self._select: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag: str, attrs: list) -> None:
        a = dict(attrs)
        if tag == "form":
            self.forms.append({"action": a.get("action", ""), "fields": [], "buttons": []})
        elif not self.forms:
            return
        elif tag == "input" and a.get("name"):
            if a.get("type") in ("checkbox", "radio") and "checked" not in a:
                return
            if a.get("type") == "submit":
                self.forms[-1]["buttons"].append((a["name"], a.get("value", "")))
                return
            self.forms[-1]["fields"].append((a["name"], a.get("value", "")))
        elif tag == "button" and a.get("name"):
            self.forms[-1]["buttons"].append((a["name"], a.get("value", "")))
        elif tag == "textarea":
            self._textarea = a.get("name")
            self.forms[-1]["fields"].append((self._textarea, ""))
        elif tag == "select":
            self._select = a.get("name")
        elif tag == "option" and self._select and "selected" in a:
            self.forms[-1]["fields"].append((self._select, a.get("value", "")))

    def handle_endtag(self, tag: str) -> None:
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data: str) -> None:
        if self._textarea and self.forms:
            name, value = self.forms[-1]["fields"][-1]
            self.forms[-1]["fields"][-1] = (name, value + data)


def forms_of(page: str) -> list[dict]:
    """Every form: its action, its fields as (name, value) pairs in document order, its named buttons."""
    parser = _Forms()
    parser.feed(page)
    return parser.forms


def submission(form: dict, button: str | None = None, **overrides: str) -> dict:
    """What a browser sends: the first value of each name (as a server reading one value sees it), overrides."""
    data: dict[str, str] = {}
    for name, value in form["fields"]:
        data.setdefault(name, value)
    for name, value in form["buttons"]:
        if name == button:
            data[name] = value
    data.update(overrides)
    return data
