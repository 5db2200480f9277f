/**
 * Data model of a parsed iproute2 `ss` listing (`ss -tanp`, `ss -tlnp`, `ss -anp`, with or
 * without the Netid/State columns), plus the aggregates a socket view shows.
 */

export interface SsAddress {
  /** As printed: "127.0.0.1:8001", "[::1]:80", "*:22", "0.0.0.0:*", "/run/x.sock 1234". */
  text: string;
  /** Without brackets or interface: "127.0.0.1", "::1", "*", a unix path or "*". */
  host: string;
  /** Null for "*" (any port) or a service name. A unix socket's inode goes here. */
  port: number | null;
  /** A port printed as a service name (without `-n`): "http", "ssh". */
  service: string | null;
  /** Scope interface: "lo" of "127.0.0.53%lo:53". */
  iface: string | null;
}

export interface SsProcess {
  /** The process name (comm) in the quotes of `users:(("nginx",pid=12,fd=6))`. */
  name: string;
  pid: number;
  fd: number | null;
}

export interface SsSocket {
  /** "tcp", "udp", "u_str"… when the Netid column is shown (`-a` without `-t`), else null. */
  netid: string | null;
  /** "LISTEN", "ESTAB", "TIME-WAIT"…; null when ss was given a state filter (no State column). */
  state: string | null;
  /** LISTEN: connections waiting in the accept queue. Others: bytes not read by the application. */
  recvQ: number;
  /** LISTEN: the accept-queue limit (backlog). Others: bytes not acknowledged by the peer. */
  sendQ: number;
  local: SsAddress;
  peer: SsAddress;
  /** Owners from `-p` (several when a socket is shared, e.g. nginx or gunicorn workers). */
  processes: SsProcess[];
  /** What follows the process column (`-e`, `-o`: "timer:(keepalive,…)", "ino:… sk:…"). */
  extra?: string;
}

export interface SsListener {
  netid: string | null;
  local: SsAddress;
  /** Recv-Q of a LISTEN socket. */
  acceptQueue: number;
  /** Send-Q of a LISTEN socket. */
  backlog: number;
  /** acceptQueue >= backlog: new connections are being dropped or delayed (SYNs retried). */
  queueFull: boolean;
  processes: SsProcess[];
}

export interface SsCount {
  key: string;
  count: number;
}

export interface SsProcessSockets {
  name: string;
  pid: number;
  sockets: number;
  listening: number;
  established: number;
}

export interface SsModel {
  /** Column names of the current header ("Local Address:Port"…), or those inferred without one. */
  columns: string[];
  /** Sockets in the current listing (all of them, including those not kept). */
  total: number;
  /** The sockets, in order, up to a cap. */
  sockets: SsSocket[];
  droppedSockets: number;
  /** LISTEN sockets with their accept queues. */
  listening: SsListener[];
  /** How many listeners have a full accept queue. */
  fullQueues: number;
  /** Sockets per state, most first. */
  byState: SsCount[];
  /** Non-listening sockets per peer host, the top N, most first. */
  byPeer: SsCount[];
  /** Non-listening sockets whose peer is not in `byPeer`. */
  otherPeers: number;
  /** Sockets per owning process, the top N, most first. */
  byProcess: SsProcessSockets[];
  /** `-i`/`-m` continuation lines (indented, after a socket): recognised, not modelled. */
  detailLines: number;
  /** Header lines seen (a new header starts a new listing). */
  tablesSeen: number;
  unparsedLines: number;
}
