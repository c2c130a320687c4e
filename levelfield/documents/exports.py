"""The document to read offline (HTML and PDF) and its feedback for analysis (CSV).

The offline copy is the current version, each paragraph followed by its comments and
amendments with their answers, then the questions with their answers. Hidden comments
are left out. Names are those shown on the pages; nobody's perspectives are exported.
"""

from __future__ import annotations

import io
import re
from collections import defaultdict

from django.template.loader import render_to_string
from django.utils import timezone

from levelfield.documents.models import LARGE, Amendment, Answer, Comment, Document
from levelfield.documents.services import current_version
from levelfield.lib.pdf import pdf_from_html
from levelfield.lib.spreadsheets import CsvWriter
from levelfield.lib.words import name_or_former

CSV_HEADER = [
    "kind",
    "version",
    "paragraph",
    "section",
    "paragraph text",
    "by",
    "at",
    "text",
    "reason",
    "status",
    "answer",
    "supports",
    "reply to",
]


def filename(document: Document) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", document.title.lower()).strip("-")[:60]
    return slug or f"document-{document.pk}"


def _feedback(document: Document) -> tuple[dict, dict]:
    comments: dict[int, list[Comment]] = defaultdict(list)
    for comment in (
        Comment.objects.filter(document=document, hidden_at__isnull=True)
        .select_related("author", "paragraph__version")
        .defer(*LARGE)
        .order_by("created_at", "pk")
    ):
        comments[comment.lineage].append(comment)
    amendments: dict[int, list[Amendment]] = defaultdict(list)
    for amendment in (
        Amendment.objects.filter(document=document)
        .select_related("proposed_by", "answered_by", "paragraph__version")
        .defer(*LARGE)
        .order_by("proposed_at", "pk")
    ):
        amendments[amendment.lineage].append(amendment)
    return comments, amendments


def document_html(document: Document) -> str:
    version = current_version(document)
    comments, amendments = _feedback(document)
    paragraphs = list(version.paragraphs.order_by("position"))
    for paragraph in paragraphs:
        paragraph.offline_comments = comments.get(paragraph.lineage, [])
        paragraph.offline_amendments = amendments.get(paragraph.lineage, [])
    questions = list(document.questions.prefetch_related("answers__person"))
    return render_to_string(
        "documents/export.html",
        {
            "document": document,
            "version": version,
            "paragraphs": paragraphs,
            "questions": questions,
            "made_at": timezone.now(),
        },
    )


def document_pdf(document: Document) -> bytes:
    return pdf_from_html(document_html(document))


def document_csv(document: Document) -> str:
    """One row per comment, amendment and answer."""
    out = io.StringIO()
    writer = CsvWriter(out)
    writer.writerow(CSV_HEADER)
    comments, amendments = _feedback(document)
    for rows in comments.values():
        for c in rows:
            writer.writerow(
                [
                    "reply" if c.reply_to_id else "comment",
                    c.paragraph.version.number,
                    c.paragraph.position,
                    c.paragraph.section,
                    c.paragraph.text,
                    name_or_former(c.author),
                    c.created_at.isoformat(),
                    c.text,
                    "",
                    "",
                    "",
                    c.support_count,
                    c.reply_to_id or "",
                ]
            )
    for rows in amendments.values():
        for a in rows:
            writer.writerow(
                [
                    "amendment",
                    a.paragraph.version.number,
                    a.paragraph.position,
                    a.paragraph.section,
                    a.base_text,
                    name_or_former(a.proposed_by),
                    a.proposed_at.isoformat(),
                    a.text,
                    a.reason,
                    a.get_status_display(),
                    a.answer_reason,
                    "",
                    "",
                ]
            )
    answers = Answer.objects.filter(question__document=document).select_related(
        "question", "person"
    )
    for answer in answers.order_by("question__position", "answered_at", "pk"):
        writer.writerow(
            [
                "answer",
                "",
                "",
                "",
                answer.question.text,
                name_or_former(answer.person),
                answer.answered_at.isoformat(),
                answer.text,
                "",
                "",
                "",
                "",
                "",
            ]
        )
    return out.getvalue()
