"""Time ``netaudit.analyses.replies.reply_rates`` on a large synthetic network.

The network is built in memory (no importer involved), at the size of issue 2's benchmark:
30,000 people and 500,000 messages in 60,000 conversations (10% of them group
conversations), over four years, with 40 mass-mailed templates among the owner's messages.

    .venv/bin/python benchmarks/bench_replies.py [--messages 500000] [--conversations 60000]
"""

from __future__ import annotations

import argparse
import time


def build(messages: int, conversations: int, people: int, seed: int = 7):
    import numpy as np
    import pandas as pd

    from netaudit.model import Network, Owner, conform, derive_message_fields

    rng = np.random.default_rng(seed)
    person_ids = np.array([f"p{i}" for i in range(people)], dtype=object)
    first_names = np.array(["Anna", "Bo", "Cy", "Dee", "Eli", "Fay", "Gus", "Hal"], dtype=object)
    people_frame = pd.DataFrame({
        "person_id": np.concatenate([["me"], person_ids]),
        "name": np.concatenate([["Me Owner"], [f"{first_names[i % 8]} P{i}"
                                               for i in range(people)]]),
        "first_name": np.concatenate([["Me"], first_names[np.arange(people) % 8]]),
        "company": np.concatenate([[""], rng.choice(
            [f"Company {i}" for i in range(300)], people)]),
        "position": np.concatenate([[""], rng.choice(
            ["Software Engineer", "Recruiter", "Founder", "Data Analyst", "Designer", ""],
            people)]),
        "connected_on": pd.to_datetime(
            np.concatenate([[0], rng.integers(1.2e9, 1.7e9, people)]), unit="s", utc=True),
        "is_connection": np.concatenate([[False], np.ones(people, dtype=bool)]),
        "is_owner": np.concatenate([[True], np.zeros(people, dtype=bool)]),
    })

    # Members of each conversation: 90% 1:1, 10% with 2-5 others.
    sizes = np.where(rng.random(conversations) < 0.9, 1, rng.integers(2, 6, conversations))
    members = [tuple(person_ids[rng.integers(0, people, k)]) for k in sizes]
    conv_of = np.sort(rng.integers(0, conversations, messages))
    start = pd.Timestamp("2021-01-01", tz="UTC").value // 10**9
    at = start + rng.integers(0, 4 * 365 * 86400, messages)
    by_owner = rng.random(messages) < 0.5
    senders = np.empty(messages, dtype=object)
    recipients = np.empty(messages, dtype=object)
    pick = rng.integers(0, 5, messages)
    for i in range(messages):  # building the fixture, not the code under test
        group = members[conv_of[i]]
        if by_owner[i]:
            senders[i] = "me"
            recipients[i] = group
        else:
            who = group[pick[i] % len(group)]
            senders[i] = who
            recipients[i] = ("me", *(g for g in group if g != who))
    templates = [f"Hi there, our offer number {k} is ready for you to try today" for k in
                 range(40)]
    bodies = np.array([f"message {i} about topic {i % 977}" for i in range(messages)],
                      dtype=object)
    mass = by_owner & (rng.random(messages) < 0.05)
    bodies[mass] = np.array(templates, dtype=object)[rng.integers(0, 40, int(mass.sum()))]
    frame = pd.DataFrame({
        "message_id": [f"m{i}" for i in range(messages)],
        "conversation_id": [f"c{c}" for c in conv_of],
        "sent_at": pd.to_datetime(at, unit="s", utc=True),
        "sender_id": senders,
        "recipient_ids": recipients,
        "body": bodies,
        "is_auto": rng.random(messages) < 0.002,
        "is_draft": rng.random(messages) < 0.001,
    })
    network = Network(people=conform(people_frame, "people"),
                      messages=conform(frame, "messages"),
                      owner=Owner("me", "Me Owner", "benchmark"))
    derive_message_fields(network)
    return network


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=500_000)
    parser.add_argument("--conversations", type=int, default=60_000)
    parser.add_argument("--people", type=int, default=30_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    from netaudit.analyses.replies import outreach_figures, reply_rates

    t = time.perf_counter()
    network = build(args.messages, args.conversations, args.people)
    print(f"built {len(network.messages):,} messages in "
          f"{network.messages['conversation_id'].nunique():,} conversations "
          f"({time.perf_counter() - t:.1f} s)")
    # Wall time and the process's CPU time: on a busy machine the first inflates, the second
    # stays close to what an idle machine would show.
    for _ in range(args.repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        result = reply_rates(network)
        full = (time.perf_counter() - wall, time.process_time() - cpu)
        wall, cpu = time.perf_counter(), time.process_time()
        outreach_figures(network)
        headline = (time.perf_counter() - wall, time.process_time() - cpu)
        print(f"reply_rates: {full[0]:.2f} s wall, {full[1]:.2f} s CPU; outreach_figures "
              f"(analyze's headline): {headline[0]:.2f} s wall, {headline[1]:.2f} s CPU -> "
              f"{result.replied:,} of {result.reached:,} replied, "
              f"{len(result.campaigns)} campaigns")


if __name__ == "__main__":
    main()
