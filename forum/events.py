"""Domain events (blinker signals): services send them after commit; realtime and notifications listen."""

from blinker import Namespace

_signals = Namespace()

#: sender: the Review; kwargs: created (bool), priority (str)
review_opened = _signals.signal("review-opened")
#: sender: the Review after a moderator action; kwargs: action (str)
review_updated = _signals.signal("review-updated")
#: sender: the Membership whose state or mute changed; kwargs: reason (str)
membership_changed = _signals.signal("membership-changed")
#: sender: the User whose login sessions ended (logout, suspension, deletion); kwargs: token (str | None)
sessions_ended = _signals.signal("sessions-ended")
#: sender: the Notification just stored; realtime pushes it to the member's open sockets
notification_created = _signals.signal("notification-created")
#: sender: the group id; kwargs: ids (list[int]) of chat messages the room must no longer see as they were,
#: unshown_ids (list[int]) of ones the room never saw (held: only their authors and the moderators may hear), and
#: replaced_by (dict | None): what they show now ({"text", "author"}); None means hidden by a moderator
chat_messages_hidden = _signals.signal("chat-messages-hidden")
#: sender: the group id; kwargs: message_id (int) of a held chat message a moderator let through: the room sees it now
chat_message_shown = _signals.signal("chat-message-shown")
