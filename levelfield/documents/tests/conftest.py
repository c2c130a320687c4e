"""The documents' test world: Leeds Carers Collective, Gordon (who wrote the document)
and Amara, both members."""

from __future__ import annotations

import pytest

from levelfield.collectives.tests.factories import CollectiveFactory
from levelfield.documents.tests.factories import document_make, member_of


@pytest.fixture
def collective():
    return CollectiveFactory(name="Leeds Carers Collective", slug="leeds-carers")


@pytest.fixture
def gordon(collective):
    return member_of(collective, display_name="Gordon")


@pytest.fixture
def amara(collective):
    return member_of(collective, display_name="Amara")


@pytest.fixture
def document(collective, gordon):
    return document_make(collective=collective, author=gordon)
