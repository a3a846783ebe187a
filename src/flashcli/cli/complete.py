"""Shell completion: session ids, and the checklist keys of the session's role."""

import typer


def session_ids(incomplete: str) -> list[str]:
    from flashcli import store

    try:
        return [sid for sid in store.ids() if sid.startswith(incomplete)]
    except Exception:  # completion must never print a traceback into a shell
        return []


def checklist_keys(ctx: typer.Context, incomplete: str) -> list[str]:
    """Keys a person may tick, for the role on the line, or of the session, or the current one."""
    try:
        from flashcli import guidance, index, store

        role = ctx.params.get("role")
        if role is None:
            # While completing, click may leave the SESSION argument among the unparsed args.
            ref = ctx.params.get("session") or next(iter(ctx.args), None)
            sid = store.resolve(ref)
            role = next(s.role for s in index.read_all()[0] if s.id == sid)
        return [
            item.key
            for item in guidance.load().items
            if item.role == str(role) and not item.auto and item.key.startswith(incomplete)
        ]
    except Exception:  # nothing to offer rather than a traceback in the shell
        return []
