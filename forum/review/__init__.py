"""The review queue, member reports and notices, the audit log and the moderation dashboard."""
