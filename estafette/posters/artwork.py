"""Draw an activity's poster (PDF) and social cards (PNG) from its public facts."""

import io
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import segno
from django.conf import settings
from django.utils import formats, timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from fpdf import FPDF
from PIL import Image, ImageDraw, ImageFont, ImageOps

# National activities have no region; they get the campaign's own dark blue.
NATIONAL_COLOUR = "#154273"
WHITE = "#ffffff"
INK = "#1a1a1a"

CARD_SIZES = {"card": (1200, 630), "square": (1080, 1080)}
POSTER_FORMATS = {"a4": "A4", "a3": "A3"}


@dataclass(frozen=True)
class PosterFacts:
    """Everything a poster or card shows; also what its cached file is keyed on."""

    title: str
    dates: str
    place: str
    organisers: str
    region: str
    colour: str
    url: str
    image_name: str
    image_alt: str
    updated: str
    language: str


def date_range(starts_at, ends_at) -> str:
    """ "dinsdag 7 februari 2023, 14:00 – 16:00" or, over several days, both dates in full.

    Stands in until the shared date-range formatter lands; same output for one-day activities.
    """
    start, end = timezone.localtime(starts_at), timezone.localtime(ends_at)
    if start.date() == end.date():
        day = formats.date_format(start, "l j F Y")
        return f"{day}, {start:%H:%M} – {end:%H:%M}"
    first = formats.date_format(start, "j F Y, H:i")
    last = formats.date_format(end, "j F Y, H:i")
    return f"{first} – {last}"


def place_of(activity) -> str:
    if activity.has_venue:
        parts = [activity.venue_name, activity.town]
        place = ", ".join(part for part in parts if part)
        if activity.is_online:
            return _("%(place)s en online") % {"place": place}
        return place
    return _("Online")


def facts_for(activity, *, image=None) -> PosterFacts:
    region = activity.region
    organisers = ", ".join(organisation.name for organisation in activity.public_organisers())
    return PosterFacts(
        title=activity.title,
        dates=date_range(activity.starts_at, activity.ends_at),
        place=place_of(activity),
        organisers=organisers,
        region=_("Regio %(name)s") % {"name": region.name} if region else _("Landelijk"),
        colour=region.colour if region else NATIONAL_COLOUR,
        url=f"{settings.SITE_URL}{activity.get_absolute_url()}",
        image_name=image.image.name if image else "",
        image_alt=image.alt_text if image else "",
        updated=activity.updated_at.isoformat(),
        language=translation_language(),
    )


def translation_language() -> str:
    return get_language() or settings.LANGUAGE_CODE


# Fonts ---------------------------------------------------------------------------------------


def font_path(bold: bool) -> Path | None:
    """DejaVu Sans from the system (Debian's fonts-dejavu-core), or None to fall back."""
    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    for folder in settings.POSTER_FONT_DIRS:
        candidate = Path(folder) / name
        if candidate.is_file():
            return candidate
    return None


def pil_font(size: int, bold: bool = False):
    path = font_path(bold)
    return _loaded_font(str(path) if path else "", size)


@lru_cache(maxsize=64)
def _loaded_font(path: str, size: int):
    if path:
        return ImageFont.truetype(path, size)
    # Pillow's own scalable font: plainer, but every character still draws.
    return ImageFont.load_default(size=size)


# QR code -------------------------------------------------------------------------------------


def qr_image(url: str, size: int) -> Image.Image:
    """A black-on-white QR code of at least `size` pixels, with its quiet zone."""
    qr = segno.make(url, error="m")
    modules = qr.symbol_size(scale=1, border=4)[0]
    buffer = io.BytesIO()
    qr.save(buffer, kind="png", scale=max(size // modules, 1), border=4)
    buffer.seek(0)
    return Image.open(buffer).convert("RGB")


# Cards (PNG) ---------------------------------------------------------------------------------


def wrap(draw, text: str, font, width: int, max_lines: int) -> list[str]:
    """Break text into lines that fit `width`; the last line ends in an ellipsis if cut."""
    words, lines, line = text.split(), [], ""
    for word in words:
        attempt = f"{line} {word}".strip()
        if draw.textlength(attempt, font=font) <= width or not line:
            line = attempt
        else:
            lines.append(line)
            line = word
    if line:
        lines.append(line)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        last = lines[-1]
        while last and draw.textlength(last + "…", font=font) > width:
            last = last[:-1]
        lines[-1] = last.rstrip() + "…"
    return lines


def draw_lines(draw, xy, lines, font, fill, spacing: float = 1.2) -> int:
    x, y = xy
    for line in lines:
        draw.text((x, y), line, font=font, fill=fill)
        y += int(font.size * spacing)
    return y


def open_image(image) -> Image.Image | None:
    if image is None:
        return None
    with image.image.open("rb") as handle:
        picture = Image.open(handle)
        picture.load()
    return ImageOps.exif_transpose(picture).convert("RGB")


def card_png(facts: PosterFacts, shape: str, picture: Image.Image | None = None) -> bytes:
    width, height = CARD_SIZES[shape]
    canvas = Image.new("RGB", (width, height), facts.colour)
    draw = ImageDraw.Draw(canvas)
    margin = 56
    if shape == "card":
        text_width, qr_size = (700 if picture else width - 2 * margin - 260), 220
        if picture:
            panel = ImageOps.fit(picture, (width - text_width - margin, height))
            canvas.paste(panel, (text_width + margin, 0))
        qr_xy = (width - margin - qr_size, height - margin - qr_size)
        title_size, title_lines = 58, 3
    else:
        text_width, qr_size = width - 2 * margin, 240
        top = 0
        if picture:
            top = 420
            canvas.paste(ImageOps.fit(picture, (width, top)), (0, 0))
        qr_xy = (width - margin - qr_size, height - margin - qr_size)
        title_size, title_lines = 64, 3
    y = (420 + margin) if (shape == "square" and picture) else margin
    draw.text((margin, y), f"Slimme Zorg Estafette · {facts.region}", font=pil_font(28), fill=WHITE)
    y += 56
    title_font = pil_font(title_size, bold=True)
    y = draw_lines(
        draw,
        (margin, y),
        wrap(draw, facts.title, title_font, text_width, title_lines),
        title_font,
        WHITE,
    )
    y += 16
    info_font = pil_font(32)
    info_width = text_width if shape == "card" else width - 2 * margin - qr_size - 24
    for text, lines in ((facts.dates, 2), (facts.place, 1), (facts.organisers, 2)):
        y = draw_lines(
            draw, (margin, y), wrap(draw, text, info_font, info_width, lines), info_font, WHITE
        )
        y += 8
    qr = qr_image(facts.url, qr_size - 20).resize((qr_size - 20, qr_size - 20), Image.NEAREST)
    draw.rectangle([qr_xy, (qr_xy[0] + qr_size, qr_xy[1] + qr_size)], fill=WHITE)
    canvas.paste(qr, (qr_xy[0] + 10, qr_xy[1] + 10))
    buffer = io.BytesIO()
    canvas.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


# Poster (PDF) --------------------------------------------------------------------------------


def hex_rgb(colour: str) -> tuple[int, int, int]:
    colour = colour.lstrip("#")
    return tuple(int(colour[i : i + 2], 16) for i in (0, 2, 4))


class PosterPDF(FPDF):
    def setup_fonts(self) -> str:
        regular, bold = font_path(False), font_path(True)
        if regular and bold:
            self.add_font("DejaVu", "", str(regular))
            self.add_font("DejaVu", "B", str(bold))
            return "DejaVu"
        return "Helvetica"


def plain(text: str, family: str) -> str:
    """The PDF's built-in Helvetica knows Latin-1 only: replace what it cannot draw."""
    if family != "Helvetica":
        return text
    text = text.replace("–", "-").replace("…", "...").replace("·", "-")
    return text.encode("latin-1", "replace").decode("latin-1")


def poster_pdf(facts: PosterFacts, paper: str, picture: Image.Image | None = None) -> bytes:
    pdf = PosterPDF(format=POSTER_FORMATS[paper], unit="mm")
    pdf.set_title(facts.title)
    pdf.set_author(facts.organisers)
    pdf.set_subject(_("Slimme Zorg Estafette"))
    pdf.set_lang(facts.language)
    pdf.set_auto_page_break(False)
    pdf.add_page()
    family = pdf.setup_fonts()
    zoom = pdf.w / 210  # A3 is A4 scaled by the square root of two
    margin = 16 * zoom
    width = pdf.w - 2 * margin
    red, green, blue = hex_rgb(facts.colour)

    def text(size, content, bold=False, height=1.3, colour=(26, 26, 26)):
        pdf.set_font(family, "B" if bold else "", size * zoom)
        pdf.set_text_color(*colour)
        pdf.multi_cell(width, size * zoom * 0.3528 * height, plain(content, family))

    band = 62 * zoom
    pdf.set_fill_color(red, green, blue)
    pdf.rect(0, 0, pdf.w, band, style="F")
    pdf.set_xy(margin, margin)
    text(16, f"Slimme Zorg Estafette · {facts.region}", colour=(255, 255, 255))
    pdf.set_x(margin)
    text(30, facts.title, bold=True, height=1.15, colour=(255, 255, 255))
    y = max(pdf.get_y(), band) + 10 * zoom
    if picture:
        picture_height = 80 * zoom
        fitted = ImageOps.fit(picture, (int(width * 8), int(picture_height * 8)))
        pdf.image(fitted, x=margin, y=y, w=width, h=picture_height, alt_text=facts.image_alt)
        y += picture_height + 8 * zoom
    pdf.set_xy(margin, y)
    for label, value in ((_("Wanneer"), facts.dates), (_("Waar"), facts.place)):
        pdf.set_x(margin)
        text(12, label, bold=True)
        pdf.set_x(margin)
        text(18, value)
        pdf.ln(4 * zoom)
    pdf.set_x(margin)
    text(12, _("Georganiseerd door"), bold=True)
    pdf.set_x(margin)
    text(14, facts.organisers)
    qr_size = 60 * zoom
    qr_y = pdf.h - margin - qr_size
    pdf.image(
        qr_image(facts.url, 600),
        x=margin,
        y=qr_y,
        w=qr_size,
        h=qr_size,
        alt_text=_("QR-code naar de pagina van deze activiteit"),
    )
    pdf.set_xy(margin + qr_size + 8 * zoom, qr_y + 8 * zoom)
    width -= qr_size + 8 * zoom
    text(14, _("Meer informatie en aanmelden:"), bold=True)
    pdf.set_x(margin + qr_size + 8 * zoom)
    text(12, facts.url)
    pdf.set_fill_color(red, green, blue)
    pdf.rect(0, pdf.h - 6 * zoom, pdf.w, 6 * zoom, style="F")
    return bytes(pdf.output())
