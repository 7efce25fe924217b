import hashlib

from django.conf import settings
from django.core.cache import cache
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.http import require_http_methods

from .forms import SubmissionForm
from .notifications import notify_moderators


def client_address(request):
    """The client's address, seen through ``OCSEA_TRUSTED_PROXY_HOPS`` trusted proxies.

    Each trusted proxy appends the address it received the request from to X-Forwarded-For, so
    with N of them the client is the N-th entry from the right; anything further left may be
    forged by the client. Without trusted proxies it is REMOTE_ADDR.
    """
    hops = settings.OCSEA_TRUSTED_PROXY_HOPS
    if hops:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        forwarded = [address.strip() for address in forwarded if address.strip()]
        if len(forwarded) >= hops:
            return forwarded[-hops]
    return request.META.get("REMOTE_ADDR", "")


def rate_limit_key(request):
    digest = hashlib.sha256(client_address(request).encode()).hexdigest()[:32]
    return f"submissions:rate:{digest}"


def over_rate_limit(request):
    return cache.get(rate_limit_key(request), 0) >= settings.OCSEA_SUBMISSIONS_RATE_LIMIT


def count_submission(request):
    key = rate_limit_key(request)
    if cache.add(key, 1, timeout=settings.OCSEA_SUBMISSIONS_RATE_PERIOD):
        return
    try:
        cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.add(key, 1, timeout=settings.OCSEA_SUBMISSIONS_RATE_PERIOD)


@never_cache
@csrf_protect
@require_http_methods(["GET", "POST"])
def suggest(request):
    if request.method == "GET":
        return render(request, "submissions/suggest.html", {"form": SubmissionForm()})
    if over_rate_limit(request):
        return render(
            request,
            "submissions/suggest.html",
            {"form": SubmissionForm(), "rate_limited": True},
            status=429,
        )
    form = SubmissionForm(request.POST)
    if form.is_spam():
        # Count it and answer as if it were accepted, so bots learn nothing.
        count_submission(request)
        return redirect("submissions:thanks")
    if not form.is_valid():
        return render(request, "submissions/suggest.html", {"form": form}, status=400)
    count_submission(request)
    submission = form.save()
    notify_moderators(submission)
    return redirect("submissions:thanks")


@require_http_methods(["GET"])
def thanks(request):
    return render(request, "submissions/thanks.html")
