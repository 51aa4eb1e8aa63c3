"""The columnar steps of identity.resolve give what the per-row Python they replaced gave."""

import pandas as pd

from netaudit.identity import _rewrite_references
from netaudit.model import Network, conform


def test_rewrite_references_renames_every_reference():
    messages = conform(pd.DataFrame({
        "message_id": ["m1", "m2", "m3", "m4", "m5"],
        "sender_id": ["a", "b", "x", "a", "c"],
        "recipient_ids": [("b",), ("a", "c", "b"), (), ("x",), ("b",)],
    }), "messages")
    invitations = conform(pd.DataFrame({"person_id": ["c", "x"]}), "invitations")
    network = Network(messages=messages, invitations=invitations)
    # b and c are one person (B); a is renamed; x is not in the mapping.
    _rewrite_references(network, {"a": "A", "b": "B", "c": "B"})
    assert network.messages["sender_id"].tolist() == ["A", "B", "x", "A", "B"]
    assert str(network.messages["sender_id"].dtype) == "str"
    # A tuple holding two ids of one person names the person once, in order.
    assert network.messages["recipient_ids"].tolist() == [("B",), ("A", "B"), (), ("x",),
                                                          ("B",)]
    assert network.invitations["person_id"].tolist() == ["B", "x"]


def _namesakes_network(with_list_bo_chen: bool) -> Network:
    """Two 'Ajit Kumar' in one connection list (the second without company, so no row is
    placed by company) and a third, from messages, whose profile URL links it to a 'Bo
    Chen'. A 'Bo Chen' in the list joins the 'Bo Chen' rows by name before the 'Ajit
    Kumar' group is looked at: one of them shares the first Ajit's e-mail."""
    rows = [
        ("Bo Chen", "", "", True, False, "Connections.csv"),
        ("Ajit Kumar", "", "ajit@acme.example", True, False, "Connections.csv"),
        ("Ajit Kumar", "", "", True, False, "Connections.csv"),
        ("Bo Chen", "", "ajit@acme.example", False, True, "contacts.vcf"),
        ("Bo Chen", "linkedin.com/in/u1", "", False, False, "messages.csv"),
        ("Ajit Kumar", "linkedin.com/in/u1", "", False, False, "messages.csv"),
    ]
    if not with_list_bo_chen:
        rows = rows[1:]
    people = conform(pd.DataFrame(
        [{"person_id": f"id{i}", "name": name, "profile_url": url, "email": email,
          "is_connection": listed, "is_contact": contact, "source": source,
          "networks": "" if contact else "linkedin"}
         for i, (name, url, email, listed, contact, source) in enumerate(rows)]), "people")
    return Network(people=people)


def test_namesakes_count_unjoined_rows_with_the_clusters_earlier_joins_left():
    from netaudit.identity import resolve

    # Without the listed 'Bo Chen' the 'Ajit Kumar' group comes first: the Ajit of the
    # messages (with the 'Bo Chen' of its URL) is a cluster no list row is in: unjoined.
    alone = resolve(_namesakes_network(False), region="")
    assert alone.set_aside.get("unjoined_names", 0) == 1
    # With it, the 'Bo Chen' group first joins the first Ajit's cluster (by its e-mail)
    # and the messages' cluster (by its URL): the Ajit of the messages is then in a
    # cluster of the list, and nobody is left unjoined.
    joined = resolve(_namesakes_network(True), region="")
    assert joined.set_aside.get("unjoined_names", 0) == 0
    assert len(joined.people) == 2
