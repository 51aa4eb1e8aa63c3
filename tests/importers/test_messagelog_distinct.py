"""The message log parses each distinct cell once: row order still decides people's ids, and
every row gets its own conversation, subject, flags and body. Expected values by hand."""

from __future__ import annotations

import hashlib


def test_repeated_cells_give_each_row_its_own_values(write, read_one):
    path = write("log.csv", "\n".join([
        "from,to,cc,date,subject,body",
        "Ana <ana@x.org>,bo@x.org,,2024-01-01,Hi,one",             # row 0
        "bo@x.org,Ana <ana@x.org>,Chen <chen@x.org>,2024-01-02,Re: hi,two",  # row 1
        "Ana <ana@x.org>,bo@x.org,,2024-01-03,Out of office,three",  # row 2: auto
        ",bo@x.org,,2024-01-04,Hi,four",                          # row 3: no sender
        "Ana <ana@x.org>,bo@x.org,,2024-01-05,Hi,five",             # row 4: as row 0
        "Dana <dana@x.org>,bo@x.org,,2024-01-06,Hi,six",            # row 5
    ]) + "\n")
    network = read_one(path)
    messages = network.messages
    file = str(path)
    # Ids in order of first appearance, sender then To then Cc: Ana 0, bo 1, Chen 2, Dana 3.
    assert network.people["person_id"].tolist() == [f"{file}:{n}" for n in range(4)]
    assert network.people["email"].tolist() == ["ana@x.org", "bo@x.org", "chen@x.org",
                                                 "dana@x.org"]
    ana, bo, chen, dana = (f"{file}:{n}" for n in range(4))
    assert messages["message_id"].tolist() == [f"{file}#{i}" for i in (0, 1, 2, 4, 5)]
    assert messages["sender_id"].tolist() == [ana, bo, ana, ana, dana]
    assert messages["recipient_ids"].tolist() == [(bo,), (ana, chen), (bo,), (bo,), (bo,)]
    assert messages["subject"].tolist() == ["Hi", "Re: hi", "Out of office", "Hi", "Hi"]
    assert messages["body"].tolist() == ["one", "two", "three", "five", "six"]
    assert messages["is_auto"].tolist() == [False, False, True, False, False]

    # Without a conversation column: sha1 of the sorted ids, '\x1e'-joined, '\x1f', and the
    # subject without 'Re:' in lower case.
    def conversation(ids: list[str], subject: str) -> str:
        text = "\x1e".join(sorted(ids)) + "\x1f" + subject
        return "log:" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]

    assert messages["conversation_id"].tolist() == [
        conversation([ana, bo], "hi"), conversation([ana, bo, chen], "hi"),
        conversation([ana, bo], "out of office"), conversation([ana, bo], "hi"),
        conversation([bo, dana], "hi"),
    ]
    [problem] = network.problems
    assert (problem.count, problem.example_row) == (1, 5)  # row 3 is physical line 5


def test_progress_reaches_the_file_size(write, read_one):
    path = write("log.csv", "from,to,date\n" + "a@x.org,b@x.org,2024-01-01\n" * 3)
    calls = []
    read_one(path, progress=lambda *call: calls.append(call))
    size = path.stat().st_size  # 13 + 3 * 27 = 94 bytes
    assert size == 94
    # One block of rows: 0 rows done, then all 3.
    assert calls[-2:] == [("reading log.csv", 0, 94), ("reading log.csv", 94, 94)]
