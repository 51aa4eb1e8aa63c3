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
