import { createServer } from 'node:http';

// A stand-in for hCaptcha's siteverify on loopback (the real one is out of reach here): it accepts
// every token, so the benchmark measures our side of the round trip, not hCaptcha's.
createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end('{"success":true}');
  });
}).listen(Number(process.env.PORT ?? 0), '127.0.0.1');
