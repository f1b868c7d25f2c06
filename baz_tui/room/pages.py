"""The room's pages, server-rendered: plain HTML that an old phone shows without JavaScript.

Every page is one column of large controls: a label on each, buttons at least 48 px high
(``static/room.css``), the language in ``<html lang>``, a status line that a screen reader
reads out. Everything a page shows that came from outside this file — a resident's idea, the
chair's question, a refusal of the Store — goes in as a value of :func:`render`, escaped.
Texts go through the catalogue; the caller installs the phone's language first.
"""

from __future__ import annotations

from dataclasses import dataclass

from baz_tui.room.markup import Html, join, render
from models.domain import Ballot, CardKind, PollMethod, PollStatus
from models.i18n import _, ngettext
from models.records.room import RoomDots, RoomNow, RoomPoll
from models.rules.room import grouped
from models.rules.votes import VOTE_LABELS

#: The kinds of card a phone may hand in (the core problem is the chair's to name); the Store
#: refuses any other (``models.store.room.PHONE_CARD_KINDS``, which loads the database).
PHONE_CARD_KINDS = (CardKind.OORZAAK.value, CardKind.GEVOLG.value, CardKind.OPLOSSING.value)


@dataclass(frozen=True, slots=True)
class Notice:
    """A line at the top of the next page: what the last tap did, or why it did nothing."""

    text: str
    refused: bool = False


def button_label(label: str) -> str:
    """An option on a button starts with a capital: the Store keeps "voor", a button says
    "Voor" (a label the chair typed keeps the rest of its letters as typed)."""
    return label[:1].upper() + label[1:]


def option_labels(poll: RoomPoll) -> tuple[str, ...]:
    """The options as the phone shows them: a for/against vote's are BaZ's own words, stored
    in the language of the evening, shown in the phone's (as the minutes show them); the
    labels of a choice are the chair's, as typed."""
    if poll.method == PollMethod.VOOR_TEGEN and len(poll.options) == len(VOTE_LABELS):
        return tuple(_(word) for word in VOTE_LABELS)
    return tuple(option.label for option in poll.options)


def card_kind_label(kind: str) -> str:
    labels = {"oorzaak": _("Cause"), "gevolg": _("Effect"), "oplossing": _("Idea")}
    return labels[kind]


def layout(
    language: str,
    title: str,
    body: Html,
    *,
    here: str = "/",
    version: str | None = None,
) -> Html:
    """A whole page: head, the language switch, ``body`` in ``<main>``.

    ``version`` (on the page of what the room does now) lets ``room.js`` reload the page when
    the room changed; without it the page has no script at all.
    """
    other, other_name = ("en", "English") if language == "nl" else ("nl", "Nederlands")
    script = Html('<script src="/static/room.js"></script>') if version is not None else Html("")
    return render(
        """<!DOCTYPE html>
<html lang="{language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>{title} – BaZ</title>
<link rel="stylesheet" href="/static/room.css">
</head>
<body{version}>
<a class="skip" href="#main">{skip}</a>
<header><p class="brand">BaZ · {brand}</p>
<p class="lang"><a href="{here}?lang={other}" lang="{other}" hreflang="{other}">{other_name}</a></p>
</header>
<main id="main">
{body}
</main>
{script}
</body>
</html>
""",
        language=language,
        title=title,
        version=render(' data-version="{v}"', v=version) if version is not None else Html(""),
        skip=_("Skip to the content"),
        brand=_("Residents in charge"),
        here=here,
        other=other,
        other_name=other_name,
        body=body,
        script=script,
    )


def notice_block(notice: Notice | None) -> Html:
    if notice is None:
        return Html("")
    if notice.refused:
        return render('<p class="notice refused" role="alert">{t}</p>', t=notice.text)
    return render('<p class="notice done" role="status">{t}</p>', t=notice.text)


def hidden(name: str, value: object) -> Html:
    return render('<input type="hidden" name="{n}" value="{v}">', n=name, v=value)


# ----------------------------------------------------------------------------- joining


def join_page(language: str, csrf: str, notice: Notice | None = None) -> Html:
    """Enter the meeting code (the QR code carries it in ``/?c=``)."""
    body = render(
        """<h1>{heading}</h1>
{notice}
<p>{explain}</p>
<form method="post" action="/">
{csrf}
<label for="code">{label}</label>
<input id="code" name="code" type="text" autocomplete="off" autocapitalize="characters"
 spellcheck="false" maxlength="32" required>
<button type="submit">{button}</button>
</form>""",
        heading=_("Take part from your phone"),
        notice=notice_block(notice),
        explain=_("Type the meeting code that is on the beamer, or scan its QR code."),
        csrf=hidden("csrf", csrf),
        label=_("Meeting code"),
        button=_("Join"),
    )
    return layout(language, _("Join the meeting"), body)


# ----------------------------------------------------------------------------- now


def now_page(
    language: str,
    now: RoomNow,
    csrf: str,
    version: str,
    notice: Notice | None = None,
    *,
    card_code: str | None = None,
) -> Html:
    """What the room does now: the open vote, the dots, a card to hand in. ``card_code``: the
    voting card this phone scanned, filled in where a vote asks for one."""
    sections = [
        section
        for section in (
            _poll_section(now.poll, csrf, card_code),
            _dots_section(now.dots, csrf),
            _card_section(now, csrf),
        )
        if section
    ]
    if not sections:
        sections.append(
            render(
                '<p class="quiet">{t}</p>',
                t=_("There is nothing to vote on or hand in right now."),
            )
        )
    item = render('<p class="item">{t}</p>', t=now.item_title) if now.item_title else Html("")
    body = render(
        """<h1>{title}</h1>
{item}
{notice}
{sections}
<p class="refresh"><a class="button secondary" href="/nu">{refresh}</a></p>""",
        title=now.meeting_title,
        item=item,
        notice=notice_block(notice),
        sections=join(sections),
        refresh=_("Refresh"),
    )
    return layout(language, _("Now in the meeting"), body, here="/nu", version=version)


def _poll_section(poll: RoomPoll | None, csrf: str, card_code: str | None = None) -> Html:
    if poll is None:
        return Html("")
    parts: list[Html] = [
        render('<h2 id="poll-h">{h}</h2>', h=_("Vote")),
        render('<p class="question">{q}</p>', q=poll.question),
    ]
    if poll.status == PollStatus.VASTGESTELD:
        parts.append(
            render(
                '<p class="result" role="status"><strong>{label}</strong> {r}</p>',
                label=_("Result:"),
                r=poll.result_words(),
            )
        )
    elif poll.voted:
        parts.append(
            render('<p class="done" role="status">{t}</p>', t=_("Your vote has been counted."))
        )
    elif poll.status == PollStatus.OPEN:
        card_field = Html("")
        if poll.ballot == Ballot.STEMKAART:
            card_field = render(
                """<label for="kaart">{label}</label>
<p class="hint" id="kaart-hint">{hint}</p>
<input id="kaart" name="kaart" type="text" autocomplete="off" autocapitalize="characters"
 spellcheck="false" maxlength="64" required aria-describedby="kaart-hint"{value}>""",
                label=_("Code of your voting card"),
                hint=_("This vote needs the code printed on the voting card you got at the door."),
                value=render(' value="{v}"', v=grouped(card_code)) if card_code else Html(""),
            )
        buttons = join(
            render(
                '<button type="submit" name="option_id" value="{id}">{label}</button>',
                id=option.id,
                label=button_label(label),
            )
            for option, label in zip(poll.options, option_labels(poll), strict=True)
        )
        parts.append(
            render(
                """<form method="post" action="/stem">
{csrf}{poll}
{card}
<fieldset><legend>{legend}</legend>
{buttons}
</fieldset>
</form>""",
                csrf=hidden("csrf", csrf),
                poll=hidden("poll_id", poll.id),
                card=card_field,
                legend=_("Tap your choice once:"),
                buttons=buttons,
            )
        )
    return render('<section aria-labelledby="poll-h">\n{p}\n</section>', p=join(parts))


def _dots_section(dots: RoomDots | None, csrf: str) -> Html:
    if dots is None:
        return Html("")
    left = dots.left
    ideas = join(
        render(
            """<li><form method="post" action="/stip">
{csrf}{card}
<p class="idea">{idea}</p>
<p class="mine">{mine}</p>
<div class="pair">
<button type="submit" name="delta" value="1"{no_more}>{add}</button>
<button type="submit" name="delta" value="-1" class="secondary"{no_less}>{remove}</button>
</div>
</form></li>""",
            csrf=hidden("csrf", csrf),
            card=hidden("card_id", idea.card_id),
            idea=idea.text,
            mine=(
                ngettext("You gave it {n} dot.", "You gave it {n} dots.", idea.mine).format(
                    n=idea.mine
                )
                if idea.mine
                else _("No dot from you yet.")
            ),
            add=_("Add a dot"),
            remove=_("Take my dot off"),
            no_more=Html(" disabled") if left == 0 else Html(""),
            no_less=Html(" disabled") if idea.mine == 0 else Html(""),
        )
        for idea in dots.ideas
    )
    return render(
        """<section aria-labelledby="dots-h">
<h2 id="dots-h">{h}</h2>
<p class="left" role="status">{left}</p>
<ul class="ideas">
{ideas}
</ul>
</section>""",
        h=_("Dots on the ideas"),
        left=ngettext("You have {n} dot left.", "You have {n} dots left.", left).format(n=left),
        ideas=ideas,
    )


def _card_section(now: RoomNow, csrf: str) -> Html:
    if not now.cards_open or now.cards_item_id is None:
        return Html("")
    kinds = join(
        render(
            """<div class="choice"><input type="radio" id="kind-{k}" name="kind" value="{k}"{req}>
<label for="kind-{k}">{label}</label></div>""",
            k=kind,
            label=card_kind_label(kind),
            req=Html(" required") if index == 0 else Html(""),
        )
        for index, kind in enumerate(PHONE_CARD_KINDS)
    )
    return render(
        """<section aria-labelledby="card-h">
<h2 id="card-h">{h}</h2>
<p class="hint">{explain}</p>
<form method="post" action="/kaart">
{csrf}{item}
<fieldset><legend>{kind_legend}</legend>
{kinds}
</fieldset>
<label for="text">{text_label}</label>
<textarea id="text" name="text" rows="4" maxlength="500" required></textarea>
<button type="submit">{button}</button>
</form>
</section>""",
        h=_("Hand in a card"),
        explain=_("Anonymous. The note-taker reads it before it goes into the problem tree."),
        csrf=hidden("csrf", csrf),
        item=hidden("item_id", now.cards_item_id),
        kind_legend=_("What kind of card?"),
        kinds=kinds,
        text_label=_("Your card"),
        button=_("Hand in"),
    )


# ----------------------------------------------------------------------------- refusals


def error_page(language: str, status: int, message: str, *, back: str = "/nu") -> Html:
    """A refusal: what went wrong in one sentence, nothing changed, and the way back."""
    titles = {
        400: _("This request is not right"),
        403: _("This form is no longer valid"),
        404: _("This page does not exist"),
        405: _("This cannot be done here"),
        409: _("Nothing changed"),
        410: _("The meeting room is closed"),
        413: _("That is too long"),
        414: _("That address is too long"),
        415: _("This request is not right"),
        429: _("Slow down a little"),
    }
    title = titles.get(status, _("Something went wrong"))
    body = render(
        """<h1>{title}</h1>
<p class="notice refused" role="alert">{message}</p>
<p><a class="button" href="{back}">{again}</a></p>""",
        title=title,
        message=message,
        back=back,
        again=_("Back"),
    )
    return layout(language, title, body, here=back if back.startswith("/") else "/")
