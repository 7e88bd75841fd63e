// Sends one HL7 v2 message file to an MLLP listener with node-hl7-client (an HL7 peer no one here wrote) and
// prints the acknowledgement it receives.  Usage: node tests/peers/hl7-send.mjs <port> <file.hl7>
import { readFileSync } from 'node:fs';
import { Client, Message } from 'node-hl7-client';

const [, , port, file] = process.argv;
if (!port || !file) {
  console.error('usage: node hl7-send.mjs <port> <file.hl7>');
  process.exit(2);
}

const text = readFileSync(file, 'utf8').replace(/\r?\n/g, '\r').trimEnd();
const client = new Client({ host: '127.0.0.1', version: '2.5' });
const timer = setTimeout(() => {
  console.error('no acknowledgement within 20 s');
  process.exit(3);
}, 20000);
const connection = client.createConnection({ port: Number(port), waitAck: true }, async (response) => {
  console.log(response.getMessage().toString());
  clearTimeout(timer);
  await connection.close();
  process.exit(0);
});
await connection.sendMessage(new Message({ text }));
