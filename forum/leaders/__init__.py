"""The leaders' area: a group's settings in sections, its people, meetings, resources and change log."""
