import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend

from .demo import is_demo_login

logger = logging.getLogger(__name__)


class ModelBackendWithoutDemoAccounts(ModelBackend):
    """Django's model backend, refusing the demo accounts' published passwords.

    A database copied from a developer's machine still holds the demo accounts; where
    ``OCSEA_DEMO_ACCOUNTS_ALLOWED`` is False (production), logging in with a demo account's
    published password fails like a wrong password, whatever the database says.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None:
            username = kwargs.get(get_user_model().USERNAME_FIELD)
        if not settings.OCSEA_DEMO_ACCOUNTS_ALLOWED and is_demo_login(username, password):
            logger.warning("Refused the demo account %r: demo accounts are disabled", username)
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
