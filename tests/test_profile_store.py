"""The JSON profile file: round trip, atomic write, and a damaged file left untouched."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from crampcoach.core.profile import Profile
from crampcoach.profile_store import JsonProfileStore, ProfileFileError
from crampcoach.settings import Settings


def test_missing_file_is_an_empty_profile(tmp_path: Path) -> None:
    assert JsonProfileStore(tmp_path / "profile.json").load() == Profile()


def test_round_trip_creates_the_folder(tmp_path: Path) -> None:
    store = JsonProfileStore(tmp_path / "new" / "folder" / "profile.json")
    profile = Profile(
        sweat_rate_l_per_h=0.88,
        sweat_sodium_mg_per_l=900,
        body_mass_kg=70,
        cramp_history=True,
        updated=datetime(2026, 5, 1, 7, 30, tzinfo=UTC),
    )
    store.save(profile)
    assert store.load() == profile
    saved = json.loads(store.path.read_text(encoding="utf-8"))
    assert saved["sweat_rate_l_per_h"] == 0.88
    assert "age_years" not in saved  # unknowns are left out, not written as null


def test_save_replaces_and_leaves_no_temporary_files(tmp_path: Path) -> None:
    store = JsonProfileStore(tmp_path / "profile.json")
    store.save(Profile(sweat_rate_l_per_h=1.0))
    store.save(Profile(sweat_rate_l_per_h=1.2))
    assert store.load().sweat_rate_l_per_h == 1.2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["profile.json"]


@pytest.mark.parametrize(
    ("content", "hint"),
    [
        ("{not json", "not valid JSON"),
        ('{"sweat_rate_l_per_h": 99}', "sweat_rate_l_per_h"),
        ('{"shoe_size": 42}', "shoe_size"),
        ("[1, 2]", "damaged"),
    ],
)
def test_damaged_file_is_reported_and_never_overwritten(
    tmp_path: Path, content: str, hint: str
) -> None:
    path = tmp_path / "profile.json"
    path.write_text(content, encoding="utf-8")
    store = JsonProfileStore(path)
    with pytest.raises(ProfileFileError) as caught:
        store.load()
    message = str(caught.value)
    assert str(path) in message and hint in message
    with pytest.raises(ProfileFileError):
        store.save(Profile(sweat_rate_l_per_h=1.0))
    assert path.read_text(encoding="utf-8") == content


def test_a_failed_write_keeps_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = JsonProfileStore(tmp_path / "profile.json")
    store.save(Profile(sweat_rate_l_per_h=1.0))

    def broken_replace(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("crampcoach.profile_store.os.replace", broken_replace)
    with pytest.raises(ProfileFileError, match="No space left"):
        store.save(Profile(sweat_rate_l_per_h=2.0))
    assert store.load().sweat_rate_l_per_h == 1.0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["profile.json"]


def test_store_lives_in_the_data_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CRAMPCOACH_HOME", str(tmp_path))
    store = JsonProfileStore.from_settings()
    assert store.path == tmp_path / "profile.json"
    assert JsonProfileStore.from_settings(Settings(home=tmp_path / "x", db_url="")).path == (
        tmp_path / "x" / "profile.json"
    )


def test_it_is_a_profile_store(tmp_path: Path) -> None:
    store = JsonProfileStore(tmp_path / "profile.json")
    assert store.load() == Profile()
