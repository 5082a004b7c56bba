"""Keeping an uploaded award file's rows between the preview and the confirmation."""

from portal.pending_uploads import PendingUploads

PENDING = PendingUploads("awards")
