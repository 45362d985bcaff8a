// Builds and signs LiveKit webhooks the way LiveKit's server does, with the official Node SDK: the body is the
// protobuf JSON of a WebhookEvent (@livekit/protocol, so int64 createdAt is a string and enums are names), and
// the Authorization header is an AccessToken (HS256, iss = API key) whose sha256 claim is base64(SHA-256(body)).
// stdin: {"events": [{"apiKey", "apiSecret", "ttl"?, "event": {WebhookEvent as JSON}}]}
// stdout: [{"body": "...", "authorization": "..."}], in order.
import { AccessToken, WebhookEvent } from 'livekit-server-sdk';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

const input = JSON.parse(readFileSync(0, 'utf8'));
const results = [];
for (const item of input.events) {
  const body = WebhookEvent.fromJson(item.event).toJsonString();
  const token = new AccessToken(item.apiKey, item.apiSecret, { ttl: item.ttl ?? '5m' });
  token.sha256 = createHash('sha256').update(body, 'utf8').digest('base64');
  results.push({ body, authorization: await token.toJwt() });
}
process.stdout.write(JSON.stringify(results));
