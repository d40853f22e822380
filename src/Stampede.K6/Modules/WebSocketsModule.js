// k6/experimental/websockets: the browser-style WebSocket and Blob, written in JavaScript over a few native
// functions (connect, send, ping, close), so the state machine and event dispatch read as the spec describes them.
// Evaluated once per VU engine; `native` is that engine's WebSocketsModule.
(function (native) {
  'use strict';

  const CONNECTING = 0, OPEN = 1, CLOSING = 2, CLOSED = 3;
  const EVENTS = ['open', 'message', 'error', 'close', 'ping', 'pong'];
  let bytesOf;

  class Blob {
    #bytes;
    #type;

    constructor(parts, options) {
      const chunks = (parts == null ? [] : Array.from(parts)).map(toBytes);
      const size = chunks.reduce((n, c) => n + c.length, 0);
      const bytes = new Uint8Array(size);
      let at = 0;
      for (const c of chunks) { bytes.set(c, at); at += c.length; }
      this.#bytes = bytes;
      this.#type = options && options.type != null ? String(options.type).toLowerCase() : '';
    }

    get size() { return this.#bytes.length; }
    get type() { return this.#type; }
    arrayBuffer() { return Promise.resolve(this.#bytes.slice().buffer); }
    bytes() { return Promise.resolve(this.#bytes.slice()); }
    text() { return Promise.resolve(native.decode(this.#bytes.slice().buffer)); }
    slice(start, end, type) { return new Blob([this.#bytes.slice(start, end)], { type: type }); }

    static { bytesOf = (blob) => blob.#bytes; }
  }

  function toBytes(part) {
    if (part instanceof Blob) return bytesOf(part).slice();
    if (part instanceof ArrayBuffer) return new Uint8Array(part.slice(0));
    if (ArrayBuffer.isView(part)) return new Uint8Array(part.buffer.slice(part.byteOffset, part.byteOffset + part.byteLength));
    return new Uint8Array(native.encode(String(part)));
  }

  class WebSocket {
    #socket;
    #url;
    #state = CONNECTING;
    #protocol = '';
    #binaryType = 'blob';
    #on = {};
    #listeners = {};

    constructor(url, protocols, params) {
      if (url == null) throw new TypeError('WebSocket requires a url');
      this.#url = String(url);
      const offered = protocols == null ? [] : Array.isArray(protocols) ? protocols.map(String) : [String(protocols)];
      this.#socket = native.connect(this.#url, offered, params, (type, init) => this.#receive(type, init));
    }

    get url() { return this.#url; }
    get readyState() { return this.#state; }
    get protocol() { return this.#protocol; }
    get extensions() { return ''; }
    // send() hands the message to the socket before it returns, so nothing is ever left buffered.
    get bufferedAmount() { return 0; }
    get binaryType() { return this.#binaryType; }
    set binaryType(value) {
      if (value !== 'blob' && value !== 'arraybuffer') {
        throw new TypeError(`unknown binaryType ${value}, the supported ones are "blob" and "arraybuffer"`);
      }
      this.#binaryType = value;
    }

    addEventListener(type, listener) {
      if (typeof listener !== 'function') throw new TypeError(`handler for event type "${type}" isn't a callable function`);
      if (!EVENTS.includes(type)) return;
      (this.#listeners[type] ||= []).push(listener);
    }

    removeEventListener(type, listener) {
      const list = this.#listeners[type];
      const at = list ? list.indexOf(listener) : -1;
      if (at >= 0) list.splice(at, 1);
    }

    send(data) {
      this.#assertOpen();
      if (typeof data === 'string') return this.#socket.send(data);
      if (data instanceof ArrayBuffer) return this.#socket.send(data);
      if (ArrayBuffer.isView(data)) return this.#socket.send(data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength));
      if (data instanceof Blob) return this.#socket.send(bytesOf(data).slice().buffer);
      throw new TypeError(`unsupported send type ${typeof data}`);
    }

    ping() {
      this.#assertOpen();
      this.#socket.ping();
    }

    close(code, reason) {
      if (this.#state === CLOSING || this.#state === CLOSED) return;
      if (code != null && code !== 1000 && !(code >= 3000 && code <= 4999)) {
        throw new Error(`InvalidAccessError: Failed to execute 'close' on 'WebSocket': The close code must be either 1000, or between 3000 and 4999. ${code} is neither`);
      }
      const text = reason == null ? '' : String(reason);
      if (native.encode(text).byteLength > 123) {
        throw new Error("SyntaxError: Failed to execute 'close' on 'WebSocket': The message must not be greater than 123 bytes");
      }
      this.#state = CLOSING;
      this.#socket.close(code == null ? 1000 : code, text);
    }

    #assertOpen() {
      if (this.#state !== OPEN) throw new Error('InvalidStateError');
    }

    #receive(type, init) {
      const event = { type: type, target: this, timestamp: init.timestamp };
      switch (type) {
        case 'open':
          if (this.#state !== CONNECTING) return;
          this.#state = OPEN;
          this.#protocol = init.protocol;
          break;
        case 'message':
          if (this.#state !== OPEN) return;
          event.data = !init.binary ? init.data : this.#binaryType === 'arraybuffer' ? init.data : new Blob([init.data]);
          event.origin = this.#url;
          break;
        case 'close':
          if (this.#state === CLOSED) return;
          this.#state = CLOSED;
          event.code = init.code;
          event.reason = init.reason;
          event.wasClean = init.code === 1000;
          break;
        case 'error':
          event.error = init.error;
          break;
      }
      const on = this.#on[type];
      if (on) on.call(this, event);
      for (const listener of (this.#listeners[type] || []).slice()) listener.call(this, event);
    }

    static #bind(name, type) {
      Object.defineProperty(WebSocket.prototype, name, {
        get() { return this.#on[type] || null; },
        set(handler) {
          if (handler == null) { delete this.#on[type]; return; }
          if (typeof handler !== 'function') throw new TypeError(`a value for '${name}' should be callable`);
          this.#on[type] = handler;
        },
        enumerable: true,
        configurable: true,
      });
    }

    static {
      for (const type of EVENTS) WebSocket.#bind('on' + type, type);
      for (const [name, value] of [['CONNECTING', CONNECTING], ['OPEN', OPEN], ['CLOSING', CLOSING], ['CLOSED', CLOSED]]) {
        Object.defineProperty(WebSocket, name, { value: value, enumerable: true });
        Object.defineProperty(WebSocket.prototype, name, { value: value, enumerable: true });
      }
    }
  }

  return { WebSocket: WebSocket, Blob: Blob };
})
