"""Machine translation in wagtail-localize's editor (a dummy translator in tests)."""

from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail_localize.models import StringTranslation, Translation, TranslationSource

from tests import factories
from tests.l10n import french, french_tree


def test_a_translator_can_prefill_a_translation_by_machine(client, site, taxonomy):
    practice = factories.practice(
        site["practices"], "Web Constables", summary="Police officers answer questions online."
    )
    french_tree(site)
    source, _created = TranslationSource.get_or_create_from_instance(practice)
    # As the admin's "Translate" action: a French draft made from the source, to be translated.
    source.create_or_update_translation(french(), publish=False, fallback=True)
    translation = Translation.objects.create(source=source, target_locale=french())
    client.force_login(get_user_model().objects.create_superuser("mt", "mt@example.org", "pw"))

    response = client.post(
        reverse("wagtail_localize:machine_translate", args=[translation.pk]), {"next": "/admin/"}
    )

    assert response.status_code == 302
    translated = set(
        StringTranslation.objects.filter(locale=french()).values_list("data", flat=True)
    )
    # The dummy translator reverses the words of each segment.
    assert "online. questions answer officers Police" in translated
