"""The service's commands for the `docscreen` CLI: `serve` and `tokens create|list|revoke`."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer


class RoleOpt(StrEnum):
    payer = "payer"
    moderator = "moderator"
    admin = "admin"


def register(app: typer.Typer) -> None:
    tokens = typer.Typer(no_args_is_help=True, help="API tokens: create (shown once), list, revoke.")
    app.add_typer(tokens, name="tokens")

    @app.command()
    def serve(
        host: Annotated[str, typer.Option(help="interface to listen on")] = "127.0.0.1",
        port: Annotated[int, typer.Option(help="TCP port")] = 8000,
        demo: Annotated[
            bool, typer.Option("--demo/--no-demo", help="load demo filings and print sign-in tokens")
        ] = False,
        worker: Annotated[
            bool, typer.Option("--worker/--no-worker", help="run one Celery worker child")
        ] = True,
    ) -> None:
        """Starts the HTTP service (API, web pages) and, unless --no-worker, one background worker."""
        import uvicorn

        from service.app import create_app
        from service.settings import get_settings
        from service.worker import start_worker, stop_worker

        settings = get_settings()
        app_ = create_app(settings)  # runs the migrations before the worker starts
        proc = start_worker() if worker and not settings.celery_eager else None
        try:
            if demo:
                from service.demo_load import load_demo

                loaded = load_demo(app_.state.runtime)
                typer.echo(f"demo: {len(loaded.application_ids)} filing(s) queued for checking")
                typer.echo(f"  moderator token: {loaded.moderator_token}")
                typer.echo(f"  payer token (BIN {loaded.payer_bin}): {loaded.payer_token}")
                typer.echo("  (the start-up sweep queues them for the worker)")
            typer.echo(f"docscreen: http://{host}:{port}/  (API docs at /docs, OpenAPI at /openapi.json)")
            uvicorn.run(app_, host=host, port=port, log_level="info")
        finally:
            if proc is not None:
                stop_worker(proc)

    @tokens.command("create")
    def tokens_create(
        role: Annotated[RoleOpt, typer.Option(help="payer, moderator or admin")],
        bin: Annotated[str | None, typer.Option("--bin", help="the payer's 12-digit BIN/IIN")] = None,
        label: Annotated[str, typer.Option(help="a note to recognise the token by")] = "",
    ) -> None:
        """Creates a token and prints it once; only its SHA-256 is stored."""
        from service.runtime import Runtime
        from service.security import Role, create_token
        from service.settings import get_settings

        rt = Runtime.from_settings(get_settings())
        with rt.sessions() as session:
            try:
                row, plain = create_token(session, Role(role.value), bin=bin, label=label)
            except ValueError as exc:
                typer.echo(f"error: {exc}", err=True)
                raise typer.Exit(2) from exc
            session.commit()
            typer.echo(
                f"token {row.id} ({row.role}{', BIN ' + row.bin if row.bin else ''}); shown once, keep it:"
            )
            typer.echo(plain)

    @tokens.command("list")
    def tokens_list() -> None:
        """Lists tokens (never their secrets)."""
        from sqlalchemy import select

        from service.db_models import ApiToken
        from service.runtime import Runtime
        from service.settings import get_settings

        rt = Runtime.from_settings(get_settings())
        with rt.sessions() as session:
            for t in session.scalars(select(ApiToken).order_by(ApiToken.id)):
                state = "revoked" if t.revoked_at else "active"
                typer.echo(f"{t.id}\t{t.role}\t{t.bin or '-'}\t{t.prefix}…\t{state}\t{t.label}")

    @tokens.command("revoke")
    def tokens_revoke(token_id: Annotated[int, typer.Argument(help="the id shown by `tokens list`")]) -> None:
        """Revokes a token; requests with it get 401 from then on."""
        from service.runtime import Runtime
        from service.security import revoke_token
        from service.settings import get_settings

        rt = Runtime.from_settings(get_settings())
        with rt.sessions() as session:
            if not revoke_token(session, token_id):
                typer.echo(f"no active token {token_id}", err=True)
                raise typer.Exit(1)
            session.commit()
        typer.echo(f"token {token_id} revoked")
