"""The installed entry point: `networks` and `python -m networks_cli`.

It lives apart from `cli` so that the garbage collector is off before Typer and Pydantic are
imported: in a process this short, collection passes during those imports are pure cost.
"""

import gc


def main() -> None:
    gc.disable()
    from networks_cli.cli.app import main as run

    run()


if __name__ == "__main__":
    main()
