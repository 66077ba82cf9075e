"""A Python multiprocessing.connection.Client for the interop tests.

usage: py_client.py AF_UNIX|AF_INET PATH|PORT AUTHKEY_HEX|-
Sends a short, a large (> 16 KiB, header sent apart) and an empty message, expects each back with a
b'dotnet:' prefix, and prints OK. A failed handshake prints AUTH_FAILED and exits with 3.
"""
import sys
from multiprocessing import AuthenticationError
from multiprocessing.connection import Client

family, where, key_hex = sys.argv[1:4]
authkey = None if key_hex == '-' else bytes.fromhex(key_hex)
address = ('127.0.0.1', int(where)) if family == 'AF_INET' else where

try:
    conn = Client(address, family=family, authkey=authkey)
except AuthenticationError as e:
    print('AUTH_FAILED', e, flush=True)
    sys.exit(3)

with conn:
    big = bytes(range(256)) * 400
    for message in (b'hello from python', big, b''):
        conn.send_bytes(message)
        answer = conn.recv_bytes()
        if answer != b'dotnet:' + message:
            print('MISMATCH', len(answer), answer[:40], flush=True)
            sys.exit(4)
print('OK', flush=True)
