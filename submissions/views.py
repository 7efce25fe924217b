import hashlib
import logging

from django.conf import settings
from django.core.cache import cache
from django.core.cache.backends.locmem import LocMemCache
from django.db import transaction
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.http import require_http_methods

from ocsea.core.clients import client_address

from .forms import SubmissionForm
from .notifications import notify_moderators_safely

logger = logging.getLogger(__name__)

# This process's own counters, for when the shared cache is unavailable.
local_counters = LocMemCache("submissions-rate-limit", {})


def rate_limit_key(request):
    digest = hashlib.sha256(client_address(request).encode()).hexdigest()[:32]
    return f"submissions:rate:{digest}"


def take_submission_slot(request):
    """Count this submission for its client address; False once the address is over the limit.

    Atomic, so concurrent posts cannot all pass a check made before any of them is counted:
    ``add`` creates the counter with its expiry only if it is missing, ``incr`` increments it in
    the cache server and returns the new value, and the decision is made on that value. When
    the cache is unavailable, a counter in this process's memory takes over: the limit then
    holds per app server instead of failing open or refusing everyone.
    """
    key = rate_limit_key(request)
    period = settings.OCSEA_SUBMISSIONS_RATE_PERIOD
    count = None
    for store in (cache, local_counters):
        try:
            store.add(key, 0, timeout=period)
            count = store.incr(key)
        except ValueError:  # expired between add() and incr(): this is the period's first
            store.add(key, 1, timeout=period)
            count = 1
        except Exception:  # the shared cache is down and its backend raised
            logger.exception("Submission rate limit: the shared cache failed")
        if isinstance(count, int):
            break
        logger.warning("Submission rate limit: shared cache unavailable, counting in process")
    return count <= settings.OCSEA_SUBMISSIONS_RATE_LIMIT


@never_cache
@csrf_protect
@require_http_methods(["GET", "POST"])
def suggest(request):
    if request.method == "GET":
        return render(request, "submissions/suggest.html", {"form": SubmissionForm()})
    form = SubmissionForm(request.POST)
    # Spam and valid posts count toward the limit (invalid ones only get their errors back).
    if not form.is_spam() and not form.is_valid():
        return render(request, "submissions/suggest.html", {"form": form}, status=400)
    if not take_submission_slot(request):
        return render(
            request,
            "submissions/suggest.html",
            {"form": SubmissionForm(), "rate_limited": True},
            status=429,
        )
    if form.is_spam():
        # Answered as if it were accepted, so bots learn nothing.
        return redirect("submissions:thanks")
    with transaction.atomic():
        submission = form.save()
        # Mail goes out once the submission is stored; a mail failure is logged, never shown.
        transaction.on_commit(lambda: notify_moderators_safely(submission, request))
    return redirect("submissions:thanks")


@require_http_methods(["GET"])
def thanks(request):
    return render(request, "submissions/thanks.html")
