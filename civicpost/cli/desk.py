"""``civicpost run``, ``serve`` and ``worker``: the desk on the embedded default or in a deployment;
``civicpost council create`` for a new installation's first council and Clerk."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from typing import Any

from civicpost.cli.common import UsageError

ORDER = 5


def register(commands: Any) -> None:
    run = commands.add_parser("run", help="start the desk: web pages and a background worker, "
                                          "on SQLite in the instance folder by default")
    _serving_options(run)
    run.add_argument("--demo", action="store_true",
                     help="create the demo councils (done anyway on the first run)")
    run.add_argument("--no-worker", action="store_true", help="do not start a worker beside the pages")
    run.set_defaults(handler=_cmd_run)

    serve = commands.add_parser("serve", help="serve the desk's pages only (for deployments)")
    _serving_options(serve)
    serve.set_defaults(handler=_cmd_serve)

    worker = commands.add_parser("worker", help="run the background worker (scheduled publishing, "
                                                "lapsing approvals, the installation's duties)")
    worker.add_argument("--interval", type=float, default=5.0, help="seconds between rounds (default 5)")
    worker.add_argument("--once", action="store_true", help="do one round and stop")
    worker.add_argument("--concurrency", type=int, default=2,
                        help="with CIVICPOST_JOBS=celery: processes in this worker (default 2)")
    worker.set_defaults(handler=_cmd_worker)

    scheduler = commands.add_parser("scheduler", help="with CIVICPOST_JOBS=celery: ask for every duty "
                                                      "every few seconds (run exactly one)")
    scheduler.set_defaults(handler=_cmd_scheduler)

    council = commands.add_parser("council", help="create a council with its first Town Clerk")
    council_commands = council.add_subparsers(dest="council_command", required=True)
    create = council_commands.add_parser("create", help="a new council, its policy and its Clerk")
    create.add_argument("name", help="e.g. 'Loughton Town Council'")
    create.add_argument("--slug", required=True, help="short name for links, e.g. loughton")
    create.add_argument("--domain", default=os.environ.get("CIVICPOST_COUNCIL_EMAIL_DOMAIN") or None,
                        help="the council's e-mail domain; staff sign in only with an address there "
                             "(default CIVICPOST_COUNCIL_EMAIL_DOMAIN)")
    create.add_argument("--policy", required=True, help="a shipped pack id or a pack file")
    create.add_argument("--clerk-email", required=True)
    create.add_argument("--clerk-name", required=True)
    create.set_defaults(handler=_cmd_council_create)
    listing = council_commands.add_parser("list", help="every council on this installation")
    listing.set_defaults(handler=_cmd_council_list)

    code = commands.add_parser("two-factor-code",
                               help="the current security code of a demo council's Clerk")
    code.add_argument("email")
    code.set_defaults(handler=_cmd_two_factor_code)


def _serving_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--host", default=os.environ.get("CIVICPOST_HOST", "127.0.0.1"))
    parser.add_argument("--port", type=int, default=int(os.environ.get("CIVICPOST_PORT", "8000")))
    parser.add_argument("--workers", type=int,
                        default=int(os.environ.get("CIVICPOST_WEB_PROCESSES", str(os.cpu_count() or 2))),
                        help="web server processes (default: one per core)")
    parser.add_argument("--threads", type=int, default=int(os.environ.get("CIVICPOST_THREADS", "8")),
                        help="threads in each process (default 8)")


def setup_django(migrate: bool = True) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "civicpost.desk.settings")
    import django
    from django.core.management import call_command

    from civicpost.desk.env import ConfigError

    try:
        django.setup()
    except ConfigError as exc:
        raise UsageError(f"configuration: {exc}") from None
    if migrate:
        call_command("migrate", verbosity=0, interactive=False)


def _check_static() -> None:
    from django.conf import settings

    built = settings.STATICFILES_DIRS[0]
    if not (built / "civicpost.css").exists():
        raise UsageError(f"the desk's pages are not built ({built} is missing): run `make frontend`, "
                         "or `make run`, which builds them")


def _cmd_run(args: argparse.Namespace) -> int:
    setup_django()
    _check_static()
    from civicpost.desk import demo

    if args.demo or not demo.exists():
        demo.create()
    print(demo.sign_ins())
    helpers = []
    if not args.no_worker:
        from django.conf import settings

        helpers.append(subprocess.Popen([sys.executable, "-m", "civicpost.cli", "worker"]))
        if settings.CIVICPOST_JOBS == "celery":
            helpers.append(subprocess.Popen([sys.executable, "-m", "civicpost.cli", "scheduler"]))
    try:
        return _serve(args)
    finally:
        for helper in helpers:
            helper.terminate()
            helper.wait(timeout=15)


def _cmd_serve(args: argparse.Namespace) -> int:
    setup_django()
    _check_static()
    return _serve(args)


def _serve(args: argparse.Namespace) -> int:
    """gunicorn with a process per core (Python runs one thread at a time per process) and a few
    threads in each for pages that wait on the database."""
    from gunicorn.app.base import BaseApplication

    from civicpost.desk.wsgi import application

    class Desk(BaseApplication):  # type: ignore[misc]
        def load_config(self) -> None:
            for key, value in {"bind": f"{args.host}:{args.port}", "workers": args.workers,
                               "threads": args.threads, "worker_class": "gthread",
                               "accesslog": None, "errorlog": "-", "loglevel": "warning",
                               "graceful_timeout": 10, "timeout": 60}.items():
                self.cfg.set(key, value)

        def load(self) -> object:
            return application

    print(f"civicpost desk on http://{args.host}:{args.port}/  ({args.workers} processes × "
          f"{args.threads} threads; Ctrl-C stops it)", flush=True)
    Desk().run()
    return 0


def _cmd_worker(args: argparse.Namespace) -> int:
    setup_django()
    from django.conf import settings

    if settings.CIVICPOST_JOBS == "celery" and not args.once:
        from civicpost.desk.tasks import app

        app.worker_main(["worker", "--loglevel=WARNING", f"--concurrency={args.concurrency}",
                         "--without-gossip", "--without-mingle"])
        return 0
    from civicpost.desk.jobs.worker import run

    run(interval=args.interval, once=args.once)
    return 0


def _cmd_scheduler(args: argparse.Namespace) -> int:
    setup_django()
    from django.conf import settings

    if settings.CIVICPOST_JOBS != "celery":
        raise UsageError("the scheduler is for CIVICPOST_JOBS=celery; the database worker schedules itself")
    from civicpost.desk.tasks import app

    app.start(["beat", "--loglevel=WARNING", f"--schedule={settings.INSTANCE / 'celerybeat-schedule'}"])
    return 0


def _cmd_council_create(args: argparse.Namespace) -> int:
    setup_django()
    from civicpost.desk.councils.onboarding import NotAllowed, create_council

    if not args.domain:
        raise UsageError("give the council's e-mail domain with --domain "
                         "(or set CIVICPOST_COUNCIL_EMAIL_DOMAIN)")
    try:
        password = create_council(name=args.name, slug=args.slug, domain=args.domain,
                                  policy=args.policy, clerk_email=args.clerk_email,
                                  clerk_name=args.clerk_name)
    except NotAllowed as exc:
        raise UsageError(str(exc)) from None
    print(f"{args.name} created. The Clerk signs in as {args.clerk_email} with the password "
          f"{password}, then sets up two-factor sign-in.")
    return 0


def _cmd_council_list(args: argparse.Namespace) -> int:
    setup_django()
    from django.db.models import Count

    from civicpost.desk.councils.models import Council
    from civicpost.desk.policies.models import current_version

    for council in Council.objects.annotate(member_count=Count("memberships", distinct=True),
                                                  post_count=Count("posts", distinct=True)):
        version = current_version(council)
        print(f"{council.slug:24} {council.name:40} policy v{version.number} ({version.based_on or 'own'}), "
              f"{council.member_count} people, {council.post_count} posts"
              + (", PUBLISHING PAUSED" if council.publishing_paused else ""))
    return 0


def _cmd_two_factor_code(args: argparse.Namespace) -> int:
    setup_django(migrate=False)
    from django_otp.oath import totp
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user__email=args.email.lower(), confirmed=True,
                                       user__memberships__council__is_demo=True).first()
    if device is None:
        raise UsageError(f"{args.email} is not the Clerk of a demo council (real Clerks use their "
                         "authenticator app)")
    print(f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}")
    return 0
