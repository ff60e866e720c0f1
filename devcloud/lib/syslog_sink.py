"""devcloud/lib/syslog_sink.py - receives and drops swift's syslog messages.

Swift servers always add a syslog handler; with no /dev/log here they would
fall back to UDP datagrams sent from sockets bound to 0.0.0.0. Pointing their
`log_address` at this unix socket instead keeps every socket on loopback.
The same messages are already in each server's own log (started with -v).

usage: syslog_sink.py SOCKET_PATH
"""

import os
import socket
import sys

path = sys.argv[1]
try:
    os.unlink(path)
except FileNotFoundError:
    pass
sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
sock.bind(path)
while True:
    sock.recv(65536)
