"""The app as gunicorn serves it in the page benchmark, plus a bare endpoint as the ceiling."""

from pitch import create_app


def create_bench_app():
    app = create_app()

    @app.get("/bench/bare")
    def bare():
        return "ok"

    return app
