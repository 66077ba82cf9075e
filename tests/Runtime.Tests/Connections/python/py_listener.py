"""A Python multiprocessing.connection.Listener for the interop tests.

usage: py_listener.py AF_UNIX|AF_INET PATH|- AUTHKEY_HEX|-
Prints the address (the path, or the TCP port) on the first line, accepts one client, answers every
message with b'py:' + message until the client closes, then prints DONE. A failed handshake prints
AUTH_FAILED and exits with 3.
"""
import sys
from multiprocessing import AuthenticationError
from multiprocessing.connection import Listener

family, path, key_hex = sys.argv[1:4]
authkey = None if key_hex == '-' else bytes.fromhex(key_hex)
address = ('127.0.0.1', 0) if family == 'AF_INET' else path

with Listener(address, family=family, authkey=authkey) as listener:
    print(listener.address[1] if family == 'AF_INET' else listener.address, flush=True)
    try:
        conn = listener.accept()
    except AuthenticationError as e:
        print('AUTH_FAILED', e, flush=True)
        sys.exit(3)
    with conn:
        while True:
            try:
                message = conn.recv_bytes()
            except EOFError:
                break
            conn.send_bytes(b'py:' + message)
print('DONE', flush=True)
