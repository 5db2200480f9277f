// Baseline C of the terminal benchmark, run INSIDE the page after xterm.js's UMD build (which
// defines `window.Terminal`): feed xterm.js the same kind of text as `head -c N /dev/urandom |
// base64` through a PTY (76-character lines ending in \r\n), generated on the fly in ~64 KiB
// chunks, with at most `windowBytes` written but not yet parsed (the app's flow-control window).
// Plain JS on purpose: it is loaded with page.addScriptTag, untouched by any build step.

window.wbXtermAlone = function wbXtermAlone(options) {
  const { randomBytes, cols, rows, windowBytes, linesPerChunk, terminalOptions } = options;
  const host = document.createElement('div');
  host.className = 'wb-bench-terminal';
  document.body.appendChild(host);
  const terminal = new window.Terminal({ ...terminalOptions, cols, rows });
  terminal.open(host);

  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  const table = Uint8Array.from(alphabet, (c) => c.charCodeAt(0));
  const EQUALS = 61;
  const LINE = 57; // random bytes per 76-character base64 line, as GNU base64 wraps them
  const random = new Uint8Array(LINE * linesPerChunk);
  let remaining = randomBytes;
  let generateMs = 0;

  const nextChunk = () => {
    const started = performance.now();
    const n = Math.min(remaining, random.length);
    remaining -= n;
    for (let i = 0; i < n; i += 65536) {
      crypto.getRandomValues(random.subarray(i, Math.min(n, i + 65536)));
    }
    const out = new Uint8Array(Math.ceil(n / LINE) * 78);
    let o = 0;
    for (let line = 0; line < n; line += LINE) {
      const end = Math.min(n, line + LINE);
      let i = line;
      for (; i + 3 <= end; i += 3) {
        const v = (random[i] << 16) | (random[i + 1] << 8) | random[i + 2];
        out[o++] = table[v >> 18];
        out[o++] = table[(v >> 12) & 63];
        out[o++] = table[(v >> 6) & 63];
        out[o++] = table[v & 63];
      }
      if (i < end) {
        const two = i + 1 < end;
        const v = (random[i] << 16) | (two ? random[i + 1] << 8 : 0);
        out[o++] = table[v >> 18];
        out[o++] = table[(v >> 12) & 63];
        out[o++] = two ? table[(v >> 6) & 63] : EQUALS;
        out[o++] = EQUALS;
      }
      out[o++] = 13;
      out[o++] = 10;
    }
    generateMs += performance.now() - started;
    return out.subarray(0, o);
  };

  return new Promise((resolve, reject) => {
    let bytes = 0;
    let inFlight = 0;
    let peakInFlight = 0;
    let chunks = 0;
    const started = performance.now();
    const finish = () => {
      const ms = performance.now() - started;
      const result = {
        bytes,
        chunks,
        ms,
        generateMs,
        peakInFlight,
        cols: terminal.cols,
        rows: terminal.rows,
        lastLine: terminal.buffer.active
          .getLine(terminal.buffer.active.baseY + terminal.buffer.active.cursorY - 1)
          ?.translateToString(true),
        scrollback: terminal.buffer.active.length,
      };
      terminal.dispose();
      host.remove();
      resolve(result);
    };
    const pump = () => {
      try {
        while (inFlight < windowBytes && remaining > 0) {
          const chunk = nextChunk();
          inFlight += chunk.length;
          bytes += chunk.length;
          chunks++;
          peakInFlight = Math.max(peakInFlight, inFlight);
          terminal.write(chunk, () => {
            inFlight -= chunk.length;
            if (remaining === 0 && inFlight === 0) finish();
            else pump();
          });
        }
      } catch (err) {
        reject(err);
      }
    };
    pump();
  });
};
