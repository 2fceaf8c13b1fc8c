"""Health checks for a load balancer or an orchestrator, as small JSON, never cached.

/healthz: the process answers. /readyz: it can answer from the published register (the
database answers, a register is published, and this process has the index and catalog
of that version loaded); 503 until then.
"""

from __future__ import annotations

from flask import Blueprint, Response, current_app, jsonify

from app.search import readiness, warm_up_in_background

bp = Blueprint("health", __name__)


def _never_cached(response: Response) -> Response:
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.get("/healthz")
def healthz() -> Response:
    return _never_cached(jsonify({"status": "ok"}))


@bp.get("/readyz")
def readyz() -> Response:
    state = readiness()
    if not state.ready and state.register is not None:
        # A new register (or a new worker): load it off the request path, so that the
        # next check can say yes without a visitor having to wait for it.
        warm_up_in_background(current_app._get_current_object())  # type: ignore[attr-defined]
    response = jsonify(state.as_json())
    response.status_code = 200 if state.ready else 503
    return _never_cached(response)
