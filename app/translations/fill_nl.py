"""Fill empty Dutch translations with the message id (the ids are Dutch).

Run by `make messages` after `pybabel update`, so that the nl catalogue is complete
and only the other languages need a translator.
"""

from pathlib import Path

from babel.messages.pofile import read_po, write_po

PO = Path(__file__).parent / "nl" / "LC_MESSAGES" / "messages.po"


def main() -> None:
    with PO.open("rb") as handle:
        catalog = read_po(handle, locale="nl")
    for message in catalog:
        if message.id and not any(
            message.string if isinstance(message.string, tuple) else [message.string]
        ):
            message.string = message.id
        message.flags.discard("fuzzy")
    with PO.open("wb") as handle:
        write_po(handle, catalog, width=0, omit_header=False)


if __name__ == "__main__":
    main()
