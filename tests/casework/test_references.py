from casework.references import ALPHABET, new_reference, normalise_reference


def test_references_avoid_characters_people_confuse():
    for confusable in "0O1IL5S":
        assert confusable not in ALPHABET
    reference = new_reference("FSM")
    assert reference.startswith("FSM-")
    assert all(ch in ALPHABET for ch in reference[4:].replace("-", ""))
    assert len(reference) == len("FSM-XXXX-XXXX")


def test_references_are_not_repeated_in_practice():
    assert len({new_reference("FSM") for _ in range(5000)}) == 5000


def test_typed_references_are_normalised():
    assert normalise_reference(" fsm 7k3m 9qxd ") == "FSM-7K3M-9QXD"
    assert normalise_reference("FSM-7K3M-9QXD") == "FSM-7K3M-9QXD"
    assert normalise_reference("fsm7k3m9qxd") == "FSM-7K3M-9QXD"
