// Verifies access tokens with the official LiveKit Node server SDK (TokenVerifier), an implementation independent
// of the Java SDK that signed them. stdin: {"apiKey", "apiSecret", "tokens": [jwt...]}
// stdout: [{"ok": true, "claims": {...}} | {"ok": false, "error": "..."}], in the order of the tokens.
import { TokenVerifier } from 'livekit-server-sdk';
import { readFileSync } from 'node:fs';

const input = JSON.parse(readFileSync(0, 'utf8'));
const verifier = new TokenVerifier(input.apiKey, input.apiSecret);
const results = [];
for (const token of input.tokens) {
  try {
    // clockTolerance 0: an expired token must fail here exactly as LiveKit's server would refuse it.
    results.push({ ok: true, claims: await verifier.verify(token, 0) });
  } catch (e) {
    results.push({ ok: false, error: `${e.code ?? e.name}: ${e.message}` });
  }
}
process.stdout.write(JSON.stringify(results));
