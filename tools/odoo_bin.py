"""Odoo's command line, as Odoo's own ``odoo-bin``: ``python3 tools/odoo_bin.py
server -c ...``.

The commands run Odoo through this file rather than ``python3 -m odoo``:
Odoo's multi-process server starts its gevent process (the web client's
live updates) again with the path of the script it was started with
(``sys.argv[0]``), which for ``-m odoo`` is a module file that cannot run as
a script.
"""

import odoo.cli

if __name__ == "__main__":
    odoo.cli.main()
