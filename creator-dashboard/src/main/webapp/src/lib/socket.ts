// The creator's live socket (/streaming, docs/architecture.md "WebSocket protocol"): the token travels as
// sub-protocols (browsers cannot set headers on a WebSocket), the socket reconnects with capped exponential
// backoff and jitter, and re-joins its session with `since` = the last position seen, so nothing is missed
// or shown twice.

export type SocketState = 'connecting' | 'open' | 'reconnecting' | 'offline';

export interface Frame {
  event: string;
  data: any;
  position?: number;
}

type FrameListener = (frame: Frame) => void;
type StateListener = (state: SocketState, detail: string | null) => void;

const MIN_DELAY_MS = 500;
const MAX_DELAY_MS = 15_000;

export class LiveSocket {
  private socket: WebSocket | null = null;
  private state: SocketState = 'connecting';
  private detail: string | null = null;
  private attempts = 0;
  private retryTimer: number | undefined;
  private closed = false;
  private sessionId: string | null = null;
  private lastPosition: number | null = null;
  /** A snapshot of the followed session arrived: only then may a reconnect resume from a position. */
  private followed = false;
  private readonly frameListeners = new Set<FrameListener>();
  private readonly stateListeners = new Set<StateListener>();

  constructor(private readonly token: () => string | null) {
    this.connect();
  }

  onFrame(listener: FrameListener): () => void {
    this.frameListeners.add(listener);
    return () => this.frameListeners.delete(listener);
  }

  onState(listener: StateListener): () => void {
    this.stateListeners.add(listener);
    listener(this.state, this.detail);
    return () => this.stateListeners.delete(listener);
  }

  /** Follows one session; positions restart when the session changes. */
  join(sessionId: string | null): void {
    if (this.sessionId === sessionId) return;
    if (this.sessionId && this.isOpen()) this.send('leave_session', { sessionId: this.sessionId });
    this.sessionId = sessionId;
    this.lastPosition = null;
    this.followed = false;
    if (sessionId && this.isOpen()) this.send('join_session', { sessionId });
  }

  send(event: string, data: unknown): boolean {
    if (!this.isOpen()) return false;
    this.socket!.send(JSON.stringify({ event, data }));
    return true;
  }

  close(): void {
    this.closed = true;
    window.clearTimeout(this.retryTimer);
    this.socket?.close(1000, 'page closed');
    this.setState('offline', null);
  }

  private isOpen(): boolean {
    return this.socket?.readyState === WebSocket.OPEN;
  }

  private connect(): void {
    const token = this.token();
    if (!token || this.closed) {
      this.setState('offline', 'Not signed in');
      return;
    }
    const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/streaming`;
    let socket: WebSocket;
    try {
      socket = new WebSocket(url, [
        'bearer-token-carrier',
        'quarkus-http-upgrade#Authorization#' + encodeURIComponent('Bearer ' + token),
      ]);
    } catch {
      this.scheduleReconnect('The live connection could not be opened');
      return;
    }
    this.socket = socket;
    socket.onopen = () => {
      this.attempts = 0;
      this.setState('open', null);
      if (this.sessionId) {
        this.send(
          'join_session',
          // A join refused or cut short never delivered its snapshot: ask for one again, not for a replay.
          this.lastPosition === null || !this.followed ? { sessionId: this.sessionId } : { sessionId: this.sessionId, since: this.lastPosition },
        );
      }
    };
    socket.onmessage = (message) => {
      if (typeof message.data !== 'string') return;
      let frame: Frame;
      try {
        frame = JSON.parse(message.data);
      } catch {
        return;
      }
      if (typeof frame.position === 'number') {
        if (frame.event !== 'snapshot' && this.lastPosition !== null && frame.position <= this.lastPosition) return;
        this.lastPosition = frame.position;
      }
      if (frame.event === 'snapshot' && this.sessionId && frame.data?.sessionId === this.sessionId) this.followed = true;
      if (frame.event === 'error' && frame.data?.code === 'temporarily_unavailable') {
        socket.close(4000, 'retry');
        return;
      }
      this.frameListeners.forEach((listener) => listener(frame));
    };
    socket.onclose = (event) => {
      if (this.socket !== socket) return;
      this.socket = null;
      if (this.closed) return;
      this.scheduleReconnect(event.code === 1008 ? 'The server closed the connection' : 'Connection lost');
    };
  }

  private scheduleReconnect(reason: string): void {
    this.attempts += 1;
    const ceiling = Math.min(MAX_DELAY_MS, MIN_DELAY_MS * 2 ** Math.min(this.attempts, 10));
    const delay = ceiling / 2 + Math.random() * (ceiling / 2);
    this.setState('reconnecting', `${reason}; retrying in ${Math.ceil(delay / 1000)} s`);
    this.retryTimer = window.setTimeout(() => {
      this.setState('connecting', null);
      this.connect();
    }, delay);
  }

  private setState(state: SocketState, detail: string | null): void {
    this.state = state;
    this.detail = detail;
    this.stateListeners.forEach((listener) => listener(state, detail));
  }
}
