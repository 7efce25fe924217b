"""StreamField blocks shared by every content page."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

PARAGRAPH_FEATURES = ["bold", "italic", "link", "ol", "ul", "h3", "h4"]


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("quotation"))
    source = blocks.CharBlock(label=_("source"), help_text=_("Where the quotation comes from."))

    class Meta:
        icon = "openquote"
        template = "blocks/quote_block.html"
        label = _("Quote with source")


class KeyFigureBlock(blocks.StructBlock):
    figure = blocks.CharBlock(label=_("figure"), max_length=40)
    label = blocks.CharBlock(label=_("what it measures"))
    source = blocks.CharBlock(label=_("source"), help_text=_("Figure, section or footnote."))

    class Meta:
        icon = "pick"
        template = "blocks/key_figure_block.html"
        label = _("Key figure with source")


class ListBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("heading"), required=False)
    items = blocks.ListBlock(blocks.CharBlock(label=_("item")), label=_("items"))

    class Meta:
        icon = "list-ul"
        template = "blocks/list_block.html"
        label = _("List")


class BodyBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(features=PARAGRAPH_FEATURES, label=_("Paragraph"))
    quote = QuoteBlock()
    key_figure = KeyFigureBlock()
    list = ListBlock()
