// Signs an arbitrary body as LiveKit signs webhooks (AccessToken, HS256, sha256 claim), for tests that need a
// correct signature over something that is not a WebhookEvent. stdin: {"apiKey", "apiSecret", "body"}
// stdout: {"authorization": "..."}
import { AccessToken } from 'livekit-server-sdk';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

const input = JSON.parse(readFileSync(0, 'utf8'));
const token = new AccessToken(input.apiKey, input.apiSecret, { ttl: '5m' });
token.sha256 = createHash('sha256').update(input.body, 'utf8').digest('base64');
process.stdout.write(JSON.stringify({ authorization: await token.toJwt() }));
