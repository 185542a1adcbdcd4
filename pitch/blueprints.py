"""The list of blueprints; each area of the product adds its own here."""

from flask import Flask


def register(app: Flask) -> None:
    from pitch.account.routes import bp as account_bp
    from pitch.admin.routes import bp as admin_bp
    from pitch.auth.routes import bp as auth_bp
    from pitch.challenges.routes import bp as challenges_bp
    from pitch.contests.routes import bp as contests_bp
    from pitch.judging.routes import bp as judging_bp
    from pitch.main.routes import bp as main_bp
    from pitch.pilots.routes import bp as pilots_bp
    from pitch.pitches.routes import bp as pitches_bp
    from pitch.results.routes import bp as results_bp
    from pitch.scoresheets.routes import bp as scoresheets_bp

    for blueprint in (main_bp, auth_bp, account_bp, admin_bp):
        app.register_blueprint(blueprint)
    app.register_blueprint(pitches_bp)
    app.register_blueprint(contests_bp)
    app.register_blueprint(challenges_bp)
    app.register_blueprint(pilots_bp)
    app.register_blueprint(judging_bp)
    app.register_blueprint(results_bp)
    app.register_blueprint(scoresheets_bp)
