"""flash in French and Spanish: the catalogues complete and current, the language chosen as
gettext chooses it, every quick start of the README in each language, dates written and read
in it, documents in a partner's language, and the action hints' own rules, measured."""

import csv
import importlib.util
import os
import secrets
import shlex
import shutil
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pexpect
import pytest
from hypothesis import given
from hypothesis import strategies as st

from flashcli import catalogues, guidance, i18n
from flashcli.errors import shown
from tests.conftest import Run
from tests.factories import flash, on_disk
from tests.test_hints import measured
from tests.test_walk_pty import spawn

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).parent / "data"
FRENCH = {"LANGUAGE": "fr", "LC_ALL": "C.UTF-8"}
SPANISH = {"LANGUAGE": "es", "LC_ALL": "C.UTF-8"}


def module(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(path.stem, path)
    assert spec is not None and spec.loader is not None
    found = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(found)
    return found


messages = module(ROOT / "scripts" / "messages.py")
readme = module(ROOT / "docs" / "readme.py")


def speak(monkeypatch: pytest.MonkeyPatch, **env: str) -> None:
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)


# ---------------------------------------------------------------- the catalogues


def test_the_template_holds_every_message_the_code_says() -> None:
    assert not messages.stale(), "run python scripts/messages.py"


@pytest.mark.parametrize("code", ["fr", "es"])
def test_each_catalogue_is_complete_not_fuzzy_and_keeps_the_placeholders(code: str) -> None:
    po = ROOT / "src" / "flashcli" / "locale" / code / "LC_MESSAGES" / "flash.po"
    assert messages.problems(po) == []


def test_the_check_names_a_missing_a_fuzzy_and_each_mistranslated_message_once(
    tmp_path: Path,
) -> None:
    po = ROOT / "src" / "flashcli" / "locale" / "fr" / "LC_MESSAGES" / "flash.po"
    text = po.read_text("utf-8")
    gone = 'msgid "the built-in guidance"\nmsgstr "les conseils intégrés"\n'
    assert gone in text
    text = text.replace(gone, "")
    text = text.replace(
        'msgid "wrote {out}"\nmsgstr "écrit : {out}"',
        '#, fuzzy\nmsgid "wrote {out}"\nmsgstr "écrit : {out}"',
    )
    for right, wrong in [
        ('msgstr "supprimé : {id}"', 'msgstr "supprimé : {sid}"'),
        ('msgstr "ajouté {said} à {id}"', 'msgstr "ajouté {said} à {id.__class__}"'),
        ('msgstr[1] "{n} actions"', 'msgstr[1] "{n.real} actions"'),  # one plural form
        ('msgstr[0] "{n} note"\nmsgstr[1] "{n} notes"', 'msgstr[0] "{x}"\nmsgstr[1] "{x}"'),
    ]:
        assert right in text
        text = text.replace(right, wrong)
    broken = tmp_path / "flash.po"
    broken.write_text(text, "utf-8")
    assert sorted(messages.problems(broken)) == [  # one line a message
        "fuzzy: 'wrote {out}'",
        "missing: 'the built-in guidance'",
        "placeholders of 'added {said} to {id}': ['id.__class__', 'said'], not ['id', 'said']",
        "placeholders of 'deleted {id}': ['sid'], not ['id']",
        "placeholders of '{n} action': ['n.real'], not ['n']",
        "placeholders of '{n} note': ['x'], not ['n']",
    ]


@pytest.mark.parametrize("code", ["fr", "es"])
def test_the_compiled_catalogue_is_the_one_written(code: str) -> None:
    """What gettext reads (the .mo that building the package compiles) says what the .po says."""
    import gettext

    from babel.messages.pofile import read_po

    folder = ROOT / "src" / "flashcli" / "locale"
    with (folder / code / "LC_MESSAGES" / "flash.po").open("rb") as f:
        written = read_po(f)
    compiled = gettext.translation("flash", folder, [code])
    for message in written:
        if message.id and isinstance(message.id, str):
            assert compiled.gettext(message.id) == message.string, "run pip install -e ."


@pytest.mark.parametrize("code", ["fr", "es"])
def test_flash_reads_every_translation_it_ships(code: str) -> None:
    """The rule a catalogue is read by leaves out none of flash's own translations."""
    import gettext

    from flashcli.catalogues import Checked

    compiled = ROOT / "src" / "flashcli" / "locale" / code / "LC_MESSAGES" / "flash.mo"
    with compiled.open("rb") as f:
        every = gettext.GNUTranslations(f)._catalog  # type: ignore[attr-defined]
    with compiled.open("rb") as f:
        assert Checked(f)._catalog == every


# ---------------------------------------------------------------- choosing the language


@pytest.mark.parametrize(
    ("env", "says"),
    [
        ({"LANGUAGE": "fr"}, "Aucune séance."),
        ({"LANG": "es_ES.UTF-8"}, "No hay sesiones."),
        ({"LC_MESSAGES": "fr_FR.UTF-8", "LANG": "es_ES.UTF-8"}, "Aucune séance."),
        ({"LC_ALL": "es_MX.UTF-8", "LC_MESSAGES": "fr_FR.UTF-8"}, "No hay sesiones."),
        ({"LANGUAGE": "es:fr", "LANG": "fr_FR.UTF-8"}, "No hay sesiones."),
        ({"LANGUAGE": "de:fr"}, "Aucune séance."),  # the first one there is a catalogue for
        ({"LC_ALL": "C.UTF-8"}, "No sessions."),
        ({}, "No sessions."),
    ],
)
def test_the_language_is_chosen_as_gettext_chooses_it(
    run: Run, monkeypatch: pytest.MonkeyPatch, env: dict[str, str], says: str
) -> None:
    speak(monkeypatch, **env)
    result = run("list")
    assert result.exit_code == 0, result
    assert result.stdout.startswith(says)
    assert result.stderr == ""


def test_a_language_without_a_catalogue_is_english_with_one_note(
    run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    speak(monkeypatch, LANG="de_DE.UTF-8")
    result = run("list")
    assert result.exit_code == 0, result
    assert result.stdout.startswith("No sessions.")
    assert result.stderr == (
        "flash: there is no catalogue for the language 'de_DE.UTF-8'; flash speaks English"
        " (en, es, fr are available: flash config language CODE)\n"
    )


def test_the_config_goes_over_the_environment(run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    speak(monkeypatch, LANGUAGE="es")
    assert run("config", "language", "fr").exit_code == 0
    assert run("list").stdout.startswith("Aucune séance.")
    refused = run("config", "language", "de")
    assert refused.exit_code == 2  # said in French: flash speaks French here
    assert "il n'y a pas de catalogue pour 'de'" in refused.stderr
    assert run("config", "language", "").exit_code == 0
    assert run("list").stdout.startswith("No hay sesiones.")


def test_help_and_typers_own_words_are_in_the_language(
    run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    speak(monkeypatch, **FRENCH)
    helped = run("prep", "--help").stdout
    assert helped.startswith("Utilisation : flash prep [OPTIONS] [SESSION]")
    assert "Préparer une séance : objectif, sujets, heure, lieu, questions." in helped
    assert "Afficher ce message et quitter." in helped
    assert "Options :" not in helped and "Options:" in helped  # the section, from Typer's core
    wrong = run("list", "--wit", "ada")
    assert wrong.exit_code == 2
    assert wrong.stderr == (
        "flash : option inconnue : --wit (options possibles : --with)\n"
        "Essayez 'flash list --help' pour de l'aide.\n"
    )
    speak(monkeypatch, **SPANISH)
    bad = run("checkin", "--score", "x")
    assert bad.stderr.startswith("flash: valor no válido para '--score': 'x' no es un int válido\n")


# ---------------------------------------------------------------- a language is a code


NO_SESSIONS = 'No sessions. Start one with: flash prep --with "Name <email>"'
LOCALES = ROOT / "src" / "flashcli" / "locale"


def catalogue(
    folder: Path, changes: dict[str, str | tuple[str, ...]], base: str | None = None
) -> Path:
    """FOLDER/LC_MESSAGES/flash.mo, compiled as building the package does, from the shipped
    catalogue BASE (else an empty French one) with CHANGES (a message: its translation)."""
    from babel.messages.catalog import Catalog
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    if base is None:
        written = Catalog(locale="fr")
    else:
        with (LOCALES / base / "LC_MESSAGES" / "flash.po").open("rb") as f:
            written = read_po(f, locale=base)
    for message, translation in changes.items():
        if (there := written.get(message)) is not None:
            there.string = translation
        else:
            written.add(message, translation)
    (folder / "LC_MESSAGES").mkdir(parents=True)
    with (folder / "LC_MESSAGES" / "flash.mo").open("wb") as f:
        write_mo(f, written)
    return folder


@pytest.fixture(scope="module")
def planted() -> Iterator[Path]:
    """A catalogue someone left in a folder: were it read, 'flash list' would say PLANTED. The
    folder's name is letters and digits, which a locale name keeps whole (pytest's own
    folders have a '-', where gettext would cut the name)."""
    folder = Path(tempfile.gettempdir()) / f"planted{secrets.token_hex(8)}"
    try:
        catalogue(folder, {NO_SESSIONS: "PLANTED"})
        # And one in the domain gettext's own functions read, which Typer says its words in.
        from babel.messages.catalog import Catalog
        from babel.messages.mofile import write_mo

        typer_words = Catalog(locale="fr")
        for word in ("Options", "Arguments"):
            typer_words.add(word, f"PLANTED {word}")
        with (folder / "LC_MESSAGES" / "messages.mo").open("wb") as f:
            write_mo(f, typer_words)
        yield folder
    finally:
        shutil.rmtree(folder)


@pytest.mark.parametrize("variable", ["LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"])
def test_a_folder_in_the_environment_is_an_unknown_language_not_a_catalogue(
    run: Run, monkeypatch: pytest.MonkeyPatch, planted: Path, variable: str
) -> None:
    speak(monkeypatch, **{variable: str(planted)})
    result = run("list")
    assert result.exit_code == 0, result
    assert result.stdout.startswith("No sessions.")
    assert result.stderr == (
        f"flash: there is no catalogue for the language {str(planted)!r}; flash speaks English"
        " (en, es, fr are available: flash config language CODE)\n"
    )


@pytest.mark.parametrize("variable", ["LANGUAGE", "LC_ALL", "LANG"])
def test_typer_s_own_words_never_come_from_a_folder_in_the_environment(
    planted: Path, home: Path, variable: str
) -> None:
    said = flash(
        home, "delete", "--help", more={"LANGUAGE": None, "LC_ALL": None, variable: str(planted)}
    )
    assert "PLANTED" not in said.stdout
    assert "Arguments" in said.stdout and "Options" in said.stdout


def test_a_folder_among_the_languages_is_skipped_as_an_unknown_one_is(
    run: Run, monkeypatch: pytest.MonkeyPatch, planted: Path
) -> None:
    speak(monkeypatch, LANGUAGE=f"{planted}:fr")
    assert run("list").stdout.startswith("Aucune séance.")


def test_a_folder_in_config_toml_is_an_unknown_language_not_a_catalogue(
    run: Run, home: Path, planted: Path
) -> None:
    home.mkdir(exist_ok=True)
    (home / "config.toml").write_text(f"language = {str(planted)!r}\n", "utf-8")
    result = run("list")
    assert result.stdout.startswith("No sessions.")
    assert result.stderr.startswith(
        f"flash: there is no catalogue for the language {str(planted)!r}; flash speaks English"
    )


@pytest.mark.parametrize(
    "value", ["planted", "../fr", "fr/../fr", "fr\\x", "fr\n", "fr fr", "ffrr"]
)
def test_config_language_refuses_what_is_not_a_code_and_writes_nothing(
    run: Run, home: Path, planted: Path, value: str
) -> None:
    value = str(planted) if value == "planted" else value
    refused = run("config", "language", value)
    assert refused.exit_code == 2, refused
    assert refused.stderr.splitlines()[0] == (
        f"flash: language: {shown(value)} is not a language code (such as fr, es_MX, pt-BR)"
    )
    assert not (home / "config.toml").exists()


def test_a_documents_language_is_a_code_never_a_folder(run: Run, ada: str, planted: Path) -> None:
    refused = run("email", "--lang", str(planted))
    assert refused.exit_code == 2, refused
    assert f"{str(planted)!r} is not a language code" in refused.stderr
    assert run("edit", "--partner-lang", str(planted)).exit_code == 2


@pytest.mark.parametrize(
    "code", ["fr", "es_MX", "pt-BR", "fr_CA.UTF-8@euro", "zh_Hant_TW", "es_419", "C", "POSIX"]
)
def test_codes_as_locales_name_them_are_codes(code: str) -> None:
    assert i18n.is_code(code)


@given(before=st.text(), after=st.text())
def test_no_name_that_holds_a_folder_reads_the_catalogue_in_it(
    planted: Path, before: str, after: str
) -> None:
    """Whatever surrounds a folder's name (an encoding, a ':' before another language, a '/'),
    the catalogue in that folder is never read; and a name flash can speak is a code."""
    for name in (f"{before}{planted}{after}", os.path.relpath(planted, LOCALES) + after, before):
        i18n.choose(environ={"LANGUAGE": name})
        assert i18n._(NO_SESSIONS) != "PLANTED"
        if i18n.usable(name):
            assert i18n.is_code(name)
            assert not any(part in name for part in ("/", "\\", ".."))
    i18n.choose()


# ---------------------------------------------------------------- a translation keeps the placeholders


ADDED = "added {said} to {id}"


def translated(monkeypatch: pytest.MonkeyPatch, folder: Path, changes: dict[str, object]) -> None:
    """Speak French from a copy of its catalogue with CHANGES, compiled in FOLDER."""
    french = catalogue(folder / "fr", changes, base="fr")  # type: ignore[arg-type]
    monkeypatch.setattr(i18n, "LOCALES", french.parent)
    speak(monkeypatch, **FRENCH)


@pytest.mark.parametrize(
    "translation",
    [
        "ajouté {said} à {id.__class__.__mro__}",  # an attribute of the argument
        "ajouté {said} à {id[0]}",  # an item of it
        "ajouté {said} à {id:{said.__class__}}",  # an attribute, in the format of another
        "ajouté {said} à {sid}",  # another name: the message would fail
        "ajouté {said}",  # one left out
        "ajouté {said} à {id!r}",  # another conversion
        "ajouté {said} à {id:>40}",  # another format
        "ajouté {said} à {id",  # not a template at all
    ],
)
def test_a_translation_with_other_placeholders_is_not_used(
    run: Run, ada: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, translation: str
) -> None:
    translated(monkeypatch, tmp_path, {ADDED: translation})
    result = run("notes", "--action", "Appeler Sam d'ici vendredi")
    assert result.exit_code == 0, result
    assert result.stdout == f"added 1 action to {ada}\n"  # English, for that message alone
    assert result.stderr.startswith("conseil : action 1")


@pytest.mark.parametrize(("actions", "said"), [(1, "1 action"), (2, "2 actions")])
def test_a_plural_with_other_placeholders_in_one_form_is_not_used_in_any(
    run: Run, ada: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, actions: int, said: str
) -> None:
    translated(monkeypatch, tmp_path, {"{n} action": ("{n} ACTION", "{n.real} ACTIONS")})
    result = run("notes", *[f"--action=Appeler Sam {i}" for i in range(actions)])
    assert result.stdout == f"ajouté {said} à {ada}\n"


def test_a_translation_with_the_same_placeholders_moved_is_used(
    run: Run, ada: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    translated(monkeypatch, tmp_path, {ADDED: "à {id} : {said} de plus"})
    assert run("notes", "--action", "Appeler Sam").stdout == f"à {ada} : 1 action de plus\n"


PIECES = ["{", "}", "{said}", "{id}", "said", "id", ".real", "[0]", "!r", "!s", ":", ">9", " à "]


@given(st.lists(st.sampled_from(PIECES)).map("".join))
def test_a_translation_the_rule_lets_through_formats_and_reaches_no_attribute(
    translation: str,
) -> None:
    if not catalogues.agree([ADDED], translation):
        return
    touched: list[object] = []

    class Watched(str):
        def __getattribute__(self, name: str) -> object:
            touched.append(name)
            return super().__getattribute__(name)

        def __getitem__(self, key: object) -> str:  # type: ignore[override]
            touched.append(key)
            return ""

    translation.format(said=Watched("1 action"), id=Watched("x"))
    assert touched == []


# ---------------------------------------------------------------- the README's quick starts


def english_words() -> list[str]:
    """What flash says in English, long enough to be told apart from a name: none of it may
    show through in another language."""
    from babel.messages.pofile import read_po

    with messages.TEMPLATE.open("rb") as f:
        template = read_po(f)
    said = [m.id for m in template if isinstance(m.id, str) and "{" not in m.id]
    with i18n.speaking("en"):
        book = guidance.load()
    said += [i.text for i in book.items] + [p.title for p in book.purposes.values()]
    return [s.strip() for s in said if len(s.strip()) > 24]


SCENARIOS = {
    "mentee": (readme.MENTEE, ['flash config name "Grace Hopper"'], readme.CLOCK),
    "mentor": (readme.MENTOR, ['flash config name "Grace Hopper"'], readme.CLOCK),
    "remind": (readme.REMIND, readme.REMIND_SETUP, readme.REMIND_CLOCK),
    "checkin": (readme.CHECKIN, readme.CHECKIN_SETUP, readme.REMIND_CLOCK),
}


@pytest.mark.parametrize(("code", "heading"), [("fr", "Avant la séance"), ("es", "Antes de")])
@pytest.mark.parametrize("scenario", list(SCENARIOS))
def test_every_quick_start_runs_in_the_language(
    run: Run,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    scenario: str,
    code: str,
    heading: str,
) -> None:
    lines, setup, clock = SCENARIOS[scenario]
    monkeypatch.chdir(tmp_path)
    speak(monkeypatch, LANGUAGE=code)
    for line in setup:
        assert run(*shlex.split(line)[1:]).exit_code == 0
    monkeypatch.setenv("FLASH_NOW", clock)
    shown = []
    for line in lines:
        result = run(*shlex.split(line)[1:])
        assert result.exit_code == 0, (line, result)
        shown.append(result.stdout + result.stderr)
    everything = "\n".join(shown)
    leaks = [words for words in english_words() if words in everything]
    assert leaks == []
    if scenario in ("mentee", "mentor"):
        assert heading in everything
    if scenario == "remind":  # a day near by its word: the meeting with Sam is tomorrow at 14:00
        assert {"fr": "demain à 14:00", "es": "mañana a las 14:00"}[code] in everything


def test_the_french_quick_start_reads_as_the_readme_shows_it(
    run: Run, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, home: Path
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("FLASH_NOW", readme.CLOCK)
    speak(monkeypatch, **FRENCH)
    run("config", "name", "Grace Hopper")
    prepared = run(*shlex.split(readme.FRENCH[0])[1:])
    assert "Quand    mardi 1 décembre 2026, 10:00–11:00 (UTC+01:00)" in prepared.stdout
    assert "mardi prochain 10h: mardi 1 décembre 2026, 10:00 (UTC+01:00)" in prepared.stderr
    noted = run(*shlex.split(readme.FRENCH[1])[1:])
    assert "dans 2 semaines: mardi 8 décembre 2026" in noted.stderr
    assert str(on_disk(home)["actions"][0]["due"]) == "2026-12-08"


# ---------------------------------------------------------------- dates


@pytest.mark.parametrize(
    ("code", "typed", "when"),
    [
        ("fr", "mardi prochain 15h", "mardi 1 décembre 2026, 15:00–16:00"),
        ("fr", "mardi 15h30", "mardi 1 décembre 2026, 15:30–16:30"),
        ("es", "el martes a las 15:00", "martes, 1 de diciembre de 2026, 15:00–16:00"),
        ("es", "el próximo martes 10:00", "martes, 1 de diciembre de 2026, 10:00–11:00"),
        ("en", "next tuesday 3pm", "Tuesday 1 December 2026, 15:00–16:00"),
    ],
)
def test_dates_are_read_and_written_in_the_language(
    run: Run, monkeypatch: pytest.MonkeyPatch, code: str, typed: str, when: str
) -> None:
    speak(monkeypatch, LANGUAGE=code)
    result = run("prep", "--with", "Ada Lovelace", "--when", typed, "--no-input")
    assert result.exit_code == 0, result
    assert when in result.stdout


@pytest.mark.parametrize(
    ("code", "typed", "due"),
    [
        ("fr", "dans 2 semaines", "2026-12-12"),
        ("fr", "vendredi", "2026-12-04"),
        ("es", "el viernes", "2026-12-04"),
        ("es", "dentro de 2 semanas", "2026-12-12"),
        ("es", "mañana", "2026-11-29"),
    ],
)
def test_due_dates_in_words_are_read_in_the_language(
    run: Run, monkeypatch: pytest.MonkeyPatch, home: Path, ada: str, code: str, typed: str, due: str
) -> None:
    speak(monkeypatch, LANGUAGE=code)
    result = run("notes", "--action", "Call Sam", "--due", typed)
    assert result.exit_code == 0, result
    assert str(on_disk(home, ada)["actions"][0]["due"]) == due


# ---------------------------------------------------------------- a partner's language


def greeting(draft: str) -> str:
    """The first line of a draft's body (after the To:, From: and Subject: lines)."""
    return draft.split("\n\n")[1].splitlines()[0]


def test_a_document_is_written_in_the_partners_language(
    run: Run, ada: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(tmp_path)
    assert greeting(run("email").stdout) == "Hi Ada,"
    spanish = run("email", "--lang", "es")
    assert greeting(spanish.stdout) == "Hola, Ada:"
    assert "martes, 1 de diciembre" in spanish.stdout
    refused = run("email", "--lang", "de")
    assert refused.exit_code == 2
    assert "there is no catalogue for 'de'; flash writes in en, es, fr" in refused.stderr
    assert run("edit", "--partner-lang", "fr").exit_code == 0
    assert run("show", "--json").stdout.count('"lang": "fr"') == 1
    assert greeting(run("email").stdout) == "Bonjour Ada,"
    assert "Bienvenida" in run("agenda", "--lang", "es").stdout  # --lang over theirs
    assert "Accueil et présentations" in run("agenda").stdout
    markdown = run("export").stdout
    assert markdown.startswith("# Mentorat flash avec Ada Lovelace")
    said = run("email", "--out", "agenda.eml")
    assert "\nwrote agenda.eml: open it" in said.stderr  # to the person, in their language
    speak(monkeypatch, LANGUAGE="es")
    assert greeting(run("email").stdout) == "Bonjour Ada,"  # still theirs
    assert run("edit", "--partner-lang", "").exit_code == 0
    assert greeting(run("email").stdout) == "Hola, Ada:"


# ---------------------------------------------------------------- guidance


def test_an_organisations_guidance_has_its_words_for_each_language(
    run: Run, ada: str, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home.mkdir(exist_ok=True)
    (home / "guidance.toml").write_text(
        '[agenda.mentee]\nwelcome = "Hello, and welcome"\n'
        '[lang.fr.agenda.mentee]\nwelcome = "Bonjour, et bienvenue"\n',
        "utf-8",
    )
    (home / "guidance.es.toml").write_text(
        '[agenda.mentee]\nwelcome = "Hola, y bienvenida"\n', "utf-8"
    )
    assert "Hello, and welcome" in run("agenda").stdout
    speak(monkeypatch, LANGUAGE="fr")
    assert "Bonjour, et bienvenue" in run("agenda").stdout
    speak(monkeypatch, LANGUAGE="es")
    assert "Hola, y bienvenida" in run("agenda").stdout
    (home / "guidance.es.toml").write_text('[agenda.mentee]\nwelcom = "typo"\n', "utf-8")
    broken = run("agenda")
    assert broken.exit_code == 1
    assert "guidance.es.toml" in broken.stderr and "welcom" in broken.stderr


@pytest.mark.parametrize("code", ["fr", "es"])
def test_each_languages_guidance_says_everything_the_english_does(code: str) -> None:
    import tomllib

    english = tomllib.loads((ROOT / "src" / "flashcli" / "guidance.toml").read_text("utf-8"))
    theirs = tomllib.loads((ROOT / "src" / "flashcli" / f"guidance.{code}.toml").read_text("utf-8"))

    def keys(data: object, at: str = "") -> set[str]:
        if isinstance(data, dict):
            return set().union(*(keys(v, f"{at}.{k}") for k, v in data.items()))
        if isinstance(data, list) and data and isinstance(data[0], dict):
            return {
                f"{at}.{d['role']}.{d['key']}.{f}"
                for d in data
                for f in ("text", "prompt")
                if f in d
            }
        return {at}

    assert keys(theirs) == keys(english) - {
        k for k in keys(english) if k.startswith(".items") and not k.endswith((".text", ".prompt"))
    }


# ---------------------------------------------------------------- action hints


@pytest.mark.parametrize("code", ["fr", "es"])
def test_the_languages_hints_are_measured_on_texts_they_were_not_written_from(
    code: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with (DATA / f"action_texts.{code}.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(line for line in f if not line.startswith("#")))
    held = [r for r in rows if r["set"] == "held-out"]
    assert len(rows) >= 60 and len(held) == len(rows) // 3
    with i18n.speaking(code):
        coach = guidance.load().coach
    vague = measured([(coach.is_vague(r["text"]), r["vague"] == "yes") for r in held])
    cue = measured([(coach.has_cue(r["text"]), r["cue"] == "yes") for r in held])
    with capsys.disabled():
        sys.stdout.write(
            f"\naction hints ({code}), on the {len(held)} held-out texts: vague: precision "
            f"{vague[0]:.2f}, recall {vague[1]:.2f}; cue: precision {cue[0]:.2f}, recall "
            f"{cue[1]:.2f}\n"
        )
    assert vague[0] >= 0.85 and vague[1] >= 0.6
    assert cue[0] >= 0.5 and cue[1] >= 0.5


@pytest.mark.parametrize(
    ("code", "text", "cue", "reworded"),
    [
        (
            "fr",
            "Réserver la formation",
            "le budget est voté",
            "Quand le budget est voté, je vais réserver la formation",
        ),
        (
            "fr",
            "Lire le livre",
            "après le point du lundi",
            "Après le point du lundi, je vais lire le livre",
        ),
        (
            "es",
            "Reservar el curso",
            "aprueben el presupuesto",
            "Cuando aprueben el presupuesto, voy a reservar el curso",
        ),
        (
            "es",
            "Leer el libro",
            "después de la reunión",
            "Después de la reunión, voy a leer el libro",
        ),
    ],
)
def test_the_when_i_will_form_is_said_in_the_language(
    code: str, text: str, cue: str, reworded: str
) -> None:
    with i18n.speaking(code):
        assert guidance.load().coach.with_cue(text, cue) == reworded


def test_a_hint_is_said_in_the_language(
    run: Run, ada: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    speak(monkeypatch, **SPANISH)
    result = run("notes", "--action", "Mejorar mi gestión del tiempo")
    assert result.stderr.splitlines()[-1] == (
        "consejo: acción 1, 'Mejorar mi gestión del tiempo': aún sin fecha límite (con una,"
        " flash te lo recuerda); nombra un acto que se pueda ver hecho («Inscribirme en un"
        " curso», no «Informarme sobre cursos»); di cuándo: «Cuando …, voy a …» hace que sea"
        " unas dos veces más probable"
    )


# ---------------------------------------------------------------- at a terminal, in French


def test_the_prepare_walk_in_french(home: Path) -> None:
    child = spawn(home, "prep", env=FRENCH)
    child.expect_exact("Qui rencontrez-vous ? (Nom <e-mail>)")
    child.sendline("Ada Lovelace <ada@example.org>")
    child.expect_exact("Dans quelle langue écrivez-vous à Ada ? (fr, es… ; Entrée : la vôtre)")
    child.sendline("es")
    child.expect_exact("Quand vous rencontrez-vous ?")
    child.sendline("mardi prochain")
    child.expect_exact("'mardi prochain' est un jour : donnez aussi l'heure")
    child.sendline("mardi prochain 10h")
    child.expect_exact("mardi prochain 10h: mardi 1 décembre 2026, 10:00 (UTC+01:00)")
    child.expect_exact("Objet (numéro) :")
    child.sendline("4")
    child.expect_exact("Qu'attendez-vous de cette séance ?")
    child.sendline("Décider si je passe au management")
    child.expect_exact("Comment saurez-vous que la séance a porté ses fruits ?")
    child.sendline("")
    child.expect_exact("Les sujets que vous voulez aborder")
    child.sendline("Premiers pas")
    child.sendline("")
    child.expect_exact("Avez-vous envoyé les sujets à votre mentor ?")
    child.expect_exact("[o/N]")
    child.sendline("peut-être")
    child.expect_exact("répondez o ou n (ou < pour revenir en arrière)")
    child.sendline("o")
    child.expect_exact("Où ? (un lieu ou un lien de visio)")
    child.sendeof()
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0, child.before
    stored = on_disk(home)
    assert stored["partner"]["lang"] == "es"
    assert stored["when"].isoformat() == "2026-12-01T10:00:00+01:00"
    assert "send-topics" in stored["ticked"]
    assert stored["goal"] == "Décider si je passe au management"


def test_live_notes_in_french(home: Path) -> None:
    flash(home, "prep", "--with", "Ada Lovelace", "--when", "2026-11-28 08:50", "--no-input")
    child = spawn(home, "notes", env=FRENCH)
    child.expect_exact("Notes en direct avec Ada Lovelace")
    child.expect_exact("min restantes] > ")
    child.sendline("! Envoyer le plan à Sam d'ici vendredi")
    child.expect_exact("échéance vendredi 4 décembre 2026")
    child.expect_exact("min restantes] > ")
    child.sendline("/plan")
    child.expect_exact("Plan d'action (1)")
    child.expect_exact("min restantes] > ")
    child.sendline("/nimportequoi")
    child.expect_exact("commande inconnue /nimportequoi ; /help les liste")
    child.sendline("/done")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0, child.before
    [action] = on_disk(home)["actions"]
    assert (action["text"], str(action["due"])) == ("Envoyer le plan à Sam", "2026-12-04")


# ---------------------------------------------------------------- start-up


def test_english_reads_no_catalogue_and_imports_no_babel(home: Path) -> None:
    from tests.test_startup import imported

    flash(home, "prep", "--with", "Ada Lovelace", "--no-input")
    for args in (["list"], ["--help"], ["prep", "--help"]):
        assert imported(home, *args, heavy=("babel", "flashcli.catalogues")) == set()


def test_a_sessions_record_says_its_own_values_in_the_language(
    run: Run, ada: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Values kept in English in the file (a note's kind, a role, a status, a decision) are
    shown in the language; the file keeps them as they are."""
    run("notes", "--resource", "Un libro", "--referral", "Sam")
    run("followup", "--continue", "yes", "--no-input")
    speak(monkeypatch, **SPANISH)
    shown = run("show").stdout
    assert "(mentorado, celebrada)" in shown
    assert " recurso   Un libro\n" in shown and " contacto  Sam\n" in shown  # one width
    assert "Continuar: sí" in shown
    assert run("show", "--json").stdout.count('"kind": "resource"') == 1
