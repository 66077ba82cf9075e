"""The Python side of the PythonInterop sample: a multiprocessing.connection.Listener.

Start it first, in this folder:

    python3 python_listener.py            # listens on 127.0.0.1:6000 with authkey b'multiproc sample'

then run the C# client:

    dotnet run --project samples/PythonInterop

It accepts one client at a time and answers every message: a b'add a b' request gets the sum back,
anything else comes back upper-cased. 'quit' stops it. Works with Python 3.8 and newer: 3.12+ use
the {sha256} handshake, older ones HMAC-MD5, and the C# client speaks both.
"""
import sys
from multiprocessing import AuthenticationError
from multiprocessing.connection import Listener

ADDRESS = ('127.0.0.1', int(sys.argv[1]) if len(sys.argv) > 1 else 6000)
AUTHKEY = b'multiproc sample'

with Listener(ADDRESS, authkey=AUTHKEY) as listener:
    print(f'Python {sys.version.split()[0]} listening on {listener.address}', flush=True)
    running = True
    while running:
        try:
            conn = listener.accept()
        except AuthenticationError as e:
            print('a client failed to authenticate:', e, flush=True)
            continue
        print('connection accepted from', listener.last_accepted, flush=True)
        with conn:
            while True:
                try:
                    message = conn.recv_bytes()
                except EOFError:
                    break
                if message == b'quit':
                    running = False
                    break
                parts = message.split()
                if len(parts) == 3 and parts[0] == b'add':
                    conn.send_bytes(str(int(parts[1]) + int(parts[2])).encode())
                else:
                    conn.send_bytes(message.upper())
print('bye', flush=True)
