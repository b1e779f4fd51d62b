"""Caption text: per-platform counting and sandboxed Jinja2 caption templates."""
