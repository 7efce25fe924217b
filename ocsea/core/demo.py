"""Demo accounts: documented, published passwords for a developer's machine only."""

# Published on purpose (README): these accounts only ever work where
# OCSEA_DEMO_ACCOUNTS_ALLOWED is True (development and tests).
DEMO_ACCOUNTS = [
    {"username": "admin", "password": "atlas-admin-demo", "superuser": True, "groups": []},
    {
        "username": "editor",
        "password": "atlas-editor-demo",
        "superuser": False,
        "groups": ["Editors"],
    },
    {
        "username": "moderator",
        "password": "atlas-moderator-demo",
        "superuser": False,
        "groups": ["Moderators"],
    },
    {
        "username": "translator",
        "password": "atlas-translator-demo",
        "superuser": False,
        "groups": ["Translators"],
    },
]
DEMO_PASSWORDS = {account["username"]: account["password"] for account in DEMO_ACCOUNTS}


def is_demo_login(username, password):
    """True when these are a demo account's published username and password."""
    return username is not None and DEMO_PASSWORDS.get(username) == password
