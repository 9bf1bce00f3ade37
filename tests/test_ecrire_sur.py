"""ton reecrire --ecrire never loses text (issue 13, point 1): lock, one read, backup from those
bytes, never through a link nor over an existing backup, refusal when the draft changed."""
import fcntl
import os

import pytest

DRAFT = ("Bonjour,\nJe dois finalement annuler le rendez-vous de lundi : vu les avis sur Glassdoor concernant "
         "l'ambiance dans vos équipes, je préfère prendre du recul. Désolé de vous prévenir tardivement.\n"
         "Cordialement,\nBastien\n")
EDIT = DRAFT.replace("Bastien", "Bastien Morel")


@pytest.fixture
def draft(tmp_path):
    d = tmp_path / "brouillons"
    d.mkdir()
    p = d / "m.txt"
    p.write_text(DRAFT, encoding="utf-8")
    return p


def _during_analysis(monkeypatch, action):
    """Run `action` while reecrire analyses the draft (as another program would, meanwhile)."""
    import ton.rewrite

    real = ton.rewrite.rewrite_sources

    def slow(sources, options):
        action()
        return real(sources, options)

    monkeypatch.setattr(ton.rewrite, "rewrite_sources", slow)


def test_second_run_while_one_holds_the_file_writes_nothing(run, draft):
    with open(draft, "rb") as held:
        fcntl.flock(held, fcntl.LOCK_EX)  # what a first « ton reecrire --ecrire » holds
        r = run("reecrire", str(draft), "--ecrire", "--grammaire", "aucune")
    assert r.code == 2 and "déjà en cours de réécriture" in r.err
    assert draft.read_text(encoding="utf-8") == DRAFT
    assert os.listdir(draft.parent) == ["m.txt"]


def test_file_replaced_during_the_analysis_is_kept_and_run_refused(run, draft, monkeypatch):
    # Another run (or an editor saving by rename) replaces the file while this one analyses.
    def other_run():
        tmp = draft.with_name("autre.tmp")
        tmp.write_text(EDIT, encoding="utf-8")
        os.replace(tmp, draft)

    _during_analysis(monkeypatch, other_run)
    r = run("reecrire", str(draft), "--ecrire", "--grammaire", "aucune")
    assert r.code == 2 and "rien n'a été" in r.err
    assert draft.read_text(encoding="utf-8") == EDIT
    assert os.listdir(draft.parent) == ["m.txt"]


def test_edit_saved_in_place_during_the_analysis_is_kept(run, draft, monkeypatch):
    _during_analysis(monkeypatch, lambda: draft.write_text(EDIT, encoding="utf-8"))
    r = run("reecrire", str(draft), "--ecrire", "--grammaire", "aucune")
    assert r.code == 2 and "modifié pendant la réécriture" in r.err
    assert draft.read_text(encoding="utf-8") == EDIT
    assert os.listdir(draft.parent) == ["m.txt"]



def test_backup_never_follows_a_link(run, draft):
    victim = draft.parent.parent / "victime.txt"
    victim.write_text("ne pas toucher\n", encoding="utf-8")
    (draft.parent / "m.txt.bak").symlink_to(os.path.join("..", "victime.txt"))
    r = run("reecrire", str(draft), "--ecrire", "--grammaire", "aucune")
    assert r.code == 0
    assert victim.read_text(encoding="utf-8") == "ne pas toucher\n"
    assert (draft.parent / "m.txt.bak").is_symlink()
    assert (draft.parent / "m.txt.1.bak").read_text(encoding="utf-8") == DRAFT
    assert "m.txt.1.bak" in r.err


def test_existing_backup_is_never_overwritten(run, draft):
    (draft.parent / "m.txt.bak").write_text("sauvegarde d'hier\n", encoding="utf-8")
    (draft.parent / "m.txt.1.bak").write_text("sauvegarde d'avant-hier\n", encoding="utf-8")
    r = run("reecrire", str(draft), "--ecrire", "--grammaire", "aucune")
    assert r.code == 0
    assert (draft.parent / "m.txt.bak").read_text(encoding="utf-8") == "sauvegarde d'hier\n"
    assert (draft.parent / "m.txt.1.bak").read_text(encoding="utf-8") == "sauvegarde d'avant-hier\n"
    assert (draft.parent / "m.txt.2.bak").read_text(encoding="utf-8") == DRAFT


def test_ecrire_refuses_an_eml(run, tmp_path):
    raw = ("From: a@example.org\nTo: b@example.org\nSubject: Entretien\nMIME-Version: 1.0\n"
           "Content-Type: text/plain; charset=utf-8\n\n" + DRAFT).encode()
    p = tmp_path / "m.eml"
    p.write_bytes(raw)
    r = run("reecrire", str(p), "--ecrire", "--grammaire", "aucune")
    assert r.code == 2 and ".eml" in r.err
    assert p.read_bytes() == raw
    assert os.listdir(tmp_path) == ["m.eml"]


def test_ecrire_through_a_link_rewrites_the_target_and_keeps_the_link(run, draft):
    link = draft.parent / "lien.txt"
    link.symlink_to("m.txt")
    r = run("reecrire", str(link), "--ecrire", "--grammaire", "aucune")
    assert r.code == 0
    assert link.is_symlink() and "Glassdoor" not in draft.read_text(encoding="utf-8")
    assert (draft.parent / "m.txt.bak").read_text(encoding="utf-8") == DRAFT


def test_ecrire_keeps_the_file_mode(run, draft):
    os.chmod(draft, 0o600)
    r = run("reecrire", str(draft), "--ecrire", "--grammaire", "aucune")
    assert r.code == 0
    assert os.stat(draft).st_mode & 0o777 == 0o600
    assert os.stat(draft.parent / "m.txt.bak").st_mode & 0o777 == 0o600
