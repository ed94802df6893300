"""Join codes are easy to read aloud; facilitator PINs are hashed, checked and rate-limited."""

from __future__ import annotations

import random

import pytest

from playbook.domain.workshop import (
    CODE_ALPHABET,
    check_pin_format,
    display_code,
    hash_pin,
    new_join_code,
    normalize_code,
    pin_delay,
    verify_pin,
)


def test_the_alphabet_has_no_lookalikes_and_no_vowels():
    for confusing in "0O1IL":
        assert confusing not in CODE_ALPHABET
    for vowel in "AEIOUY":
        assert vowel not in CODE_ALPHABET
    assert len(set(CODE_ALPHABET)) == len(CODE_ALPHABET) >= 25


def test_a_join_code_is_six_characters_from_the_alphabet():
    rng = random.Random(7)
    codes = [new_join_code(rng) for _ in range(500)]
    assert all(len(code) == 6 and set(code) <= set(CODE_ALPHABET) for code in codes)
    assert len(set(codes)) == 500  # 27**6 codes: repeats in 500 would be a bug
    used = set("".join(codes))
    assert used == set(CODE_ALPHABET)  # every character gets used


def test_join_codes_come_from_the_secure_generator_by_default():
    assert new_join_code() != new_join_code()


def test_the_same_seeded_generator_gives_the_same_code():
    assert new_join_code(random.Random(1)) == new_join_code(random.Random(1))


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("K7MQ2P", "K7MQ2P"),
        ("k7m-q2p", "K7MQ2P"),
        ("  K7M Q2P ", "K7MQ2P"),
        ("k 7 m - q 2 p", "K7MQ2P"),
    ],
)
def test_a_typed_code_is_normalised(typed, code):
    assert normalize_code(typed) == code


@pytest.mark.parametrize(
    "typed",
    [
        "K7MQ20",  # a zero is never in a code
        "K7MQ2O",  # nor the letter O
        "K7MQ21",
        "K7MQ2L",
        "K7MQ2A",  # nor a vowel
        "K7MQ2",  # too short
        "K7MQ2PP",  # too long
        "",
        "K7M_Q2P",
    ],
)
def test_text_that_cannot_be_a_code_normalises_to_empty(typed):
    assert normalize_code(typed) == ""


def test_a_code_is_shown_with_a_dash_in_the_middle():
    assert display_code("K7MQ2P") == "K7M-Q2P"
    assert normalize_code(display_code("K7MQ2P")) == "K7MQ2P"


def test_a_pin_hash_verifies_the_right_pin_only():
    stored = hash_pin("4821")
    assert verify_pin("4821", stored)
    assert not verify_pin("4820", stored)
    assert not verify_pin("", stored)


def test_a_pin_hash_is_scrypt_with_a_random_salt():
    first, second = hash_pin("4821"), hash_pin("4821")
    assert first != second  # a new salt each time
    scheme, salt, digest = first.split("$")
    assert scheme == "scrypt"
    assert len(bytes.fromhex(salt)) == 16
    assert len(bytes.fromhex(digest)) >= 32
    # Neither the PIN nor its plain hex is a field (a substring test would fail by chance:
    # 96 random hex digits hold "4821" about once in 700 hashes).
    assert "4821" not in (salt, digest) and b"4821".hex() not in (salt, digest)


def test_the_same_salt_gives_the_same_hash():
    salt = bytes(range(16))
    assert hash_pin("4821", salt) == hash_pin("4821", salt)
    assert hash_pin("4821", salt).split("$")[1] == salt.hex()


@pytest.mark.parametrize("stored", ["", "4821", "scrypt$$", "bcrypt$00$00", "scrypt$zz$zz"])
def test_a_malformed_stored_hash_never_verifies(stored):
    assert verify_pin("4821", stored) is False


@pytest.mark.parametrize("pin", ["1234", "000000", "123456789012"])
def test_four_to_twelve_digits_make_a_pin(pin):
    assert check_pin_format(pin) is None


@pytest.mark.parametrize("pin", ["123", "1234567890123", "12a4", " 1234", "12 34", "١٢٣٤", ""])
def test_anything_else_is_refused_with_a_message(pin):
    message = check_pin_format(pin)
    assert message is not None
    assert "4 to 12 digits" in message


def test_the_first_three_failures_cost_no_wait():
    assert [pin_delay(n) for n in range(4)] == [0, 0, 0, 0]


def test_then_the_wait_doubles_from_one_second_up_to_thirty():
    assert [pin_delay(n) for n in range(4, 11)] == [1, 2, 4, 8, 16, 30, 30]
    assert pin_delay(10_000) == 30
