"""Upgrade from the previous state of the addons (taken from git history) to
the working tree's: the data survives (numbers, approval decisions,
signatures, history) and the upgrade log is clean.

The previous state is the last commit before a manifest's version last
changed. While no version has ever changed, it is the first commit where
every current addon exists: the oldest database of the current versions.
"""

import ast
import json
import shutil
import subprocess

import pytest
import wo_dev

from conftest import ROOT, Odoo, config_addons_path, derived_config

ADDONS = wo_dev.wo_addons()
DATABASE = "wo_suite_upgrade"


def git(*args, repo=ROOT):
    return subprocess.run(
        ["git", *args], cwd=repo, capture_output=True, text=True, check=True
    ).stdout


def manifest_version(rev, addon, repo=ROOT):
    """The addon's version at ``rev``; None where it does not exist."""
    try:
        text = git("show", f"{rev}:addons/{addon}/__manifest__.py", repo=repo)
    except subprocess.CalledProcessError:
        return None
    return ast.literal_eval(text).get("version")


def previous_state(addons=ADDONS, repo=ROOT):
    """(commit, why): the state of the addons to upgrade from."""
    manifests = [f"addons/{addon}/__manifest__.py" for addon in addons]
    # newest first, the commits whose diff of a manifest has a "version" line
    log = git("log", "--format=%H", "-G", '"version"', "--", *manifests, repo=repo)
    for commit in log.split():
        parents = git("log", "-1", "--format=%P", commit, repo=repo).split()
        if not parents:
            continue
        changed = [
            addon
            for addon in addons
            if None
            != manifest_version(parents[0], addon, repo)
            != manifest_version(commit, addon, repo)
            is not None
        ]
        if changed:
            return parents[0], (
                f"{commit[:10]} changed the version of {', '.join(changed)}: "
                f"upgrading from its parent {parents[0][:10]}"
            )
    # oldest first, the commits that added a manifest
    log = git("log", "--reverse", "--diff-filter=A", "--format=%H", "--", *manifests, repo=repo)
    for commit in log.split():
        if all(manifest_version(commit, addon, repo) for addon in addons):
            return commit, (
                f"no version ever changed: upgrading from {commit[:10]}, "
                "the first commit where every addon exists"
            )
    pytest.fail("no commit holds every addon: nothing to upgrade from")


def test_previous_state_is_before_the_working_tree():
    commit, why = previous_state()
    assert why
    assert git("merge-base", "--is-ancestor", commit, "HEAD") == ""


def test_previous_state_rules(tmp_path):
    """In a small repository: the first commit holding both addons while no
    version changed; the parent of the last version change after that."""

    def commit(message, **versions):
        for addon, version in versions.items():
            manifest = tmp_path / "addons" / addon / "__manifest__.py"
            manifest.parent.mkdir(parents=True, exist_ok=True)
            manifest.write_text(f'{{"name": "{addon}", "version": "{version}"}}\n')
        (tmp_path / "log.txt").write_text(message)
        git("add", "-A", repo=tmp_path)
        git("commit", "-q", "-m", message, repo=tmp_path)
        return git("rev-parse", "HEAD", repo=tmp_path).strip()

    git("init", "-q", repo=tmp_path)
    git("config", "commit.gpgsign", "false", repo=tmp_path)
    git("config", "user.email", "ci@example.com", repo=tmp_path)
    git("config", "user.name", "CI", repo=tmp_path)
    commit("a", a="19.0.1.0.0")
    both = commit("b", b="19.0.1.0.0")
    commit("work")
    assert previous_state(["a", "b"], tmp_path)[0] == both
    before_bump = commit("more work", a="19.0.1.0.0")  # touched, same version
    commit("bump a", a="19.0.1.1.0")
    commit("work after the bump")
    found, why = previous_state(["a", "b"], tmp_path)
    assert found == before_bump, why
    assert "of a" in why


# Records of every kind the upgrade must keep, made through the ORM of the
# previous state (beside its demo data); then the dump compared after.
FILL = r"""
import datetime

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

from odoo import Command

ref = env.ref
director = ref("wo_staff.user_director_demo")
head = ref("wo_staff.user_head_legal_demo")
deputy = ref("wo_staff.user_deputy_legal_demo")
lawyer = ref("wo_staff.user_lawyer_demo")

# an assignment assigned and reported: its history
task = env["wo.task"].with_user(director).create({
    "subject": "Upgrade check: an assignment with history",
    "kind_id": ref("wo_tasks.wo_task_kind_assignment").id,
    "initiator_id": director.id,
    "controller_id": director.id,
    "executor_ids": [Command.create({"user_id": head.id, "sequence": 0})],
})
task.with_user(director).action_assign()
task.with_user(head).action_report_mine("Reported before the upgrade.")

# a contract on approval, approved by its first step: a decision
Document = env["wo.document"]
contract = Document.with_user(deputy).create({
    "type_id": ref("wo_documents.wo_document_type_contract").id,
    "subject": "Upgrade check: an approved contract",
    "author_id": deputy.id,
    "responsible_id": deputy.id,
    "partner_id": ref("wo_documents.partner_polimer_contract_demo").id,
    "amount": 1000,
})
contract.with_user(deputy).action_send_for_approval()
contract.with_user(head).action_decide("remarks", "Kept across the upgrade.")

# a registered document, signed digitally (detached CMS of a text file)
now = datetime.datetime.now(datetime.UTC).replace(tzinfo=None)


def issue(subject, key, issuer=None, issuer_key=None, ca=False):
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, subject)])
    usage = dict.fromkeys(
        ["key_encipherment", "data_encipherment", "key_agreement",
         "encipher_only", "decipher_only"], False)
    return (
        x509.CertificateBuilder().subject_name(name)
        .issuer_name(issuer.subject if issuer else name)
        .public_key(key.public_key()).serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=30))
        .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
        .add_extension(x509.KeyUsage(digital_signature=not ca, content_commitment=not ca,
                                     key_cert_sign=ca, crl_sign=ca, **usage), critical=True)
        .sign(issuer_key or key, hashes.SHA256())
    )


root_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
root = issue("Upgrade Check Root", root_key, ca=True)
key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
cert = issue("Upgrade Check", key, root, root_key)
if "wo.trusted.certificate" in env:  # verdicts against trusted roots from 19.0.1.2.0
    env["wo.trusted.certificate"].import_bundle(root.public_bytes(serialization.Encoding.DER))
p12 = pkcs12.serialize_key_and_certificates(
    b"upgrade", key, cert, [root], serialization.BestAvailableEncryption(b"upgrade")
)
certificate = env["wo.signing.certificate"].with_user(lawyer).create_from_pkcs12(p12, "upgrade")
memo = Document.with_user(lawyer).create({
    "type_id": ref("wo_documents.wo_document_type_reminder").id,
    "subject": "Upgrade check: a signed document",
    "author_id": lawyer.id,
})
memo.with_user(lawyer).action_register()
memo.message_main_attachment_id = env["ir.attachment"].create({
    "name": "minutes.txt",
    "raw": b"Minutes of the upgrade check",
    "mimetype": "text/plain",
    "res_model": "wo.document",
    "res_id": memo.id,
})
memo.with_user(lawyer).action_sign(certificate.id, "upgrade")

# a registered incoming letter
letter = env["wo.correspondence"].create({
    "direction": "incoming",
    "subject": "Upgrade check: a registered letter",
    "partner_id": ref("wo_correspondence.partner_kyivenergo_demo").id,
    "sender_number": "UP-1",
    "recipient_user_id": head.id,
})
letter.action_register()
assert task.history_ids and contract.approval_ids and memo.signature_ids and letter.name
env.cr.commit()
# a tracked change of a record made in an earlier transaction (written on commit)
env["wo.task"].browse(task.id).write({"priority": "3"})
env.cr.commit()
assert env["mail.tracking.value"].search_count([("mail_message_id.model", "=", "wo.task")])
"""

# What must not change: the records as stored (binaries by their hash), their
# messages and tracked changes, the numbering; no records of any WO model lost.
DUMP = r"""
import hashlib
import json

FIELDS = {
    "wo.task": ["name", "subject", "state_id", "initiator_id", "controller_id", "result",
                "date_assigned", "date_reported", "date_done"],
    "wo.task.executor": ["task_id", "user_id", "sequence"],
    "wo.task.history": ["task_id", "date", "user_id", "state_from_id", "state_to_id", "reason"],
    "wo.document": ["name", "date_registration", "type_id", "state", "subject", "partner_id",
                    "amount", "approval_task_id", "date_signed_first", "date_signed_second"],
    "wo.document.approval": ["document_id", "line_id", "approver_id", "decided_by_id",
                             "decision", "remarks", "date"],
    "wo.document.signature": ["document_id", "signer_id", "certificate_id", "date", "kind",
                              "subject", "serial", "sha256", "signed_file", "cms",
                              "certificate"],
    "wo.correspondence": ["name", "direction", "journal_id", "date_registration",
                          "date_document", "subject", "partner_id", "sender_number",
                          "registrar_id"],
}
THREADS = ["wo.task", "wo.document", "wo.correspondence"]


def stored(model, field, raw):
    if raw and env[model]._fields[field].type == "binary":
        return hashlib.sha256(raw if isinstance(raw, bytes) else raw.encode()).hexdigest()
    return raw


dump = {}
for model, fields in FIELDS.items():
    records = env[model].with_context(active_test=False).search([], order="id")
    # a field one version does not have is left out on both sides (compared below)
    fields = [field for field in fields if field in env[model]._fields]
    dump[model] = [
        {field: stored(model, field, row[field]) for field in ["id", *fields]}
        for row in records.read(fields, load=None)
    ]
dump["messages"] = {}
for model in THREADS:
    # per record: its messages and their tracking values
    env.cr.execute(
        "SELECT m.res_id, count(DISTINCT m.id), count(t.id) FROM mail_message m"
        " LEFT JOIN mail_tracking_value t ON t.mail_message_id = m.id"
        " WHERE m.model = %s GROUP BY m.res_id",
        [model],
    )
    dump["messages"][model] = {
        str(res_id): [msgs, tracks] for res_id, msgs, tracks in env.cr.fetchall()
    }
dump["counts"] = {
    model.model: env[model.model].with_context(active_test=False).search_count([])
    for model in env["ir.model"].search([("model", "=like", "wo.%"), ("transient", "=", False)])
    if not env[model.model]._abstract and env[model.model]._auto
}
dump["sequences"] = {
    seq.id: [seq.code, seq.prefix, seq.number_next_actual]
    for seq in env["ir.sequence"].with_context(active_test=False).search([], order="id")
}
signatures = env["wo.document.signature"].search([])
signatures.action_verify()
dump["verified"] = sorted(set(signatures.mapped("verify_state")))
modules = env["ir.module.module"].search([("name", "=like", "wo\\_%")])
dump["versions"] = {module.name: module.latest_version for module in modules}
env.cr.rollback()
print("WO-DUMP " + json.dumps(dump, sort_keys=True, default=str))
"""


def read_dump(log):
    lines = [line for line in log.splitlines() if line.startswith("WO-DUMP ")]
    assert lines, log[-3000:]
    return json.loads(lines[-1][len("WO-DUMP ") :])


@pytest.fixture
def old_tree(tmp_path):
    """The previous state's addons, in a temporary git worktree."""
    if git("rev-parse", "--is-shallow-repository").strip() == "true":
        pytest.fail("a shallow clone has no previous state: git fetch --unshallow")
    commit, why = previous_state()
    print(why)
    tree = tmp_path / "previous"
    git("worktree", "add", "--detach", str(tree), commit)
    try:
        yield tree / "addons"
    finally:
        git("worktree", "remove", "--force", str(tree))
        shutil.rmtree(tree, ignore_errors=True)


def test_upgrade_from_the_previous_state(odoo, odoo_config, old_tree, tmp_path):
    old_addons = old_tree
    versions = {
        addon: ast.literal_eval((wo_dev.ADDONS / addon / "__manifest__.py").read_text())["version"]
        for addon in ADDONS
    }
    present = [addon for addon in ADDONS if (old_addons / addon / "__manifest__.py").is_file()]
    new = [addon for addon in ADDONS if addon not in present]
    odoo_paths = [p for p in config_addons_path(odoo_config) if p.resolve() != wo_dev.ADDONS]
    old_config = derived_config(odoo_config, tmp_path / "previous.conf", [old_addons, *odoo_paths])
    previous = Odoo(old_config, tmp_path)
    odoo.drop(DATABASE)
    try:
        log = previous.run(
            DATABASE, "-i", ",".join(present), "--with-demo", name="install-previous"
        )
        assert "Loading module wo_staff " in log
        assert not odoo.bad_lines(log), "\n".join(odoo.bad_lines(log))
        before = read_dump(previous.shell(DATABASE, FILL + DUMP, name="fill-previous"))
        assert before["verified"] == ["valid"], before["verified"]

        steps = ["-u", ",".join(present)] + (["-i", ",".join(new)] if new else [])
        log = odoo.run(DATABASE, *steps, name="upgrade")
        assert not odoo.bad_lines(log), "\n".join(odoo.bad_lines(log))
        after = read_dump(odoo.shell(DATABASE, DUMP, name="dump-upgraded"))
        # the working tree's addons were loaded, and are at their versions
        for addon in present:
            assert f"Loading module {addon} " in log
        assert {addon: after["versions"].get(addon) for addon in ADDONS} == versions

        assert after["verified"] == before["verified"], "verified"
        # the threads of before are as they were; an addon new in the upgrade
        # may bring records (its demo data) with threads of their own
        for model, threads in before["messages"].items():
            kept = {res_id: after["messages"][model].get(res_id) for res_id in threads}
            assert kept == threads, f"messages of {model}"
            if not new:
                assert after["messages"][model] == threads, f"messages of {model}"
        # every numbering goes on where it was; an addon new in the upgrade
        # brings numberings of its own
        assert {seq: after["sequences"].get(seq) for seq in before["sequences"]} == before[
            "sequences"
        ], "sequences"
        # new data may come with the upgrade; nothing goes
        for model, count in before["counts"].items():
            assert after["counts"].get(model, 0) >= count, f"{model}: records lost"
        for model, rows in before.items():
            if model.startswith("wo."):
                # the records of before are all there, as they were; only an
                # addon new in the upgrade may add records (its demo data)
                if not new:
                    assert len(after[model]) == len(rows), model
                upgraded = {row["id"]: row for row in after[model]}
                for old_row in rows:
                    new_row = upgraded.get(old_row["id"])
                    assert new_row is not None, f"{model} {old_row['id']}: lost"
                    common = old_row.keys() & new_row.keys()
                    assert {key: new_row[key] for key in common} == {
                        key: old_row[key] for key in common
                    }, model
    finally:
        odoo.drop(DATABASE)
