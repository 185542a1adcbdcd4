from pathlib import Path

from pitch import paths


def test_checkout_resources_are_found_beside_the_package():
    root = paths.resource_root()
    assert (root / "templates" / "base.html").is_file()
    assert (root / "static" / "css" / "app.css").is_file()
    assert (root / "translations" / "ja" / "LC_MESSAGES" / "messages.po").is_file()


def test_an_installed_wheel_uses_the_shared_data_folder(monkeypatch, tmp_path):
    monkeypatch.setattr(paths, "_CHECKOUT_ROOT", tmp_path / "site-packages")
    monkeypatch.setattr(paths, "_INSTALLED_ROOT", tmp_path / "share" / "pitch")
    assert paths.templates_dir() == tmp_path / "share" / "pitch" / "templates"
    assert paths.static_dir() == Path(tmp_path / "share" / "pitch" / "static")


def test_the_build_carries_templates_static_translations_and_migrations():
    import ast

    source = (Path(paths.__file__).resolve().parent.parent / "setup.py").read_text()
    shared = next(node for node in ast.walk(ast.parse(source))
                  if isinstance(node, ast.Assign)
                  and getattr(node.targets[0], "id", "") == "SHARED")
    assert set(ast.literal_eval(shared.value)) == {"templates", "static", "translations",
                                                   "migrations"}
