"""The colours of BaZ, shared by the chair's app and the beamer."""

from __future__ import annotations

from textual.theme import Theme

#: High contrast: white on black, yellow for what has focus. The default, for old eyes and
#: bright neighbourhood-centre lights.
CONTRAST_THEME = Theme(
    name="baz-contrast",
    dark=True,
    primary="#FFD400",
    secondary="#00E5FF",
    accent="#FFD400",
    foreground="#FFFFFF",
    background="#000000",
    surface="#0A0A0A",
    panel="#262626",
    boost="#1C1C1C",
    warning="#FFB000",
    error="#FF5C5C",
    success="#3DDC84",
    variables={
        "footer-key-foreground": "#FFD400",
        "footer-description-foreground": "#FFFFFF",
        "block-cursor-background": "#FFD400",
        "block-cursor-foreground": "#000000",
        "block-cursor-text-style": "bold",
        "input-selection-background": "#FFD400 40%",
    },
)

#: A calm light theme for daylight and printing screenshots.
LIGHT_THEME = Theme(
    name="baz-licht",
    dark=False,
    primary="#0B4F9C",
    secondary="#006D77",
    accent="#0B4F9C",
    foreground="#111111",
    background="#FFFFFF",
    surface="#F4F4F4",
    panel="#E2E2E2",
    boost="#EAEAEA",
    warning="#8A5A00",
    error="#B00020",
    success="#1B6E35",
    variables={
        "block-cursor-background": "#0B4F9C",
        "block-cursor-foreground": "#FFFFFF",
        "block-cursor-text-style": "bold",
    },
)

THEMES = (CONTRAST_THEME, LIGHT_THEME)
