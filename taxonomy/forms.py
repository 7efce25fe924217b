"""The admin form of every term: a translation's synchronised fields are read-only.

A term's stable key (and the other fields wagtail-localize synchronises from the source row)
is the same in every locale: listings and URLs match terms by it (``?theme=governance``). In a
translation those fields follow the source row, so they are shown but disabled, and Django
ignores whatever a request posts for a disabled field.
"""

from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.models import Locale
from wagtail_localize.fields import SynchronizedField


def synchronised_field_names(model):
    return {
        field.field_name
        for field in getattr(model, "translatable_fields", [])
        if isinstance(field, SynchronizedField)
    }


class TermForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is None or self.instance.locale_id == Locale.get_default().pk:
            return
        for name in synchronised_field_names(type(self.instance)) & set(self.fields):
            self.fields[name].disabled = True
