"""Bodies made from presets for the tests, as the guided set-up makes them: under the
clerk's name for the body, and the preset's key numbered when already taken."""

from __future__ import annotations

from clerk_app.services import presets


def body_from_preset(engine, preset_key: str, name: str = "") -> int:
    preset = presets.load_preset(presets.preset_files()[preset_key])["body"]["name"]
    return presets.create_body_from_preset(
        engine, preset_key, key=presets.free_key(engine, preset_key),
        name=name if name and name != preset else None)
