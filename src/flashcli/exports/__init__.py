"""What flash writes for other programs: email drafts (text, .eml, mailto:), the meeting and
the actions as iCalendar, and a session's Markdown record. Each takes the models and returns
text or bytes; writing a file is the store's (store.write_new_file)."""
