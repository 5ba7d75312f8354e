"""Server-rendered pages (Jinja2): payer upload, moderator queue and application view."""
