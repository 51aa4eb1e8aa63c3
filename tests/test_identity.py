"""Who is who across files: each merge rule of identity.resolve, with hand-built people rows."""

from __future__ import annotations

import pandas as pd
import pytest

from netaudit.identity import normalize_url, resolve
from netaudit.model import Network, conform


def _network(rows, interactions=()):
    people = conform(pd.DataFrame(rows), "people")
    net = Network(people=people)
    if interactions:
        net.interactions = conform(pd.DataFrame(list(interactions)), "interactions")
    return resolve(net)


def test_url_variants_are_one_person():
    # Endorsements give the URL without scheme; Connections with https://www. and an encoded slug.
    assert normalize_url("www.linkedin.com/in/jos%C3%A9-ruiz") == normalize_url(
        "https://www.linkedin.com/in/Jos%C3%A9-Ruiz/"
    )
    net = _network([
        {"person_id": "c:0", "name": "José Ruiz", "profile_url": "linkedin.com/in/josé-ruiz",
         "is_connection": True},
        {"person_id": "e:0", "name": "Jose Ruiz", "profile_url": "linkedin.com/in/josé-ruiz"},
    ])
    assert list(net.people["person_id"]) == ["c:0"]


def test_name_only_row_joins_a_unique_namesake():
    net = _network([
        {"person_id": "c:0", "name": "Ana Ruiz", "profile_url": "linkedin.com/in/ana",
         "is_connection": True},
        {"person_id": "r:0", "name": "Ana Ruiz, MBA"},
    ])
    assert list(net.people["person_id"]) == ["c:0"]


def test_two_namesakes_with_profiles_stay_apart_and_a_name_only_row_is_not_guessed():
    net = _network(
        [
            {"person_id": "c:0", "name": "Ana Ruiz", "profile_url": "linkedin.com/in/ana-1",
             "company": "Acme", "is_connection": True},
            {"person_id": "c:1", "name": "Ana Ruiz", "profile_url": "linkedin.com/in/ana-2",
             "company": "Beta", "is_connection": True},
            {"person_id": "r:0", "name": "Ana Ruiz"},  # no company: cannot tell which
        ],
        [{"person_id": "r:0", "kind": "recommendation", "direction": "received"}],
    )
    assert sorted(net.people["person_id"]) == ["c:0", "c:1", "r:0"]
    assert list(net.interactions["person_id"]) == ["r:0"]


def test_name_only_row_joins_the_namesake_with_the_same_company():
    # A recommendation names the person and their company; only c:1 works at Beta.
    net = _network(
        [
            {"person_id": "c:0", "name": "Ana Ruiz", "profile_url": "linkedin.com/in/ana-1",
             "company": "Acme", "is_connection": True},
            {"person_id": "c:1", "name": "Ana Ruiz", "profile_url": "linkedin.com/in/ana-2",
             "company": "Beta", "is_connection": True},
            {"person_id": "r:0", "name": "Ana Ruiz", "company": "BETA"},
        ],
        [{"person_id": "r:0", "kind": "recommendation", "direction": "received"}],
    )
    assert sorted(net.people["person_id"]) == ["c:0", "c:1"]
    assert list(net.interactions["person_id"]) == ["c:1"]


def test_email_links_rows_without_url():
    net = _network([
        {"person_id": "c:0", "name": "Ana Ruiz", "email": "ana@example.com",
         "is_connection": True},
        {"person_id": "m:0", "name": "A. Ruiz", "email": "ana@example.com"},
    ])
    assert list(net.people["person_id"]) == ["c:0"]
    assert net.people.loc[0, "is_connection"]


def test_owner_with_a_namesake_connection_is_the_one_in_the_conversations(tmp_path):
    # Profile.csv names "Ana Ruiz" without URL; a connection is another Ana Ruiz (other URL);
    # the owner's own messages carry ana-ruiz-owner. The name alone is ambiguous, so the owner
    # is the namesake present in the most conversations: ana-ruiz-owner (1), not -other (0).
    import netaudit

    (tmp_path / "Connections.csv").write_text(
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        "Bo,Li,https://www.linkedin.com/in/bo-li,,,Engineer,01 Jan 2020\n"
        "Ana,Ruiz,https://www.linkedin.com/in/ana-ruiz-other,,,Designer,01 Jan 2020\n")
    (tmp_path / "Profile.csv").write_text(
        "First Name,Last Name,Maiden Name,Address,Birth Date,Headline,Summary,Industry,"
        "Zip Code,Geo Location,Twitter Handles,Websites,Instant Messengers\n"
        "Ana,Ruiz,,,,Recruiter,,,,,,,\n")
    (tmp_path / "messages.csv").write_text(
        "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,"
        "DATE,SUBJECT,CONTENT,FOLDER\n"
        "c1,,Ana Ruiz,https://www.linkedin.com/in/ana-ruiz-owner,Bo Li,"
        "https://www.linkedin.com/in/bo-li,2024-01-01 10:00:00 UTC,,Hello Bo,INBOX\n"
        "c1,,Bo Li,https://www.linkedin.com/in/bo-li,Ana Ruiz,"
        "https://www.linkedin.com/in/ana-ruiz-owner,2024-01-02 10:00:00 UTC,,Hi Ana,INBOX\n")
    net = netaudit.load([tmp_path])
    owner = net.people.set_index("person_id").loc[net.owner_id]
    assert owner["profile_url"] == "linkedin.com/in/ana-ruiz-owner"
    assert list(net.messages["direction"]) == ["outgoing", "incoming"]
    assert int(net.people["is_owner"].sum()) == 1


# --- issue 10: credentialed people under their plain name ------------------------------------


@pytest.mark.parametrize(("written", "plain", "credentials"), [
    # Every form seen in real exports (issue 10 fact 3, docs/formats.md section 2.2).
    ("Dana Reyes, MA, BFA, PhD (abd)", "Dana Reyes", "MA, BFA, PhD (abd)"),
    ("Li Wei, Ph.D.", "Li Wei", "Ph.D."),
    ("Sam Oduya, M.S.", "Sam Oduya", "M.S."),
    ("Jo Park, M.B.A.", "Jo Park", "M.B.A."),
    ("Priya Nair, ACIPM,AISMN,MOLDN", "Priya Nair", "ACIPM, AISMN, MOLDN"),
    ("Tom Baker (ACIPM, HRPL)", "Tom Baker", "ACIPM, HRPL"),
    ("Uma Rao {MBA, CIPM, TAPcert.}", "Uma Rao", "MBA, CIPM, TAPcert."),
    ("Ned Hale PHRi™", "Ned Hale", "PHRi™"),
    ("Vera Holm, SPHR", "Vera Holm", "SPHR"),
    ("Bo Lind, MBA ", "Bo Lind", "MBA"),
    ("Ravi Shah, CFA Charterholder", "Ravi Shah", "CFA Charterholder"),
    # Seen in a published 4,710-row list (2026) and kept whole before: spaced abbreviations,
    # a UK master's, a qualifier, a remark glued on, marks and a flag after the letters, and
    # a character a re-save lost ('\ufffd').
    ("Rea Moss, Ph. D", "Rea Moss", "Ph. D"),
    ("Ivo Lund, Psy. D.", "Ivo Lund", "Psy. D."),
    ("Tea Kerr, M. Ed.", "Tea Kerr", "M. Ed."),
    ("Gil Sandhu Lark, MPhys", "Gil Sandhu Lark", "MPhys"),
    ("Rue Brook, BA Hons.", "Rue Brook", "BA Hons."),
    ("Abi Ola, MBA(In-view)", "Abi Ola", "MBA(In-view)"),
    ("Eli Bota, CSM ® 🇨🇦", "Eli Bota", "CSM ® 🇨🇦"),
    ("Kay Shrank, MA, ELS \ufffd", "Kay Shrank", "MA, ELS \ufffd"),
    # And in a published 2021 export of an HR professional's network: no comma at all, a
    # comma left at the end, credentials glued to brackets or after a dash.
    ("Ada Obi ACIPM HRPL", "Ada Obi", "ACIPM, HRPL"),
    ("Ada Obi ACIPM,", "Ada Obi", "ACIPM"),
    ("Ada Obi(AAT ACA)", "Ada Obi", "AAT ACA"),
    ("Ada Obi (Assoc CIPD)", "Ada Obi", "Assoc CIPD"),
    ("Ada Obi Assoc CIPD", "Ada Obi", "Assoc CIPD"),
    ("Ada Obi - CKPIP", "Ada Obi", "CKPIP"),
    ("Ada Obi -ACIPM", "Ada Obi", "ACIPM"),
    ("ADA OBI - MBA", "ADA OBI", "MBA"),
    # And in a 2022 export from Montreal: Quebec's professional titles after the last name,
    # and a double-barrelled last name in capitals after a dash.
    ("Noe Girard, agr.", "Noe Girard", "agr."),
    ("Noe Girard, agr. MBA", "Noe Girard", "agr. MBA"),
    ("Noe Girard, Jr. Eng.", "Noe Girard", "Jr. Eng."),
    ("Noe Girard, B. Sc. A.", "Noe Girard", "B. Sc. A."),
    ("Noe Girard, CPA, Adm. A.", "Noe Girard", "CPA, Adm. A."),
    ("Eve MARTIN - LEBLANC", "Eve MARTIN - LEBLANC", ""),
    ("Eve MARTIN - MBA", "Eve MARTIN", "MBA"),
    # Suffixes are part of the name (they tell father and son apart) and stop the stripping.
    ("Lee Kim, Jr.", "Lee Kim, Jr.", ""),
    ("Lee Kim III", "Lee Kim III", ""),
    ("Lee Kim, Jr., PhD", "Lee Kim, Jr.", "PhD"),
    ("Ana Ruiz, J. R.", "Ana Ruiz, J. R.", ""),
    ("Ana Ruiz, 🌈", "Ana Ruiz, 🌈", ""),
    # A dash between names, capitals without a listed credential, a last word of two letters.
    ("Ana Ruiz - Lopez Garcia", "Ana Ruiz - Lopez Garcia", ""),
    ("ANA - RUIZ", "ANA - RUIZ", ""),
    ("Li Jack Ma", "Li Jack Ma", ""),
    ("Ana Ruiz, Assoc", "Ana Ruiz, Assoc", ""),
    # A last name that only looks like a credential never vanishes: two words of name stay.
    ("Wei MA", "Wei MA", ""),
    ("Wei, MA", "Wei, MA", ""),
    ("Cher, MBA", "Cher, MBA", ""),
    # Capitals, surnames and remarks that are no credential.
    ("Ana SMITH", "Ana SMITH", ""),
    ("Yo-Yo Ma", "Yo-Yo Ma", ""),
    ("Kim, Lee", "Kim, Lee", ""),
    ("Ana Ruiz, Sales", "Ana Ruiz, Sales", ""),
    ("Robert Smith (Bob)", "Robert Smith (Bob)", ""),
    ("Amazon Web Services (AWS)", "Amazon Web Services (AWS)", ""),
    ('Nhat "Vy" Tran', 'Nhat "Vy" Tran', ""),
    ("", "", ""),
])
def test_split_credentials(written, plain, credentials):
    from netaudit.identity import split_credentials

    assert split_credentials(written) == (plain, credentials)


def test_generic_csv_shows_the_plain_name(tmp_path):
    import netaudit

    path = tmp_path / "people.csv"
    path.write_text("First Name,Last Name,Email\nDana,\"Reyes, PhD\",dana@example.com\n"
                    "Lee,\"Kim, Jr.\",lee@example.com\n", encoding="utf-8")
    people = netaudit.Audit([path]).network.people.set_index("email")
    assert people.at["dana@example.com", "name"] == "Dana Reyes"
    assert people.at["dana@example.com", "credentials"] == "PhD"
    assert people.at["dana@example.com", "last_name"] == "Reyes, PhD"  # as the file gave it
    assert people.at["lee@example.com", "name"] == "Lee Kim, Jr."


def test_joiners_stay_inside_the_words_of_real_scripts():
    # Dropping emoji and symbols from names must not split words: a zero-width joiner or
    # non-joiner belongs inside Malayalam, Sinhala and Persian words, which are written both
    # with and without it; the same name either way is one key. Emoji and flags go.
    from netaudit.identity import normalize_name

    pairs = [("സുര്\u200dജിത് നായർ", "സുര്ജിത് നായർ"), ("ශ්\u200dරීනාත් පෙරේරා", "ශ්රීනාත් පෙරේරා"),
             ("زهره\u200cسادات احمدی", "زهرهسادات احمدی"), ("Anna\u00adLena Berg", "AnnaLena Berg")]
    for joined_name, plain in pairs:
        assert normalize_name(joined_name) == normalize_name(plain)
        assert " " in normalize_name(plain)  # two words: given name and surname
    assert normalize_name("Rob Kessler\U0001f538") == "rob kessler"
    assert normalize_name("Milo Varga\U0001f1fa\U0001f1e6") == "milo varga"
    assert normalize_name("Kim Lee 李金") == "kim lee lijin"  # CJK spelled as before
    assert normalize_name("김민수") == "gimminsu"
