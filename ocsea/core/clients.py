"""The address of the client behind the deployment's trusted proxies."""

from django.conf import settings


def client_address(request):
    """The client's address, seen through ``OCSEA_TRUSTED_PROXY_HOPS`` trusted proxies.

    Each trusted proxy appends the address it received the request from to X-Forwarded-For, so
    with N of them the client is the N-th entry from the right; anything further left was
    written by the client and may be forged. With fewer entries than hops the request did not
    come through the proxies, and REMOTE_ADDR (the peer) is the only address that can be
    trusted. Without trusted proxies it is REMOTE_ADDR.
    """
    hops = settings.OCSEA_TRUSTED_PROXY_HOPS
    if hops:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        forwarded = [address.strip() for address in forwarded if address.strip()]
        if len(forwarded) >= hops:
            return forwarded[-hops]
    return request.META.get("REMOTE_ADDR", "")


def axes_client_address(request, *args, **kwargs):
    """django-axes' AXES_CLIENT_IP_CALLABLE: the same address the submission limit counts."""
    return client_address(request)
