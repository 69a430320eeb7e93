"""Four-eyes approval for sensitive steps, shared by every app.

An app declares a sensitive action in the registry (`senim.core.approvals.registry.register`): its key, the
permission needed to request and to approve it, the queryset of targets a user may act on, and the function
that performs it. A user requests it with a reason (`approval_request`); a *different* user who holds the
permission and sees the target approves (`approval_approve`, which performs the action in the same
transaction) or rejects it; the requester may withdraw it. Pending requests expire.
"""
