"""Context flags that only server code can set.

WO's engines mark their own writes with a context key (``wo_task_engine``,
``wo_document_flow``...) that the models' ``write()`` otherwise refuse. A
context also comes from outside: JSON-RPC, XML-RPC, JSON-2 and the web
client send one with every call, made of JSON values only. The value of a
WO flag is the object below, which no request can build: a client that sends
``{"wo_task_engine": true}`` gains nothing, and the flag is read with
:func:`trusted`, never with ``context.get``.
"""


class _Trusted:
    __slots__ = ()

    def __repr__(self):
        return "TRUSTED"

    def __copy__(self):
        return self

    def __deepcopy__(self, memo):
        return self

    def __reduce__(self):
        return "TRUSTED"


TRUSTED = _Trusted()


def trusted(env, key):
    """Whether server code set the flag ``key`` in ``env``'s context."""
    return env.context.get(key) is TRUSTED
