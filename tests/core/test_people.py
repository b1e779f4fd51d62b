from sumbar_studio.core.people import match_person

TEAM = ["Rina Marlina, S.I.Kom.", "Drs. Hendra Saputra", "Budi Santoso", "Budi Hartono"]


def test_a_short_name_means_the_one_person():
    assert match_person("Rina", TEAM) == "Rina Marlina, S.I.Kom."
    assert match_person("rina marlina", TEAM) == "Rina Marlina, S.I.Kom."
    assert match_person("hendra", TEAM) == "Drs. Hendra Saputra"
    assert match_person("Budi Santoso", TEAM) == "Budi Santoso"


def test_ambiguous_or_unknown_names_are_left_alone():
    assert match_person("Budi", TEAM) is None
    assert match_person("Sari", TEAM) is None
    assert match_person("", TEAM) is None
